import { describe, expect, it } from 'vitest';
import { blockClosingVerdict, type ClosingPeriod } from './block-closing';

const tallied = (outcome: ClosingPeriod['outcome']): ClosingPeriod => ({
  status: 'TALLIED',
  outcome,
  overdue: true,
});

describe('blockClosingVerdict', () => {
  it('closes a year whose dossier is in and whose vote is final', () => {
    expect(blockClosingVerdict('DOSSIER_SUBMITTED', [tallied('COMPLETE')])).toEqual({ kind: 'CAN_CLOSE' });
    expect(blockClosingVerdict('DOSSIER_SUBMITTED', [tallied('NEXT_ROUND'), tallied('DECIDED')])).toEqual({
      kind: 'CAN_CLOSE',
    });
  });

  it('leaves a closed year alone', () => {
    expect(blockClosingVerdict('CLOSED', [tallied('COMPLETE')])).toEqual({ kind: 'ALREADY_CLOSED' });
  });

  it('reports why a block cannot close', () => {
    const reason = (state: Parameters<typeof blockClosingVerdict>[0], periods: ClosingPeriod[]) => {
      const v = blockClosingVerdict(state, periods);
      return v.kind === 'CANNOT_CLOSE' ? v.reason : v.kind;
    };
    expect(reason('VOTING', [{ status: 'OPEN', outcome: null, overdue: false }])).toMatch(/still open/);
    expect(reason('VOTING', [{ status: 'CLOSED', outcome: null, overdue: true }])).toMatch(/being counted/);
    expect(reason('VOTING', [{ status: 'OPEN', outcome: null, overdue: true, method: 'PAPER' }])).toMatch(
      /paper count has not been entered and confirmed/,
    );
    expect(reason('VOTING', [tallied('AWAITING_DECISION')])).toMatch(/head and deputy/);
    expect(reason('VOTING', [tallied('COMPLETE'), tallied('NEXT_ROUND')])).toMatch(/must be published/);
    expect(reason('VOTING', [tallied('COMPLETE'), { ...tallied('NEXT_ROUND'), published: true }])).toMatch(
      /next round has not been opened/,
    );
    expect(reason('RESULTS_RECORDED', [tallied('COMPLETE')])).toMatch(/dossier has not been submitted/);
    expect(reason('SCORING', [])).toMatch(/at SCORING/);
  });

  it('says nothing of an unpublished count: not whether or why seats went unfilled', () => {
    const reason = (periods: ClosingPeriod[]) => {
      const v = blockClosingVerdict('VOTING', periods);
      return v.kind === 'CANNOT_CLOSE' ? v.reason : v.kind;
    };
    const filled = reason([{ ...tallied('COMPLETE'), round: 2 }]);
    const unfilled = reason([{ ...tallied('NEXT_ROUND'), round: 2 }]);
    expect(filled).toBe('voting is undecided: round 2 has been counted; its results must be published');
    expect(unfilled).toBe(filled);
    expect(reason([{ ...tallied('AWAITING_DECISION'), round: 2 }])).toBe(
      'voting is undecided: after round 2 the head and deputy have not recorded their decision (R5)',
    );
  });
});
