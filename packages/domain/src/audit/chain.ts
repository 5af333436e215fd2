import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEvent {
  seq: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  occurredAt: Date;
  prevHash: string;
  hash: string;
  /**
   * The key the hash was made with (HMAC-SHA-256, see auditKey). Null or absent: a plain SHA-256, as every event
   * was hashed before keys existed; accepted only before the chain's first keyed event.
   */
  hashKeyId?: string | null;
}

/**
 * A secret the database does not hold (AUDIT_HMAC_KEY): without it an appended event's hash cannot be made to
 * verify, whoever may insert rows. Its id, stored with each event, names it for verification after rotation
 * without revealing anything a hash does not already.
 */
export interface AuditKey {
  id: string;
  secret: string;
}

export function auditKey(secret: string): AuditKey {
  const id = createHash('sha256').update(`thidua-audit-key-id:${secret}`).digest('hex').slice(0, 16);
  return { id, secret };
}

/** JSON with object keys sorted at every level, so jsonb's key reordering never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Hashes exactly the chained fields, so extra properties on a loaded row (its own hash, its key) never count.
 * `scope` is the province whose chain this is, or null for the platform's chain. With a key: HMAC-SHA-256;
 * without: the plain SHA-256 of the events chained before keys existed.
 */
export function auditHash(
  scope: string | null,
  e: Omit<ChainedEvent, 'hash' | 'hashKeyId'>,
  key: AuditKey | null = null,
): string {
  const body = {
    provinceId: scope,
    seq: e.seq,
    actorUserId: e.actorUserId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
    occurredAt: e.occurredAt,
  };
  const h = key ? createHmac('sha256', key.secret) : createHash('sha256');
  return h.update(e.prevHash).update(canonicalJson(body)).digest('hex');
}

export type ChainVerdict =
  { valid: true; checked: number } | { valid: false; checked: number; brokenAtSeq: string; reason: string };

/**
 * Checks events in seq order: consecutive numbers, each linked to the previous hash, each hash recomputed with the
 * key it names (one of `keys`, the current key and those rotated out). An unkeyed event is accepted only before the
 * first keyed one: after it, an unkeyed event can only have been appended by someone without the key.
 */
export function verifyChain(
  scope: string | null,
  events: readonly ChainedEvent[],
  keys: readonly AuditKey[] = [],
): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let keyed = false;
  for (const [i, e] of events.entries()) {
    const broken = (reason: string): ChainVerdict => ({
      valid: false,
      checked: i,
      brokenAtSeq: e.seq,
      reason,
    });
    if (BigInt(e.seq) !== expectedSeq) return broken(`expected event ${expectedSeq}, found ${e.seq}`);
    if (e.prevHash !== prevHash) return broken('not linked to the previous event');
    let key: AuditKey | null = null;
    if (e.hashKeyId) {
      key = keys.find((k) => k.id === e.hashKeyId) ?? null;
      if (!key) return broken(`hashed with key ${e.hashKeyId}, which this verifier does not hold`);
      keyed = true;
    } else if (keyed) {
      return broken('unkeyed hash after keyed events: appended without the key');
    }
    if (auditHash(scope, e, key) !== e.hash) return broken('content does not match its hash');
    prevHash = e.hash;
    expectedSeq++;
  }
  return { valid: true, checked: events.length };
}
