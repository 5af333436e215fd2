import type { Config, Logger } from '@thidua/config';
import { configureAuditKeys, outboxRepository, runInTransaction } from '@thidua/db';
import {
  CONSUMED_QUEUES,
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
import type { WorkerMetrics } from './metrics';
import { upsertSchedulers, watchSchedulers } from './schedulers';

/** What a handler's result may ask the worker to announce once committed. */
type Announced = { turnoutChanged?: unknown[]; rollupsWritten?: unknown };

export interface WorkerOptions {
  config: Config;
  dataSource: DataSource;
  queueBackend: QueueBackend;
  eventBus: EventBus;
  logger: Logger;
  /** Skip the polling relay (tests drive it by hand). */
  relay?: boolean;
  /** Where job durations and failures are counted (the worker process's /metrics). */
  metrics?: WorkerMetrics;
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
  metrics,
}: WorkerOptions): Promise<RunningWorker> {
  configureAuditKeys(config.AUDIT_HMAC_KEY, config.AUDIT_HMAC_PREVIOUS_KEYS);
  const processJob = async (job: Job) => {
    const started = performance.now();
    try {
      const result = await runJob(job, started);
      metrics?.jobFinished(job.queueName, job.name, 'done', (performance.now() - started) / 1000);
      return result;
    } catch (e) {
      metrics?.jobFinished(job.queueName, job.name, 'failed', (performance.now() - started) / 1000);
      throw e;
    }
  };
  const runJob = async (job: Job, started: number) => {
    const handler = isJobName(job.name) ? handlers[job.name] : undefined;
    if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
    let payload: Record<string, unknown>;
    try {
      payload = parsePayload(job.name as Parameters<typeof parsePayload>[0], job.data);
    } catch (e) {
      throw new UnrecoverableError(`Bad payload for ${job.name}: ${String(e)}`);
    }
    const provinceId = typeof payload.provinceId === 'string' ? payload.provinceId : null;
    const result = await runInTransaction(dataSource, provinceId, () =>
      handler(payload, { dataSource, config, queueBackend }),
    );
    await announce(result as Announced | null);
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

  /**
   * After the commit, so a subscriber reading the database sees the change. An announcement that fails (the
   * event bus unreachable) is logged, not retried as the job: the work is committed, and readers re-read.
   */
  const announce = async (announced: Announced | null) => {
    const messages = [
      // One message listing every period whose turnout changed, as the gateways send them.
      ...(announced?.turnoutChanged?.length ? [[TURNOUT_CHANNEL, announced.turnoutChanged] as const] : []),
      ...(announced?.rollupsWritten ? [[ROLLUPS_CHANNEL, announced.rollupsWritten] as const] : []),
    ];
    for (const [channel, message] of messages) {
      await eventBus
        .publish(channel, JSON.stringify(message))
        .catch((e) => logger.warn({ err: e, channel }, 'announcement failed'));
    }
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
      metrics?.jobFailedForGood(queue, job.name);
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

  await upsertSchedulers({ config, dataSource, queueBackend, logger });
  const stopWatchingSchedulers = watchSchedulers({ config, dataSource, queueBackend, logger });

  const relayLoop = relay
    ? startOutboxRelay(dataSource, queueBackend, config.OUTBOX_POLL_MS, (e) =>
        logger.error({ err: e }, 'outbox relay failed'),
      )
    : null;
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  logger.info({ queues: CONSUMED_QUEUES, backend: queueBackend.kind }, 'worker started');

  return {
    /**
     * Graceful: stops taking jobs and lets running ones finish, for up to WORKER_DRAIN_MS. Past it, the jobs
     * still running are let go (their locks are no longer renewed, so another worker runs them again after
     * JOB_LOCK_MS), so that the process stops within its orchestrator's grace period.
     */
    async close() {
      await stopWatchingSchedulers();
      await relayLoop?.stop();
      // Paused, a worker takes no more jobs; the pause ends once its running jobs have finished and been recorded.
      // (Not close(): a later close(true) would only return the first close's promise, which waits for them.)
      const drained = Promise.all(workers.map((w) => w.pause())).then(() => 'drained' as const);
      let deadline: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        deadline = setTimeout(() => resolve('late'), config.WORKER_DRAIN_MS);
      });
      const outcome = await Promise.race([drained, late]);
      clearTimeout(deadline);
      if (outcome === 'late')
        logger.warn(
          { drainMs: config.WORKER_DRAIN_MS, jobLockMs: config.JOB_LOCK_MS },
          'jobs still running at the drain deadline: let go, they run again after their lock expires',
        );
      await Promise.all(workers.map((w) => w.close(outcome === 'late')));
    },
  };
}
