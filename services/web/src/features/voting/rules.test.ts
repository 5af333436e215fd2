import { describe, expect, it } from 'vitest';
import { ballotProblems, byVotes, type Contest } from './rules';

describe('byVotes', () => {
  it('puts the most votes first and keeps equal counts in the ballot order, whatever order the count came in', () => {
    const counted = [
      { unitId: 'c', votes: 0 },
      { unitId: 'a', votes: 0 },
      { unitId: 'd', votes: 5 },
      { unitId: 'b', votes: 0 },
    ];
    expect(byVotes(counted, ['a', 'b', 'c', 'd']).map((c) => c.unitId)).toEqual(['d', 'a', 'b', 'c']);
    expect(byVotes(counted, ['c', 'b', 'a', 'd']).map((c) => c.unitId)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('ballotProblems', () => {
  const contest = (id: string, kind: Contest['kind']) =>
    ({ id, kind, seats: 1, candidateUnitIds: ['a', 'b', 'c'] }) as unknown as Contest;
  const contests = [contest('head', 'NEXT_HEAD'), contest('deputy', 'NEXT_DEPUTY')];

  it('R11: refuses one unit as both next head and next deputy, on the deputy question', () => {
    const same = new Map([
      ['head', ['a']],
      ['deputy', ['a']],
    ]);
    expect(ballotProblems(contests, same, null, true)).toEqual([
      { contestId: 'deputy', kind: 'headIsDeputy' },
    ]);
    const apart = new Map([
      ['head', ['a']],
      ['deputy', ['b']],
    ]);
    expect(ballotProblems(contests, apart, null, true)).toEqual([]);
  });
});
