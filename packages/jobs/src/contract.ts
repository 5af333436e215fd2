import { z } from 'zod';

/**
 * The contract the gateway and the worker share: queues, job names and their payloads.
 * Payloads carry ids and the province id only: BullMQ stores them in clear text.
 */
export const QUEUES = ['maintenance'] as const;
export type QueueName = (typeof QUEUES)[number];

export const JOBS = {
  /** Deletes expired sign-in sessions and old relayed outbox rows. Platform-wide. */
  'purge-expired': {
    queue: 'maintenance',
    payload: z.object({ outboxRetentionDays: z.number().int().min(1).default(7) }),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodTypeAny }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.input<(typeof JOBS)[N]['payload']>;

/** BullMQ refuses ':' in custom job ids, so deterministic ids join their parts with '.'. */
export function jobId(...parts: string[]): string {
  return parts.join('.');
}

export function parsePayload<N extends JobName>(
  name: N,
  data: unknown,
): z.output<(typeof JOBS)[N]['payload']> {
  return JOBS[name].payload.parse(data) as z.output<(typeof JOBS)[N]['payload']>;
}

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name);
}
