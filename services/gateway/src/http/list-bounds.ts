import { CERTIFICATE_FIELDS } from '@thidua/documents';
import { NOTIFICATION_EVENT_NAMES, ROLLUP_METRICS } from '@thidua/domain';
import { NOMINATION_STATUSES } from '@thidua/db';
import { BOUNDS } from '../common/bounds';

/**
 * The most items each list field of the schema can return, as `Type.field` → bound, for the query cost model.
 * A list field either takes `first` (the cost model reads the page size asked for; the resolver refuses more than
 * its maximum) or is listed here with the reason its size cannot grow past the number. A function gets the
 * field's arguments (literals, variables and defaults) when the bound depends on them. For lists of lists the
 * bound counts the innermost items. `limits.test.ts` fails when a list field has neither.
 */
export type ListBound = number | ((args: Record<string, unknown>) => number);

const M = BOUNDS.blockMembers;
/** Every value of an enum, each at most once. */
const METRICS = ROLLUP_METRICS.length;
const NOTIFICATION_EVENTS = NOTIFICATION_EVENT_NAMES.length;
/** Rows of a trend: years asked for (≤ 51) × the province and its former provinces (≤ 10 predecessors). */
const trendRows = 51 * 11;

/** A record's files: those uploaded (refused past the bound) and the few documents stored at submission. */
const FILES = BOUNDS.attachmentsPerRecord + 10;

export const LIST_BOUNDS: Record<string, ListBound> = {
  'AttachmentList.items': FILES,
  'Nomination.attachments': FILES,
  'EmulationYear.attachments': FILES,
  'EmulationYear.awardExclusions': M,
  'Conference.attachments': FILES,
  // Each printable field of a certificate at most once (setCertificateLayout refuses a field placed twice).
  'CertificateLayout.fields': CERTIFICATE_FIELDS.length,
  // Connection pages: counted at the connection field by its `first` (1 to 100).
  'AuditEventConnection.edges': 1,
  'AuditEventConnection.nodes': 1,
  'BlockConnection.edges': 1,
  'BlockConnection.nodes': 1,
  'InvitationConnection.edges': 1,
  'InvitationConnection.nodes': 1,
  'NominationConnection.edges': 1,
  'NominationConnection.nodes': 1,
  'NotificationConnection.edges': 1,
  'NotificationConnection.nodes': 1,
  'PersonConnection.edges': 1,
  'PersonConnection.nodes': 1,
  'ProvinceConnection.edges': 1,
  'ProvinceConnection.nodes': 1,
  'UnitConnection.edges': 1,
  'UnitConnection.nodes': 1,
  'UserConnection.edges': 1,
  'UserConnection.nodes': 1,

  // issueAwardDecision takes at most 500 nominations.
  'AwardDecision.items': 500,
  // One per member of the block year.
  'AwardOutcome.explanations': M,
  // One per active registration of the year.
  'AwardOutcome.titleChecks': BOUNDS.registrationsPerYear,
  // The flag's tie and the merit tie, each among the members.
  'AwardOutcome.unresolvedTies': 2 * M,
  // Input lists: tieBreaks ≤ 3 (an enum of 3), disqualifications an enum of 5.
  'AwardRules.disqualifications': 5,
  'AwardRules.tieBreaks': 3,
  'Block.members': M,
  // recordConference: attendance ≤ 50 units (one per member), ≤ 10 representatives each, ≤ 15 counters.
  'Conference.attendance': 50,
  'Conference.countingCommittee': 15,
  'ConferenceAttendance.representatives': 10,
  // enterPaperCount: ≤ 10 contests, ≤ 50 candidates' votes each.
  'PaperCount.contests': 10,
  'PaperContestCount.votes': 50,
  'HeadDeputyDecision.counterUnitIds': BOUNDS.seats,
  'Contest.candidateUnitIds': M,
  'ContestResult.candidates': M,
  'ContestResult.elected': BOUNDS.seats,
  'ContestResult.tiedUnitIds': M,
  // setCovenantItems takes at most 50 items; one signature per member.
  'EmulationYear.covenantItems': 50,
  'EmulationYear.covenantSignatures': M,
  'EmulationYear.members': M,
  'EmulationYear.missingSheets': M,
  // A member's self-assessment and each other member's cross sheet, at most.
  'MissingSheets.from': M,
  // The year states (9).
  'EmulationYear.nextStates': 9,
  // The DRAFT → OPEN guard names at most 6 things (state-machine.ts); the other steps one.
  'EmulationYear.nextStepMissing': 6,
  'EmulationYear.titleRegistrations': BOUNDS.registrationsPerYear,
  // Criteria tables: input limits (groups ≤ 20, criteria per group ≤ 50, deductions ≤ 50).
  'CriteriaGroup.criteria': 50,
  'CriteriaSet.deductionItems': 50,
  'CriteriaSet.groups': 20,
  // Distinct years, each one the database accepts.
  'Query.dashboardYears': BOUNDS.years,
  // One row per block of the province (createBlock refuses past the bound).
  'Query.blockYears': BOUNDS.blocksPerProvince,
  'DashboardRow.values': METRICS,
  'DashboardTable.metrics': METRICS,
  // The largest of: provinces (comparison), blocks of a province (ranking), a trend's years × provinces.
  'DashboardTable.rows': Math.max(BOUNDS.provinces, BOUNDS.blocksPerProvince, trendRows),
  // submitScoreSheet: links ≤ 20 per evidence item.
  'Evidence.links': 20,
  'HeadDeputyDecision.unitIds': BOUNDS.seats,
  // The engine's lines for one unit: the rules R1–R13 it applies, its open deferrals (R8) and R9 facts.
  'MemberExplanation.lines': 30,
  'MemberScore.missingSheetsFrom': M,
  'Nomination.explanation': 30,
  'Province.predecessors': 10,
  'Province.successors': BOUNDS.provinces,
  // One per unit of the year (the block path) and one per active registration (streaks).
  'Mutation.recomputeAwards': M + BOUNDS.registrationsPerYear,
  'Mutation.submitDossier': M + BOUNDS.registrationsPerYear,
  'Query.nominations': M + BOUNDS.registrationsPerYear,
  // One row per nomination state at most.
  'Query.nominationQueueCounts': NOMINATION_STATUSES.length,
  // recordAchievements takes at most 200; recordLineage at most 20 predecessors.
  'Mutation.recordAchievements': 200,
  'Mutation.recordLineage': 20,
  'Mutation.setCovenantItems': 50,
  // One preference per event × channel.
  'Mutation.setNotificationPreferences': NOTIFICATION_EVENTS * 3,
  'Query.notificationPreferences': NOTIFICATION_EVENTS * 3,
  // One row per decree's effective date, recorded by platform admins (about one a year; not enforced).
  'Query.baseSalaries': 200,
  // The unit's merit streak, or a person's two fighter streaks.
  'Query.streaks': 2,
  // A block year's rounds.
  'Query.votingPeriods': BOUNDS.rounds,
  // The repository reads the latest 200.
  'Query.webhookDeliveries': 200,
  'ScoreSheet.deductions': 100,
  'ScoreSheet.evidence': 200,
  'ScoreSheet.scores': 200,
  // Its input takes at most 200 entries (SaveScoreSheetDraftInput).
  'ScoreSheetDraft.entries': 200,
  'StreakStanding.via': 20,
  'StreakStanding.years': BOUNDS.years,
  'TitleCheck.years': BOUNDS.years,
  'Unit.disqualifications': 4 * BOUNDS.years,
  'User.provinces': BOUNDS.provinces,
  'VotingPeriod.contests': BOUNDS.contests,
  'VotingPeriod.decisions': 4,
  'VotingPeriod.results': BOUNDS.contests,
  'WebhookSubscription.events': NOTIFICATION_EVENTS,
  'YearEndClosing.blocks': BOUNDS.blocksPerProvince,
};
