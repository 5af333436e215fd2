import { auditHash, GENESIS_HASH, verifyChain, type ChainVerdict } from '@thidua/domain';
import { AuditEvent, PlatformAuditEvent } from '../entities';
import { currentManager, currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { paginate, type PageRequest } from './pagination';

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

export const auditRepository = {
  /**
   * Appends to the province's chain. The advisory lock serialises appenders of one province until commit,
   * so two transactions never link to the same predecessor.
   */
  async append(entry: AuditEntry): Promise<AuditEvent> {
    const m = await tenantManager();
    const provinceId = currentProvinceId();
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))`, [provinceId]);
    const last = await m.getRepository(AuditEvent).findOne({ where: { provinceId }, order: { seq: 'DESC' } });
    const body = {
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      actorUserId: entry.actorUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: entry.requestId ?? null,
      occurredAt: new Date(),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const event = { ...body, provinceId, hash: auditHash(provinceId, body) };
    await m.getRepository(AuditEvent).insert(event);
    return event as AuditEvent;
  },

  async list(filter: AuditFilter, page: PageRequest) {
    const qb = (await tenantManager()).getRepository(AuditEvent).createQueryBuilder('a');
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', filter);
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', filter);
    if (filter.action) qb.andWhere('a.action = :action', filter);
    qb.orderBy('a.seq', 'DESC');
    return paginate(qb, page);
  },

  async verify(): Promise<ChainVerdict> {
    const events = await (await tenantManager()).getRepository(AuditEvent).find({ order: { seq: 'ASC' } });
    return verifyChain(currentProvinceId(), events);
  },

  async appendPlatform(entry: AuditEntry): Promise<void> {
    await (await currentManager()).getRepository(PlatformAuditEvent).insert({
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: entry.requestId ?? null,
    });
  },
};
