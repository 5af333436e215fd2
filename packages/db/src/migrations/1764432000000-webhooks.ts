import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

const TENANT_TABLES = ['webhook_subscription', 'webhook_delivery', 'webhook_attempt'];

/** Webhooks per province: subscriptions by event, deliveries (one per event and subscription), every attempt. */
export class Webhooks1764432000000 implements MigrationInterface {
  name = 'Webhooks1764432000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscription (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL,
        deleted_at timestamptz,
        PRIMARY KEY (province_id, id)
      );

      CREATE TABLE webhook_delivery (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL,
        event text NOT NULL,
        idempotency_key text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, idempotency_key),
        FOREIGN KEY (province_id, subscription_id) REFERENCES webhook_subscription(province_id, id)
      );

      CREATE TABLE webhook_attempt (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        status_code int,
        error text,
        duration_ms int NOT NULL,
        PRIMARY KEY (province_id, id),
        FOREIGN KEY (province_id, delivery_id) REFERENCES webhook_delivery(province_id, id)
      );
      CREATE INDEX webhook_attempt_delivery ON webhook_attempt (province_id, delivery_id, attempted_at);
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON ${TENANT_TABLES.join(', ')} TO ${APP_GROUP_ROLE}`);
    for (const table of TENANT_TABLES) await enableTenantRls(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_attempt, webhook_delivery, webhook_subscription`);
  }
}
