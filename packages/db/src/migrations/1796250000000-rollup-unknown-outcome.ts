import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inEveryProvince } from './rls';

/**
 * A year recorded from documents gives the block's proposals, not what the council and the Chairman made of them:
 * until one of its decisions is recorded, its approvals and awards are unknown (null), not 0 (a ministry read
 * "Hội đồng thông qua 0" for every former province's past year). The rollups already written are corrected
 * from the blocks' own rows, one province at a time (row-level security is forced on the block rollups).
 */
export class RollupUnknownOutcome1796250000000 implements MigrationInterface {
  name = 'RollupUnknownOutcome1796250000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['block_year_rollup', 'province_year_rollup'])
      await q.query(
        `ALTER TABLE ${table} ALTER COLUMN council_approvals DROP NOT NULL,
           ALTER COLUMN decided_awards DROP NOT NULL`,
      );
    await q.query(UNKNOWN_OUTCOMES_OF_DOCUMENTS_YEARS);
  }

  async down(q: QueryRunner): Promise<void> {
    // 0 again where unknown (as written before), one province at a time, then the columns required again.
    await q.query(
      inEveryProvince(`
        UPDATE block_year_rollup SET council_approvals = coalesce(council_approvals, 0),
               decided_awards = coalesce(decided_awards, 0) WHERE province_id = p.id;
        UPDATE province_year_rollup SET council_approvals = coalesce(council_approvals, 0),
               decided_awards = coalesce(decided_awards, 0) WHERE province_id = p.id;`),
    );
    for (const table of ['block_year_rollup', 'province_year_rollup'])
      await q.query(
        `ALTER TABLE ${table} ALTER COLUMN council_approvals SET NOT NULL,
           ALTER COLUMN decided_awards SET NOT NULL`,
      );
  }
}

/** Every province, one at a time: its documents years' unknown outcomes, and its years' sums again. */
export const UNKNOWN_OUTCOMES_OF_DOCUMENTS_YEARS = inEveryProvince(`
  -- The year's own mark, as the rollups' writer reads it: a documents year swept into a platform closing
  -- since has that closing's status, not FROM_DOCUMENTS.
  UPDATE block_year_rollup r SET council_approvals = NULL, decided_awards = NULL
   WHERE r.province_id = p.id AND r.council_approvals = 0
     AND EXISTS (SELECT 1 FROM emulation_year y
                  WHERE y.province_id = r.province_id AND y.block_id = r.block_id AND y.year = r.year
                    AND y.recorded_from_documents);
  UPDATE province_year_rollup r
     SET council_approvals = b.approvals, decided_awards = b.decided
    FROM (SELECT year, sum(council_approvals) AS approvals, sum(decided_awards) AS decided
            FROM block_year_rollup WHERE province_id = p.id GROUP BY year) b
   WHERE r.province_id = p.id AND r.year = b.year;`);
