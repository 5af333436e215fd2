import {
  auditHash,
  auditKey,
  GENESIS_HASH,
  verifyChain,
  type AuditKey,
  type ChainVerdict,
} from '@thidua/domain';
import { AuditEvent, PlatformAuditEvent } from '../entities';
import { currentManager, currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { paginate, type PageRequest } from './pagination';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: object | null;
  after?: object | null;
  requestId?: string | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
}

let keys: { current: AuditKey; all: AuditKey[] } | null = null;

/**
 * The audit HMAC keys (AUDIT_HMAC_KEY and the ones rotated out), from the configuration, which the services set
 * at start. The database never holds them: a row inserted without them does not verify.
 */
export function configureAuditKeys(current: string, previous: readonly string[] = []): void {
  const key = auditKey(current);
  keys = { current: key, all: [key, ...previous.map(auditKey)] };
}

function auditKeys(): { current: AuditKey; all: AuditKey[] } {
  if (!keys)
    throw new Error('The audit HMAC key is not configured (AUDIT_HMAC_KEY): call configureAuditKeys');
  return keys;
}

export const auditRepository = {
  /**
   * Appends to the province's chain, dated now. The advisory lock serialises appenders of one province until
   * commit, so two transactions never link to the same predecessor.
   */
  append(entry: AuditEntry): Promise<AuditEvent> {
    return appendDated(entry);
  },

  async list(filter: AuditFilter, page: PageRequest) {
    return paginate(
      filtered((await tenantManager()).getRepository(AuditEvent).createQueryBuilder('a'), filter),
      page,
    );
  },

  /** The platform's chain (accounts, sign-ins, provinces, the base salary), newest first. */
  async listPlatform(filter: AuditFilter, page: PageRequest) {
    const qb = (await currentManager()).getRepository(PlatformAuditEvent).createQueryBuilder('a');
    return paginate(filtered(qb, filter), page);
  },

  /** One event of the province's chain, by its number. */
  async entry(seq: string): Promise<AuditEvent | null> {
    return (await tenantManager())
      .getRepository(AuditEvent)
      .findOneBy({ provinceId: currentProvinceId(), seq });
  },

  /** The reason the secretariat gave for casting a unit's ballot in a period (its audit), or null. */
  async ballotCastOnBehalf(periodId: string, unitId: string): Promise<string | null> {
    const [row] = (await (
      await tenantManager()
    ).query(
      `SELECT after->>'onBehalfReason' AS reason FROM audit_event
        WHERE province_id = $1 AND entity_type = 'VotingPeriod' AND entity_id = $2
          AND action = 'ballot.cast_on_behalf' AND after->>'unitId' = $3
        ORDER BY seq DESC LIMIT 1`,
      [currentProvinceId(), periodId, unitId],
    )) as { reason: string | null }[];
    return row?.reason ?? null;
  },

  async verify(): Promise<ChainVerdict> {
    const events = await (await tenantManager()).getRepository(AuditEvent).find({ order: { seq: 'ASC' } });
    return verifyChain(currentProvinceId(), events, auditKeys().all);
  },

  /** Appends to the platform's chain, serialised like a province's by an advisory lock held until commit. */
  async appendPlatform(entry: AuditEntry): Promise<void> {
    const m = await currentManager();
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit:platform', 0))`);
    const [last] = await m.getRepository(PlatformAuditEvent).find({ order: { seq: 'DESC' }, take: 1 });
    const body = chained(entry, last, new Date());
    const key = auditKeys().current;
    await m
      .getRepository(PlatformAuditEvent)
      .insert({ ...body, hash: auditHash(null, body, key), hashKeyId: key.id });
  },

  async verifyPlatform(): Promise<ChainVerdict> {
    const events = await (
      await currentManager()
    )
      .getRepository(PlatformAuditEvent)
      .find({ order: { seq: 'ASC' } });
    return verifyChain(null, events, auditKeys().all);
  },
};

/**
 * `auditRepository.append`, with the event's date given rather than now: only the demo seed
 * (seed/demo-history.ts) dates the history it loads. The package's index does not export it, so no request path
 * can backdate an event. The date is hashed with the rest, set before the hash.
 */
export async function appendDated(entry: AuditEntry, occurredAt?: Date): Promise<AuditEvent> {
  const m = await tenantManager();
  const provinceId = currentProvinceId();
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [provinceId]);
  const last = await m.getRepository(AuditEvent).findOne({ where: { provinceId }, order: { seq: 'DESC' } });
  const body = chained(entry, last, occurredAt ?? new Date());
  const key = auditKeys().current;
  const event = { ...body, provinceId, hash: auditHash(provinceId, body, key), hashKeyId: key.id };
  await m.getRepository(AuditEvent).insert(event);
  return event as AuditEvent;
}

/** A chain's events as the log's filter asks for them, newest first. */
function filtered<Q extends SelectQueryBuilder<ObjectLiteral>>(qb: Q, filter: AuditFilter): Q {
  if (filter.entityType) qb.andWhere('a.entity_type = :entityType', filter);
  if (filter.entityId) qb.andWhere('a.entity_id = :entityId', filter);
  if (filter.action) qb.andWhere('a.action = :action', filter);
  qb.orderBy('a.seq', 'DESC');
  return qb;
}

/** The fields an event is hashed on, linked after the chain's `last` event (a province's or the platform's). */
function chained(
  entry: AuditEntry,
  last: { seq: string; hash: string } | null | undefined,
  occurredAt: Date,
) {
  return {
    seq: String(last ? BigInt(last.seq) + 1n : 1n),
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId ?? null,
    occurredAt,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
}
