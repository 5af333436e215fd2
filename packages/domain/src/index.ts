export { foldVietnamese, nameProblem, normalizeName } from './text/vietnamese';
export { ROLES, GLOBAL_ROLES, roleScopeProblem, type Role, type RoleScope } from './auth/roles';
export { readableProvinces, type LineageEdge } from './province/lineage';
export { blockWords, type BlockKind, type BlockLabel } from './block/words';
export {
  NAME_WITH_KIND,
  placeWord,
  placeWordEn,
  provinceTitle,
  type ProvinceKind,
  type ProvinceName,
} from './province/title';
export {
  auditHash,
  auditKey,
  canonicalJson,
  verifyChain,
  GENESIS_HASH,
  type AuditKey,
  type ChainedEvent,
  type ChainVerdict,
} from './audit/chain';
export {
  hashPassword,
  verifyPassword,
  passwordProblem,
  PASSWORD_POLICY,
  dummyPasswordHash,
  MIN_PASSWORD_LENGTH,
} from './auth/password';
export { dayMonthYear, vietnamDate, vietnamToday, VIETNAM_TIME_ZONE } from './time/vietnam';
export {
  newOneTimeToken,
  hashOneTimeToken,
  renderInvitationEmail,
  renderPasswordResetEmail,
  roleName,
  type AccountEmail,
} from './auth/account-emails';
export * from './emulation-year/state-machine';
export * from './scoring/scoring';
export * from './titles';
export * from './voting/tally';
export * from './voting/paper-count';
export * from './awards/rules';
export * from './awards/base-salary';
export * from './awards/engine';
export * from './awards/exclusions';
export * from './awards/forms';
export * from './awards/streaks';
export * from './awards/nomination';
export * from './notifications/templates';
export * from './notifications/on-behalf';
export * from './notifications/unsubscribe';
export * from './notifications/webhook';
export * from './year-end/block-closing';
export * from './year-end/schedule';
export * from './dashboard/metrics';
