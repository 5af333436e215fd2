export { createDataSource, type DataSourceOptions } from './data-source';
export * from './entities';
export { migrations } from './migrations';
export { APP_GROUP_ROLE } from './migrations/rls';
export {
  runInTransaction,
  runInTenant,
  afterRelease,
  holdsConnection,
  currentManager,
  preparedQuery,
  tenantManager,
  currentProvinceId,
  currentProvinceIdOrNull,
  TenantContextError,
  type TransactionOptions,
} from './tenancy/tenant-context';
export { COMMIT_WITH_STATEMENT } from './tenancy/serialized-runner';
export { listenForever, type Listener, type ListenerEvents } from './notify/listener';
export { paginate, type Page, type PageRequest } from './repositories/pagination';
export {
  provinceRepository,
  type ProvinceFilter,
  type NewProvince,
} from './repositories/province.repository';
export { unitRepository, type UnitFilter, type NewUnit } from './repositories/unit.repository';
export { userRepository, type UserFilter } from './repositories/user.repository';
export {
  sessionRepository,
  PRINCIPAL_SQL,
  loginThrottleRepository,
  type LoginThrottleLimits,
  type SessionPrincipal,
  type PrincipalLookup,
  type RefreshOutcome,
} from './repositories/session.repository';
export {
  auditRepository,
  configureAuditKeys,
  type AuditEntry,
  type AuditFilter,
} from './repositories/audit.repository';
export { outboxRepository, type OutboxEntry } from './repositories/outbox.repository';
export { setupDatabase, migrateDatabase, migrationsPending, type DatabaseUrls } from './setup/setup';
export { seedProvinces, MERGER_EFFECTIVE_ON } from './seed/provinces';
export { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './seed/demo';
export { DEMO_BLOCKS, DEMO_CURRENT_BLOCK, type DemoBlock } from './seed/demo-data';
export { conferenceSeasonYear } from './seed/demo-current';
export { blockRepository, personRepository } from './repositories/block.repository';
export {
  emulationYearRepository,
  criteriaSetRepository,
  deferralRepository,
  type SheetDraftKey,
} from './repositories/emulation-year.repository';
export { conferenceRepository, type ConferenceRecord } from './repositories/conference.repository';
export {
  attachmentRepository,
  ATTACHMENT_OWNERS,
  type Attachment,
  type AttachmentOwner,
  type NewAttachment,
} from './repositories/attachment.repository';
export {
  statisticsRepository,
  type KeyedCount,
  type YearStatistics,
} from './repositories/statistics.repository';
export {
  votingRepository,
  CAST_BALLOT_SQL,
  receiptCode,
  BALLOT_RULES_SQL,
  type BallotRules,
  type NewVotingPeriod,
} from './repositories/voting.repository';
export { seedLockedYear, type LockedYearSpec } from './seed/demo-years';
export { awardRepository, decisionRepository, type NewDecision } from './repositories/award.repository';
export { computeYearAwards, voteTieBreaker, yearAwardExclusions } from './services/compute-awards';
export { afterUnitEligibilityChanged } from './services/unit-eligibility';
export {
  disqualificationRepository,
  type DisqualificationFact,
  type RecordedDisqualification,
} from './repositories/disqualification.repository';
export { lineageHistory, subjectNamesIn } from './services/lineage-history';
export {
  lineageRepository,
  type NewAchievement,
  type NewLink,
  type StoredAchievement,
  type StoredLink,
} from './repositories/lineage.repository';
export {
  notificationRepository,
  emailRepository,
  type NewNotification,
  type NewEmail,
} from './repositories/notification.repository';
export { webhookRepository } from './repositories/webhook.repository';
export { rollupRepository, type BlockRollup, type ProvinceRollup } from './repositories/rollup.repository';
export {
  historyRepository,
  type PastContest,
  type PastDecision,
  type PastYear,
} from './repositories/history.repository';
export { baseSalaryRepository, type BaseSalaryRow } from './repositories/base-salary.repository';
export {
  yearEndRepository,
  type BlockClosingStatus,
  type YearEndBlock,
  type YearEndClosingRecord,
  type YearEndState,
} from './repositories/year-end.repository';
export {
  invitationRepository,
  passwordResetRepository,
  type Invitation,
  type InvitationFilter,
  type InvitationStatus,
} from './repositories/invitation.repository';
export {
  importRepository,
  type ImportCounts,
  type ImportJob,
  type ImportKind,
  type ImportProblem,
  type ImportStatus,
  type ExistingUnit,
  type ExistingBlock,
  type ExistingPerson,
  type ExistingMembership,
  type ExistingYear,
  type ExistingAchievement,
  type NewUnitRow,
} from './repositories/import.repository';
