import { In } from 'typeorm';
import { EmailDelivery, Notification, NotificationPreference, type NotificationChannel } from '../entities';
import { currentManager, currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { paginate, type PageRequest } from './pagination';
import { returning } from './sql';

export type NewNotification = Pick<
  Notification,
  'userId' | 'event' | 'subjectId' | 'title' | 'body' | 'link' | 'idempotencyKey'
> & { locale: 'vi' | 'en' };

export const notificationRepository = {
  /** Inserts those not yet delivered (by idempotency key); returns how many were new. */
  async deliver(items: NewNotification[]): Promise<number> {
    if (!items.length) return 0;
    const provinceId = currentProvinceId();
    const rows = await returning(
      await tenantManager(),
      `INSERT INTO notification (province_id, user_id, event, subject_id, title, body, link, idempotency_key, locale)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (province_id, idempotency_key) DO NOTHING RETURNING id`,
      [
        provinceId,
        items.map((i) => i.userId),
        items.map((i) => i.event),
        items.map((i) => i.subjectId),
        items.map((i) => i.title),
        items.map((i) => i.body),
        items.map((i) => i.link),
        items.map((i) => i.idempotencyKey),
        items.map((i) => i.locale),
      ],
    );
    return rows.length;
  },

  /** Unread first, then newest. */
  async list(userId: string, unreadOnly: boolean, page: PageRequest) {
    const qb = (await tenantManager())
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    qb.orderBy('n.read_at IS NULL', 'DESC').addOrderBy('n.created_at', 'DESC').addOrderBy('n.id');
    return paginate(qb, page);
  },

  async unreadCount(userId: string): Promise<number> {
    const [row] = await (
      await tenantManager()
    ).query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return row.n as number;
  },

  /**
   * Marks the user's notifications read: the given ones, or those about the given records, or (neither given) all.
   * Returns how many changed.
   */
  async markRead(userId: string, ids: string[] | null, subjectIds: string[] | null = null): Promise<number> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE notification SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL
          AND ($2::uuid[] IS NULL OR id = ANY($2)) AND ($3::uuid[] IS NULL OR subject_id = ANY($3))
        RETURNING id`,
      [userId, ids, subjectIds],
    );
    return rows.length;
  },

  /** Marks read, for each of these users, their notices of one event about one record (a request since done). */
  async markReadAbout(userIds: readonly string[], subjectId: string, event: string): Promise<number> {
    if (!userIds.length) return 0;
    const rows = await returning(
      await tenantManager(),
      `UPDATE notification SET read_at = now()
        WHERE user_id = ANY($1) AND subject_id = $2 AND event = $3 AND read_at IS NULL
        RETURNING id`,
      [userIds, subjectId, event],
    );
    return rows.length;
  },

  async preferences(userIds: readonly string[]): Promise<NotificationPreference[]> {
    if (!userIds.length) return [];
    return (await currentManager())
      .getRepository(NotificationPreference)
      .findBy({ userId: In([...userIds]) });
  },

  async setPreference(
    userId: string,
    event: string,
    channel: NotificationChannel,
    enabled: boolean,
  ): Promise<void> {
    await (
      await currentManager()
    )
      .getRepository(NotificationPreference)
      .upsert({ userId, event, channel, enabled }, ['userId', 'event', 'channel']);
  },
};

export type NewEmail = Pick<
  EmailDelivery,
  'idempotencyKey' | 'userId' | 'event' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody'
> &
  Partial<Pick<EmailDelivery, 'unsubscribeUrl'>>;

/** Email deliveries; each state change is its own short transaction in the send job (see the migration). */
export const emailRepository = {
  /** Records the deliveries not yet recorded (by idempotency key); returns the new ones' ids. */
  async record(items: NewEmail[]): Promise<string[]> {
    if (!items.length) return [];
    const rows = await returning<{ id: string }>(
      await tenantManager(),
      `INSERT INTO email_delivery (province_id, idempotency_key, user_id, event, to_address, subject, text_body, html_body, unsubscribe_url)
       SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (province_id, idempotency_key) DO NOTHING RETURNING id`,
      [
        currentProvinceId(),
        items.map((i) => i.idempotencyKey),
        items.map((i) => i.userId),
        items.map((i) => i.event),
        items.map((i) => i.toAddress),
        items.map((i) => i.subject),
        items.map((i) => i.textBody),
        items.map((i) => i.htmlBody),
        items.map((i) => i.unsubscribeUrl ?? null),
      ],
    );
    return rows.map((r) => r.id);
  },

  /** PENDING → SENDING; the delivery to send, or null when it is not pending. */
  async claim(id: string): Promise<EmailDelivery | null> {
    const [row] = await returning<{ id: string }>(
      await tenantManager(),
      `UPDATE email_delivery SET status = 'SENDING', attempts = attempts + 1 WHERE id = $1 AND status = 'PENDING' RETURNING id`,
      [id],
    );
    return row ? (await tenantManager()).getRepository(EmailDelivery).findOneBy({ id }) : null;
  },

  async byId(id: string): Promise<EmailDelivery | null> {
    return (await tenantManager()).getRepository(EmailDelivery).findOneBy({ id });
  },

  async finish(
    id: string,
    status: 'SENT' | 'PENDING' | 'UNCERTAIN',
    error: string | null = null,
  ): Promise<void> {
    await (
      await tenantManager()
    ).query(
      `UPDATE email_delivery SET status = $2, last_error = $3, sent_at = CASE WHEN $2 = 'SENT' THEN now() END WHERE id = $1`,
      [id, status, error],
    );
  },
};
