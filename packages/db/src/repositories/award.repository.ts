import type { AwardRules, EngineOutput } from '@thidua/domain';
import { In, LessThanOrEqual } from 'typeorm';
import { AwardRuleSet, Nomination, YearAwardOutcome, type NominationStatus } from '../entities';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

const repo = async <T extends object>(entity: new () => T) => (await tenantManager()).getRepository(entity);

export const awardRepository = {
  /** The rule set in force for `year`: the latest version effective on or before it. */
  async ruleSetFor(year: number): Promise<AwardRuleSet | null> {
    return (await repo(AwardRuleSet)).findOne({
      where: { effectiveYear: LessThanOrEqual(year) },
      order: { effectiveYear: 'DESC' },
    });
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
        computedAt: new Date(),
      },
      ['provinceId', 'emulationYearId'],
    );
    await m.getRepository(Nomination).delete({ provinceId, emulationYearId: yearId });
    if (out.proposals.length) {
      await m.getRepository(Nomination).insert(
        out.proposals.map((p) => ({
          provinceId,
          emulationYearId: yearId,
          unitId: p.unitId,
          form: p.form,
          explanation: out.explanations[p.unitId] ?? [],
        })),
      );
    }
    return true;
  },

  async markDossierSubmitted(yearId: string, userId: string): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE year_award_outcome SET dossier_submitted_at = now(), dossier_submitted_by = $2
       WHERE emulation_year_id = $1 AND dossier_submitted_at IS NULL RETURNING emulation_year_id`,
      [yearId, userId],
    );
    return rows.length === 1;
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
