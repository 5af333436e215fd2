/**
 * The block's scoring table (R12): criteria in groups with maximum points, a capped bonus, deduction items.
 * Which sheets count and how they combine is provincial configuration, carried by the criteria set.
 */
export const SCORING_METHODS = ['MEAN_OF_CROSS', 'SELF_ONLY', 'MEAN_OF_SELF_AND_CROSS'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];
export const CROSS_SCORERS = ['HEAD_AND_DEPUTY', 'ALL_OTHER_MEMBERS'] as const;
export type CrossScorers = (typeof CROSS_SCORERS)[number];

export interface ScoreItem {
  code: string;
  title: string;
  maxPoints: number;
}

export interface ScoringRules {
  groups: { name: string; criteria: ScoreItem[] }[];
  bonusCap: number;
  deductionItems: ScoreItem[];
  method: ScoringMethod;
  crossScorers: CrossScorers;
}

export interface SheetContent {
  scores: { code: string; points: number }[];
  bonus: number;
  deductions: { code: string; points: number }[];
}

export interface Problem {
  field: string;
  message: string;
}

/** To hundredths of a point (or of a percent), as scores and shares are printed and compared. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Every item a sheet scores against: the groups' criteria, then the deduction items. */
export const scoreItems = (rules: ScoringRules): ScoreItem[] => [
  ...rules.groups.flatMap((g) => g.criteria),
  ...rules.deductionItems,
];

/** Problems with the table itself: duplicate codes, non-positive maxima, a negative cap. */
export function rulesProblems(rules: ScoringRules): Problem[] {
  const problems: Problem[] = [];
  const codes = new Set<string>();
  const items = scoreItems(rules);
  if (!rules.groups.some((g) => g.criteria.length))
    problems.push({ field: 'groups', message: 'needs at least one criterion' });
  for (const item of items) {
    if (codes.has(item.code))
      problems.push({ field: `criteria.${item.code}`, message: 'code is used twice' });
    codes.add(item.code);
    if (!(item.maxPoints > 0))
      problems.push({ field: `criteria.${item.code}.maxPoints`, message: 'must be above 0' });
  }
  if (rules.bonusCap < 0) problems.push({ field: 'bonusCap', message: 'must not be negative' });
  return problems;
}

export function maxScore(rules: ScoringRules): number {
  return round2(rules.groups.flatMap((g) => g.criteria).reduce((s, c) => s + c.maxPoints, 0));
}

/** Every criterion scored once, within 0..max; deductions within their item's maximum; bonus not negative. */
export function sheetProblems(rules: ScoringRules, sheet: SheetContent): Problem[] {
  const problems: Problem[] = [];
  const criteria = new Map(rules.groups.flatMap((g) => g.criteria).map((c) => [c.code, c]));
  const deductions = new Map(rules.deductionItems.map((d) => [d.code, d]));
  const check = (
    kind: 'scores' | 'deductions',
    known: Map<string, ScoreItem>,
    entries: SheetContent['scores'],
  ) => {
    const seen = new Set<string>();
    for (const e of entries) {
      const field = `${kind}.${e.code}`;
      const item = known.get(e.code);
      if (!item)
        problems.push({
          field,
          message: `no ${kind === 'scores' ? 'criterion' : 'deduction item'} has this code`,
        });
      else if (!Number.isFinite(e.points) || e.points < 0)
        problems.push({ field, message: 'points must be 0 or more' });
      else if (e.points > item.maxPoints) {
        problems.push({
          field,
          message: `${e.points} points exceed the maximum of ${item.maxPoints} for "${item.title}"`,
        });
      }
      if (seen.has(e.code)) problems.push({ field, message: 'scored twice' });
      seen.add(e.code);
    }
    return seen;
  };
  const scored = check('scores', criteria, sheet.scores);
  check('deductions', deductions, sheet.deductions);
  const unscored = [...criteria.keys()].filter((c) => !scored.has(c));
  if (unscored.length)
    problems.push({ field: 'scores', message: `criteria not scored: ${unscored.join(', ')}` });
  if (!Number.isFinite(sheet.bonus) || sheet.bonus < 0)
    problems.push({ field: 'bonus', message: 'must be 0 or more' });
  return problems;
}

export interface SheetTotal {
  base: number;
  /** The bonus claimed, capped at the table's bonus cap. */
  bonus: number;
  deductions: number;
  total: number;
}

export function sheetTotal(rules: ScoringRules, sheet: SheetContent): SheetTotal {
  const base = round2(sheet.scores.reduce((s, e) => s + e.points, 0));
  const bonus = round2(Math.min(sheet.bonus, rules.bonusCap));
  const deductions = round2(sheet.deductions.reduce((s, e) => s + e.points, 0));
  return { base, bonus, deductions, total: round2(base + bonus - deductions) };
}

export interface BlockRoles {
  memberUnitIds: readonly string[];
  headUnitId: string | null;
  deputyUnitId: string | null;
}

/** Who must cross-score `target`: never itself. */
export function crossScorersFor(rules: ScoringRules, roles: BlockRoles, target: string): string[] {
  if (rules.method === 'SELF_ONLY') return [];
  const scorers =
    rules.crossScorers === 'HEAD_AND_DEPUTY'
      ? [roles.headUnitId, roles.deputyUnitId].filter((u): u is string => !!u)
      : roles.memberUnitIds;
  return scorers.filter((s) => s !== target);
}

export interface SubmittedSheet {
  scorerUnitId: string;
  targetUnitId: string;
  kind: 'SELF' | 'CROSS';
  content: SheetContent;
}

export interface MemberResult {
  unitId: string;
  /** Every sheet the method needs is in. */
  complete: boolean;
  missingSheetsFrom: string[];
  base: number;
  bonus: number;
  deductions: number;
  final: number | null;
  /** Shared by members equal on final score and on bonus − deductions (1, 2, 2, 4 …). */
  rank: number | null;
  /** 1..n: the order to list members in; ties keep the order of `memberUnitIds`. */
  position: number;
}

/**
 * Final scores and ranking (R6's first two keys: score, then bonus − deductions). A member's final score is
 * the mean of the sheets its method uses; members still missing a sheet have no final score and no rank.
 */
export function computeResults(
  rules: ScoringRules,
  roles: BlockRoles,
  sheets: readonly SubmittedSheet[],
): MemberResult[] {
  const results = roles.memberUnitIds.map((unitId) => {
    const self = sheets.find((s) => s.kind === 'SELF' && s.targetUnitId === unitId);
    const crossNeeded = crossScorersFor(rules, roles, unitId);
    const cross = crossNeeded.map((scorer) =>
      sheets.find((s) => s.kind === 'CROSS' && s.targetUnitId === unitId && s.scorerUnitId === scorer),
    );
    const missingSheetsFrom = [...(self ? [] : [unitId]), ...crossNeeded.filter((_, i) => !cross[i])];
    const used = (
      rules.method === 'SELF_ONLY'
        ? [self]
        : rules.method === 'MEAN_OF_CROSS' && crossNeeded.length
          ? cross
          : [self, ...cross]
    ).filter((s): s is SubmittedSheet => !!s);
    const complete = missingSheetsFrom.length === 0;
    const totals = used.map((s) => sheetTotal(rules, s.content));
    const mean = (pick: (t: SheetTotal) => number) =>
      totals.length ? round2(totals.reduce((s, t) => s + pick(t), 0) / totals.length) : 0;
    return {
      unitId,
      complete,
      missingSheetsFrom,
      base: mean((t) => t.base),
      bonus: mean((t) => t.bonus),
      deductions: mean((t) => t.deductions),
      final: complete ? mean((t) => t.total) : null,
      rank: null as number | null,
      position: 0,
    };
  });

  const order = (r: MemberResult) => [r.final ?? -Infinity, round2(r.bonus - r.deductions)] as const;
  const sorted = [...results].sort((a, b) => {
    const [fa, na] = order(a);
    const [fb, nb] = order(b);
    return (
      fb - fa || nb - na || roles.memberUnitIds.indexOf(a.unitId) - roles.memberUnitIds.indexOf(b.unitId)
    );
  });
  sorted.forEach((r, i) => {
    r.position = i + 1;
    if (r.final === null) return;
    const prev = sorted[i - 1];
    const tied =
      prev && prev.final !== null && order(prev)[0] === order(r)[0] && order(prev)[1] === order(r)[1];
    r.rank = tied ? prev.rank : i + 1;
  });
  return sorted;
}

/** R12's default table: 100 points in four groups, bonus capped at 10, deductions for breaches. */
export function defaultScoringRules(): ScoringRules {
  return {
    groups: [
      {
        name: 'Thực hiện nhiệm vụ chính trị được giao',
        criteria: [
          { code: 'NV1', title: 'Hoàn thành các chỉ tiêu, nhiệm vụ chuyên môn trong năm', maxPoints: 30 },
          { code: 'NV2', title: 'Thực hiện cải cách hành chính, chuyển đổi số', maxPoints: 10 },
        ],
      },
      {
        name: 'Tổ chức phong trào thi đua',
        criteria: [
          { code: 'TD1', title: 'Ban hành kế hoạch, phát động phong trào thi đua', maxPoints: 10 },
          { code: 'TD2', title: 'Tham gia hoạt động chung của Khối', maxPoints: 10 },
          { code: 'TD3', title: 'Phát hiện, nhân rộng điển hình tiên tiến', maxPoints: 10 },
        ],
      },
      {
        name: 'Xây dựng tổ chức đảng, đoàn thể',
        criteria: [
          { code: 'XD1', title: 'Tổ chức đảng đạt hoàn thành tốt nhiệm vụ trở lên', maxPoints: 10 },
          { code: 'XD2', title: 'Công đoàn, Đoàn thanh niên vững mạnh', maxPoints: 5 },
        ],
      },
      {
        name: 'Công tác khen thưởng và chế độ báo cáo',
        criteria: [
          { code: 'KT1', title: 'Khen thưởng kịp thời, đúng đối tượng', maxPoints: 10 },
          { code: 'KT2', title: 'Báo cáo đầy đủ, đúng hạn', maxPoints: 5 },
        ],
      },
    ],
    bonusCap: 10,
    deductionItems: [
      { code: 'TR1', title: 'Cán bộ, công chức bị kỷ luật trong năm', maxPoints: 10 },
      { code: 'TR2', title: 'Không tham gia hoạt động chung của Khối', maxPoints: 5 },
      { code: 'TR3', title: 'Nộp báo cáo, hồ sơ chậm', maxPoints: 5 },
    ],
    method: 'MEAN_OF_CROSS',
    crossScorers: 'HEAD_AND_DEPUTY',
  };
}
