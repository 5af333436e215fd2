import { withRuleDefaults, type AwardRules, type EngineOutput, type ProposalForm } from '@thidua/domain';
import { In, LessThanOrEqual } from 'typeorm';
import {
  AwardDecision,
  AwardDecisionItem,
  AwardRuleSet,
  EmulationYear,
  Nomination,
  NOMINATION_STATUSES,
  YearAwardOutcome,
  type NominationStatus,
} from '../entities';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { paginate, type Page, type PageRequest } from './pagination';
import { memberDuringYear, returning, YEAR_PUBLISHED } from './sql';

const repo = async <T extends object>(entity: new () => T) => (await tenantManager()).getRepository(entity);

export interface QueueFilter {
  statuses?: NominationStatus[];
  forms?: string[];
  year?: number;
  blockId?: string;
  recordedFromDocuments?: boolean | null;
  /** A unit's proposals, its own and its people's. */
  unitId?: string;
}

/** The secretariat's queue under its filters, unordered. */
async function queueQuery(filter: QueueFilter) {
  const qb = (await repo(Nomination))
    .createQueryBuilder('n')
    .innerJoin(EmulationYear, 'y', 'y.id = n.emulationYearId AND y.provinceId = n.provinceId')
    // A block's proposals exist once a round is counted, but only the counting committee knows them until the
    // results are announced (domain.md §1.5): the secretariat's queue starts there.
    .where('y.state IN (:...announced)', {
      announced: ['RESULTS_RECORDED', 'DOSSIER_SUBMITTED', 'CLOSED'],
    });
  if (filter.statuses?.length) qb.andWhere('n.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter.forms?.length) qb.andWhere('n.form IN (:...forms)', { forms: filter.forms });
  if (filter.year) qb.andWhere('y.year = :year', { year: filter.year });
  if (filter.blockId) qb.andWhere('y.blockId = :blockId', { blockId: filter.blockId });
  if (filter.unitId) qb.andWhere('n.unitId = :unitId', { unitId: filter.unitId });
  if (filter.recordedFromDocuments != null)
    qb.andWhere('y.recordedFromDocuments = :recorded', { recorded: filter.recordedFromDocuments });
  return qb;
}

export const awardRepository = {
  /**
   * The rules in force for `year`: the latest version effective on or before it, completed with the defaults
   * (all of them when the province set none: `effectiveYear` is then null).
   */
  async rulesFor(year: number): Promise<{ effectiveYear: number | null; rules: AwardRules }> {
    const set = await (
      await repo(AwardRuleSet)
    ).findOne({ where: { effectiveYear: LessThanOrEqual(year) }, order: { effectiveYear: 'DESC' } });
    return { effectiveYear: set?.effectiveYear ?? null, rules: withRuleDefaults(set?.rules ?? {}) };
  },

  async setRuleSet(effectiveYear: number, rules: AwardRules, userId: string): Promise<AwardRuleSet> {
    const r = await repo(AwardRuleSet);
    await r.upsert(
      { provinceId: currentProvinceId(), effectiveYear, rules, createdBy: userId, createdAt: new Date() },
      ['provinceId', 'effectiveYear'],
    );
    return r.findOneByOrFail({ effectiveYear });
  },

  async outcomes(yearIds: readonly string[]): Promise<YearAwardOutcome[]> {
    if (!yearIds.length) return [];
    return (await repo(YearAwardOutcome)).findBy({ emulationYearId: In([...yearIds]) });
  },

  async nominations(yearIds: readonly string[]): Promise<Nomination[]> {
    if (!yearIds.length) return [];
    return (await repo(Nomination)).find({
      where: { emulationYearId: In([...yearIds]) },
      order: { form: 'ASC', createdAt: 'ASC' },
    });
  },

  /**
   * The secretariat's queue: nominations by status (and form, year, block), the longest waiting first, a page
   * at a time. Filtering and counting happen in the database so a province's hundreds of proposals never travel.
   */
  async queue(filter: QueueFilter, page: PageRequest): Promise<Page<Nomination>> {
    const qb = await queueQuery(filter);
    qb.orderBy('n.updatedAt', 'ASC').addOrderBy('n.id', 'ASC');
    return paginate(qb, page);
  },

  /**
   * A unit's announced proposals (its own and its people's) that have not become an award: on their way, or
   * stopped short of a decision. The newest year first.
   */
  async undecidedOfUnit(unitId: string, limit: number): Promise<Nomination[]> {
    const statuses = NOMINATION_STATUSES.filter((s) => s !== 'DECIDED' && s !== 'REVOKED');
    return (
      (await queueQuery({ unitId, statuses }))
        .orderBy('y.year', 'DESC')
        .addOrderBy('n.createdAt', 'ASC')
        // limit, not take: the year joined is not selected, and take's paging subquery cannot order by it.
        .limit(limit)
        .getMany()
    );
  },

  /** How many of the queue's nominations are in each state, under its other filters (the states' tabs). */
  async queueCounts(
    filter: Omit<QueueFilter, 'statuses'>,
  ): Promise<{ status: NominationStatus; count: number }[]> {
    const rows = await (
      await queueQuery(filter)
    )
      .select('n.status', 'status')
      .addSelect('count(*)::int', 'count')
      .groupBy('n.status')
      .getRawMany<{ status: NominationStatus; count: number }>();
    return rows;
  },

  /** Holds these nominations until the transaction ends: their status is decided here, not by a concurrent step. */
  async lockNominations(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await (
      await tenantManager()
    ).query(`SELECT id FROM nomination WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
  },

  /**
   * A nomination's status, held against a change until the transaction ends (FOR SHARE: a step's UPDATE waits),
   * for a write that depends on it (a file added to a returned proposal while it is sent again).
   */
  async heldStatus(id: string): Promise<NominationStatus | null> {
    const [row] = (await (
      await tenantManager()
    ).query(`SELECT status FROM nomination WHERE id = $1 FOR SHARE`, [id])) as { status: NominationStatus }[];
    return row?.status ?? null;
  },

  async nominationsByIds(ids: readonly string[]): Promise<Nomination[]> {
    if (!ids.length) return [];
    return (await repo(Nomination)).findBy({ id: In([...ids]) });
  },

  /**
   * Replaces the engine's outcome and the block's proposals for a year, unless the dossier is submitted
   * (then returns false and changes nothing). Running it twice on the same facts gives the same rows.
   */
  async replaceOutcome(yearId: string, out: EngineOutput): Promise<boolean> {
    const m = await tenantManager();
    const provinceId = currentProvinceId();
    const [locked] = await m.query(
      `SELECT dossier_submitted_at FROM year_award_outcome WHERE emulation_year_id = $1 FOR UPDATE`,
      [yearId],
    );
    if (locked?.dossier_submitted_at) return false;
    await m.getRepository(YearAwardOutcome).upsert(
      {
        provinceId,
        emulationYearId: yearId,
        nextHeadUnitId: out.nextHeadUnitId,
        nextDeputyUnitId: out.nextDeputyUnitId,
        explanations: out.explanations,
        unresolvedTies: out.unresolvedTies,
        titleChecks: out.titleChecks,
        computedAt: new Date(),
      },
      ['provinceId', 'emulationYearId'],
    );
    // A proposal the engine makes again keeps its row (and its id, which pages and notifications hold); one it
    // no longer makes goes before the new ones come, as a unit has one form a year.
    const nominations = m.getRepository(Nomination);
    const key = (n: { unitId: string; personId: string | null; form: string }) =>
      `${n.unitId}|${n.personId ?? ''}|${n.form}`;
    // A proposal carries the lines about it: the unit's R11 lines (whether it heads the block next year) are the
    // year's outcome, not grounds for an award, and the council reading the dossier would take them for some.
    const explanation = (p: EngineOutput['proposals'][number]) =>
      ((p.personId ? out.personExplanations[p.personId] : out.explanations[p.unitId]) ?? []).filter(
        (line) => line.rule !== 'R11',
      );
    const existing = new Map(
      (await nominations.findBy({ provinceId, emulationYearId: yearId })).map((n) => [key(n), n]),
    );
    const wanted = new Map(out.proposals.map((p) => [key(p), p]));
    const gone = [...existing].filter(([k]) => !wanted.has(k)).map(([, n]) => n.id);
    if (gone.length) await nominations.delete({ provinceId, id: In(gone) });
    for (const [k, p] of wanted) {
      const kept = existing.get(k);
      if (kept)
        await nominations.update({ provinceId, id: kept.id }, { path: p.path, explanation: explanation(p) });
    }
    const fresh = [...wanted].filter(([k]) => !existing.has(k)).map(([, p]) => p);
    if (fresh.length) {
      await nominations.insert(
        fresh.map((p) => ({
          provinceId,
          emulationYearId: yearId,
          unitId: p.unitId,
          personId: p.personId,
          form: p.form,
          path: p.path,
          explanation: explanation(p),
        })),
      );
    }
    return true;
  },

  /** Submits once, keeping the R13 deadline the dossier was held to (null: none applied). */
  async markDossierSubmitted(yearId: string, userId: string, deadline: string | null): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE year_award_outcome SET dossier_submitted_at = now(), dossier_submitted_by = $2, dossier_deadline = $3
       WHERE emulation_year_id = $1 AND dossier_submitted_at IS NULL RETURNING emulation_year_id`,
      [yearId, userId, deadline],
    );
    return rows.length === 1;
  },

  /** The secretariat accepts a dossier after its deadline, with the reason (before it is submitted). */
  async acceptLateDossier(yearId: string, userId: string, reason: string): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE year_award_outcome SET late_accepted_at = now(), late_accepted_by = $2, late_reason = $3
       WHERE emulation_year_id = $1 AND dossier_submitted_at IS NULL RETURNING emulation_year_id`,
      [yearId, userId, reason],
    );
    return rows.length === 1;
  },

  /**
   * R7: the block proposals other block years of the same calendar year made for these units (a unit that moved
   * blocks during the year is a member of both), with the proposing block's name. Only years whose results are
   * published: another block's outcome is as secret as its vote until then, so the first block to publish keeps
   * the unit.
   */
  async proposedElsewhere(
    unitIds: readonly string[],
    year: number,
    exceptYearId: string,
  ): Promise<{ unitId: string; form: ProposalForm; blockName: string }[]> {
    if (!unitIds.length) return [];
    return (await tenantManager()).query(
      `SELECT n.unit_id AS "unitId", n.form, b.name AS "blockName"
       FROM nomination n
       JOIN emulation_year y ON y.province_id = n.province_id AND y.id = n.emulation_year_id
       JOIN block b ON b.province_id = y.province_id AND b.id = y.block_id
       WHERE n.unit_id = ANY($1) AND n.person_id IS NULL AND y.year = $2 AND y.id <> $3
         AND ${YEAR_PUBLISHED}`,
      [unitIds, year, exceptYearId],
    );
  },

  /**
   * R8: the unit's own nominations on their way (`from`) move to DEFERRED with the reason; a person's title is
   * not the collective's and stays. Returns the ids moved.
   */
  async deferOfUnit(unitId: string, from: readonly NominationStatus[], reason: string): Promise<string[]> {
    const rows = await returning<{ id: string }>(
      await tenantManager(),
      // Years recorded from documents are history: their nominations were decided long ago.
      `UPDATE nomination n SET status = 'DEFERRED', status_reason = $3, updated_at = now()
       FROM emulation_year y
       WHERE y.province_id = n.province_id AND y.id = n.emulation_year_id AND NOT y.recorded_from_documents
         AND n.unit_id = $1 AND n.person_id IS NULL AND n.status = ANY($2) RETURNING n.id`,
      [unitId, from, reason],
    );
    return rows.map((r) => r.id);
  },

  /**
   * The block years of a unit whose proposals are computed and not yet submitted, locked until the end of the
   * transaction (a dossier cannot be sent meanwhile): the awards engine runs on them again when the unit's R8 or
   * R9 facts change. Those published first come first, as R7 gives a unit to the first block to publish.
   */
  /** The calendar years in which the unit was in a block year (ascending). */
  async calendarYearsOfUnit(unitId: string): Promise<number[]> {
    const rows: { year: number }[] = await (
      await tenantManager()
    ).query(
      `SELECT DISTINCT y.year FROM emulation_year y
       JOIN block_membership m ON m.province_id = y.province_id AND m.block_id = y.block_id AND m.unit_id = $1
         AND ${memberDuringYear('y.year')}
       ORDER BY y.year`,
      [unitId],
    );
    return rows.map((r) => r.year);
  },

  async lockPendingYearsOfUnit(unitId: string): Promise<string[]> {
    const rows: { id: string }[] = await (
      await tenantManager()
    ).query(
      `SELECT y.id FROM year_award_outcome o
       JOIN emulation_year y ON y.province_id = o.province_id AND y.id = o.emulation_year_id
       WHERE o.dossier_submitted_at IS NULL AND NOT y.recorded_from_documents
         AND EXISTS (SELECT 1 FROM block_membership m
                     WHERE m.province_id = y.province_id AND m.block_id = y.block_id AND m.unit_id = $1
                       AND ${memberDuringYear('y.year')})
       ORDER BY (SELECT min(p.results_published_at) FROM voting_period p
                 WHERE p.province_id = y.province_id AND p.emulation_year_id = y.id) NULLS LAST, y.id
       FOR UPDATE OF o`,
      [unitId],
    );
    return rows.map((r) => r.id);
  },

  /** Moves a nomination only from the status it was read in: concurrent steps cannot both pass. */
  async step(
    id: string,
    from: NominationStatus,
    to: NominationStatus,
    reason: string | null,
  ): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE nomination SET status = $3, status_reason = $4, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id`,
      [id, from, to, reason],
    );
    return rows.length === 1;
  },

  async stepAll(yearId: string, from: NominationStatus, to: NominationStatus): Promise<number> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE nomination SET status = $3, updated_at = now() WHERE emulation_year_id = $1 AND status = $2 RETURNING id`,
      [yearId, from, to],
    );
    return rows.length;
  },
};

export interface NewDecision {
  issuerCode: string;
  issuerName: string;
  decisionDate: string;
  signerName: string;
  signerTitle: string;
  createdBy: string;
  /** The number the issuer's register gave (the committee numbers all its decisions); absent: the series' next. */
  number?: number | null;
  /** The Department's submission the decision answers; both or neither. */
  submission?: { number: string; date: string } | null;
  /** The base salary row the prizes were counted on, by its first day. */
  baseSalaryFrom: string;
  items: { nominationId: string; unitId: string; personId: string | null; form: string; prizeVnd: number }[];
}

export const decisionRepository = {
  /** The number `issue` would take now for the issuer's year (another decision issued first takes it instead). */
  async nextNumber(issuerCode: string, year: number): Promise<number> {
    const [{ next }] = (await (
      await tenantManager()
    ).query(
      `SELECT GREATEST(
         (SELECT last_number FROM decision_series WHERE province_id = $1 AND issuer_code = $2 AND year = $3),
         (SELECT max(number) FROM award_decision WHERE province_id = $1 AND issuer_code = $2 AND year = $3),
         0) + 1 AS next`,
      [currentProvinceId(), issuerCode, year],
    )) as [{ next: number }];
    return Number(next);
  },

  /**
   * Takes the issuer's next number for the decision's calendar year, or the register's number when given (the
   * series then goes on after the highest), and records the decision. The series row stays locked until commit:
   * concurrent issuers queue, numbers are consecutive, and a rollback returns its number. A number already
   * recorded breaks the table's unique key.
   */
  async issue(d: NewDecision): Promise<AwardDecision> {
    const m = await tenantManager();
    const provinceId = currentProvinceId();
    const year = Number(d.decisionDate.slice(0, 4));
    const given = d.number ?? null;
    // The next number also passes any recorded outside the series (a past decision recorded from documents).
    const [{ last_number: next }] = await m.query(
      `INSERT INTO decision_series AS s (province_id, issuer_code, year, last_number)
       SELECT $1, $2, $3, COALESCE($4::int, COALESCE(max(number), 0) + 1)
         FROM award_decision WHERE province_id = $1 AND issuer_code = $2 AND year = $3
       ON CONFLICT (province_id, issuer_code, year) DO UPDATE
         SET last_number = CASE WHEN $4::int IS NULL THEN GREATEST(s.last_number + 1, EXCLUDED.last_number)
                                ELSE GREATEST(s.last_number, $4::int) END
       RETURNING last_number`,
      [provinceId, d.issuerCode, year, given],
    );
    const number: number = given ?? next;
    const decision = await m.getRepository(AwardDecision).save(
      m.getRepository(AwardDecision).create({
        provinceId,
        issuerCode: d.issuerCode,
        issuerName: d.issuerName,
        year,
        number,
        numberText: `${number}/QĐ-${d.issuerCode}`,
        decisionDate: d.decisionDate,
        signerName: d.signerName,
        signerTitle: d.signerTitle,
        submissionNumber: d.submission?.number ?? null,
        submissionDate: d.submission?.date ?? null,
        baseSalaryFrom: d.baseSalaryFrom,
        createdBy: d.createdBy,
      }),
    );
    await m
      .getRepository(AwardDecisionItem)
      .insert(
        d.items.map((i) => ({ ...i, provinceId, decisionId: decision.id, prizeVnd: String(i.prizeVnd) })),
      );
    return decision;
  },

  async list(filter: { year?: number; issuerCode?: string }): Promise<AwardDecision[]> {
    return (await repo(AwardDecision)).find({
      where: {
        ...(filter.year ? { year: filter.year } : {}),
        ...(filter.issuerCode ? { issuerCode: filter.issuerCode } : {}),
      },
      order: { year: 'DESC', issuerCode: 'ASC', number: 'DESC' },
    });
  },

  async byIds(ids: readonly string[]): Promise<AwardDecision[]> {
    if (!ids.length) return [];
    return (await repo(AwardDecision)).findBy({ id: In([...ids]) });
  },

  async items(decisionIds: readonly string[]): Promise<AwardDecisionItem[]> {
    if (!decisionIds.length) return [];
    return (await repo(AwardDecisionItem)).findBy({ decisionId: In([...decisionIds]) });
  },

  /** The items that decided these nominations (one each: a nomination is decided once). */
  async itemsOfNominations(nominationIds: readonly string[]): Promise<AwardDecisionItem[]> {
    if (!nominationIds.length) return [];
    return (await repo(AwardDecisionItem)).findBy({ nominationId: In([...nominationIds]) });
  },

  /** A unit's awards (its own and its people's), or one person's: `of` names which. */
  async itemsOfUnit(
    unitId: string,
    of: 'unit' | 'person' = 'unit',
  ): Promise<(AwardDecisionItem & { decision: AwardDecision; status: string; year: number })[]> {
    const rows: Record<string, unknown>[] = await (
      await tenantManager()
    ).query(
      `SELECT i.decision_id, i.nomination_id, i.unit_id, i.person_id, i.form, i.prize_vnd, n.status,
              y.year AS emulation_year,
              to_jsonb(d) AS decision
       FROM award_decision_item i
       JOIN award_decision d ON d.province_id = i.province_id AND d.id = i.decision_id
       JOIN nomination n ON n.province_id = i.province_id AND n.id = i.nomination_id
       JOIN emulation_year y ON y.province_id = n.province_id AND y.id = n.emulation_year_id
       WHERE ${of === 'person' ? 'i.person_id' : 'i.unit_id'} = $1 ORDER BY d.decision_date DESC, d.number DESC`,
      [unitId],
    );
    return rows.map((r) => {
      const d = r.decision as Record<string, string> & { recorded_from_documents: boolean };
      return {
        provinceId: currentProvinceId(),
        decisionId: r.decision_id as string,
        nominationId: r.nomination_id as string,
        unitId: r.unit_id as string,
        personId: (r.person_id as string | null) ?? null,
        form: r.form as string,
        prizeVnd: String(r.prize_vnd),
        status: r.status as string,
        year: r.emulation_year as number,
        decision: Object.assign(new AwardDecision(), {
          id: d.id,
          issuerCode: d.issuer_code,
          issuerName: d.issuer_name,
          year: Number(d.year),
          number: Number(d.number),
          numberText: d.number_text,
          decisionDate: d.decision_date,
          signerName: d.signer_name,
          signerTitle: d.signer_title,
          recordedFromDocuments: d.recorded_from_documents,
          baseSalaryFrom: d.base_salary_from ?? null,
        }),
      };
    });
  },
};
