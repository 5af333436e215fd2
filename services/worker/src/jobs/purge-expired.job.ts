import { outboxRepository, passwordResetRepository, sessionRepository } from '@thidua/db';
import type { JobPayload } from '@thidua/jobs';

/**
 * Daily housekeeping: ended sign-in sessions, outbox rows relayed long ago, password reset requests older than a
 * day (past their link's life and the throttling window). Idempotent by nature.
 */
export async function purgeExpired(payload: Required<JobPayload<'purge-expired'>>) {
  const sessions = await sessionRepository.purgeExpired();
  const outbox = await outboxRepository.purgeSent(payload.outboxRetentionDays);
  const passwordResets = await passwordResetRepository.purgeOld();
  return { sessions, outbox, passwordResets };
}
