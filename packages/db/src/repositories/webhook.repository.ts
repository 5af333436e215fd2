import { randomBytes } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { WebhookAttempt, WebhookDelivery, WebhookSubscription, type WebhookStatus } from '../entities';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

const repo = async <T extends object>(entity: new () => T) => (await tenantManager()).getRepository(entity);

export const webhookRepository = {
  async subscribe(
    url: string,
    events: string[],
    userId: string,
  ): Promise<WebhookSubscription & { secret: string }> {
    const secret = randomBytes(32).toString('base64url');
    const r = await repo(WebhookSubscription);
    const saved = await r.save(
      r.create({ provinceId: currentProvinceId(), url, events, secret, createdBy: userId }),
    );
    return { ...saved, secret };
  },

  async subscriptions(): Promise<WebhookSubscription[]> {
    return (await repo(WebhookSubscription)).find({
      where: { deletedAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
  },

  /** A receiver in force (not removed), by id; null otherwise. */
  async subscription(id: string): Promise<WebhookSubscription | null> {
    return (await repo(WebhookSubscription)).findOne({ where: { id, deletedAt: IsNull() } });
  },

  /** Whether a delivery of `event` to the receiver is still being sent (pending). */
  async hasPending(subscriptionId: string, event: string): Promise<boolean> {
    return (await repo(WebhookDelivery)).exists({ where: { subscriptionId, event, status: 'PENDING' } });
  },

  async forEvent(event: string): Promise<WebhookSubscription[]> {
    return (await repo(WebhookSubscription))
      .createQueryBuilder('s')
      .where('s.deleted_at IS NULL AND :event = ANY(s.events)', { event })
      .getMany();
  },

  async unsubscribe(id: string): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE webhook_subscription SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length === 1;
  },

  /** Records deliveries not yet recorded (by idempotency key); returns the new ones' ids. */
  async record(
    items: Pick<WebhookDelivery, 'subscriptionId' | 'event' | 'idempotencyKey' | 'payload'>[],
  ): Promise<string[]> {
    if (!items.length) return [];
    const rows = await returning<{ id: string }>(
      await tenantManager(),
      `INSERT INTO webhook_delivery (province_id, subscription_id, event, idempotency_key, payload)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[])
       ON CONFLICT (province_id, idempotency_key) DO NOTHING RETURNING id`,
      [
        currentProvinceId(),
        items.map((i) => i.subscriptionId),
        items.map((i) => i.event),
        items.map((i) => i.idempotencyKey),
        items.map((i) => JSON.stringify(i.payload)),
      ],
    );
    return rows.map((r) => r.id);
  },

  /** A pending delivery with its subscription's URL and secret, or null when not pending. */
  async pending(id: string): Promise<(WebhookDelivery & { url: string; secret: string }) | null> {
    const [row] = await (
      await tenantManager()
    ).query(
      `SELECT d.id, d.idempotency_key AS "idempotencyKey", d.event, d.payload, d.attempts, s.url, s.secret
       FROM webhook_delivery d
       JOIN webhook_subscription s ON s.province_id = d.province_id AND s.id = d.subscription_id
       WHERE d.id = $1 AND d.status = 'PENDING' AND s.deleted_at IS NULL`,
      [id],
    );
    return row ?? null;
  },

  async logAttempt(
    deliveryId: string,
    a: { statusCode: number | null; error: string | null; cause: string | null; durationMs: number },
  ): Promise<void> {
    await (await repo(WebhookAttempt)).insert({ provinceId: currentProvinceId(), deliveryId, ...a });
  },

  async settle(id: string, status: WebhookStatus, attempts: number): Promise<void> {
    await (
      await tenantManager()
    ).query(
      `UPDATE webhook_delivery SET status = $2, attempts = $3, delivered_at = CASE WHEN $2 = 'DELIVERED' THEN now() END WHERE id = $1`,
      [id, status, attempts],
    );
  },

  /** DEAD → PENDING with a fresh attempt budget; false unless it was dead. */
  async revive(id: string): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE webhook_delivery SET status = 'PENDING', attempts = 0 WHERE id = $1 AND status = 'DEAD' RETURNING id`,
      [id],
    );
    return rows.length === 1;
  },

  async deliveries(filter: {
    subscriptionId?: string;
    status?: WebhookStatus;
    ids?: string[];
  }): Promise<WebhookDelivery[]> {
    return (await repo(WebhookDelivery)).find({
      where: {
        ...(filter.subscriptionId ? { subscriptionId: filter.subscriptionId } : {}),
        ...(filter.ids ? { id: In(filter.ids) } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { createdAt: 'DESC' },
      take: 200,
    });
  },

  /** Each delivery's latest attempt (the log keeps every attempt, over every retry), by delivery id. */
  async lastAttempts(deliveryIds: readonly string[]): Promise<Map<string, WebhookAttempt>> {
    if (!deliveryIds.length) return new Map();
    const rows = await (
      await repo(WebhookAttempt)
    )
      .createQueryBuilder('a')
      .distinctOn(['a.delivery_id'])
      .where('a.delivery_id IN (:...ids)', { ids: [...deliveryIds] })
      .orderBy('a.delivery_id')
      .addOrderBy('a.attempted_at', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.deliveryId, r]));
  },

  async attempts(deliveryIds: readonly string[]): Promise<WebhookAttempt[]> {
    if (!deliveryIds.length) return [];
    return (await repo(WebhookAttempt)).find({
      where: { deliveryId: In([...deliveryIds]) },
      order: { attemptedAt: 'ASC' },
    });
  },

  /**
   * The addresses receivers (removed ones too) or deliveries were for, by their ids: how the audit log names them.
   */
  async addressesOf(kind: 'subscription' | 'delivery', ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = (await (
      await tenantManager()
    ).query(
      kind === 'subscription'
        ? `SELECT id, url FROM webhook_subscription WHERE id = ANY($1::uuid[])`
        : `SELECT d.id, s.url FROM webhook_delivery d JOIN webhook_subscription s
             ON s.province_id = d.province_id AND s.id = d.subscription_id WHERE d.id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; url: string }[];
    return new Map(rows.map((r) => [r.id, r.url]));
  },
};
