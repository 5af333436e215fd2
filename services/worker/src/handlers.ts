import type { JobName } from '@thidua/jobs';
import type { DataSource } from 'typeorm';
import { notify } from './jobs/notify.job';
import { purgeExpired } from './jobs/purge-expired.job';
import { closeVoting, computeAwardsJob, remindVoters, sweepVoting, tallyVoting } from './jobs/voting.job';

/**
 * One handler per job name, for the queues this worker consumes. Each runs inside a transaction: the
 * province's when the payload names one (tenant context, RLS on), a platform transaction otherwise.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are parsed by the contract's schema first
export const handlers: Partial<Record<JobName, (payload: any, dataSource: DataSource) => Promise<unknown>>> =
  {
    'purge-expired': purgeExpired,
    'close-voting': closeVoting,
    'tally-voting': (payload) => tallyVoting(payload),
    'voting-reminder': remindVoters,
    'sweep-voting': sweepVoting,
    'compute-awards': computeAwardsJob,
    notify,
  };
