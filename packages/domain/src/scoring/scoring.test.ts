import { describe, expect, it } from 'vitest';
import {
  computeResults,
  crossScorersFor,
  defaultScoringRules,
  maxScore,
  rulesProblems,
  sheetProblems,
  sheetTotal,
  type ScoringRules,
  type SheetContent,
  type SubmittedSheet,
} from './scoring';

const rules = defaultScoringRules();
/** A sheet giving `total` base points spread over the criteria, plus bonus and deductions. */
function sheet(base: number, bonus = 0, deduct = 0): SheetContent {
  const criteria = rules.groups.flatMap((g) => g.criteria);
  let left = base;
  const scores = criteria.map((c) => {
    const points = Math.min(c.maxPoints, left);
    left -= points;
    return { code: c.code, points };
  });
  return { scores, bonus, deductions: deduct ? [{ code: 'TR1', points: deduct }] : [] };
}

describe('the default table (R12)', () => {
  it('is 100 points with a bonus cap of 10, and consistent', () => {
    expect(maxScore(rules)).toBe(100);
    expect(rules.bonusCap).toBe(10);
    expect(rulesProblems(rules)).toEqual([]);
  });

  it('finds duplicate codes and bad maxima in a table', () => {
    const bad: ScoringRules = {
      ...rules,
      groups: [
        {
          name: 'g',
          criteria: [
            { code: 'X', title: 'x', maxPoints: 0 },
            { code: 'X', title: 'y', maxPoints: 5 },
          ],
        },
      ],
    };
    expect(rulesProblems(bad).map((p) => p.field)).toEqual(['criteria.X.maxPoints', 'criteria.X']);
  });
});

describe('sheet validation', () => {
  it.each<[string, SheetContent, string]>([
    [
      'over the maximum',
      { ...sheet(90), scores: sheet(90).scores.map((s) => (s.code === 'NV1' ? { ...s, points: 31 } : s)) },
      'scores.NV1',
    ],
    [
      'negative points',
      { ...sheet(90), scores: sheet(90).scores.map((s) => (s.code === 'KT2' ? { ...s, points: -1 } : s)) },
      'scores.KT2',
    ],
    [
      'an unknown criterion',
      { ...sheet(90), scores: [...sheet(90).scores, { code: 'ZZ', points: 1 }] },
      'scores.ZZ',
    ],
    ['a criterion left out', { ...sheet(90), scores: sheet(90).scores.slice(1) }, 'scores'],
    ['a deduction over its item', sheet(90, 0, 11), 'deductions.TR1'],
    ['a negative bonus', sheet(90, -1), 'bonus'],
  ])('refuses %s, naming the field', (_what, content, field) => {
    expect(sheetProblems(rules, content).map((p) => p.field)).toContain(field);
  });

  it('says which maximum was exceeded', () => {
    const content = {
      ...sheet(90),
      scores: sheet(90).scores.map((s) => (s.code === 'NV1' ? { ...s, points: 31 } : s)),
    };
    expect(sheetProblems(rules, content)[0]!.message).toBe(
      '31 points exceed the maximum of 30 for "Hoàn thành các chỉ tiêu, nhiệm vụ chuyên môn trong năm"',
    );
  });

  it('accepts a complete sheet', () => {
    expect(sheetProblems(rules, sheet(95, 12, 3))).toEqual([]);
  });
});

describe('sheet totals', () => {
  it.each([
    [sheet(90), { base: 90, bonus: 0, deductions: 0, total: 90 }],
    [sheet(90, 12), { base: 90, bonus: 10, deductions: 0, total: 100 }],
    [sheet(90, 4, 2.5), { base: 90, bonus: 4, deductions: 2.5, total: 91.5 }],
    [sheet(100, 10, 10), { base: 100, bonus: 10, deductions: 10, total: 100 }],
  ])('%#: bonus capped, deductions applied', (content, total) => {
    expect(sheetTotal(rules, content)).toEqual(total);
  });
});

describe('final scores and ranking', () => {
  const roles = { memberUnitIds: ['a', 'b', 'c', 'd'], headUnitId: 'a', deputyUnitId: 'b' };
  const sheets = (cross: Record<string, [number, number, number][]>): SubmittedSheet[] => [
    ...roles.memberUnitIds.map((u) => ({
      scorerUnitId: u,
      targetUnitId: u,
      kind: 'SELF' as const,
      content: sheet(100),
    })),
    ...Object.entries(cross).flatMap(([target, list]) =>
      list.map(([base, bonus, deduct], i) => ({
        scorerUnitId: crossScorersFor(rules, roles, target)[i]!,
        targetUnitId: target,
        kind: 'CROSS' as const,
        content: sheet(base, bonus, deduct),
      })),
    ),
  ];

  it('head and deputy cross-score everyone but themselves', () => {
    expect(['a', 'b', 'c'].map((t) => crossScorersFor(rules, roles, t))).toEqual([['b'], ['a'], ['a', 'b']]);
    expect(crossScorersFor({ ...rules, crossScorers: 'ALL_OTHER_MEMBERS' }, roles, 'c')).toEqual([
      'a',
      'b',
      'd',
    ]);
    expect(crossScorersFor({ ...rules, method: 'SELF_ONLY' }, roles, 'c')).toEqual([]);
  });

  it('averages the cross sheets, ignores the self-score, ranks by score then bonus − deductions', () => {
    const results = computeResults(
      rules,
      roles,
      sheets({
        a: [[90, 5, 0]],
        b: [[92, 0, 0]],
        c: [
          [88, 4, 0],
          [90, 4, 0],
        ], // 89 + 4 = 93
        d: [
          [95, 0, 2],
          [93, 0, 0],
        ], // 94 - 1 = 93, but bonus − deductions −1 < 4
      }),
    );
    expect(results.map((r) => [r.unitId, r.final, r.rank])).toEqual([
      ['a', 95, 1],
      ['c', 93, 2],
      ['d', 93, 3],
      ['b', 92, 4],
    ]);
  });

  it('shares a rank on a full tie and keeps the members’ order for listing', () => {
    const results = computeResults(
      rules,
      roles,
      sheets({
        a: [[90, 0, 0]],
        b: [[90, 0, 0]],
        c: [
          [80, 0, 0],
          [80, 0, 0],
        ],
        d: [
          [90, 0, 0],
          [90, 0, 0],
        ],
      }),
    );
    expect(results.map((r) => [r.unitId, r.rank, r.position])).toEqual([
      ['a', 1, 1],
      ['b', 1, 2],
      ['d', 1, 3],
      ['c', 4, 4],
    ]);
  });

  it('leaves a member without a final score while a needed sheet is missing, naming whose', () => {
    const results = computeResults(
      rules,
      roles,
      sheets({ a: [[90, 0, 0]], b: [[90, 0, 0]], c: [[80, 0, 0]] }),
    );
    expect(results.find((r) => r.unitId === 'c')).toMatchObject({
      complete: false,
      final: null,
      rank: null,
      missingSheetsFrom: ['b'],
    });
    expect(results.find((r) => r.unitId === 'd')).toMatchObject({
      complete: false,
      missingSheetsFrom: ['a', 'b'],
    });
  });

  it('SELF_ONLY and MEAN_OF_SELF_AND_CROSS use the self sheet', () => {
    const two = { memberUnitIds: ['a', 'b'], headUnitId: 'a', deputyUnitId: 'b' };
    const s: SubmittedSheet[] = [
      { scorerUnitId: 'a', targetUnitId: 'a', kind: 'SELF', content: sheet(100) },
      { scorerUnitId: 'b', targetUnitId: 'b', kind: 'SELF', content: sheet(80) },
      { scorerUnitId: 'b', targetUnitId: 'a', kind: 'CROSS', content: sheet(90) },
      { scorerUnitId: 'a', targetUnitId: 'b', kind: 'CROSS', content: sheet(70) },
    ];
    expect(computeResults({ ...rules, method: 'SELF_ONLY' }, two, s).map((r) => r.final)).toEqual([100, 80]);
    expect(
      computeResults({ ...rules, method: 'MEAN_OF_SELF_AND_CROSS' }, two, s).map((r) => r.final),
    ).toEqual([95, 75]);
  });
});
