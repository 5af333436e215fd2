import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboards count a block's flag and merit proposals only once its dossier is submitted; the proposals computed
 * for blocks that never submitted are a figure of their own (`unsubmitted_proposals`). The rollups already
 * written are corrected here, province by province (their RLS needs the tenant set).
 */
export class RollupSubmittedProposals1765620000000 implements MigrationInterface {
  name = 'RollupSubmittedProposals1765620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE block_year_rollup ADD COLUMN unsubmitted_proposals int NOT NULL DEFAULT 0;
      ALTER TABLE province_year_rollup ADD COLUMN unsubmitted_proposals int NOT NULL DEFAULT 0;
    `);
    await q.query(`
      DO $$
      DECLARE p uuid;
      BEGIN
        FOR p IN SELECT id FROM province LOOP
          PERFORM set_config('app.province_id', p::text, true);
          UPDATE block_year_rollup r
             SET flag_proposals = n.flags, merit_proposals = n.merits, unsubmitted_proposals = n.unsubmitted
            FROM (SELECT ey.province_id, ey.block_id, ey.year,
                         count(nm.id) FILTER (WHERE o.dossier_submitted_at IS NOT NULL
                                                AND nm.form = 'FLAG_PROVINCE') AS flags,
                         count(nm.id) FILTER (WHERE o.dossier_submitted_at IS NOT NULL
                                                AND nm.form = 'MERIT_PROVINCE') AS merits,
                         count(nm.id) FILTER (WHERE o.dossier_submitted_at IS NULL
                                                AND nm.form IN ('FLAG_PROVINCE', 'MERIT_PROVINCE')) AS unsubmitted
                    FROM emulation_year ey
                    LEFT JOIN year_award_outcome o ON o.province_id = ey.province_id AND o.emulation_year_id = ey.id
                    LEFT JOIN nomination nm ON nm.province_id = ey.province_id AND nm.emulation_year_id = ey.id
                   GROUP BY ey.province_id, ey.block_id, ey.year) n
           WHERE n.province_id = r.province_id AND n.block_id = r.block_id AND n.year = r.year;
          UPDATE province_year_rollup r
             SET flag_proposals = s.flags, merit_proposals = s.merits, unsubmitted_proposals = s.unsubmitted
            FROM (SELECT province_id, year, sum(flag_proposals) AS flags, sum(merit_proposals) AS merits,
                         sum(unsubmitted_proposals) AS unsubmitted
                    FROM block_year_rollup GROUP BY province_id, year) s
           WHERE s.province_id = r.province_id AND s.year = r.year;
        END LOOP;
        PERFORM set_config('app.province_id', '', true);
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE block_year_rollup DROP COLUMN unsubmitted_proposals;
      ALTER TABLE province_year_rollup DROP COLUMN unsubmitted_proposals;
    `);
  }
}
