import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

const TENANT_TABLES = ['year_end_schedule', 'year_end_closing', 'year_end_closing_block'];

/** When each province's year closes; its year-end closing and each block's part in it (the progress query). */
export class YearEndClosing1764518400000 implements MigrationInterface {
  name = 'YearEndClosing1764518400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Every year on this date and time in Vietnam (the worker keeps a BullMQ job scheduler per row).
      CREATE TABLE year_end_schedule (
        province_id uuid PRIMARY KEY REFERENCES province(id),
        month int NOT NULL CHECK (month BETWEEN 1 AND 12),
        day int NOT NULL CHECK (day BETWEEN 1 AND 31),
        at time NOT NULL,
        updated_by uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- One per province and year: starting it again finds this row and changes nothing.
      CREATE TABLE year_end_closing (
        province_id uuid NOT NULL REFERENCES province(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        state text NOT NULL DEFAULT 'RUNNING' CHECK (state IN ('RUNNING', 'DONE')),
        -- NULL: started by the province's schedule.
        started_by uuid REFERENCES app_user(id),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        PRIMARY KEY (province_id, year)
      );

      CREATE TABLE year_end_closing_block (
        province_id uuid NOT NULL,
        year int NOT NULL,
        block_id uuid NOT NULL,
        emulation_year_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'PENDING'
          CHECK (status IN ('PENDING', 'CLOSED', 'ALREADY_CLOSED', 'CANNOT_CLOSE', 'FAILED')),
        reason text,
        next_year_id uuid,
        finished_at timestamptz,
        PRIMARY KEY (province_id, year, block_id),
        FOREIGN KEY (province_id, year) REFERENCES year_end_closing(province_id, year),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, next_year_id) REFERENCES emulation_year(province_id, id)
      );
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${APP_GROUP_ROLE}`);
    for (const table of TENANT_TABLES) await enableTenantRls(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...TENANT_TABLES].reverse().join(', ')}`);
  }
}
