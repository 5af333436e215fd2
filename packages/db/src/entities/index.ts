import { AuditEvent, PlatformAuditEvent } from './audit-event.entity';
import { AwardDecision, AwardDecisionItem, AwardRuleSet, Nomination, YearAwardOutcome } from './award.entity';
import { Block, BlockMembership, Deferral, Person } from './block.entity';
import { Conference, PaperCount } from './conference.entity';
import {
  CovenantItem,
  CovenantSignature,
  CriteriaSet,
  EmulationYear,
  ScoreSheet,
  ScoreSheetDraft,
  TitleRegistration,
  YearResult,
} from './emulation-year.entity';
import {
  EmailDelivery,
  Notification,
  NotificationPreference,
  WebhookAttempt,
  WebhookDelivery,
  WebhookSubscription,
} from './notification.entity';
import { JobFailure, OutboxMessage } from './outbox.entity';
import { Province, ProvinceLineage } from './province.entity';
import { Unit } from './unit.entity';
import {
  Ballot,
  BallotReceipt,
  HeadDeputyDecision,
  VotingContest,
  VotingPeriod,
  VotingResult,
} from './voting.entity';
import { AuthSession, LoginThrottle, RefreshToken, RoleAssignment, User } from './user.entity';

export * from './audit-event.entity';
export * from './award.entity';
export * from './block.entity';
export * from './conference.entity';
export * from './emulation-year.entity';
export * from './outbox.entity';
export * from './province.entity';
export * from './unit.entity';
export * from './user.entity';
export * from './voting.entity';
export * from './notification.entity';

export const entities = [
  Province,
  ProvinceLineage,
  Unit,
  User,
  RoleAssignment,
  AuthSession,
  RefreshToken,
  LoginThrottle,
  AuditEvent,
  PlatformAuditEvent,
  OutboxMessage,
  JobFailure,
  Block,
  BlockMembership,
  Person,
  Deferral,
  CriteriaSet,
  EmulationYear,
  CovenantItem,
  CovenantSignature,
  TitleRegistration,
  ScoreSheet,
  ScoreSheetDraft,
  YearResult,
  VotingPeriod,
  VotingContest,
  BallotReceipt,
  Ballot,
  VotingResult,
  HeadDeputyDecision,
  Conference,
  PaperCount,
  AwardRuleSet,
  YearAwardOutcome,
  Nomination,
  AwardDecision,
  AwardDecisionItem,
  Notification,
  NotificationPreference,
  EmailDelivery,
  WebhookSubscription,
  WebhookDelivery,
  WebhookAttempt,
];
