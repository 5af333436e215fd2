export { startWorker, type RunningWorker, type WorkerOptions } from './worker';
export { tallyVoting } from './jobs/voting.job';
