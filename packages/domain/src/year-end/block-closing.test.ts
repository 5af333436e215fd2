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

  it('names the real cause of empty seats: a tie only when there was one', () => {
    const reason = (shortfalls: ('THRESHOLD' | 'TIE')[]) => {
      const v = blockClosingVerdict('VOTING', [{ ...tallied('AWAITING_DECISION'), round: 2, shortfalls }]);
      return v.kind === 'CANNOT_CLOSE' ? v.reason : v.kind;
    };
    expect(reason(['THRESHOLD'])).toMatch(
      /after round 2 left seats empty because too few candidates reached the threshold/,
    );
    expect(reason(['THRESHOLD'])).not.toMatch(/tie/);
    expect(reason(['TIE'])).toMatch(/a tie at the last seat/);
  });
});
