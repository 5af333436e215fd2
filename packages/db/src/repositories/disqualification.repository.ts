import type { Disqualification } from '@thidua/domain';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

/** The reasons the secretariat records; a score below the minimum comes from the results. */
export type RecordedDisqualification = Exclude<Disqualification, 'SCORE_BELOW_MINIMUM'>;

export interface DisqualificationFact {
  id: string;
  unitId: string;
  year: number;
  reason: RecordedDisqualification;
  detail: string;
  recordedAt: Date;
}

const COLUMNS = `id, unit_id AS "unitId", year, reason, detail, recorded_at AS "recordedAt"`;

/** R9's recorded facts (tenant context). */
export const disqualificationRepository = {
  /** Records a fact; recording the same unit, year and reason again replaces its detail. */
  async record(
    f: { unitId: string; year: number; reason: RecordedDisqualification; detail: string },
    userId: string,
  ): Promise<DisqualificationFact> {
    const [row] = await (
      await tenantManager()
    ).query(
      `INSERT INTO disqualification (province_id, unit_id, year, reason, detail, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (province_id, unit_id, year, reason) DO UPDATE
         SET detail = excluded.detail, recorded_by = excluded.recorded_by, recorded_at = now()
       RETURNING ${COLUMNS}`,
      [currentProvinceId(), f.unitId, f.year, f.reason, f.detail, userId],
    );
    return row as DisqualificationFact;
  },

  /** The facts of these units; of one year when given. */
  async ofUnits(unitIds: readonly string[], year?: number): Promise<DisqualificationFact[]> {
    if (!unitIds.length) return [];
    return (await tenantManager()).query(
      `SELECT ${COLUMNS} FROM disqualification
       WHERE unit_id = ANY($1::uuid[]) AND ($2::int IS NULL OR year = $2)
       ORDER BY year DESC, reason`,
      [unitIds, year ?? null],
    );
  },

  /** Removes a fact recorded by mistake; the removed one, or null when there was none. */
  async remove(id: string): Promise<DisqualificationFact | null> {
    const [row] = await returning<DisqualificationFact>(
      await tenantManager(),
      `DELETE FROM disqualification WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return row ?? null;
  },
};
