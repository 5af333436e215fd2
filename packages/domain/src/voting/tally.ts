import { round2, type Problem } from '../scoring/scoring';

/**
 * Block votes (domain.md R4, R5): secret ballots, thresholds counted against ALL eligible members (not only
 * those present), a quota of seats per contest, and further rounds when the quota is not filled.
 */
export const CONTEST_KINDS = ['FLAG', 'MERIT', 'NEXT_HEAD', 'NEXT_DEPUTY', 'APPROVAL'] as const;
export type ContestKind = (typeof CONTEST_KINDS)[number];

export interface Contest {
  id: string;
  kind: ContestKind;
  /** Choose up to this many. */
  seats: number;
  candidates: readonly string[];
  /** Overrides the period's threshold for this contest (the council's R10 thresholds). */
  threshold?: Pick<VoteRules, 'thresholdPercent' | 'thresholdMode'>;
}

export interface VoteRules {
  /** Percent of all eligible members a candidate needs. */
  thresholdPercent: number;
  /** MORE_THAN 50 is "more than half"; AT_LEAST 100 is unanimity. */
  thresholdMode: 'MORE_THAN' | 'AT_LEAST';
  allowSelfVote: boolean;
}

export const DEFAULT_VOTE_RULES: VoteRules = {
  thresholdPercent: 50,
  thresholdMode: 'MORE_THAN',
  allowSelfVote: true,
};

export interface Choice {
  contestId: string;
  unitIds: readonly string[];
}

/** A ballot may leave any contest blank; it may not exceed a quota, name a non-candidate, or repeat a name. */
export function ballotProblems(
  contests: readonly Contest[],
  choices: readonly Choice[],
  voterUnitId: string,
  rules: VoteRules,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [i, choice] of choices.entries()) {
    const field = `choices.${i}`;
    const contest = contests.find((c) => c.id === choice.contestId);
    if (!contest) {
      problems.push({ field: `${field}.contestId`, message: 'not a contest of this voting period' });
      continue;
    }
    if (seen.has(contest.id))
      problems.push({ field: `${field}.contestId`, message: 'the contest appears twice' });
    seen.add(contest.id);
    if (choice.unitIds.length > contest.seats) {
      problems.push({
        field: `${field}.unitIds`,
        message: `choose at most ${contest.seats} (chose ${choice.unitIds.length})`,
      });
    }
    if (new Set(choice.unitIds).size !== choice.unitIds.length)
      problems.push({ field: `${field}.unitIds`, message: 'a unit is chosen twice' });
    for (const unitId of choice.unitIds) {
      if (!contest.candidates.includes(unitId))
        problems.push({ field: `${field}.unitIds`, message: `${unitId} is not a candidate` });
      else if (!rules.allowSelfVote && unitId === voterUnitId) {
        problems.push({
          field: `${field}.unitIds`,
          message: 'this block does not allow voting for one’s own unit',
        });
      }
    }
  }
  // R11: next year's head and deputy are two units; a ballot naming one unit for both says nothing the count
  // could use, so it is refused before it is sealed.
  const nextHead = choices.find((c) => contests.find((k) => k.id === c.contestId)?.kind === 'NEXT_HEAD');
  const deputyAt = choices.findIndex(
    (c) => contests.find((k) => k.id === c.contestId)?.kind === 'NEXT_DEPUTY',
  );
  if (nextHead && deputyAt >= 0 && choices[deputyAt]!.unitIds.some((u) => nextHead.unitIds.includes(u)))
    problems.push({
      field: `choices.${deputyAt}.unitIds`,
      message: 'next year’s head and deputy must be different units (R11)',
    });
  return problems;
}

export interface CandidateCount {
  unitId: string;
  votes: number;
  /** Of all eligible members. */
  percent: number;
  reachedThreshold: boolean;
}

export interface ContestResult {
  contestId: string;
  kind: ContestKind;
  seats: number;
  /** Ballots cast in the period, and those that chose nobody in this contest. */
  cast: number;
  blank: number;
  candidates: CandidateCount[];
  elected: string[];
  unfilledSeats: number;
  /** The counting committee's figures when the period was counted on paper. */
  paper?: PaperFigures;
  /** Why seats stayed empty: nobody else reached the threshold, or a tie at the last seat. */
  shortfall: 'THRESHOLD' | 'TIE' | null;
  tiedUnitIds: string[];
  /** R6: units tied on votes for the last seats, of which `chosen` took them by the tie-break `rule`. */
  tieBreak?: { among: string[]; chosen: string[]; rule: string };
  /**
   * R8: the council question's nomination was deferred after the session opened, so it is not voted on: the
   * reason, with no counts kept (a ballot marked on it before the deferral decides nothing).
   */
  withdrawn?: string;
}

/**
 * The results of a council session with its withdrawn questions (R8) taken off: a question withdrawn after its
 * ballots were marked, or after the count, decides nothing and shows no figures.
 */
export function withWithdrawals(
  contests: readonly { id: string; withdrawnReason: string | null }[],
  results: ContestResult[],
): ContestResult[] {
  return results.map((r) => {
    const reason = contests.find((c) => c.id === r.contestId)?.withdrawnReason;
    return reason && r.withdrawn === undefined ? withdrawnResult(r, reason) : r;
  });
}

/** A council question taken off the session (R8): nobody elected, no counts, the reason kept for the minutes. */
export function withdrawnResult(result: ContestResult, reason: string): ContestResult {
  return {
    ...result,
    blank: 0,
    candidates: [],
    elected: [],
    unfilledSeats: 0,
    shortfall: null,
    tiedUnitIds: [],
    withdrawn: reason,
  };
}

/**
 * R6 on units tied on votes for the last `seats` of a contest: who takes them, who stays tied (another round
 * decides, R5) and by which rule; null where the contest's ties go to another round directly.
 */
export type TieBreaker = (
  contest: Contest,
  tiedUnitIds: string[],
  seats: number,
) => { chosen: string[]; tied: string[]; rule: string | null } | null;

export function reachesThreshold(
  votes: number,
  eligible: number,
  rules: Pick<VoteRules, 'thresholdPercent' | 'thresholdMode'>,
): boolean {
  if (eligible <= 0) return false;
  // The share as the minutes print it, in hundredths of a percent, against the threshold as the rule set writes it
  // (two decimals): "two thirds" is 66.67, and 6 of 9 (66,67 %) reaches it, as a conference expects; more than two
  // thirds it is not. Whole numbers, so 5 of 10 is exactly 50 %.
  const share = Math.round((10_000 * votes) / eligible);
  const threshold = Math.round(rules.thresholdPercent * 100);
  return rules.thresholdMode === 'MORE_THAN' ? share > threshold : share >= threshold;
}

/** The fewest votes that reach the threshold (more than all members when none can: "more than 100 %"). */
export function votesNeeded(
  eligible: number,
  rules: Pick<VoteRules, 'thresholdPercent' | 'thresholdMode'>,
): number {
  for (let votes = 0; votes <= eligible; votes++) if (reachesThreshold(votes, eligible, rules)) return votes;
  return eligible + 1;
}

/** What was counted for one contest: votes per candidate, ballots counted and those that chose nobody. */
export interface ContestCount {
  votes: ReadonlyMap<string, number>;
  cast: number;
  blank: number;
  /** A paper count's figures as the counting committee entered them. */
  paper?: PaperFigures;
}

export interface PaperFigures {
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
}

/** Counts one period's online ballots, contest by contest. */
export function countBallots(
  contests: readonly Contest[],
  ballots: readonly (readonly Choice[])[],
): ContestCount[] {
  return contests.map((contest) => {
    const votes = new Map(contest.candidates.map((c) => [c, 0]));
    let blank = 0;
    for (const ballot of ballots) {
      const choice = ballot.find((c) => c.contestId === contest.id);
      if (!choice || choice.unitIds.length === 0) blank++;
      for (const unitId of choice?.unitIds ?? []) votes.set(unitId, (votes.get(unitId) ?? 0) + 1);
    }
    return { votes, cast: ballots.length, blank };
  });
}

/**
 * Counts one period's ballots. Candidates reaching the threshold take the seats in order of votes; when
 * candidates tied on votes compete for the last seats, none of them takes those seats (the next round decides).
 * The result does not depend on the order of the ballots or of the candidates.
 */
export function tally(
  contests: readonly Contest[],
  ballots: readonly (readonly Choice[])[],
  eligible: number,
  rules: VoteRules,
  breakTie?: TieBreaker,
): ContestResult[] {
  return decide(contests, countBallots(contests, ballots), eligible, rules, breakTie);
}

/** The same rules on what was counted, online or on paper (`counts[i]` belongs to `contests[i]`). */
export function decide(
  contests: readonly Contest[],
  counts: readonly ContestCount[],
  eligible: number,
  rules: VoteRules,
  breakTie?: TieBreaker,
): ContestResult[] {
  const results = contests.map((contest, index) =>
    decideContest(contest, counts[index]!, eligible, rules, breakTie),
  );
  // R11: a unit elected next year's head in this round cannot also be its deputy; the deputy seat goes to the
  // next candidate who reached the threshold, or to the next round.
  const head = results.find((r) => r.kind === 'NEXT_HEAD');
  const deputy = contests.findIndex((c) => c.kind === 'NEXT_DEPUTY');
  if (head?.elected.length && deputy >= 0 && results[deputy]!.elected.some((u) => head.elected.includes(u)))
    results[deputy] = decideContest(
      contests[deputy]!,
      counts[deputy]!,
      eligible,
      rules,
      breakTie,
      head.elected,
    );
  return results;
}

/** One contest's seats; `barred` candidates keep their counts but take no seat (R11). */
function decideContest(
  contest: Contest,
  count: ContestCount,
  eligible: number,
  rules: VoteRules,
  breakTie?: TieBreaker,
  barred: readonly string[] = [],
): ContestResult {
  const candidates = contest.candidates
    .map((unitId) => {
      const v = count.votes.get(unitId) ?? 0;
      return {
        unitId,
        votes: v,
        percent: eligible > 0 ? round2((100 * v) / eligible) : 0,
        reachedThreshold: reachesThreshold(v, eligible, contest.threshold ?? rules),
      };
    })
    .sort((a, b) => b.votes - a.votes || (a.unitId < b.unitId ? -1 : 1));

  const qualified = candidates.filter((c) => c.reachedThreshold && !barred.includes(c.unitId));
  const elected: string[] = [];
  let tiedUnitIds: string[] = [];
  let tieBreak: ContestResult['tieBreak'];
  for (let i = 0; i < qualified.length && elected.length < contest.seats;) {
    const group = qualified.filter((c) => c.votes === qualified[i]!.votes);
    if (elected.length + group.length <= contest.seats) elected.push(...group.map((c) => c.unitId));
    else {
      // Equal votes for the last seats: R6's order first (score, bonus − deductions, women), then another round.
      const among = group.map((c) => c.unitId).sort();
      const broken = breakTie?.(contest, among, contest.seats - elected.length);
      if (broken?.chosen.length && broken.rule) {
        elected.push(...broken.chosen);
        tieBreak = { among, chosen: broken.chosen, rule: broken.rule };
      }
      tiedUnitIds = broken ? broken.tied : among;
      break;
    }
    i += group.length;
  }
  const unfilledSeats = contest.seats - elected.length;
  return {
    contestId: contest.id,
    kind: contest.kind,
    seats: contest.seats,
    cast: count.cast,
    blank: count.blank,
    ...(count.paper ? { paper: count.paper } : {}),
    candidates,
    elected,
    unfilledSeats,
    shortfall: unfilledSeats === 0 ? null : tiedUnitIds.length ? 'TIE' : 'THRESHOLD',
    tiedUnitIds,
    ...(tieBreak ? { tieBreak } : {}),
  };
}

/** R5: who stands in the round after a tie at the last seat. */
export const RUNOFF_CANDIDATES = ['TIED_ONLY', 'ALL_REMAINING'] as const;
export type RunoffCandidates = (typeof RUNOFF_CANDIDATES)[number];

/**
 * The contests of the next round: the seats still empty. After a tie at the last seat the run-off is among the
 * tied units (R5's default) or among all candidates not yet elected; when nobody else reached the threshold, all
 * of them stand again.
 */
export function nextRoundContests(
  results: readonly ContestResult[],
  contests: readonly Contest[],
  runoff: RunoffCandidates = 'TIED_ONLY',
): Contest[] {
  // R11: a unit this round elected to one of next year's head and deputy seats does not stand for the other.
  const otherSeat: Partial<Record<ContestKind, string[]>> = {
    NEXT_HEAD: results.find((r) => r.kind === 'NEXT_DEPUTY')?.elected ?? [],
    NEXT_DEPUTY: results.find((r) => r.kind === 'NEXT_HEAD')?.elected ?? [],
  };
  return results
    .filter((r) => r.unfilledSeats > 0)
    .map((r) => {
      const contest = contests.find((c) => c.id === r.contestId)!;
      const taken = [...r.elected, ...(otherSeat[r.kind] ?? [])];
      const remaining = contest.candidates.filter((c) => !taken.includes(c));
      const tiedOnly = runoff === 'TIED_ONLY' && r.shortfall === 'TIE' && r.tiedUnitIds.length > 0;
      return {
        ...contest,
        seats: r.unfilledSeats,
        candidates: tiedOnly ? remaining.filter((c) => r.tiedUnitIds.includes(c)) : remaining,
      };
    })
    .filter((c) => c.candidates.length > 0);
}
