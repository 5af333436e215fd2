import { currentProvinceIdOrNull, outboxRepository } from '@thidua/db';
import { JOBS, type JobName, type JobPayload } from './contract';
import { currentTraceParent } from './tracing';

export interface EnqueueOptions {
  /** Deterministic id: enqueuing the same id twice yields one job. */
  jobId: string;
  delayUntil?: Date;
}

/**
 * Schedules a job through the outbox, inside the caller's transaction: if the business change rolls back,
 * so does the job; if the process dies after commit, the relay still sends it.
 */
export async function enqueueJob<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  opts: EnqueueOptions,
): Promise<void> {
  const spec = JOBS[name];
  const data = spec.payload.parse(payload) as Record<string, unknown>;
  const provinceId = typeof data.provinceId === 'string' ? data.provinceId : currentProvinceIdOrNull();
  await outboxRepository.add({
    provinceId,
    queue: spec.queue,
    jobName: name,
    jobId: opts.jobId,
    payload: data,
    delayUntil: opts.delayUntil ?? null,
    traceParent: currentTraceParent(),
  });
}
