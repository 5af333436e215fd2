import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * Imports from spreadsheets (issue 16). A dry run stores the checked file with its checksum and problems; the
 * confirmation imports exactly those bytes (never a second upload that might differ), and the row keeps the
 * progress a page polls while the import's own transaction is still open.
 */
export class ImportJobs1796141400000 implements MigrationInterface {
  name = 'ImportJobs1796141400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_job (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('UNITS', 'BLOCKS', 'PERSONS', 'MEMBERSHIPS', 'ACHIEVEMENTS', 'ACCOUNTS')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
        size_bytes int NOT NULL CHECK (size_bytes >= 0),
        content bytea NOT NULL,
        -- The file's rows as read at the dry run (cell texts), so the import does not read the workbook again.
        sheet jsonb NOT NULL DEFAULT '[]',
        total_rows int NOT NULL DEFAULT 0,
        problem_count int NOT NULL DEFAULT 0,
        -- The first problems only (the count is complete): a page shows them, the person fixes and re-uploads.
        problems jsonb NOT NULL DEFAULT '[]',
        -- What the dry run found would happen: rows to create, to update, unchanged.
        plan jsonb,
        status text NOT NULL CHECK (status IN ('CHECKED', 'RUNNING', 'DONE', 'FAILED')),
        processed_rows int NOT NULL DEFAULT 0,
        result jsonb,
        error text,
        checked_by uuid NOT NULL,
        checked_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid,
        confirmed_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id)
      );
      CREATE INDEX import_job_checksum ON import_job (province_id, kind, checksum);
      CREATE UNIQUE INDEX import_job_running ON import_job (province_id) WHERE status = 'RUNNING';
    `);
    await enableTenantRls(q, 'import_job');
    await q.query(`GRANT SELECT, INSERT, UPDATE ON import_job TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_job`);
  }
}
