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

/** Tells the nominated unit and the head unit that a nomination moved (in the caller's transaction). */
export function notifyNominationStep(
  provinceId: string,
  nominationId: string,
  status: string,
): Promise<void> {
  return enqueueJob('notify', notifyEvent(provinceId, 'nomination.status_changed', nominationId, status), {
    jobId: jobId('notify', 'nomination', nominationId, status),
  });
}
