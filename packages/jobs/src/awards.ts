import { jobId } from './contract';
import { enqueueJob } from './producer';

/** Called in the transaction that makes a year's vote final. */
export function scheduleAwards(provinceId: string, yearId: string, cause: string): Promise<void> {
  return enqueueJob(
    'compute-awards',
    { provinceId, yearId },
    { jobId: jobId('compute-awards', provinceId, yearId, cause) },
  );
}
