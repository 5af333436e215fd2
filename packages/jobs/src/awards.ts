import { awardRepository, emulationYearRepository } from '@thidua/db';
import { jobId, notifyEvent } from './contract';
import { enqueueJob } from './producer';

/** Called in the transaction that makes a year's vote final. */
export function scheduleAwards(provinceId: string, yearId: string, cause: string): Promise<void> {
  return enqueueJob(
    'compute-awards',
    { provinceId, yearId },
    { jobId: jobId('compute-awards', provinceId, yearId, cause) },
  );
}

/**
 * Tells the nominated unit and the head unit that a nomination moved (in the caller's transaction). A step that
 * can come again (appraisal resumed, returned a second time, sent again) passes its time: each is its own notice,
 * where the status alone would be taken for the first one's repeat. `RESUBMITTED` is SUBMITTED after a return.
 */
export function notifyNominationStep(
  provinceId: string,
  nominationId: string,
  status: string,
  at?: Date,
): Promise<void> {
  const occurrence = at ? `${status}@${at.getTime()}` : status;
  return enqueueJob(
    'notify',
    notifyEvent(provinceId, 'nomination.status_changed', nominationId, occurrence),
    {
      jobId: jobId('notify', 'nomination', nominationId, occurrence),
    },
  );
}

/** The status a nomination notice speaks of (its occurrence may carry the step's time). */
export const nominationNoticeStatus = (occurrence: string) => occurrence.split('@')[0]!;

/**
 * Nominations changed after their year may have closed (the council voted, a decision was issued, an award was
 * revoked): the dashboards' figures of those years are rewritten by the worker. `cause` makes the job id.
 */
export async function refreshRollupsOf(
  provinceId: string,
  nominationIds: readonly string[],
  cause: string,
): Promise<void> {
  const nominations = await awardRepository.nominationsByIds(nominationIds);
  const years = await emulationYearRepository.byIds([...new Set(nominations.map((n) => n.emulationYearId))]);
  for (const year of new Set(years.map((y) => y.year))) {
    await enqueueJob(
      'refresh-rollups',
      { provinceId, year },
      { jobId: jobId('refresh-rollups', provinceId, String(year), cause) },
    );
  }
}
