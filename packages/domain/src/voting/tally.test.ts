import { describe, expect, it } from 'vitest';
import {
  ballotProblems,
  DEFAULT_VOTE_RULES,
  decide,
  nextRoundContests,
  reachesThreshold,
  votesNeeded,
  tally,
  type Choice,
  type Contest,
  type TieBreaker,
} from './tally';
import { breakVoteTie } from '../awards/engine';
import { engineMember } from '../awards/engine-member.fixture';

const members = ['vp', 'tg', 'tc', 'dv', 'kt', 'nc', 'dk', 'tr', 'bao'];
const flag: Contest = { id: 'flag', kind: 'FLAG', seats: 1, candidates: members };
const ballots = (contestId: string, picks: string[][]): Choice[][] =>
  picks.map((unitIds) => [{ contestId, unitIds }]);

describe('threshold against all eligible members', () => {
  it.each([
    [5, 9, 'MORE_THAN', 50, true],
    [4, 9, 'MORE_THAN', 50, false],
    [5, 10, 'MORE_THAN', 50, false],
    [5, 10, 'AT_LEAST', 50, true],
    // Two thirds as a rule set writes it: 6 of 9 is two thirds (66,67 % in the minutes), not more than that.
    [6, 9, 'AT_LEAST', 66.67, true],
    [5, 9, 'AT_LEAST', 66.67, false],
    [6, 9, 'MORE_THAN', 66.67, false],
    [8, 12, 'AT_LEAST', 66.67, true],
    [7, 12, 'AT_LEAST', 66.67, false],
    [7, 10, 'AT_LEAST', 70, true],
    [9, 9, 'AT_LEAST', 100, true],
    [8, 9, 'AT_LEAST', 100, false],
  ] as const)('%i of %i, %s %i%% → %s', (votes, eligible, thresholdMode, thresholdPercent, expected) => {
    expect(reachesThreshold(votes, eligible, { thresholdMode, thresholdPercent })).toBe(expected);
  });

  it.each([
    [9, 50, 'MORE_THAN', 5],
    [10, 50, 'MORE_THAN', 6],
    [10, 50, 'AT_LEAST', 5],
    [9, 66.67, 'AT_LEAST', 6],
    [9, 66.67, 'MORE_THAN', 7],
    [9, 100, 'AT_LEAST', 9],
    [9, 100, 'MORE_THAN', 10],
  ] as const)(
    'of %i members, %s%% %s needs %i votes',
    (eligible, thresholdPercent, thresholdMode, needed) => {
      expect(votesNeeded(eligible, { thresholdPercent, thresholdMode })).toBe(needed);
    },
  );

  it('absent members count against: 5 votes of 6 present, 10 eligible, is not more than half', () => {
    const [r] = tally(
      [{ ...flag, candidates: ['vp', 'tg'] }],
      ballots('flag', [['vp'], ['vp'], ['vp'], ['vp'], ['vp'], ['tg']]),
      10,
      DEFAULT_VOTE_RULES,
    );
    expect(r).toMatchObject({ elected: [], shortfall: 'THRESHOLD', cast: 6 });
  });
});

describe('tally', () => {
  it('the article case: 9 of 9 for Văn phòng Tỉnh ủy elects it, 100%', () => {
    const [r] = tally(
      [flag],
      ballots(
        'flag',
        members.map(() => ['vp']),
      ),
      9,
      DEFAULT_VOTE_RULES,
    );
    expect(r!.elected).toEqual(['vp']);
    expect(r!.candidates[0]).toEqual({ unitId: 'vp', votes: 9, percent: 100, reachedThreshold: true });
    expect(r!.shortfall).toBeNull();
  });

  it('two flags in one period: both elected when both pass', () => {
    const two = { ...flag, seats: 2 };
    const picks = [
      ['tr', 'vp'],
      ['tr', 'vp'],
      ['tr', 'vp'],
      ['tr', 'vp'],
      ['tr', 'vp'],
      ['tr', 'vp'],
      ['tr', 'tc'],
      ['vp', 'tc'],
      [],
    ];
    const [r] = tally([two], ballots('flag', picks), 9, DEFAULT_VOTE_RULES);
    expect(r!.elected.sort()).toEqual(['tr', 'vp']);
    expect(r!.blank).toBe(1);
  });

  it('a tie at the last seat fills no seat with the tied candidates', () => {
    const picks = [['vp'], ['vp'], ['vp'], ['vp'], ['vp'], ['tg'], ['tg'], ['tg'], ['tg']];
    const [one] = tally([flag], ballots('flag', picks), 9, { ...DEFAULT_VOTE_RULES, thresholdPercent: 40 });
    expect(one).toMatchObject({ elected: ['vp'], shortfall: null });
    const picks2 = [['vp', 'tg'], ['vp', 'tg'], ['vp', 'tg'], ['vp', 'tc'], ['vp', 'tc'], ['tc'], [], [], []];
    const [two] = tally([{ ...flag, seats: 2 }], ballots('flag', picks2), 9, {
      ...DEFAULT_VOTE_RULES,
      thresholdPercent: 30,
    });
    expect(two).toMatchObject({
      elected: ['vp'],
      shortfall: 'TIE',
      unfilledSeats: 1,
      tiedUnitIds: ['tc', 'tg'],
    });
  });

  it('does not depend on the order of ballots or candidates', () => {
    const picks = [
      ['vp', 'tc'],
      ['tc'],
      ['vp'],
      ['vp', 'kt'],
      [],
      ['tc', 'kt'],
      ['vp'],
      ['tc'],
      ['vp', 'tc'],
    ];
    const contest = { ...flag, seats: 2 };
    const a = tally([contest], ballots('flag', picks), 9, DEFAULT_VOTE_RULES);
    const b = tally(
      [{ ...contest, candidates: [...members].reverse() }],
      ballots('flag', [...picks].reverse()),
      9,
      DEFAULT_VOTE_RULES,
    );
    expect(b).toEqual(a);
  });

  it('next round: the empty seats among the candidates not elected', () => {
    const contests = [
      { ...flag, seats: 2 },
      { id: 'head', kind: 'NEXT_HEAD' as const, seats: 1, candidates: ['tg', 'dk'] },
    ];
    const picks: Choice[][] = members.map((_, i) => [
      { contestId: 'flag', unitIds: i < 6 ? ['vp'] : ['tc'] },
      { contestId: 'head', unitIds: ['dk'] },
    ]);
    const results = tally(contests, picks, 9, DEFAULT_VOTE_RULES);
    expect(nextRoundContests(results, contests)).toEqual([
      { ...contests[0], seats: 1, candidates: members.filter((m) => m !== 'vp') },
    ]);
  });
  describe('R11: next year’s head and deputy are two units', () => {
    const head: Contest = { id: 'head', kind: 'NEXT_HEAD', seats: 1, candidates: members };
    const deputy: Contest = { id: 'deputy', kind: 'NEXT_DEPUTY', seats: 1, candidates: members };
    /** 9 ballots: `h[i]` for head and `d[i]` for deputy. */
    const cast = (h: string[], d: string[]): Choice[][] =>
      members.map((_, i) => [
        { contestId: 'head', unitIds: [h[i]!] },
        { contestId: 'deputy', unitIds: [d[i]!] },
      ]);

    it('a unit elected head in the round leaves the deputy seat to the next candidate over the threshold', () => {
      // Over 30 %: 3 of 9. kt heads with 4 votes; 4 other members chose it as deputy, tg 3: tg is the deputy.
      const rules = { ...DEFAULT_VOTE_RULES, thresholdPercent: 30 };
      const h = ['kt', 'kt', 'kt', 'kt', 'vp', 'vp', 'vp', 'dk', 'dk'];
      const d = ['tg', 'tg', 'tg', 'vp', 'kt', 'kt', 'kt', 'kt', 'dk'];
      const results = tally([head, deputy], cast(h, d), 9, rules);
      expect(results.map((r) => r.elected)).toEqual([['kt'], ['tg']]);
      expect(results[1]!.candidates[0]).toMatchObject({ unitId: 'kt', votes: 4, reachedThreshold: true });
      // Nobody else over the threshold: the deputy seat stays empty for the next round.
      const empty = tally(
        [head, deputy],
        cast(h, ['tg', 'tg', 'vp', 'vp', 'kt', 'kt', 'kt', 'kt', 'dk']),
        9,
        rules,
      );
      expect(empty.map((r) => r.elected)).toEqual([['kt'], []]);
      expect(empty[1]).toMatchObject({ unfilledSeats: 1, shortfall: 'THRESHOLD' });
    });

    it('the next round’s deputy ballot leaves off the unit elected head, and the reverse', () => {
      const h = ['kt', 'kt', 'kt', 'kt', 'kt', 'vp', 'vp', 'vp', 'vp'];
      const d = ['tg', 'tg', 'tg', 'vp', 'vp', 'vp', 'dk', 'dk', 'dk'];
      const deputyRound = nextRoundContests(tally([head, deputy], cast(h, d), 9, DEFAULT_VOTE_RULES), [
        head,
        deputy,
      ]);
      expect(deputyRound).toEqual([{ ...deputy, candidates: members.filter((m) => m !== 'kt') }]);
      const headRound = nextRoundContests(tally([head, deputy], cast(d, h), 9, DEFAULT_VOTE_RULES), [
        head,
        deputy,
      ]);
      expect(headRound).toEqual([{ ...head, candidates: members.filter((m) => m !== 'kt') }]);
    });

    it('a ballot may not name one unit for both', () => {
      const both = [
        { contestId: 'head', unitIds: ['kt'] },
        { contestId: 'deputy', unitIds: ['kt'] },
      ];
      expect(ballotProblems([head, deputy], both, 'vp', DEFAULT_VOTE_RULES)).toEqual([
        { field: 'choices.1.unitIds', message: 'next year’s head and deputy must be different units (R11)' },
      ]);
      expect(
        ballotProblems(
          [head, deputy],
          [both[0]!, { contestId: 'deputy', unitIds: ['tg'] }],
          'vp',
          DEFAULT_VOTE_RULES,
        ),
      ).toEqual([]);
    });
  });

  it('R5: after a tie at the last seat the run-off is among the tied units only, unless the province says all', () => {
    // 9 members, one flag: vp 5 and tc 4 would elect vp; make it 4 – 4 – 1 with the threshold at 40%.
    const picks: Choice[][] = members.map((_, i) => [
      { contestId: 'flag', unitIds: [i < 4 ? 'vp' : i < 8 ? 'tc' : 'kt'] },
    ]);
    const results = tally([flag], picks, 9, { ...DEFAULT_VOTE_RULES, thresholdPercent: 40 });
    expect(results[0]).toMatchObject({ shortfall: 'TIE', tiedUnitIds: ['tc', 'vp'].sort() });
    expect(nextRoundContests(results, [flag])[0]!.candidates).toEqual(['vp', 'tc']);
    expect(nextRoundContests(results, [flag], 'ALL_REMAINING')[0]!.candidates).toEqual(members);
  });

  it('R6: equal votes for the last seats are told apart by the tie-break order; what it cannot tell apart goes to a run-off', () => {
    const facts = (unitId: string, final: number, extra = {}) => engineMember(unitId, unitId, final, extra);
    const byId = new Map(
      [facts('vp', 90), facts('tc', 90, { womenShare: 0.8 }), facts('kt', 95)].map((m) => [m.unitId, m]),
    );
    const breakTie: TieBreaker = (_contest, tied, seats) =>
      breakVoteTie(
        tied.map((id) => byId.get(id)!),
        seats,
        ['SCORE', 'NET_BONUS', 'WOMEN'],
      );
    // 3 – 3 – 3 for two seats, threshold 30 %: kt has the best score; vp and tc are equal but for the women rule.
    const picks: Choice[][] = members.map((_, i) => [
      { contestId: 'flag', unitIds: [i < 3 ? 'vp' : i < 6 ? 'tc' : 'kt'] },
    ]);
    const rules = { ...DEFAULT_VOTE_RULES, thresholdPercent: 30 };
    const [two] = tally([{ ...flag, seats: 2 }], picks, 9, rules, breakTie);
    expect(two).toMatchObject({
      elected: ['kt', 'tc'],
      shortfall: null,
      tieBreak: { among: ['kt', 'tc', 'vp'], chosen: ['kt', 'tc'], rule: 'WOMEN' },
    });
    // One seat: the score decides at once.
    const [one] = tally([flag], picks, 9, rules, breakTie);
    expect(one).toMatchObject({ elected: ['kt'], tieBreak: { chosen: ['kt'], rule: 'SCORE' } });
    // Without the women rule vp and tc stay tied for the second seat: kt is elected, the rest is a run-off.
    const noWomen: TieBreaker = (_c, tied, seats) =>
      breakVoteTie(
        tied.map((id) => byId.get(id)!),
        seats,
        ['SCORE', 'NET_BONUS'],
      );
    const [left] = tally([{ ...flag, seats: 2 }], picks, 9, rules, noWomen);
    expect(left).toMatchObject({
      elected: ['kt'],
      unfilledSeats: 1,
      shortfall: 'TIE',
      tiedUnitIds: ['tc', 'vp'],
    });
    // A contest the breaker leaves alone (next year's head) goes to another round as before.
    const [untouched] = tally([flag], picks, 9, rules, () => null);
    expect(untouched).toMatchObject({ elected: [], shortfall: 'TIE', tiedUnitIds: ['kt', 'tc', 'vp'] });
    expect(untouched!.tieBreak).toBeUndefined();
  });

  it('a paper count is decided by the same rules as ballots', () => {
    const picks: Choice[][] = members.map((_, i) => [
      { contestId: 'flag', unitIds: i < 6 ? ['vp'] : ['tc'] },
    ]);
    const online = tally([flag], picks, 9, DEFAULT_VOTE_RULES);
    const paper = decide(
      [flag],
      [
        {
          votes: new Map([
            ['vp', 6],
            ['tc', 3],
          ]),
          cast: 9,
          blank: 0,
          paper: { issued: 9, returned: 9, valid: 9, invalid: 0 },
        },
      ],
      9,
      DEFAULT_VOTE_RULES,
    );
    expect(paper[0]).toEqual({ ...online[0], paper: { issued: 9, returned: 9, valid: 9, invalid: 0 } });
  });
});

describe('ballot validation', () => {
  const contests: Contest[] = [{ ...flag, seats: 2 }];
  it.each<[string, Choice[], string | null]>([
    ['a blank ballot', [], null],
    ['a blank contest', [{ contestId: 'flag', unitIds: [] }], null],
    ['two of two', [{ contestId: 'flag', unitIds: ['vp', 'tc'] }], null],
    ['too many', [{ contestId: 'flag', unitIds: ['vp', 'tc', 'kt'] }], 'choices.0.unitIds'],
    ['a non-candidate', [{ contestId: 'flag', unitIds: ['ubnd'] }], 'choices.0.unitIds'],
    ['a unit twice', [{ contestId: 'flag', unitIds: ['vp', 'vp'] }], 'choices.0.unitIds'],
    ['an unknown contest', [{ contestId: 'x', unitIds: [] }], 'choices.0.contestId'],
  ])('%s', (_what, choices, field) => {
    expect(ballotProblems(contests, choices, 'vp', DEFAULT_VOTE_RULES)[0]?.field ?? null).toBe(field);
  });

  it('self-votes are allowed unless the block says otherwise', () => {
    const own = [{ contestId: 'flag', unitIds: ['vp'] }];
    expect(ballotProblems(contests, own, 'vp', DEFAULT_VOTE_RULES)).toEqual([]);
    expect(ballotProblems(contests, own, 'vp', { ...DEFAULT_VOTE_RULES, allowSelfVote: false })).toHaveLength(
      1,
    );
  });
});
