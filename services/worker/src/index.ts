export { startWorker, type RunningWorker, type WorkerOptions } from './worker';
export { startHealthServer, type HealthServer } from './health';
export { WorkerMetrics } from './metrics';
export { remindVoters, tallyVoting } from './jobs/voting.job';
export { notify, sendEmail, sendWebhook } from './jobs/notify.job';
export { closeBlockYear, finishYearEnd, runYearEndClosing, startYearEnd } from './jobs/year-end.job';
