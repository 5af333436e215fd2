import { outboxRepository, runInTransaction, type OutboxMessage } from '@thidua/db';
import type { DataSource } from 'typeorm';
import { RETENTION, type QueueBackend } from './backend';
import type { QueueName } from './contract';
import { withTraceParent } from './tracing';

export interface RelayOptions {
  batchSize?: number;
  /** Test seam: runs after a message is on the queue and before its row is marked sent. */
  afterEnqueue?: (message: OutboxMessage) => void | Promise<void>;
}

/**
 * Moves one batch of unsent outbox rows to their queues. Rows stay locked until the batch commits; a crash
 * before the commit leaves them unsent, and the next pass re-adds them under the same job id, which the queue
 * deduplicates. Returns how many rows were sent.
 */
export async function relayOutboxOnce(
  ds: DataSource,
  backend: QueueBackend,
  opts: RelayOptions = {},
): Promise<number> {
  return runInTransaction(ds, null, async () => {
    const batch = await outboxRepository.claimUnsent(opts.batchSize ?? 100);
    const sent: string[] = [];
    for (const message of batch) {
      try {
        const delay = message.delayUntil ? Math.max(0, message.delayUntil.getTime() - Date.now()) : undefined;
        const queue = backend.queue(message.queue as QueueName);
        // A deadline that moved: the same job id, waiting, is moved rather than added again.
        const waiting = delay !== undefined ? await queue.getJob(message.jobId) : undefined;
        if (waiting && (await waiting.isDelayed())) {
          await waiting.changeDelay(delay!);
          await opts.afterEnqueue?.(message);
          sent.push(message.id);
          continue;
        }
        await withTraceParent(message.traceParent, () =>
          queue.add(message.jobName, message.payload, {
            jobId: message.jobId,
            delay,
            attempts: 5,
            backoff: { type: 'exponential', delay: 1000 },
            ...RETENTION,
          }),
        );
      } catch (error) {
        await outboxRepository.markFailed(message.id, String(error));
        continue;
      }
      await opts.afterEnqueue?.(message);
      sent.push(message.id);
    }
    await outboxRepository.markSent(sent);
    return sent.length;
  });
}

/** Polls the outbox until stopped. */
export function startOutboxRelay(
  ds: DataSource,
  backend: QueueBackend,
  pollMs: number,
  onError: (e: unknown) => void,
) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        while (!stopped && (await relayOutboxOnce(ds, backend)) > 0);
      } catch (e) {
        onError(e);
      }
      if (!stopped) timer = setTimeout(tick, pollMs);
    })();
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
