import type { Config } from '@thidua/config';
import type { JobName, QueueBackend } from '@thidua/jobs';
import type { DataSource } from 'typeorm';
import { sendAccountEmail } from './jobs/account-email.job';
import { notify, sendEmail, sendWebhook } from './jobs/notify.job';
import { purgeExpired } from './jobs/purge-expired.job';
import {
  closeBlockYear,
  finishYearEnd,
  refreshRollups,
  scheduledYearEnd,
  scheduleYearEnd,
  startYearEnd,
} from './jobs/year-end.job';
import { closeVoting, computeAwardsJob, remindVoters, sweepVoting, tallyVoting } from './jobs/voting.job';

export interface HandlerDeps {
  dataSource: DataSource;
  config: Config;
  queueBackend: QueueBackend;
}

/**
 * One handler per job name, for the queues this worker consumes. Each runs inside a transaction: the
 * province's when the payload names one (tenant context, RLS on), a platform transaction otherwise.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads are parsed by the contract's schema first
type Handler = (payload: any, deps: HandlerDeps) => Promise<unknown>;

export const handlers: Partial<Record<JobName, Handler>> = {
  'purge-expired': purgeExpired,
  'close-voting': closeVoting,
  'tally-voting': (payload) => tallyVoting(payload),
  'voting-reminder': remindVoters,
  'sweep-voting': (payload, deps) => sweepVoting(payload, deps.dataSource),
  'compute-awards': computeAwardsJob,
  'close-block-year': closeBlockYear,
  'start-year-end': (payload, deps) => startYearEnd(payload, deps.queueBackend),
  'finish-year-end': finishYearEnd,
  'refresh-rollups': refreshRollups,
  'scheduled-year-end': scheduledYearEnd,
  'schedule-year-end': (payload, deps) => scheduleYearEnd(payload, deps.queueBackend),
  notify,
  'send-email': sendEmail,
  'send-account-email': sendAccountEmail,
  'send-webhook': sendWebhook,
};
