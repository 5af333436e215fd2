import type { YearState } from '../emulation-year/state-machine';

/** A block vote as the year-end closing sees it (council votes are the province's, not the block's). */
export interface ClosingPeriod {
  status: 'OPEN' | 'CLOSED' | 'TALLIED';
  outcome: 'COMPLETE' | 'NEXT_ROUND' | 'AWAITING_DECISION' | 'DECIDED' | 'NO_QUORUM' | null;
  overdue: boolean;
  /** When it closes (ISO), extensions included: said to the secretariat that waits for it. */
  closesAt?: string;
  /** PAPER: voted in the hall, closed by its confirmed count rather than a deadline. */
  method?: 'ONLINE' | 'PAPER';
  round?: number;
  published?: boolean;
}

export type BlockClosingVerdict =
  { kind: 'ALREADY_CLOSED' } | { kind: 'CAN_CLOSE' } | { kind: 'CANNOT_CLOSE'; reason: string };

/**
 * Whether a block year can be locked at the province's year-end, after overdue votes have been closed and
 * counted. A year closes only from DOSSIER_SUBMITTED (the state machine's rule); anything undecided is reported
 * with the reason so the secretariat can chase that block while the others close.
 */
export function blockClosingVerdict(
  state: YearState,
  periods: readonly ClosingPeriod[],
): BlockClosingVerdict {
  if (state === 'CLOSED') return { kind: 'ALREADY_CLOSED' };
  const open = periods.filter((p) => p.status === 'OPEN');
  if (open.some((p) => p.method === 'PAPER'))
    return cannot("the conference's paper count has not been entered and confirmed");
  const running = open.find((p) => !p.overdue);
  if (running)
    return cannot(
      `voting is still open${running.closesAt ? ` until ${running.closesAt}` : ''} and its deadline has not passed`,
    );
  if (open.length || periods.some((p) => p.status === 'CLOSED'))
    return cannot('votes are still being counted');
  const latest = periods.at(-1);
  const round = latest?.round ?? periods.length;
  // A count not yet published is secret, and so is its outcome: the secretariat reads that the head and deputy
  // must decide (R5), or that the round's results wait to be published, never whether or why seats went unfilled.
  if (latest?.outcome === 'AWAITING_DECISION')
    return cannot(
      `voting is undecided: after round ${round} the head and deputy have not recorded their decision (R5)`,
    );
  if (latest?.status === 'TALLIED' && !latest.published && state === 'VOTING')
    return cannot(`voting is undecided: round ${round} has been counted; its results must be published`);
  if (latest?.outcome === 'NEXT_ROUND')
    return cannot('voting is undecided: the next round has not been opened');
  if (state !== 'DOSSIER_SUBMITTED')
    return cannot(`the year is at ${state}; its dossier has not been submitted`);
  return { kind: 'CAN_CLOSE' };
}

const cannot = (reason: string): BlockClosingVerdict => ({ kind: 'CANNOT_CLOSE', reason });
