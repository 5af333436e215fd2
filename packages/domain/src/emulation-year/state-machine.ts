export const YEAR_STATES = [
  'DRAFT',
  'OPEN',
  'COVENANT_SIGNED',
  'SCORING',
  'SCORES_LOCKED',
  'VOTING',
  'RESULTS_RECORDED',
  'DOSSIER_SUBMITTED',
  'CLOSED',
] as const;
export type YearState = (typeof YEAR_STATES)[number];

/**
 * Who asks: the province's secretariat, an officer of the block's head or deputy unit (domain.md §4: both run the
 * year), or the platform's own jobs.
 */
export type YearActor = 'PROVINCE_ADMIN' | 'HEAD_UNIT' | 'DEPUTY_UNIT' | 'SYSTEM';

/** What the guards look at; the database gathers it, the rules stay pure. */
export interface YearFacts {
  memberUnitIds: readonly string[];
  headUnitId: string | null;
  deputyUnitId: string | null;
  theme: string | null;
  covenantItemCount: number;
  signedUnitIds: readonly string[];
  criteriaSetId: string | null;
  /** The year has begun (Vietnam's date): its results are not scored in the year before it. */
  yearBegun: boolean;
  /** Members that have every sheet their final score needs. */
  scoredUnitIds: readonly string[];
  votingResultsPublished: boolean;
  /** The block vote's latest round, so that what is missing names the round still to come; null: none yet. */
  latestRound: LatestRound | null;
  dossierSubmitted: boolean;
}

export interface LatestRound {
  round: number;
  open: boolean;
  published: boolean;
  outcome: 'COMPLETE' | 'NEXT_ROUND' | 'AWAITING_DECISION' | 'DECIDED' | 'NO_QUORUM' | null;
}

/** What the block vote still needs before its results stand, said of the round it has reached. */
function voteMissing(f: YearFacts): string[] {
  if (f.votingResultsPublished) return [];
  const r = f.latestRound;
  if (!r) return ['a vote opened at the conference'];
  if (r.open) return [`round ${r.round} of the vote to close, and its results published`];
  // The head and deputy decide on the count, published or not (R5).
  if (r.outcome === 'AWAITING_DECISION') return [`the head and deputy's decision after round ${r.round}`];
  if (!r.published) return [`the results of round ${r.round} published`];
  if (r.outcome === 'NEXT_ROUND' || r.outcome === 'NO_QUORUM') return [`round ${r.round + 1} of the vote`];
  return ['published voting results'];
}

interface TransitionRule {
  from: YearState;
  to: YearState;
  actors: readonly YearActor[];
  missing: (f: YearFacts) => string[];
}

const unitsWithout = (f: YearFacts, done: readonly string[], what: string) => {
  const left = f.memberUnitIds.filter((id) => !done.includes(id));
  return left.length ? [`${left.length} of ${f.memberUnitIds.length} members have not ${what}`] : [];
};

/** The year's lifecycle. Later states are entered by the voting and awards work (SYSTEM) or by people. */
const RULES: readonly TransitionRule[] = [
  {
    from: 'DRAFT',
    to: 'OPEN',
    actors: ['PROVINCE_ADMIN', 'HEAD_UNIT', 'DEPUTY_UNIT'],
    missing: (f) => [
      ...(f.memberUnitIds.length < 2 ? ['the block needs at least 2 members this year'] : []),
      ...(!f.theme?.trim() ? ['a theme'] : []),
      ...(!f.headUnitId
        ? ['a head unit']
        : !f.memberUnitIds.includes(f.headUnitId)
          ? ['a head unit that is a member']
          : []),
      ...(!f.deputyUnitId
        ? ['a deputy unit']
        : !f.memberUnitIds.includes(f.deputyUnitId)
          ? ['a deputy unit that is a member']
          : f.deputyUnitId === f.headUnitId
            ? ['a deputy unit other than the head unit']
            : []),
      ...(f.covenantItemCount === 0 ? ['covenant items'] : []),
    ],
  },
  {
    from: 'OPEN',
    to: 'COVENANT_SIGNED',
    actors: ['PROVINCE_ADMIN', 'HEAD_UNIT', 'DEPUTY_UNIT'],
    missing: (f) => unitsWithout(f, f.signedUnitIds, 'signed the covenant'),
  },
  {
    from: 'COVENANT_SIGNED',
    to: 'SCORING',
    actors: ['PROVINCE_ADMIN', 'HEAD_UNIT', 'DEPUTY_UNIT'],
    missing: (f) => [
      ...(f.criteriaSetId ? [] : ['a criteria set for the year']),
      // A year opened ahead (its covenant signed in December) is scored at its own end, not before it begins.
      ...(f.yearBegun ? [] : ['the year to have begun']),
    ],
  },
  {
    from: 'SCORING',
    to: 'SCORES_LOCKED',
    actors: ['PROVINCE_ADMIN', 'HEAD_UNIT', 'DEPUTY_UNIT'],
    missing: (f) => unitsWithout(f, f.scoredUnitIds, 'got every score sheet their final score needs'),
  },
  {
    from: 'SCORES_LOCKED',
    to: 'VOTING',
    actors: ['PROVINCE_ADMIN', 'HEAD_UNIT', 'DEPUTY_UNIT', 'SYSTEM'],
    missing: () => [],
  },
  {
    from: 'VOTING',
    to: 'RESULTS_RECORDED',
    actors: ['PROVINCE_ADMIN', 'HEAD_UNIT', 'DEPUTY_UNIT', 'SYSTEM'],
    missing: voteMissing,
  },
  {
    from: 'RESULTS_RECORDED',
    to: 'DOSSIER_SUBMITTED',
    actors: ['PROVINCE_ADMIN', 'HEAD_UNIT', 'DEPUTY_UNIT', 'SYSTEM'],
    missing: (f) => (f.dossierSubmitted ? [] : ['a submitted dossier']),
  },
  { from: 'DOSSIER_SUBMITTED', to: 'CLOSED', actors: ['PROVINCE_ADMIN', 'SYSTEM'], missing: () => [] },
];

export type TransitionVerdict =
  | { allowed: true }
  | {
      allowed: false;
      reason: 'NO_SUCH_TRANSITION' | 'NOT_PERMITTED' | 'PRECONDITIONS';
      message: string;
      missing: string[];
    };

export function checkTransition(
  from: YearState,
  to: YearState,
  actor: YearActor,
  facts: YearFacts,
): TransitionVerdict {
  const rule = RULES.find((r) => r.from === from && r.to === to);
  if (!rule) {
    const next = RULES.filter((r) => r.from === from).map((r) => r.to);
    return {
      allowed: false,
      reason: 'NO_SUCH_TRANSITION',
      message: `A year in ${from} cannot move to ${to}${next.length ? `; it can move to ${next.join(', ')}` : ''}`,
      missing: [],
    };
  }
  if (!rule.actors.includes(actor)) {
    return {
      allowed: false,
      reason: 'NOT_PERMITTED',
      message: `${from} → ${to} is for ${rule.actors.join(' or ')}`,
      missing: [],
    };
  }
  const missing = rule.missing(facts);
  if (missing.length) {
    return {
      allowed: false,
      reason: 'PRECONDITIONS',
      message: `${from} → ${to} needs: ${missing.join('; ')}`,
      missing,
    };
  }
  return { allowed: true };
}

export function nextStates(from: YearState): YearState[] {
  return RULES.filter((r) => r.from === from).map((r) => r.to);
}

/** States in which members' signatures, registrations and sheets are still accepted. */
export const COVENANT_EDITABLE: readonly YearState[] = ['DRAFT', 'OPEN'];
export const SIGNING_OPEN: readonly YearState[] = ['OPEN'];
export const REGISTRATION_OPEN: readonly YearState[] = ['DRAFT', 'OPEN', 'COVENANT_SIGNED', 'SCORING'];
export const SCORING_OPEN: readonly YearState[] = ['SCORING'];

export function isAtLeast(state: YearState, milestone: YearState): boolean {
  return YEAR_STATES.indexOf(state) >= YEAR_STATES.indexOf(milestone);
}
