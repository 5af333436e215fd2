import type { Problem } from '../scoring/scoring';
import { RUNOFF_CANDIDATES, type RunoffCandidates } from '../voting/tally';
import { LINEAGE_MODES, type LineageMode } from './streaks';

/** Forms a block proposes (domain.md §2); the engine proposes the first two. */
export const AWARD_FORMS = [
  'FLAG_PROVINCE',
  'MERIT_PROVINCE',
  'COLL_EXCELLENT',
  'COLL_ADVANCED',
  'CSTD_PROV',
  'CSTD_BASE',
  'LDTT',
] as const;
export type AwardForm = (typeof AWARD_FORMS)[number];

export type Quota = { kind: 'COUNT'; value: number } | { kind: 'SHARE'; percent: number };

export const TIE_BREAKS = ['SCORE', 'NET_BONUS', 'WOMEN'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export const DISQUALIFICATIONS = [
  'UNIT_DISCIPLINED',
  'HEAD_DISCIPLINED',
  'COVENANT_BREACH',
  'SCORE_BELOW_MINIMUM',
  'LATE_DOSSIER',
] as const;
export type Disqualification = (typeof DISQUALIFICATIONS)[number];

export const HEAD_DEPUTY_MODES = ['ELECTED', 'ROTATION', 'DEPUTY_SUCCEEDS'] as const;
export type HeadDeputyMode = (typeof HEAD_DEPUTY_MODES)[number];

/** PROPOSE: a member with the two-year Excellent Labour Collective streak is proposed for the certificate of
 * merit on that criterion, beside the block's own review; EXPLAIN: the streak is only stated. */
export const MERIT_STREAK_MODES = ['PROPOSE', 'EXPLAIN'] as const;
export type MeritStreakMode = (typeof MERIT_STREAK_MODES)[number];

/**
 * R13: the dossier is due a number of days after the block's conference (its last day), or on a fixed day of the
 * emulation year Y (`yearOffset` 0) or of Y+1 (`yearOffset` 1).
 */
export type DossierDeadlineRule =
  | { kind: 'DAYS_AFTER_CONFERENCE'; days: number }
  | { kind: 'FIXED_DAY'; month: number; day: number; yearOffset: 0 | 1 };

/** A province's rules for a year on (domain.md §3). Law is fixed; the rest is provincial configuration. */
export interface AwardRules {
  /** R2: flags proposed per block. */
  flagQuota: Quota;
  /** R3: certificates of merit per block (a share is rounded down). */
  meritQuota: Quota;
  /** R4, R5: the block vote. */
  voteThresholdPercent: number;
  voteThresholdMode: 'MORE_THAN' | 'AT_LEAST';
  maxRounds: number;
  /** R5: who stands in the round after a tie at the last seat. */
  runoffCandidates: RunoffCandidates;
  /** R6: how ties are broken, in order; a tie left after all of them needs another round. */
  tieBreaks: TieBreak[];
  /** R9: which facts disqualify, and the minimum final score when SCORE_BELOW_MINIMUM applies. */
  disqualifications: Disqualification[];
  minimumScore: number | null;
  /** R10: council thresholds against all council members, and the attendance a session needs. */
  councilFlagPercent: number;
  councilCstdProvPercent: number;
  councilAttendancePercent: number;
  /** R11. */
  headDeputyMode: HeadDeputyMode;
  /** §2 streaks: what the merit streak does, and how a merged unit inherits its predecessors' years. */
  meritStreak: MeritStreakMode;
  lineageMode: LineageMode;
  /** R13. */
  dossierDeadline: DossierDeadlineRule;
  /**
   * Prize money: multiplier × the base salary in force on the decision date. The base salary itself is the
   * platform's reference table (`base_salary`, see base-salary.ts), not a province's rule.
   */
  prizeMultipliers: Record<AwardForm, number>;
}

export const DEFAULT_AWARD_RULES: AwardRules = {
  flagQuota: { kind: 'COUNT', value: 1 },
  meritQuota: { kind: 'SHARE', percent: 30 },
  voteThresholdPercent: 50,
  voteThresholdMode: 'MORE_THAN',
  maxRounds: 2,
  runoffCandidates: 'TIED_ONLY',
  tieBreaks: ['SCORE', 'NET_BONUS', 'WOMEN'],
  disqualifications: ['UNIT_DISCIPLINED', 'HEAD_DISCIPLINED', 'COVENANT_BREACH', 'LATE_DOSSIER'],
  minimumScore: null,
  councilFlagPercent: 80,
  councilCstdProvPercent: 90,
  councilAttendancePercent: 80,
  headDeputyMode: 'ELECTED',
  meritStreak: 'PROPOSE',
  lineageMode: 'ALL_PREDECESSORS',
  dossierDeadline: { kind: 'DAYS_AFTER_CONFERENCE', days: 15 },
  prizeMultipliers: {
    FLAG_PROVINCE: 8.0,
    MERIT_PROVINCE: 3.0,
    COLL_EXCELLENT: 1.5,
    COLL_ADVANCED: 0.8,
    CSTD_PROV: 3.0,
    CSTD_BASE: 1.0,
    LDTT: 0.3,
  },
};

/** A stored rule set completed with the defaults of settings added after it was saved. */
export function withRuleDefaults(stored: Partial<AwardRules>): AwardRules {
  const rules = { ...DEFAULT_AWARD_RULES, ...stored };
  // Rule sets saved before the base salary became platform reference data still hold `baseSalaries`: ignored.
  delete (rules as { baseSalaries?: unknown }).baseSalaries;
  // Rule sets saved before R13 was corrected hold a fixed day of Y as { month, day }.
  const deadline = rules.dossierDeadline as DossierDeadlineRule | { month: number; day: number };
  if (!('kind' in deadline)) rules.dossierDeadline = { kind: 'FIXED_DAY', ...deadline, yearOffset: 0 };
  return rules;
}

export function quotaSeats(quota: Quota, members: number): number {
  return quota.kind === 'COUNT' ? quota.value : Math.floor((members * quota.percent) / 100);
}

const percent = (field: string, v: number, min = 0): Problem[] =>
  Number.isFinite(v) && v >= min && v <= 100
    ? []
    : [{ field, message: `must be between ${min} and 100 (got ${v})` }];

/** Every problem with a rule set, each naming its field. */
export function awardRulesProblems(r: AwardRules): Problem[] {
  const quota = (field: string, q: Quota): Problem[] =>
    q.kind === 'COUNT'
      ? Number.isInteger(q.value) && q.value >= 0
        ? []
        : [{ field: `${field}.value`, message: `must be a whole number of 0 or more (got ${q.value})` }]
      : percent(`${field}.percent`, q.percent);
  return [
    ...quota('flagQuota', r.flagQuota),
    ...quota('meritQuota', r.meritQuota),
    ...percent('voteThresholdPercent', r.voteThresholdPercent, 1),
    ...(Number.isInteger(r.maxRounds) && r.maxRounds >= 1 && r.maxRounds <= 5
      ? []
      : [{ field: 'maxRounds', message: 'must be 1 to 5' }]),
    ...(new Set(r.tieBreaks).size === r.tieBreaks.length
      ? []
      : [{ field: 'tieBreaks', message: 'a tie-break appears twice' }]),
    // Preferring women (or a collective of at least 70 % women) is law (Decree 152/2025); only its place is set.
    ...(r.tieBreaks.includes('WOMEN')
      ? []
      : [{ field: 'tieBreaks', message: 'the women rule is law (Decree 152/2025): keep it, in any place' }]),
    ...(r.minimumScore === null || (r.minimumScore >= 0 && r.minimumScore <= 200)
      ? []
      : [{ field: 'minimumScore', message: 'must be 0 to 200' }]),
    ...(MERIT_STREAK_MODES.includes(r.meritStreak)
      ? []
      : [{ field: 'meritStreak', message: `must be one of ${MERIT_STREAK_MODES.join(', ')}` }]),
    ...(LINEAGE_MODES.includes(r.lineageMode)
      ? []
      : [{ field: 'lineageMode', message: `must be one of ${LINEAGE_MODES.join(', ')}` }]),
    ...percent('councilFlagPercent', r.councilFlagPercent, 1),
    ...percent('councilCstdProvPercent', r.councilCstdProvPercent, 1),
    ...percent('councilAttendancePercent', r.councilAttendancePercent, 1),
    ...deadlineProblems(r.dossierDeadline),
    ...(RUNOFF_CANDIDATES.includes(r.runoffCandidates)
      ? []
      : [{ field: 'runoffCandidates', message: `must be one of ${RUNOFF_CANDIDATES.join(', ')}` }]),
    ...Object.entries(r.prizeMultipliers).flatMap(([form, m]) =>
      Number.isFinite(m) && m >= 0 && m <= 100
        ? []
        : [{ field: `prizeMultipliers.${form}`, message: 'must be 0 to 100' }],
    ),
  ];
}

function deadlineProblems(d: DossierDeadlineRule): Problem[] {
  if (d.kind === 'DAYS_AFTER_CONFERENCE')
    return Number.isInteger(d.days) && d.days >= 0 && d.days <= 120
      ? []
      : [{ field: 'dossierDeadline.days', message: 'must be 0 to 120 days after the conference' }];
  const days = new Date(Date.UTC(2001, d.month, 0)).getUTCDate();
  return [
    ...(Number.isInteger(d.month) && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days
      ? []
      : [{ field: 'dossierDeadline', message: 'is not a day of the year' }]),
    ...(d.yearOffset === 0 || d.yearOffset === 1
      ? []
      : [
          {
            field: 'dossierDeadline.yearOffset',
            message: 'must be 0 (the emulation year) or 1 (the year after)',
          },
        ]),
  ];
}

/**
 * The dossier deadline (YYYY-MM-DD, R13) of emulation year `year` whose conference ended on `conferenceEnd`;
 * null when it counts from a conference not recorded yet.
 */
export function dossierDeadline(
  rules: Pick<AwardRules, 'dossierDeadline'>,
  year: number,
  conferenceEnd: string | null,
): string | null {
  const d = rules.dossierDeadline;
  if (d.kind === 'FIXED_DAY')
    return `${year + d.yearOffset}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  if (!conferenceEnd) return null;
  const due = new Date(`${conferenceEnd}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + d.days);
  return due.toISOString().slice(0, 10);
}

/** How the deadline is set, in words for messages: "15 ngày sau hội nghị" / "ngày 10/12 năm 2026". */
export function describeDossierDeadline(rules: Pick<AwardRules, 'dossierDeadline'>, year: number): string {
  const d = rules.dossierDeadline;
  return d.kind === 'DAYS_AFTER_CONFERENCE'
    ? `${d.days} days after the block's conference`
    : `a fixed day, ${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${year + d.yearOffset}`;
}
