import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

const TENANT_TABLES = ['lineage_link', 'achievement'];

/**
 * What streak rules need (domain.md §2, §5): the titles and awards on a unit's or person's record, and lineage
 * links from a unit or person to its predecessors (merger, split, rename, transfer). A link lives in the
 * successor's province; its predecessor may be in a former province the successor's province absorbed.
 */
export class LineageAndAchievements1764691200000 implements MigrationInterface {
  name = 'LineageAndAchievements1764691200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lineage_link (
        province_id uuid NOT NULL REFERENCES province(id),
        subject_kind text NOT NULL CHECK (subject_kind IN ('UNIT', 'PERSON')),
        successor_id uuid NOT NULL,
        predecessor_province_id uuid NOT NULL REFERENCES province(id),
        predecessor_id uuid NOT NULL,
        -- As it was called: the explanation names it even after it is gone.
        predecessor_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('MERGE', 'SPLIT', 'RENAME', 'TRANSFER')),
        effective_on date NOT NULL,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, subject_kind, successor_id, predecessor_id),
        CHECK (successor_id <> predecessor_id)
      );

      CREATE TABLE achievement (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        subject_kind text NOT NULL CHECK (subject_kind IN ('UNIT', 'PERSON')),
        subject_id uuid NOT NULL,
        title text NOT NULL CHECK (title IN ('FLAG_GOVERNMENT', 'FLAG_PROVINCE', 'COLL_EXCELLENT',
          'COLL_ADVANCED', 'MERIT_PROVINCE', 'CSTD_NAT', 'CSTD_PROV', 'CSTD_BASE', 'LDTT')),
        CHECK ((subject_kind = 'UNIT') = (title IN ('FLAG_GOVERNMENT', 'FLAG_PROVINCE', 'COLL_EXCELLENT',
          'COLL_ADVANCED', 'MERIT_PROVINCE'))),
        year int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        -- The decision as issued, e.g. "Quyết định số 45/QĐ-UBND ngày 15/01/2024 của UBND tỉnh Kon Tum".
        decision_ref text NOT NULL CHECK (length(decision_ref) BETWEEN 3 AND 500),
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, subject_kind, subject_id, title, year)
      );

      ALTER TABLE nomination ADD COLUMN path text NOT NULL DEFAULT 'BLOCK' CHECK (path IN ('BLOCK', 'STREAK'));
      ALTER TABLE year_award_outcome ADD COLUMN title_checks jsonb NOT NULL DEFAULT '[]';
    `);
    for (const table of TENANT_TABLES) await enableTenantRls(q, table);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE year_award_outcome DROP COLUMN title_checks;
      ALTER TABLE nomination DROP COLUMN path;
      DROP TABLE achievement;
      DROP TABLE lineage_link;
    `);
  }
}
