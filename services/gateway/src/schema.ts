import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth/auth-checker';
import { validateInput } from './validate';
import { AuditEventActorResolver, AuditResolver } from './modules/audit/audit.resolver';
import {
  AttachmentResolver,
  ConferenceAttachmentsResolver,
  NominationAttachmentsResolver,
  YearAttachmentsResolver,
} from './modules/attachment/attachment.resolver';
import { AwardsResolver, YearAwardsResolver } from './modules/awards/awards.resolver';
import { BaseSalaryResolver } from './modules/base-salary/base-salary.resolver';
import { CouncilResolver } from './modules/awards/council.resolver';
import {
  DecisionItemResolver,
  DecisionsResolver,
  NominationDecisionResolver,
} from './modules/awards/decisions.resolver';
import { NominationQueueResolver } from './modules/awards/queue.resolver';
import { NominationBasisResolver } from './modules/awards/basis.resolver';
import { NominationResubmitResolver } from './modules/awards/resubmit.resolver';
import { BlockMembershipResolver, BlockResolver, UnitBlocksResolver } from './modules/block/block.resolver';
import { PersonResolver } from './modules/block/person.resolver';
import {
  ConferenceResolver,
  PeriodConferenceResolver,
  YearConferenceResolver,
} from './modules/conference/conference.resolver';
import { DashboardResolver } from './modules/dashboard/dashboard.resolver';
import { DocumentsResolver } from './modules/documents/documents.resolver';
import { DeferralResolver, UnitDeferralsResolver } from './modules/deferral/deferral.resolver';
import {
  EmulationYearResolver,
  YearMemberWomenResolver,
} from './modules/emulation-year/emulation-year.resolver';
import { RegistrationResolver } from './modules/emulation-year/registration.resolver';
import { SeasonResolver } from './modules/emulation-year/season.resolver';
import {
  CriteriaSetResolver,
  ScoreSheetResolver,
  YearScoringResolver,
} from './modules/emulation-year/scoring.resolver';
import {
  DisqualificationResolver,
  UnitDisqualificationsResolver,
} from './modules/deferral/disqualification.resolver';
import { HistoryResolver } from './modules/history/history.resolver';
import { InvitationResolver } from './modules/invitation/invitation.resolver';
import { LineageResolver } from './modules/lineage/lineage.resolver';
import { NotificationResolver } from './modules/notification/notification.resolver';
import { WebhookResolver } from './modules/notification/webhook.resolver';
import { ProvinceResolver } from './modules/province/province.resolver';
import { UnitResolver } from './modules/unit/unit.resolver';
import { PasswordResetResolver } from './modules/user/password-reset.resolver';
import { RoleAssignmentResolver } from './modules/user/role-assignment.resolver';
import { UserResolver } from './modules/user/user.resolver';
import { BallotReceiptResolver } from './modules/voting/ballot-receipt.resolver';
import { TurnoutSubscriptionResolver } from './modules/voting/turnout.subscription';
import { VotingResolver } from './modules/voting/voting.resolver';
import { YearEndBlockResolver, YearEndResolver } from './modules/year-end/year-end.resolver';

export const resolvers = [
  ProvinceResolver,
  UnitResolver,
  UserResolver,
  RoleAssignmentResolver,
  InvitationResolver,
  PasswordResetResolver,
  BlockResolver,
  UnitBlocksResolver,
  BlockMembershipResolver,
  PersonResolver,
  EmulationYearResolver,
  YearMemberWomenResolver,
  RegistrationResolver,
  SeasonResolver,
  CriteriaSetResolver,
  ScoreSheetResolver,
  YearScoringResolver,
  DeferralResolver,
  LineageResolver,
  HistoryResolver,
  UnitDeferralsResolver,
  DisqualificationResolver,
  UnitDisqualificationsResolver,
  AuditResolver,
  AuditEventActorResolver,
  VotingResolver,
  BallotReceiptResolver,
  ConferenceResolver,
  YearConferenceResolver,
  PeriodConferenceResolver,
  TurnoutSubscriptionResolver,
  AwardsResolver,
  YearAwardsResolver,
  DecisionsResolver,
  DecisionItemResolver,
  NominationDecisionResolver,
  NominationQueueResolver,
  NominationBasisResolver,
  NominationResubmitResolver,
  CouncilResolver,
  BaseSalaryResolver,
  NotificationResolver,
  WebhookResolver,
  YearEndResolver,
  YearEndBlockResolver,
  DashboardResolver,
  DocumentsResolver,
  AttachmentResolver,
  YearAttachmentsResolver,
  ConferenceAttachmentsResolver,
  NominationAttachmentsResolver,
] as const;

/**
 * Subscriptions here take explicit `subscribe` functions over the event bus (see turnout.subscription.ts), which
 * reach every gateway process; type-graphql's topic-based PubSub is not used, so any use of it is a bug.
 */
const topicPubSubUnused = {
  publish(): never {
    throw new Error('Topic subscriptions are not used: publish on the event bus');
  },
  subscribe(): never {
    throw new Error('Topic subscriptions are not used: give the subscription a subscribe function');
  },
};

let schema: Promise<GraphQLSchema> | undefined;

/** Built once per process: type-graphql's metadata is global, so building twice gains nothing. */
export function getSchema(): Promise<GraphQLSchema> {
  return (schema ??= buildSchema({
    resolvers,
    authChecker,
    pubSub: topicPubSubUnused,
    validateFn: validateInput,
  }));
}
