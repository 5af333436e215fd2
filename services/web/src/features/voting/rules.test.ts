import { describe, expect, it } from 'vitest';
import { byVotes } from './rules';

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
