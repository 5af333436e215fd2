import { badInput } from './errors';

/**
 * Sizes the API enforces when data is written or read, so every list it returns has a known upper bound. The
 * query cost model (http/list-bounds.ts) multiplies a list's children by these numbers.
 */
export const BOUNDS = {
  /** Units that are members of one block at any time in one calendar year (addBlockMember refuses more). */
  blockMembers: 50,
  /** Blocks and clusters of one province (createBlock refuses more). */
  blocksPerProvince: 200,
  /** Active title registrations of one block year (registerTitle refuses more). */
  registrationsPerYear: 500,
  /** Provinces and cities on record, current and former (63 + 34 today; createProvince refuses more). */
  provinces: 200,
  /** Years the database accepts (2000–2100). */
  years: 101,
  /** Rows a history list returns at most when the client asks for no fewer (`first`). */
  historyPage: 100,
  /** Rounds of a block vote (maxRounds ≤ 5). */
  rounds: 5,
  /** Contests of one voting period: 4 in a block vote, one per nomination (≤ 200) in a council vote. */
  contests: 200,
  /** Seats of a contest. */
  seats: 20,
  /**
   * Files a person may upload to one record (a dossier, a conference, a proposal; the upload refuses more). The
   * documents the platform stores at submission come on top: at most a handful.
   */
  attachmentsPerRecord: 50,
} as const;

/** `first` on a list that is not a connection: the most items it returns, 1 to `max`. */
export function firstArgOptions(max: number, defaultValue: number = BOUNDS.historyPage) {
  return { defaultValue: Math.min(defaultValue, max), description: `At most this many, 1 to ${max}.` };
}

/** Checks `first` is within 1 to `max` (BAD_USER_INPUT naming `first` otherwise) and returns it. */
export function checkFirst(first: number | undefined, max: number): number {
  if (first === undefined || first === null) return max;
  if (!Number.isInteger(first) || first < 1 || first > max)
    throw badInput('first', `must be between 1 and ${max}`);
  return first;
}
