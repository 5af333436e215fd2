import type { MemberResult, ScoringRules, SheetContent, YearState } from '@thidua/domain';
import { In, IsNull } from 'typeorm';
import {
  CovenantItem,
  CovenantSignature,
  CriteriaSet,
  Deferral,
  EmulationYear,
  ScoreSheet,
  ScoreSheetDraft,
  TitleRegistration,
  YearResult,
  type DeferralReason,
  type Evidence,
  type SheetDraftContent,
} from '../entities';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

const repo = async <T extends object>(entity: new () => T) => (await tenantManager()).getRepository(entity);

export type SheetDraftKey = Pick<
  ScoreSheetDraft,
  'userId' | 'emulationYearId' | 'scorerUnitId' | 'targetUnitId'
>;

export const emulationYearRepository = {
  async byIds(ids: readonly string[]): Promise<EmulationYear[]> {
    if (!ids.length) return [];
    return (await repo(EmulationYear)).findBy({ id: In([...ids]) });
  },

  /** Every block's year `year` in the province. */
  async inYear(year: number): Promise<EmulationYear[]> {
    return (await repo(EmulationYear)).findBy({ year });
  },

  /** A block's years, newest first (its history). */
  async ofBlock(blockId: string): Promise<EmulationYear[]> {
    return (await repo(EmulationYear)).find({ where: { blockId }, order: { year: 'DESC' } });
  },

  async find(blockId: string, year: number): Promise<EmulationYear | null> {
    return (await repo(EmulationYear)).findOneBy({ blockId, year });
  },

  async create(
    input: Omit<
      EmulationYear,
      | 'provinceId'
      | 'id'
      | 'state'
      | 'createdAt'
      | 'updatedAt'
      | 'flagQuotaOverride'
      | 'meritQuotaOverride'
      | 'recordedFromDocuments'
      | 'sourceReference'
    >,
  ): Promise<EmulationYear> {
    const r = await repo(EmulationYear);
    return r.save(r.create({ ...input, provinceId: currentProvinceId(), state: 'DRAFT' }));
  },

  async update(
    id: string,
    patch: Partial<
      Pick<
        EmulationYear,
        'theme' | 'headUnitId' | 'deputyUnitId' | 'criteriaSetId' | 'registrationDeadline' | 'scoringDeadline'
      >
    >,
  ) {
    const r = await repo(EmulationYear);
    await r.update({ provinceId: currentProvinceId(), id }, { ...patch, updatedAt: new Date() });
    return r.findOneByOrFail({ id });
  },

  /** R2/R3 for this block and year only (null: the province's rule). */
  async setQuotaOverride(id: string, flag: number | null, merit: number | null): Promise<void> {
    await (
      await tenantManager()
    ).query(`UPDATE emulation_year SET flag_quota_override = $2, merit_quota_override = $3 WHERE id = $1`, [
      id,
      flag,
      merit,
    ]);
  },

  /** Moves the year only if it is still in `from`: two concurrent transitions cannot both succeed. */
  async transition(id: string, from: YearState, to: YearState): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE emulation_year SET state = $3, updated_at = now() WHERE id = $1 AND state = $2 RETURNING id`,
      [id, from, to],
    );
    return rows.length === 1;
  },

  /**
   * Next year's draft for the block, carrying the theme and the covenant items over as a starting point. Idempotent:
   * when the block already has that year, nothing changes and the existing one is returned.
   */
  async openNext(
    previous: EmulationYear,
    headUnitId: string | null,
    deputyUnitId: string | null,
  ): Promise<{ year: EmulationYear; created: boolean }> {
    const m = await tenantManager();
    const inserted = await returning<{ id: string }>(
      m,
      `INSERT INTO emulation_year (province_id, block_id, year, theme, head_unit_id, deputy_unit_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (province_id, block_id, year) DO NOTHING RETURNING id`,
      [currentProvinceId(), previous.blockId, previous.year + 1, previous.theme, headUnitId, deputyUnitId],
    );
    if (inserted[0]) {
      await m.query(
        `INSERT INTO covenant_item (province_id, emulation_year_id, position, text)
         SELECT province_id, $2, position, text FROM covenant_item WHERE emulation_year_id = $1`,
        [previous.id, inserted[0].id],
      );
    }
    const year = await m
      .getRepository(EmulationYear)
      .findOneByOrFail({ blockId: previous.blockId, year: previous.year + 1 });
    return { year, created: Boolean(inserted[0]) };
  },

  async covenantItems(yearIds: readonly string[]): Promise<CovenantItem[]> {
    if (!yearIds.length) return [];
    return (await repo(CovenantItem)).find({
      where: { emulationYearId: In([...yearIds]) },
      order: { position: 'ASC' },
    });
  },

  async replaceCovenantItems(yearId: string, texts: string[]): Promise<void> {
    const r = await repo(CovenantItem);
    await r.delete({ provinceId: currentProvinceId(), emulationYearId: yearId });
    await r.insert(
      texts.map((text, i) => ({
        provinceId: currentProvinceId(),
        emulationYearId: yearId,
        position: i + 1,
        text,
      })),
    );
  },

  async signatures(yearIds: readonly string[]): Promise<CovenantSignature[]> {
    if (!yearIds.length) return [];
    return (await repo(CovenantSignature)).find({
      where: { emulationYearId: In([...yearIds]) },
      order: { signedAt: 'ASC' },
    });
  },

  /** Idempotent: signing twice keeps the first signature. Returns the signature in force. */
  async sign(
    yearId: string,
    unitId: string,
    userId: string,
    onBehalfReason: string | null = null,
  ): Promise<CovenantSignature> {
    const m = await tenantManager();
    await m.query(
      `INSERT INTO covenant_signature (province_id, emulation_year_id, unit_id, signed_by, on_behalf_reason)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [currentProvinceId(), yearId, unitId, userId, onBehalfReason],
    );
    return m.getRepository(CovenantSignature).findOneByOrFail({ emulationYearId: yearId, unitId });
  },

  async registrations(yearIds: readonly string[]): Promise<TitleRegistration[]> {
    if (!yearIds.length) return [];
    return (await repo(TitleRegistration)).find({
      where: { emulationYearId: In([...yearIds]), withdrawnAt: IsNull() },
      order: { registeredAt: 'ASC' },
    });
  },

  async registrationById(id: string): Promise<TitleRegistration | null> {
    return (await repo(TitleRegistration)).findOneBy({ id });
  },

  async register(
    input: Pick<TitleRegistration, 'emulationYearId' | 'unitId' | 'title' | 'personId' | 'registeredBy'> &
      Partial<Pick<TitleRegistration, 'onBehalfReason'>>,
  ) {
    const r = await repo(TitleRegistration);
    return r.save(r.create({ ...input, provinceId: currentProvinceId() }));
  },

  async withdraw(id: string): Promise<void> {
    await (
      await repo(TitleRegistration)
    ).update({ provinceId: currentProvinceId(), id }, { withdrawnAt: new Date() });
  },

  async sheetsByIds(ids: readonly string[]): Promise<ScoreSheet[]> {
    if (!ids.length) return [];
    return (await repo(ScoreSheet)).findBy({ id: In([...ids]) });
  },

  async sheets(yearIds: readonly string[]): Promise<ScoreSheet[]> {
    if (!yearIds.length) return [];
    return (await repo(ScoreSheet)).find({
      where: { emulationYearId: In([...yearIds]) },
      order: { submittedAt: 'ASC' },
    });
  },

  async insertSheet(
    input: Omit<ScoreSheet, 'provinceId' | 'id' | 'version' | 'submittedAt' | 'onBehalfReason'> &
      Partial<Pick<ScoreSheet, 'onBehalfReason'>>,
  ): Promise<ScoreSheet> {
    const r = await repo(ScoreSheet);
    return r.save(r.create({ ...input, provinceId: currentProvinceId(), version: 1 }));
  },

  /** Optimistic concurrency: only the holder of the current version may replace the sheet. */
  async updateSheet(
    id: string,
    expectedVersion: number,
    change: {
      content: SheetContent;
      evidence: Evidence[];
      submittedBy: string;
      onBehalfReason: string | null;
    },
  ): Promise<ScoreSheet | null> {
    const [row] = await returning<{ id: string }>(
      await tenantManager(),
      `UPDATE score_sheet SET content = $3, evidence = $4, submitted_by = $5, on_behalf_reason = $6,
         submitted_at = now(), version = version + 1
       WHERE id = $1 AND version = $2 RETURNING id`,
      [
        id,
        expectedVersion,
        JSON.stringify(change.content),
        JSON.stringify(change.evidence),
        change.submittedBy,
        change.onBehalfReason,
      ],
    );
    return row ? (await repo(ScoreSheet)).findOneBy({ id }) : null;
  },

  /** The sheet as one person typed it and has not sent. */
  async sheetDraft(key: SheetDraftKey): Promise<ScoreSheetDraft | null> {
    return (await repo(ScoreSheetDraft)).findOneBy({ ...key, provinceId: currentProvinceId() });
  },

  /** Every sheet one person typed for one scorer and has not sent, oldest target first. */
  async sheetDraftsOf(key: Omit<SheetDraftKey, 'targetUnitId'>, limit: number): Promise<ScoreSheetDraft[]> {
    return (await repo(ScoreSheetDraft)).find({
      where: { ...key, provinceId: currentProvinceId() },
      order: { targetUnitId: 'ASC' },
      take: limit,
    });
  },

  async saveSheetDraft(
    key: SheetDraftKey,
    content: SheetDraftContent,
    basedOnVersion: number | null,
  ): Promise<Date> {
    const [row] = await returning<{ saved_at: Date }>(
      await tenantManager(),
      `INSERT INTO score_sheet_draft
         (province_id, user_id, emulation_year_id, scorer_unit_id, target_unit_id, content, based_on_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (province_id, user_id, emulation_year_id, scorer_unit_id, target_unit_id)
       DO UPDATE SET content = EXCLUDED.content, based_on_version = EXCLUDED.based_on_version, saved_at = now()
       RETURNING saved_at`,
      [
        currentProvinceId(),
        key.userId,
        key.emulationYearId,
        key.scorerUnitId,
        key.targetUnitId,
        JSON.stringify(content),
        basedOnVersion,
      ],
    );
    return row!.saved_at;
  },

  async removeSheetDraft(key: SheetDraftKey): Promise<boolean> {
    const { affected } = await (
      await repo(ScoreSheetDraft)
    ).delete({ ...key, provinceId: currentProvinceId() });
    return !!affected;
  },

  /** Scores locked: nothing typed can be sent any more. */
  async removeSheetDrafts(yearId: string): Promise<void> {
    await (await repo(ScoreSheetDraft)).delete({ provinceId: currentProvinceId(), emulationYearId: yearId });
  },

  async saveResults(yearId: string, results: MemberResult[]): Promise<void> {
    const r = await repo(YearResult);
    await r.delete({ provinceId: currentProvinceId(), emulationYearId: yearId });
    await r.insert(
      results.map((x) => ({
        provinceId: currentProvinceId(),
        emulationYearId: yearId,
        unitId: x.unitId,
        base: String(x.base),
        bonus: String(x.bonus),
        deductions: String(x.deductions),
        final: String(x.final),
        rank: x.rank!,
        position: x.position,
      })),
    );
  },

  async results(yearIds: readonly string[]): Promise<YearResult[]> {
    if (!yearIds.length) return [];
    return (await repo(YearResult)).find({
      where: { emulationYearId: In([...yearIds]) },
      order: { position: 'ASC' },
    });
  },
};

export const criteriaSetRepository = {
  async byIds(ids: readonly string[]): Promise<CriteriaSet[]> {
    if (!ids.length) return [];
    return (await repo(CriteriaSet)).findBy({ id: In([...ids]) });
  },

  async list(year?: number): Promise<CriteriaSet[]> {
    return (await repo(CriteriaSet)).find({
      where: year ? { year } : {},
      order: { year: 'DESC', version: 'DESC' },
    });
  },

  /** A new version for the year; earlier versions stay as they were (years that use them keep their table). */
  async create(input: { year: number; name: string; rules: ScoringRules }): Promise<CriteriaSet> {
    const m = await tenantManager();
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('criteria:' || $1 || ':' || $2, 0))`, [
      currentProvinceId(),
      input.year,
    ]);
    const [{ next }] = await m.query(
      `SELECT coalesce(max(version), 0) + 1 AS next FROM criteria_set WHERE year = $1`,
      [input.year],
    );
    const r = m.getRepository(CriteriaSet);
    return r.save(r.create({ ...input, provinceId: currentProvinceId(), version: next }));
  },
};

export const deferralRepository = {
  async byIds(ids: readonly string[]): Promise<Deferral[]> {
    if (!ids.length) return [];
    return (await repo(Deferral)).findBy({ id: In([...ids]) });
  },

  async ofUnits(unitIds: readonly string[]): Promise<Deferral[]> {
    if (!unitIds.length) return [];
    return (await repo(Deferral)).find({ where: { unitId: In([...unitIds]) }, order: { openedOn: 'ASC' } });
  },

  /** R8: the units' processes open on `day` (opened by then, not closed by then). */
  async openOn(unitIds: readonly string[], day: string): Promise<Deferral[]> {
    return (await deferralRepository.ofUnits(unitIds)).filter(
      (d) => d.openedOn <= day && (!d.closedOn || d.closedOn > day),
    );
  },

  async create(input: {
    unitId: string;
    reason: DeferralReason;
    note: string;
    openedOn: string;
  }): Promise<Deferral> {
    const r = await repo(Deferral);
    return r.save(r.create({ ...input, provinceId: currentProvinceId(), closedOn: null }));
  },

  async close(id: string, closedOn: string): Promise<Deferral | null> {
    const rows = await returning<{ id: string }>(
      await tenantManager(),
      `UPDATE deferral SET closed_on = $2 WHERE id = $1 AND closed_on IS NULL RETURNING id`,
      [id, closedOn],
    );
    return rows.length ? (await repo(Deferral)).findOneBy({ id }) : null;
  },
};
