import { NOTIFICATION_EVENT_NAMES } from '@thidua/domain';
import { z } from 'zod';

/**
 * The contract the gateway and the worker share: queues, job names and their payloads.
 * Payloads carry ids and the province id only: BullMQ stores them in clear text.
 */
export const QUEUES = ['maintenance', 'voting', 'notifications', 'year-end'] as const;
/** Queues the worker consumes. */
export const CONSUMED_QUEUES = [
  'maintenance',
  'voting',
  'notifications',
  'year-end',
] as const satisfies readonly QueueName[];
export type QueueName = (typeof QUEUES)[number];

/**
 * A row's id as PostgreSQL's uuid type takes it (any 8-4-4-4-12 hex, as zod 3's `uuid()` did): zod 4's `uuid()`
 * also wants an RFC 9562 version and variant.
 */
const id = () => z.guid();
const provinceYear = z.object({ provinceId: id(), year: z.number().int().min(2000).max(2100) });
const periodRef = z.object({ provinceId: id(), periodId: id() });

export const JOBS = {
  /** Deletes expired sign-in sessions and old relayed outbox rows. Platform-wide. */
  'purge-expired': {
    queue: 'maintenance',
    payload: z.object({ outboxRetentionDays: z.number().int().min(1).default(7) }),
  },
  /** At the period's deadline: closes it if it is still open and the deadline has not moved. */
  'close-voting': { queue: 'voting', payload: periodRef },
  /** Counts a closed period; opens the next round or asks the head and deputy to decide. */
  'tally-voting': { queue: 'voting', payload: periodRef },
  /** Before the deadline: reminds the units that have not voted. `deadline` tells a stale reminder apart. */
  'voting-reminder': {
    queue: 'voting',
    payload: periodRef.extend({ deadline: z.iso.datetime(), minutes: z.number().int().positive() }),
  },
  /** Every minute: closes whatever is overdue, even if its close job was lost. */
  'sweep-voting': { queue: 'voting', payload: z.object({}) },
  /** Runs the awards engine for a block year whose vote is final. */
  'compute-awards': {
    queue: 'voting',
    payload: z.object({ provinceId: id(), yearId: id() }),
  },
  /** The province's year-end schedule changed: its job scheduler follows. */
  'schedule-year-end': { queue: 'year-end', payload: z.object({ provinceId: id() }) },
  /** Fired by the province's job scheduler on its closing date: starts the closing of the year just ended. */
  'scheduled-year-end': { queue: 'year-end', payload: z.object({ provinceId: id() }) },
  /** Starts the province's recorded year-end closing as a flow: one `close-block-year` child per block. */
  'start-year-end': { queue: 'year-end', payload: provinceYear },
  /** The flow's parent, after every block's job: ends the closing and tells the secretariat. */
  'finish-year-end': { queue: 'year-end', payload: provinceYear },
  /** Rewrites a closed year's rollups after council approvals, award decisions or revocations changed them. */
  'refresh-rollups': { queue: 'year-end', payload: provinceYear },
  /** One block's part of the province's year-end closing; `dryRun` reports what would happen and writes nothing. */
  'close-block-year': {
    queue: 'year-end',
    payload: z.object({
      provinceId: id(),
      yearId: id(),
      dryRun: z.boolean().default(false),
    }),
  },
  /** Sends one recorded email delivery (at most once; see the email_delivery migration). */
  'send-email': {
    queue: 'notifications',
    payload: z.object({ provinceId: id(), deliveryId: id() }),
  },
  /**
   * Emails an invitation's or a password reset's link. The worker draws the token then, stores only its hash and
   * puts the token in the email alone (never in a payload, which queues keep in clear text). Sent again on retry
   * with a new token, so only the latest email's link works.
   */
  'send-account-email': {
    queue: 'notifications',
    payload: z.object({ kind: z.enum(['invitation', 'password-reset']), id: id() }),
  },
  /** Posts one recorded webhook delivery; retried with backoff, dead-lettered after WEBHOOK_MAX_ATTEMPTS. */
  'send-webhook': {
    queue: 'notifications',
    payload: z.object({ provinceId: id(), deliveryId: id() }),
  },
  /** An event for the notifications work. */
  notify: {
    queue: 'notifications',
    payload: z.object({
      provinceId: id(),
      event: z.enum(NOTIFICATION_EVENT_NAMES),
      subjectId: id(),
      unitIds: z.array(id()).optional(),
      /** Tells repeated events apart (a reminder per deadline and lead time). */
      occurrence: z.string().max(100).optional(),
      /** Council votes remind people, not units. */
      userIds: z.array(id()).optional(),
    }),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodTypeAny }>;

/** An event for the notifications work, in the caller's transaction; `occurrence` tells repeats of one subject apart. */
export function notifyEvent(
  provinceId: string,
  event: (typeof NOTIFICATION_EVENT_NAMES)[number],
  subjectId: string,
  occurrence?: string,
) {
  return { provinceId, event, subjectId, ...(occurrence ? { occurrence } : {}) };
}

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
