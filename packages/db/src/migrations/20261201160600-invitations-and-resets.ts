import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE } from './rls';

/**
 * Accounts people manage themselves (issue 16). Both tables are platform tables, like role_assignment: an
 * invitation is opened by its link before the invitee has an account or a province, and a password reset is asked
 * for an email before anyone is signed in. An invitation's province is still in its key for the province's own
 * lists, which filter by it explicitly.
 *
 * Only a hash of each token is stored (token_hash, SHA-256): the worker draws the token when it writes the email,
 * stores its hash and puts the token in the email only. A dump of the database opens no link.
 */
export class InvitationsAndResets1796141160000 implements MigrationInterface {
  name = 'InvitationsAndResets1796141160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        province_id uuid NOT NULL REFERENCES province(id),
        email text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
        full_name text CHECK (full_name IS NULL OR length(full_name) <= 200),
        role text NOT NULL CHECK (role IN ('PROVINCE_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER')),
        unit_id uuid,
        -- The unit's name when invited: the invitee's page and email show it before any province is chosen.
        unit_name text,
        invited_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        -- Null until the worker has emailed a link; replaced at each resend, so only the latest link works.
        token_hash bytea UNIQUE,
        -- How many times it was sent (the send job's id includes it).
        sends int NOT NULL DEFAULT 1,
        expires_at timestamptz NOT NULL,
        emailed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        revoked_at timestamptz,
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id),
        CHECK ((role = 'UNIT_OFFICER') = (unit_id IS NOT NULL)),
        CHECK (accepted_at IS NULL OR revoked_at IS NULL)
      );
      -- One open invitation per address and province: inviting again finds it (an import run twice adds none).
      CREATE UNIQUE INDEX invitation_open ON invitation (province_id, email)
        WHERE accepted_at IS NULL AND revoked_at IS NULL;
      CREATE INDEX invitation_province ON invitation (province_id, created_at DESC);

      CREATE TABLE password_reset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- As asked (lower case), whether or not an account has it: the request is recorded the same either way.
        email text NOT NULL,
        -- Who asked (the socket's address), for throttling per client.
        client text NOT NULL,
        -- Set by the worker when the address has an enabled account.
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        token_hash bytea UNIQUE,
        requested_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        emailed_at timestamptz,
        used_at timestamptz
      );
      CREATE INDEX password_reset_email ON password_reset (email, requested_at);
      CREATE INDEX password_reset_client ON password_reset (client, requested_at);
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON invitation, password_reset TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset, invitation`);
  }
}
