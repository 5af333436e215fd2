import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * Platform tables (no province key): province, province_lineage, app_user, role_assignment, auth_session,
 * refresh_token, login_throttle, platform_audit_event, outbox, job_failure.
 * Tenant tables (province_id in every key, RLS forced): unit, audit_event.
 */
export class Foundation1763740800000 implements MigrationInterface {
  name = 'Foundation1763740800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE province (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        name_search text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PROVINCE', 'CITY')),
        valid_from date,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
      );
      -- Codes are reused after the 2025 merger (the new Lào Cai took Yên Bái's 15): unique per validity start.
      CREATE UNIQUE INDEX province_code_valid_from ON province (code, coalesce(valid_from, '-infinity'::date));

      CREATE TABLE province_lineage (
        predecessor_id uuid NOT NULL REFERENCES province(id),
        successor_id uuid NOT NULL REFERENCES province(id),
        effective_on date NOT NULL,
        PRIMARY KEY (predecessor_id, successor_id),
        CHECK (predecessor_id <> successor_id)
      );
      CREATE INDEX province_lineage_successor ON province_lineage (successor_id);

      CREATE TABLE unit (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        name_search text NOT NULL,
        short_name text,
        kind text NOT NULL CHECK (kind IN ('PARTY_AGENCY', 'STATE_AGENCY', 'MASS_ORGANIZATION', 'PRESS', 'SCHOOL', 'LOCALITY', 'ENTERPRISE', 'OTHER')),
        valid_from date,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id)
      );
      CREATE UNIQUE INDEX unit_active_name ON unit (province_id, name_search) WHERE valid_to IS NULL;

      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        full_name text NOT NULL,
        full_name_search text NOT NULL,
        password_hash text NOT NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX app_user_email ON app_user (email);

      CREATE TABLE role_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'NATIONAL_VIEWER', 'PROVINCE_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER')),
        province_id uuid REFERENCES province(id),
        unit_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id),
        CHECK ((role IN ('PLATFORM_ADMIN', 'NATIONAL_VIEWER')) = (province_id IS NULL)),
        CHECK ((role = 'UNIT_OFFICER') = (unit_id IS NOT NULL))
      );
      CREATE UNIQUE INDEX role_assignment_unique ON role_assignment (user_id, role, province_id, unit_id) NULLS NOT DISTINCT;
      CREATE INDEX role_assignment_province ON role_assignment (province_id);

      -- A session is a refresh-token family: reusing a rotated token revokes the whole family.
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      );
      CREATE INDEX auth_session_user ON auth_session (user_id);

      CREATE TABLE refresh_token (
        token_hash bytea PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES auth_session(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX refresh_token_session ON refresh_token (session_id);

      CREATE TABLE login_throttle (
        email text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        window_started_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      );

      CREATE TABLE audit_event (
        province_id uuid NOT NULL REFERENCES province(id),
        seq bigint NOT NULL,
        actor_user_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        request_id text,
        occurred_at timestamptz NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (province_id, seq)
      );

      CREATE TABLE platform_audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_user_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        request_id text,
        occurred_at timestamptz NOT NULL DEFAULT now()
      );

      -- Written in the business transaction; the relay moves rows to the queue. Payloads hold ids only.
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        province_id uuid REFERENCES province(id),
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        delay_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

      CREATE TABLE job_failure (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL,
        job_id text NOT NULL,
        job_name text NOT NULL,
        province_id uuid,
        payload jsonb NOT NULL,
        error text NOT NULL,
        attempts int NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        retried_at timestamptz
      );
    `);

    await q.query(`
      GRANT SELECT, INSERT, UPDATE ON province, province_lineage, unit, app_user, outbox, job_failure TO ${APP_GROUP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON role_assignment, auth_session, refresh_token, login_throttle TO ${APP_GROUP_ROLE};
      GRANT DELETE ON outbox TO ${APP_GROUP_ROLE};
      -- Audit logs are append-only for the application: no UPDATE, no DELETE.
      GRANT SELECT, INSERT ON audit_event, platform_audit_event TO ${APP_GROUP_ROLE};
    `);
    for (const table of ['unit', 'audit_event']) await enableTenantRls(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE job_failure, outbox, platform_audit_event, audit_event, login_throttle, refresh_token,
        auth_session, role_assignment, app_user, unit, province_lineage, province;
    `);
  }
}
