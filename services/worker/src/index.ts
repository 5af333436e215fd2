export { startWorker, type RunningWorker, type WorkerOptions } from './worker';
export { remindVoters, tallyVoting } from './jobs/voting.job';
export { notify } from './jobs/notify.job';
