import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, TENANT_PREDICATE } from './rls';

const METRICS = `
        member_units int NOT NULL,
        eligible_votes int NOT NULL,
        ballots_cast int NOT NULL,
        rounds int NOT NULL,
        flag_proposals int NOT NULL,
        merit_proposals int NOT NULL,
        council_approvals int NOT NULL,
        decided_awards int NOT NULL,
        mean_final_score numeric(7, 2),
        computed_at timestamptz NOT NULL DEFAULT now()`;

/**
 * What the dashboards read, written by the year-end closing (never raw ballots). A province's year rollup is an
 * aggregate every signed-in reader may compare; a block's is detail, seen only inside its province (RLS).
 */
export class Rollups1764604800000 implements MigrationInterface {
  name = 'Rollups1764604800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE block_year_rollup (
        province_id uuid NOT NULL REFERENCES province(id),
        year int NOT NULL,
        block_id uuid NOT NULL,
        block_name text NOT NULL,
        closing_status text NOT NULL,
        dossier_on_time boolean NOT NULL,${METRICS},
        PRIMARY KEY (province_id, year, block_id),
        FOREIGN KEY (province_id, block_id) REFERENCES block(province_id, id)
      );

      CREATE TABLE province_year_rollup (
        province_id uuid NOT NULL REFERENCES province(id),
        year int NOT NULL,
        blocks int NOT NULL,
        blocks_closed int NOT NULL,
        dossiers_on_time int NOT NULL,
        closing_ms bigint,${METRICS},
        PRIMARY KEY (province_id, year)
      );
      CREATE INDEX province_year_rollup_year ON province_year_rollup (year);

      ALTER TABLE block_year_rollup ENABLE ROW LEVEL SECURITY;
      ALTER TABLE block_year_rollup FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON block_year_rollup USING (${TENANT_PREDICATE}) WITH CHECK (${TENANT_PREDICATE});

      -- Read by everyone signed in (aggregates only); written by the province's own closing.
      ALTER TABLE province_year_rollup ENABLE ROW LEVEL SECURITY;
      ALTER TABLE province_year_rollup FORCE ROW LEVEL SECURITY;
      CREATE POLICY read_all ON province_year_rollup FOR SELECT USING (true);
      CREATE POLICY tenant_insert ON province_year_rollup FOR INSERT WITH CHECK (${TENANT_PREDICATE});
      CREATE POLICY tenant_update ON province_year_rollup FOR UPDATE
        USING (${TENANT_PREDICATE}) WITH CHECK (${TENANT_PREDICATE});
    `);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE ON block_year_rollup, province_year_rollup TO ${APP_GROUP_ROLE}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE province_year_rollup, block_year_rollup`);
  }
}
