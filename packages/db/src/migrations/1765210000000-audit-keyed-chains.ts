import { auditHash, GENESIS_HASH } from '@thidua/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

interface PlatformRow {
  id: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  occurred_at: Date;
}

/**
 * Audit chains an application role cannot extend unnoticed (issue 12, point 4). The application role may insert
 * audit rows, and the hash was public (SHA-256 over the content), so it could append an event that verified. Now
 * each event names the key of its HMAC-SHA-256 (`hash_key_id`, see `auditKey`); the key itself lives only in the
 * services' configuration (AUDIT_HMAC_KEY). Events hashed before keep a NULL key id and verify as before; the
 * verifier accepts them only before a chain's first keyed event, and a trigger refuses new rows without a key id.
 *
 * The platform log (`platform_audit_event`) becomes a chain too: `seq`, `prev_hash`, `hash`. Its existing events
 * are chained here, as they stand, with the unkeyed hash; the first keyed append seals them.
 */
export class AuditKeyedChains1765210000000 implements MigrationInterface {
  name = 'AuditKeyedChains1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_event ADD COLUMN hash_key_id text;
      ALTER TABLE platform_audit_event ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text,
        ADD COLUMN hash_key_id text;
    `);
    const rows: PlatformRow[] = await q.query(
      `SELECT id, actor_user_id, action, entity_type, entity_id, before, after, request_id, occurred_at
       FROM platform_audit_event ORDER BY id`,
    );
    let prevHash = GENESIS_HASH;
    for (const [i, r] of rows.entries()) {
      const seq = String(i + 1);
      const hash = auditHash(null, {
        seq,
        actorUserId: r.actor_user_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        requestId: r.request_id,
        occurredAt: r.occurred_at,
        prevHash,
      });
      // occurred_at is hashed as JavaScript reads it (to the millisecond), as the verifier will read it again.
      await q.query(`UPDATE platform_audit_event SET seq = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [
        r.id,
        seq,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    await q.query(`
      ALTER TABLE platform_audit_event ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL,
        ALTER COLUMN hash SET NOT NULL, ADD CONSTRAINT platform_audit_event_seq_key UNIQUE (seq);

      CREATE FUNCTION audit_refuse_unkeyed() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit events are appended with a keyed hash (hash_key_id)' USING ERRCODE = '23502';
      END
      $fn$;
      REVOKE ALL ON FUNCTION audit_refuse_unkeyed() FROM PUBLIC;
      CREATE TRIGGER audit_event_keyed BEFORE INSERT ON audit_event
        FOR EACH ROW WHEN (NEW.hash_key_id IS NULL) EXECUTE FUNCTION audit_refuse_unkeyed();
      CREATE TRIGGER platform_audit_event_keyed BEFORE INSERT ON platform_audit_event
        FOR EACH ROW WHEN (NEW.hash_key_id IS NULL) EXECUTE FUNCTION audit_refuse_unkeyed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER platform_audit_event_keyed ON platform_audit_event;
      DROP TRIGGER audit_event_keyed ON audit_event;
      DROP FUNCTION audit_refuse_unkeyed();
      ALTER TABLE platform_audit_event DROP COLUMN hash_key_id, DROP COLUMN hash, DROP COLUMN prev_hash,
        DROP COLUMN seq;
      ALTER TABLE audit_event DROP COLUMN hash_key_id;
    `);
  }
}
