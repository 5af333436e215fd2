import type { Problem } from '../scoring/scoring';
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
  /** R13: the dossier's deadline in year Y (month 1–12, day). */
  dossierDeadline: { month: number; day: number };
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
  tieBreaks: ['SCORE', 'NET_BONUS', 'WOMEN'],
  disqualifications: ['UNIT_DISCIPLINED', 'HEAD_DISCIPLINED', 'COVENANT_BREACH', 'LATE_DOSSIER'],
  minimumScore: null,
  councilFlagPercent: 80,
  councilCstdProvPercent: 90,
  councilAttendancePercent: 80,
  headDeputyMode: 'ELECTED',
  meritStreak: 'PROPOSE',
  lineageMode: 'ALL_PREDECESSORS',
  dossierDeadline: { month: 12, day: 10 },
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
  const days = new Date(Date.UTC(2001, r.dossierDeadline.month, 0)).getUTCDate();
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
    ...(r.dossierDeadline.month >= 1 &&
    r.dossierDeadline.month <= 12 &&
    r.dossierDeadline.day >= 1 &&
    r.dossierDeadline.day <= days
      ? []
      : [{ field: 'dossierDeadline', message: 'is not a day of the year' }]),
    ...Object.entries(r.prizeMultipliers).flatMap(([form, m]) =>
      Number.isFinite(m) && m >= 0 && m <= 100
        ? []
        : [{ field: `prizeMultipliers.${form}`, message: 'must be 0 to 100' }],
    ),
  ];
}

/** The dossier deadline of year `year` (R13). */
export function dossierDeadline(rules: Pick<AwardRules, 'dossierDeadline'>, year: number): string {
  const { month, day } = rules.dossierDeadline;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
