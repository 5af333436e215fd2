import { CONSUMED_QUEUES, registerPoolGauge, type QueueBackend } from '@thidua/jobs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** The job states whose counts are the queue's depth, as BullMQ names them. */
const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** The worker's Prometheus metrics, on a registry of its own (tests run several workers in one process). */
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly duration = new Histogram({
    name: 'thidua_job_duration_seconds',
    help: 'Jobs processed, by queue, job name and outcome (done or failed)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });
  private readonly failures = new Counter({
    name: 'thidua_job_failures_total',
    help: 'Jobs that failed for good (attempts exhausted or unrecoverable), by queue and job name',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });

  constructor(dataSource: DataSource, queueBackend: QueueBackend) {
    collectDefaultMetrics({ register: this.registry });
    registerPoolGauge(this.registry, dataSource);
    new Gauge({
      name: 'thidua_queue_jobs',
      help: 'Jobs in each queue by state, read from the queue store when scraped',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        await Promise.all(
          CONSUMED_QUEUES.map(async (queue) => {
            const counts = await queueBackend.queue(queue).getJobCounts(...DEPTH_STATES);
            for (const state of DEPTH_STATES) this.set({ queue, state }, counts[state] ?? 0);
          }),
        );
      },
    });
  }

  jobFinished(queue: string, job: string, outcome: 'done' | 'failed', seconds: number): void {
    this.duration.observe({ queue, job, outcome }, seconds);
  }

  jobFailedForGood(queue: string, job: string): void {
    this.failures.inc({ queue, job });
  }
}
