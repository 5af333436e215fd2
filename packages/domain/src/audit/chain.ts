import { createHash } from 'node:crypto';

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

/** Hashes exactly the chained fields, so extra properties on a loaded row (its own hash, its key) never count. */
export function auditHash(provinceId: string, e: Omit<ChainedEvent, 'hash'>): string {
  const body = {
    provinceId,
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
  return createHash('sha256').update(e.prevHash).update(canonicalJson(body)).digest('hex');
}

export type ChainVerdict =
  { valid: true; checked: number } | { valid: false; checked: number; brokenAtSeq: string; reason: string };

/** Checks events in seq order: consecutive numbers, each linked to the previous hash, each hash recomputed. */
export function verifyChain(provinceId: string, events: readonly ChainedEvent[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  for (const [i, e] of events.entries()) {
    const broken = (reason: string): ChainVerdict => ({
      valid: false,
      checked: i,
      brokenAtSeq: e.seq,
      reason,
    });
    if (BigInt(e.seq) !== expectedSeq) return broken(`expected event ${expectedSeq}, found ${e.seq}`);
    if (e.prevHash !== prevHash) return broken('not linked to the previous event');
    if (auditHash(provinceId, e) !== e.hash) return broken('content does not match its hash');
    prevHash = e.hash;
    expectedSeq++;
  }
  return { valid: true, checked: events.length };
}
