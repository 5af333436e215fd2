import { Foundation1763740800000 } from './1763740800000-foundation';
import { BlocksAndYears1763827200000 } from './1763827200000-blocks-and-years';
import { Voting1763913600000 } from './1763913600000-voting';
import { Awards1764000000000 } from './1764000000000-awards';
import { AwardDecisions1764086400000 } from './1764086400000-award-decisions';
import { CouncilVote1764172800000 } from './1764172800000-council-vote';
import { Notifications1764259200000 } from './1764259200000-notifications';
import { EmailDelivery1764345600000 } from './1764345600000-email-delivery';
import { Webhooks1764432000000 } from './1764432000000-webhooks';
import { YearEndClosing1764518400000 } from './1764518400000-year-end-closing';
import { Rollups1764604800000 } from './1764604800000-rollups';
import { LineageAndAchievements1764691200000 } from './1764691200000-lineage-and-achievements';
import { ClosingRounds1764777600000 } from './1764777600000-closing-rounds';
import { PersonNominations1764864000000 } from './1764864000000-person-nominations';
import { LineageRecordFunction1764950400000 } from './1764950400000-lineage-record-function';
import { Disqualifications1765036800000 } from './1765036800000-disqualifications';
import { BallotSecrecy1765200000000 } from './1765200000000-ballot-secrecy';
import { AuditKeyedChains1765210000000 } from './1765210000000-audit-keyed-chains';
import { LoginThrottlePerClient1765440000000 } from './1765440000000-login-throttle-per-client';
import { Conference1765500000000 } from './1765500000000-conference';
import { OnBehalf1765510000000 } from './1765510000000-on-behalf';
import { BaseSalary1765610000000 } from './1765610000000-base-salary';
import { RollupSubmittedProposals1765620000000 } from './1765620000000-rollup-submitted-proposals';
import { HistoryFromDocuments1765731000000 } from './1765731000000-history-from-documents';
import { Attachments1796141301632 } from './1796141301632-attachments';
import { ImportJobs1796141400000 } from './20261201161000-import-jobs';
import { InvitationsAndResets1796141160000 } from './20261201160600-invitations-and-resets';
import { OutboxTraceContext1796142066000 } from './1796142066000-outbox-trace-context';
import { CertificateLayout1796143084314 } from './1796143084314-certificate-layout';
import { PrincipalNotify1796146128000 } from './1796146128000-principal-notify';
import { LineageRecordCoLocated1796155299000 } from './1796155299000-lineage-record-co-located';
import { AwardDecisionRecordedFromDocuments1796172000000 } from './1796172000000-award-decision-recorded-from-documents';
import { RefreshTokenSuccessor1796180000000 } from './1796180000000-refresh-token-successor';
import { PersonHeadsUnit1796190000000 } from './1796190000000-person-heads-unit';
import { CouncilQuestionWithdrawn1796200000000 } from './1796200000000-council-question-withdrawn';
import { ScoreSheetDraft1796210000000 } from './1796210000000-score-sheet-draft';
import { EvidenceFiles1796220000000 } from './1796220000000-evidence-files';
import { OneCollectiveGrade1796230000000 } from './1796230000000-one-collective-grade';
import { BaseSalarySource1796240000000 } from './1796240000000-base-salary-source';
import { RollupUnknownOutcome1796250000000 } from './1796250000000-rollup-unknown-outcome';
import { ConferencePositions1796260000000 } from './1796260000000-conference-positions';
import { EmailUnsubscribeHeader1796270000000 } from './1796270000000-email-unsubscribe-header';
import { DecisionSubmission1796280000000 } from './1796280000000-decision-submission';
import { RollupRemoval1796290000000 } from './1796290000000-rollup-removal';
import { AuditEntityIndex1796300000000 } from './1796300000000-audit-entity-index';
import { DecisionBaseSalary1796310000000 } from './1796310000000-decision-base-salary';
import { UserLocale1796320000000 } from './1796320000000-user-locale';
import { WebhookAttemptCause1796330000000 } from './1796330000000-webhook-attempt-cause';
import { NotificationLocale1796340000000 } from './1796340000000-notification-locale';
import { ImportErrorEnglish1796360000000 } from './1796360000000-import-error-english';

export const migrations = [
  Foundation1763740800000,
  BlocksAndYears1763827200000,
  Voting1763913600000,
  Awards1764000000000,
  AwardDecisions1764086400000,
  CouncilVote1764172800000,
  Notifications1764259200000,
  EmailDelivery1764345600000,
  Webhooks1764432000000,
  YearEndClosing1764518400000,
  Rollups1764604800000,
  LineageAndAchievements1764691200000,
  ClosingRounds1764777600000,
  PersonNominations1764864000000,
  LineageRecordFunction1764950400000,
  Disqualifications1765036800000,
  BallotSecrecy1765200000000,
  AuditKeyedChains1765210000000,
  LoginThrottlePerClient1765440000000,
  Conference1765500000000,
  OnBehalf1765510000000,
  BaseSalary1765610000000,
  RollupSubmittedProposals1765620000000,
  HistoryFromDocuments1765731000000,
  Attachments1796141301632,
  ImportJobs1796141400000,
  InvitationsAndResets1796141160000,
  OutboxTraceContext1796142066000,
  CertificateLayout1796143084314,
  PrincipalNotify1796146128000,
  LineageRecordCoLocated1796155299000,
  AwardDecisionRecordedFromDocuments1796172000000,
  RefreshTokenSuccessor1796180000000,
  PersonHeadsUnit1796190000000,
  CouncilQuestionWithdrawn1796200000000,
  ScoreSheetDraft1796210000000,
  EvidenceFiles1796220000000,
  OneCollectiveGrade1796230000000,
  BaseSalarySource1796240000000,
  RollupUnknownOutcome1796250000000,
  ConferencePositions1796260000000,
  EmailUnsubscribeHeader1796270000000,
  DecisionSubmission1796280000000,
  RollupRemoval1796290000000,
  AuditEntityIndex1796300000000,
  DecisionBaseSalary1796310000000,
  UserLocale1796320000000,
  WebhookAttemptCause1796330000000,
  NotificationLocale1796340000000,
  ImportErrorEnglish1796360000000,
];
