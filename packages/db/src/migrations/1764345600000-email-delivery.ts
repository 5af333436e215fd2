import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * Email deliveries, recorded before sending. SENDING is committed before the SMTP conversation starts: a delivery
 * found in SENDING after a crash may have gone out, so it is never sent again (it is marked UNCERTAIN for an
 * operator) — nobody receives the same message twice.
 */
export class EmailDelivery1764345600000 implements MigrationInterface {
  name = 'EmailDelivery1764345600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_delivery (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        event text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'UNCERTAIN')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, idempotency_key)
      );
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON email_delivery TO ${APP_GROUP_ROLE}`);
    await enableTenantRls(q, 'email_delivery');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_delivery`);
  }
}
