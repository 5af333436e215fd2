import type { JobName } from '@thidua/jobs';
import { purgeExpired } from './jobs/purge-expired.job';

/**
 * One handler per job name. Each runs inside a transaction: the province's when the payload names one
 * (tenant context, RLS on), a platform transaction otherwise.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are parsed by the contract's schema first
export const handlers: Record<JobName, (payload: any) => Promise<unknown>> = {
  'purge-expired': purgeExpired,
};
