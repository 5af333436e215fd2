export * from './contract';
export { createQueueBackend, RETENTION, type QueueBackend } from './backend';
export { enqueueJob, type EnqueueOptions } from './producer';
export { relayOutboxOnce, startOutboxRelay, type RelayOptions } from './relay';
export { poolOptions, runService, type ServiceDeps } from './service';
export {
  openVotingPeriod,
  extendVotingPeriod,
  closeVotingPeriod,
  afterClose,
  effectiveDeadline,
  closeJobId,
  openNextRound,
  rescheduleOpenPeriods,
  applyCouncilResults,
  periodContests,
  afterCouncilBallot,
} from './voting-lifecycle';
export {
  createEventBus,
  ROLLUPS_CHANNEL,
  TURNOUT_CHANNEL,
  type EventBus,
  type TurnoutChange,
} from './event-bus';
export { nominationNoticeStatus, notifyNominationStep, refreshRollupsOf, scheduleAwards } from './awards';
export {
  beginYearEndClosing,
  previewBlockClosing,
  resumeYearEndClosing,
  syncYearEndScheduler,
  type BlockClosingResult,
} from './year-end';
export { registerPoolGauge, serveMetrics } from './metrics-http';
export { readiness } from './readiness';
export { currentTraceParent, inSpan, startTracing, withTraceParent, type Tracing } from './tracing';
