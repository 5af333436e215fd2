import { outboxRepository, sessionRepository } from '@thidua/db';
import type { JobPayload } from '@thidua/jobs';

/** Daily housekeeping: ended sign-in sessions and outbox rows relayed long ago. Idempotent by nature. */
export async function purgeExpired(payload: Required<JobPayload<'purge-expired'>>) {
  const sessions = await sessionRepository.purgeExpired();
  const outbox = await outboxRepository.purgeSent(payload.outboxRetentionDays);
  return { sessions, outbox };
}
