import type { Problem } from '../scoring/scoring';
import type { Contest, ContestCount } from './tally';

/** One contest as the counting committee entered it from the paper ballots (or a show of hands). */
export interface PaperContestEntry {
  contestId: string;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  votes: readonly { unitId: string; votes: number }[];
}

/**
 * What a counting committee's figures must satisfy before anyone confirms them: one ballot per member at most,
 * collected ≤ issued, valid + invalid = collected, votes only for candidates, none above the valid ballots, and
 * no more votes than valid ballots × seats. Every contest of the round is counted once.
 */
export function paperCountProblems(
  contests: readonly Contest[],
  entries: readonly PaperContestEntry[],
  eligible: number,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [i, e] of entries.entries()) {
    const at = (f: string) => `contests.${i}.${f}`;
    const contest = contests.find((c) => c.id === e.contestId);
    if (!contest) {
      problems.push({ field: at('contestId'), message: 'not a contest of this voting period' });
      continue;
    }
    if (seen.has(contest.id))
      problems.push({ field: at('contestId'), message: 'the contest is counted twice' });
    seen.add(contest.id);
    if (e.issued > eligible)
      problems.push({ field: at('issued'), message: `more ballots than the ${eligible} members` });
    if (e.returned > e.issued)
      problems.push({
        field: at('returned'),
        message: `more collected (${e.returned}) than issued (${e.issued})`,
      });
    if (e.valid + e.invalid !== e.returned)
      problems.push({
        field: at('valid'),
        message: `valid (${e.valid}) + invalid (${e.invalid}) must equal the ballots collected (${e.returned})`,
      });
    const units = new Set<string>();
    for (const v of e.votes) {
      if (!contest.candidates.includes(v.unitId))
        problems.push({ field: at('votes'), message: `${v.unitId} is not a candidate` });
      if (units.has(v.unitId)) problems.push({ field: at('votes'), message: `${v.unitId} is counted twice` });
      units.add(v.unitId);
      if (v.votes > e.valid)
        problems.push({
          field: at('votes'),
          message: `a candidate has more votes than the ${e.valid} valid ballots`,
        });
    }
    const total = e.votes.reduce((sum, v) => sum + v.votes, 0);
    if (total > e.valid * contest.seats)
      problems.push({
        field: at('votes'),
        message: `${total} votes exceed ${e.valid} valid ballots × ${contest.seats} seat(s)`,
      });
  }
  const missing = contests.filter((c) => !seen.has(c.id));
  if (missing.length)
    problems.push({ field: 'contests', message: `every contest is counted: ${missing.length} missing` });
  return problems;
}

/** The figures as counts the tally decides on, in the contests' order. */
export function paperCounts(
  contests: readonly Contest[],
  entries: readonly PaperContestEntry[],
): ContestCount[] {
  return contests.map((c) => {
    const e = entries.find((x) => x.contestId === c.id)!;
    const chose = e.votes.reduce((sum, v) => sum + v.votes, 0);
    return {
      votes: new Map(e.votes.map((v) => [v.unitId, v.votes])),
      cast: e.valid,
      // A single-seat contest's blank ballots are the valid ones that chose nobody; with more seats it is unknown.
      blank: c.seats === 1 ? Math.max(0, e.valid - chose) : 0,
      paper: { issued: e.issued, returned: e.returned, valid: e.valid, invalid: e.invalid },
    };
  });
}
