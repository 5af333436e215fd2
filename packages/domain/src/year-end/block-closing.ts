import type { YearState } from '../emulation-year/state-machine';

/** A block vote as the year-end closing sees it (council votes are the province's, not the block's). */
export interface ClosingPeriod {
  status: 'OPEN' | 'CLOSED' | 'TALLIED';
  outcome: 'COMPLETE' | 'NEXT_ROUND' | 'AWAITING_DECISION' | 'DECIDED' | 'NO_QUORUM' | null;
  overdue: boolean;
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
  if (open.some((p) => !p.overdue)) return cannot('voting is still open and its deadline has not passed');
  if (open.length || periods.some((p) => p.status === 'CLOSED'))
    return cannot('votes are still being counted');
  const latest = periods.at(-1);
  if (latest?.outcome === 'AWAITING_DECISION')
    return cannot('voting is undecided: the head and deputy have not decided the tie');
  if (latest?.outcome === 'NEXT_ROUND') return cannot('voting is undecided: another round is needed');
  if (state !== 'DOSSIER_SUBMITTED')
    return cannot(`the year is at ${state}; its dossier has not been submitted`);
  return { kind: 'CAN_CLOSE' };
}

const cannot = (reason: string): BlockClosingVerdict => ({ kind: 'CANNOT_CLOSE', reason });
