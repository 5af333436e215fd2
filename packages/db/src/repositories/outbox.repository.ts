import { JobFailure, OutboxMessage } from '../entities';
import { currentManager } from '../tenancy/tenant-context';

export interface OutboxEntry {
  provinceId: string | null;
  queue: string;
  jobName: string;
  /** Deterministic: the relay enqueues with it, so a re-sent row never becomes a second job. */
  jobId: string;
  payload: object;
  delayUntil?: Date | null;
  traceParent?: string | null;
}

export const outboxRepository = {
  /** Call inside the business transaction, so the message commits or rolls back with the change. */
  async add(entry: OutboxEntry): Promise<void> {
    await (
      await currentManager()
    )
      .getRepository(OutboxMessage)
      .insert({ ...entry, delayUntil: entry.delayUntil ?? null, traceParent: entry.traceParent ?? null });
  },

  /** Locks a batch of unsent rows; concurrent relays skip each other's rows instead of sending them twice. */
  async claimUnsent(limit: number): Promise<OutboxMessage[]> {
    return (await currentManager())
      .getRepository(OutboxMessage)
      .createQueryBuilder('o')
      .where('o.sent_at IS NULL')
      .orderBy('o.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  },

  async markSent(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await (
      await currentManager()
    ).query(`UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`, [ids]);
  },

  async markFailed(id: string, error: string): Promise<void> {
    await (
      await currentManager()
    ).query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error]);
  },

  async purgeSent(olderThanDays: number): Promise<number> {
    const result: [unknown[], number] = await (
      await currentManager()
    ).query(`DELETE FROM outbox WHERE sent_at < now() - make_interval(days => $1)`, [olderThanDays]);
    return result[1];
  },

  async recordJobFailure(failure: Omit<JobFailure, 'id' | 'failedAt' | 'retriedAt'>): Promise<void> {
    await (await currentManager()).getRepository(JobFailure).insert(failure);
  },
};
