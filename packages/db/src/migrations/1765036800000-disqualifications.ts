import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * R9's facts as the secretariat records them for a unit and a year: the collective or its head disciplined, a
 * breach of the covenant, a late dossier. The province's rule set decides which of them disqualify; a score below
 * the minimum is not recorded, the engine reads it from the results.
 */
export class Disqualifications1765036800000 implements MigrationInterface {
  name = 'Disqualifications1765036800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disqualification (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        reason text NOT NULL CHECK (reason IN ('UNIT_DISCIPLINED', 'HEAD_DISCIPLINED', 'COVENANT_BREACH', 'LATE_DOSSIER')),
        -- What was decided, e.g. "Quyết định kỷ luật số 12/QĐ-UBKT ngày 03/06/2026".
        detail text NOT NULL CHECK (length(detail) BETWEEN 3 AND 2000),
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, unit_id, year, reason),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id)
      );
    `);
    await enableTenantRls(q, 'disqualification');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON disqualification TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disqualification`);
  }
}
