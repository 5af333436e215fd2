import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * Where each province's pre-printed certificate blank takes each field (recipient, unit, achievement, decision,
 * place and date, signer), in millimetres: one row per province, absent until the province sets its own (the
 * platform's default applies). The layout is checked by the API (modules/documents).
 */
export class CertificateLayout1796143084314 implements MigrationInterface {
  name = 'CertificateLayout1796143084314';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificate_layout (
        province_id uuid PRIMARY KEY REFERENCES province(id),
        layout jsonb NOT NULL CHECK (jsonb_typeof(layout) = 'object'),
        updated_by uuid NOT NULL REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await enableTenantRls(q, 'certificate_layout');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON certificate_layout TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate_layout`);
  }
}
