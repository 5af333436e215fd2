import type { Config, Logger } from '@thidua/config';
import { configureAuditKeys, outboxRepository, runInTransaction } from '@thidua/db';
import {
  CONSUMED_QUEUES,
  RETENTION,
  ROLLUPS_CHANNEL,
  TURNOUT_CHANNEL,
  type EventBus,
  isJobName,
  parsePayload,
  startOutboxRelay,
  type QueueBackend,
} from '@thidua/jobs';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { handlers } from './handlers';
import { syncAllYearEndSchedulers } from './jobs/year-end.job';

export interface WorkerOptions {
  config: Config;
  dataSource: DataSource;
  queueBackend: QueueBackend;
  eventBus: EventBus;
  logger: Logger;
  /** Skip the polling relay (tests drive it by hand). */
  relay?: boolean;
}

export interface RunningWorker {
  close(): Promise<void>;
}

export async function startWorker({
  config,
  dataSource,
  queueBackend,
  eventBus,
  logger,
  relay = true,
}: WorkerOptions): Promise<RunningWorker> {
  configureAuditKeys(config.AUDIT_HMAC_KEY, config.AUDIT_HMAC_PREVIOUS_KEYS);
  const processJob = async (job: Job) => {
    const handler = isJobName(job.name) ? handlers[job.name] : undefined;
    if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
    let payload: Record<string, unknown>;
    try {
      payload = parsePayload(job.name as Parameters<typeof parsePayload>[0], job.data);
    } catch (e) {
      throw new UnrecoverableError(`Bad payload for ${job.name}: ${String(e)}`);
    }
    const provinceId = typeof payload.provinceId === 'string' ? payload.provinceId : null;
    const started = performance.now();
    const result = await runInTransaction(dataSource, provinceId, () =>
      handler(payload, { dataSource, config, queueBackend }),
    );
    // Announced after the commit, so a subscriber reading the database sees the change.
    const announced = result as { turnoutChanged?: unknown[]; rollupsWritten?: unknown } | null;
    for (const change of announced?.turnoutChanged ?? []) {
      await eventBus.publish(TURNOUT_CHANNEL, JSON.stringify(change));
    }
    if (announced?.rollupsWritten)
      await eventBus.publish(ROLLUPS_CHANNEL, JSON.stringify(announced.rollupsWritten));
    logger.info(
      {
        queue: job.queueName,
        job: job.name,
        jobId: job.id,
        provinceId,
        ms: Math.round(performance.now() - started),
      },
      'job done',
    );
    return result;
  };

  const workers = CONSUMED_QUEUES.map((queue) => {
    const worker = queueBackend.worker(queue, processJob, {
      concurrency: 4,
      lockDuration: config.JOB_LOCK_MS,
      stalledInterval: config.JOB_LOCK_MS,
    });
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
      logger.error(
        { queue, job: job.name, jobId: job.id, attempt: job.attemptsMade, final, err: error },
        'job failed',
      );
      if (!final) return;
      // Kept in the database, where an admin can see it and retry.
      void runInTransaction(dataSource, null, () =>
        outboxRepository.recordJobFailure({
          queue,
          jobId: job.id ?? '',
          jobName: job.name,
          provinceId: typeof job.data?.provinceId === 'string' ? job.data.provinceId : null,
          payload: job.data ?? {},
          error: error.message,
          attempts: job.attemptsMade,
        }),
      ).catch((e) => logger.error({ err: e }, 'could not record a job failure'));
    });
    worker.on('error', (error) => logger.error({ queue, err: error }, 'worker error'));
    return worker;
  });

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

  const relayLoop = relay
    ? startOutboxRelay(dataSource, queueBackend, config.OUTBOX_POLL_MS, (e) =>
        logger.error({ err: e }, 'outbox relay failed'),
      )
    : null;
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  logger.info({ queues: CONSUMED_QUEUES, backend: queueBackend.kind }, 'worker started');

  return {
    /** Graceful: stops taking jobs, lets running ones finish, then returns. */
    async close() {
      await relayLoop?.stop();
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
