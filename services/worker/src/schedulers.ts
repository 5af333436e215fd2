import type { Config, Logger } from '@thidua/config';
import { currentManager, runInTenant, runInTransaction } from '@thidua/db';
import { jobId, rescheduleOpenPeriods, RETENTION, type QueueBackend } from '@thidua/jobs';
import type { DataSource } from 'typeorm';
import { syncAllYearEndSchedulers } from './jobs/year-end.job';

interface Deps {
  config: Config;
  dataSource: DataSource;
  queueBackend: QueueBackend;
  logger: Logger;
}

/** The worker's job schedulers: housekeeping, the voting sweep, and each province's year-end closing. */
export async function upsertSchedulers({ config, dataSource, queueBackend }: Deps): Promise<void> {
  await queueBackend
    .queue('maintenance')
    .upsertJobScheduler(
      'purge-expired',
      { pattern: '0 3 * * *', tz: 'Asia/Ho_Chi_Minh' },
      { name: 'purge-expired', data: {}, opts: RETENTION },
    );
  // The safety net under the per-period close jobs: whatever is overdue closes within a sweep interval.
  await queueBackend
    .queue('voting')
    .upsertJobScheduler(
      'sweep-voting',
      { every: config.VOTING_SWEEP_MS },
      { name: 'sweep-voting', data: {}, opts: RETENTION },
    );
  await syncAllYearEndSchedulers(dataSource, queueBackend);
}

/**
 * Schedulers live in the queue store, so a Redis restarted empty (or flushed) loses them, and with them the
 * delayed per-period close jobs: overdue votes would then stay open until a worker restart. Every
 * `SCHEDULER_CHECK_MS`, and whenever the connection to Redis comes back, the watchdog looks for the schedulers
 * and, missing, re-creates them all and sweeps at once, which closes every vote whose close job was lost.
 * Returns the function that stops it (waiting for a check under way).
 */
export function watchSchedulers(deps: Deps): () => Promise<void> {
  const { config, queueBackend, logger } = deps;
  let running: Promise<void> | null = null;
  const check = () =>
    (running ??= restoreIfLost(deps)
      .catch((e) => logger.warn({ err: e }, 'could not check the job schedulers'))
      .finally(() => (running = null)));
  const timer = setInterval(check, config.SCHEDULER_CHECK_MS);
  const stopListening = queueBackend.onReconnect(() => void check());
  return async () => {
    clearInterval(timer);
    stopListening();
    await running;
  };
}

async function restoreIfLost(deps: Deps): Promise<void> {
  const voting = deps.queueBackend.queue('voting');
  const [sweep, purge] = await Promise.all([
    voting.getJobScheduler('sweep-voting'),
    deps.queueBackend.queue('maintenance').getJobScheduler('purge-expired'),
  ]);
  if (sweep && purge) return;
  deps.logger.warn('job schedulers missing from the queue store (emptied or replaced): creating them again');
  await upsertSchedulers(deps);
  await rescheduleAllOpenPeriods(deps.dataSource);
  await voting.add(
    'sweep-voting',
    {},
    { jobId: jobId('sweep-voting', 'restored', String(Date.now())), ...RETENTION },
  );
}

/** The per-period close and reminder jobs of every open vote, through the outbox, one province at a time. */
async function rescheduleAllOpenPeriods(dataSource: DataSource): Promise<void> {
  const provinces = await runInTransaction(
    dataSource,
    null,
    async () => (await currentManager()).query(`SELECT id FROM province`) as Promise<{ id: string }[]>,
  );
  for (const { id } of provinces) await runInTenant(dataSource, id, () => rescheduleOpenPeriods(id));
}
