import { describe, expect, it } from 'vitest';
import { checkTransition, nextStates, YEAR_STATES, type YearFacts, type YearState } from './state-machine';

const members = ['a', 'b', 'c'];
const ready: YearFacts = {
  memberUnitIds: members,
  headUnitId: 'a',
  deputyUnitId: 'b',
  theme: 'Đoàn kết - Sáng tạo - Kỷ cương - Phát triển',
  covenantItemCount: 6,
  signedUnitIds: members,
  criteriaSetId: 'cs',
  yearBegun: true,
  scoredUnitIds: members,
  votingResultsPublished: true,
  latestRound: { round: 1, open: false, published: true, outcome: 'COMPLETE' },
  dossierSubmitted: true,
};
const round = (r: Partial<NonNullable<YearFacts['latestRound']>>) => ({
  votingResultsPublished: false,
  latestRound: { round: 1, open: false, published: false, outcome: null, ...r },
});

describe('every allowed transition, with its preconditions met', () => {
  const path = YEAR_STATES.slice(0, -1).map((from, i) => [from, YEAR_STATES[i + 1]!] as const);
  it.each(path)('%s → %s', (from, to) => {
    expect(checkTransition(from, to, 'PROVINCE_ADMIN', ready)).toEqual({ allowed: true });
  });
});

describe('refusals name what is missing', () => {
  it.each<[YearState, YearState, Partial<YearFacts>, string[]]>([
    ['DRAFT', 'OPEN', { theme: ' ' }, ['a theme']],
    ['DRAFT', 'OPEN', { headUnitId: null }, ['a head unit']],
    ['DRAFT', 'OPEN', { headUnitId: 'z' }, ['a head unit that is a member']],
    ['DRAFT', 'OPEN', { deputyUnitId: 'a' }, ['a deputy unit other than the head unit']],
    ['DRAFT', 'OPEN', { deputyUnitId: 'z' }, ['a deputy unit that is a member']],
    ['DRAFT', 'OPEN', { covenantItemCount: 0 }, ['covenant items']],
    [
      'DRAFT',
      'OPEN',
      { memberUnitIds: ['a'], deputyUnitId: null },
      ['the block needs at least 2 members this year', 'a deputy unit'],
    ],
    ['OPEN', 'COVENANT_SIGNED', { signedUnitIds: ['a'] }, ['2 of 3 members have not signed the covenant']],
    ['COVENANT_SIGNED', 'SCORING', { criteriaSetId: null }, ['a criteria set for the year']],
    ['COVENANT_SIGNED', 'SCORING', { yearBegun: false }, ['the year to have begun']],
    [
      'SCORING',
      'SCORES_LOCKED',
      { scoredUnitIds: ['a', 'b'] },
      ['1 of 3 members have not got every score sheet their final score needs'],
    ],
    [
      'VOTING',
      'RESULTS_RECORDED',
      { votingResultsPublished: false, latestRound: null },
      ['a vote opened at the conference'],
    ],
    // A later round open is named as such, not as results that were never published (round 1's were).
    [
      'VOTING',
      'RESULTS_RECORDED',
      round({ round: 2, open: true }),
      ['round 2 of the vote to close, and its results published'],
    ],
    ['VOTING', 'RESULTS_RECORDED', round({ outcome: 'COMPLETE' }), ['the results of round 1 published']],
    [
      'VOTING',
      'RESULTS_RECORDED',
      round({ published: true, outcome: 'NEXT_ROUND' }),
      ['round 2 of the vote'],
    ],
    [
      'VOTING',
      'RESULTS_RECORDED',
      round({ round: 2, published: true, outcome: 'AWAITING_DECISION' }),
      ["the head and deputy's decision after round 2"],
    ],
    ['RESULTS_RECORDED', 'DOSSIER_SUBMITTED', { dossierSubmitted: false }, ['a submitted dossier']],
  ])('%s → %s with %o', (from, to, change, missing) => {
    const verdict = checkTransition(from, to, 'PROVINCE_ADMIN', { ...ready, ...change });
    expect(verdict).toMatchObject({ allowed: false, reason: 'PRECONDITIONS', missing });
    expect(verdict.allowed || verdict.message).toContain(missing[0]);
  });
});

describe('refused transitions', () => {
  it('skipping or going back is not a transition, and says where the year can go', () => {
    expect(checkTransition('DRAFT', 'SCORING', 'PROVINCE_ADMIN', ready)).toMatchObject({
      allowed: false,
      reason: 'NO_SUCH_TRANSITION',
      message: 'A year in DRAFT cannot move to SCORING; it can move to OPEN',
    });
    expect(checkTransition('SCORES_LOCKED', 'SCORING', 'PROVINCE_ADMIN', ready)).toMatchObject({
      reason: 'NO_SUCH_TRANSITION',
    });
    expect(checkTransition('CLOSED', 'DRAFT', 'PROVINCE_ADMIN', ready)).toMatchObject({
      message: 'A year in CLOSED cannot move to DRAFT',
    });
  });

  it('checks who asks', () => {
    expect(checkTransition('OPEN', 'COVENANT_SIGNED', 'HEAD_UNIT', ready)).toEqual({ allowed: true });
    expect(checkTransition('OPEN', 'COVENANT_SIGNED', 'SYSTEM', ready)).toMatchObject({
      reason: 'NOT_PERMITTED',
    });
    expect(checkTransition('DOSSIER_SUBMITTED', 'CLOSED', 'HEAD_UNIT', ready)).toMatchObject({
      reason: 'NOT_PERMITTED',
    });
    expect(checkTransition('SCORES_LOCKED', 'VOTING', 'SYSTEM', ready)).toEqual({ allowed: true });
  });

  it('every state but the last has exactly one way forward', () => {
    expect(YEAR_STATES.map((s) => nextStates(s).length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });
});
