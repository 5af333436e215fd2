import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * In-app notifications (tenant: they speak of a province's business) and each person's preferences by event and
 * channel (platform: a person has one set, whichever province they act in).
 */
export class Notifications1764259200000 implements MigrationInterface {
  name = 'Notifications1764259200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        event text NOT NULL,
        subject_id uuid NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text NOT NULL,
        -- (event, subject, recipient, channel): a retried or re-run event never notifies twice.
        idempotency_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, idempotency_key)
      );
      CREATE INDEX notification_user ON notification (province_id, user_id, read_at, created_at DESC);

      CREATE TABLE notification_preference (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        event text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('IN_APP', 'EMAIL', 'WEBHOOK')),
        enabled boolean NOT NULL,
        PRIMARY KEY (user_id, event, channel)
      );
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON notification TO ${APP_GROUP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preference TO ${APP_GROUP_ROLE}`);
    await enableTenantRls(q, 'notification');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preference, notification`);
  }
}
