import type { ResultOf } from 'gql.tada';
import { PeriodFields } from './operations';

export type Period = ResultOf<typeof PeriodFields>;
export type Contest = Period['contests'][number];

/**
 * The fewest votes that reach the threshold, counted against all members: the tally's rule (packages/domain's
 * reachesThreshold), the share as the minutes print it, to hundredths of a percent (6 of 9 reaches "66.67").
 */
export function votesNeeded(eligible: number, percent: number, mode: 'MORE_THAN' | 'AT_LEAST'): number {
  const threshold = Math.round(percent * 100);
  for (let votes = 0; votes <= eligible; votes++) {
    const share = Math.round((10_000 * votes) / eligible);
    if (mode === 'MORE_THAN' ? share > threshold : share >= threshold) return votes;
  }
  return eligible + 1;
}

export interface BallotProblem {
  contestId: string;
  kind: 'atMost' | 'twice' | 'notCandidate' | 'selfVote' | 'headIsDeputy';
  n?: number;
}

/**
 * What the API would refuse (packages/domain's ballotProblems), checked before sending: too many choices, a
 * unit twice, a unit that is not a candidate, a self-vote where the block forbids it, one unit chosen for both
 * next year's head and deputy (R11).
 */
export function ballotProblems(
  contests: readonly Contest[],
  choices: ReadonlyMap<string, readonly string[]>,
  voterUnitId: string | null,
  allowSelfVote: boolean,
): BallotProblem[] {
  const problems: BallotProblem[] = [];
  for (const contest of contests) {
    const chosen = choices.get(contest.id) ?? [];
    if (chosen.length > contest.seats)
      problems.push({ contestId: contest.id, kind: 'atMost', n: contest.seats });
    if (new Set(chosen).size !== chosen.length) problems.push({ contestId: contest.id, kind: 'twice' });
    for (const u of chosen) {
      if (!contest.candidateUnitIds.includes(u))
        problems.push({ contestId: contest.id, kind: 'notCandidate' });
      else if (!allowSelfVote && voterUnitId && u === voterUnitId && contest.kind !== 'APPROVAL')
        problems.push({ contestId: contest.id, kind: 'selfVote' });
    }
  }
  // R11: next year's head and deputy are two units.
  const head = contests.find((c) => c.kind === 'NEXT_HEAD');
  const deputy = contests.find((c) => c.kind === 'NEXT_DEPUTY');
  const heads = (head && choices.get(head.id)) ?? [];
  if (deputy && (choices.get(deputy.id) ?? []).some((u) => heads.includes(u)))
    problems.push({ contestId: deputy.id, kind: 'headIsDeputy' });
  return problems;
}

/** When voting ends: the extended deadline when there is one. */
export function deadline(p: Pick<Period, 'closesAt' | 'extendedUntil'>): string {
  return p.extendedUntil ?? p.closesAt;
}

/** A candidate's share of all eligible members, rounded as the minutes print it (two decimals). */
export function sharePercent(votes: number, eligible: number): number {
  return eligible > 0 ? Math.round((10000 * votes) / eligible) / 100 : 0;
}

/**
 * R6 in a result whose tie the tie-break order broke (`tieBrokenBy`): the candidates equal on votes for the last
 * seats — all who reached the threshold with as many votes as the fewest any elected one had — and those of them
 * elected, named.
 */
export function tieGroup(
  r: { elected: string[]; candidates: { unitId: string; votes: number; reachedThreshold: boolean }[] },
  name: (unitId: string) => string,
): { among: string; chosen: string } {
  const least = Math.min(...r.candidates.filter((c) => r.elected.includes(c.unitId)).map((c) => c.votes));
  const among = r.candidates.filter((c) => c.reachedThreshold && c.votes === least).map((c) => c.unitId);
  return {
    among: among.map(name).join('; '),
    chosen: among
      .filter((u) => r.elected.includes(u))
      .map(name)
      .join('; '),
  };
}

/** A contest's threshold: its own (R10: a council question on a flag needs more), else its period's. */
export function contestThreshold(
  period: Pick<Period, 'thresholdPercent' | 'thresholdMode'>,
  contest: { thresholdPercent: number | null; thresholdMode: string | null } | undefined,
): { percent: number; mode: Period['thresholdMode'] } {
  return contest?.thresholdPercent != null
    ? {
        percent: contest.thresholdPercent,
        mode: (contest.thresholdMode ?? period.thresholdMode) as Period['thresholdMode'],
      }
    : { percent: period.thresholdPercent, mode: period.thresholdMode };
}

/** Candidates by votes, most first; equal counts in the ballot's order, as the members saw them. */
export function byVotes<T extends { unitId: string; votes: number }>(
  candidates: readonly T[],
  ballotOrder: readonly string[] = [],
): T[] {
  // A unit not on the ballot's list (none should be) goes after those that are.
  const place = (unitId: string) => {
    const i = ballotOrder.indexOf(unitId);
    return i < 0 ? Infinity : i;
  };
  return [...candidates].sort((a, b) => b.votes - a.votes || place(a.unitId) - place(b.unitId));
}
