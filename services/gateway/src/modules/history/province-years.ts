import type { Province } from '@thidua/db';
import { dayMonthYear, placeWord } from '@thidua/domain';
import { badInput } from '../../common/errors';
import type { GraphQLContext } from '../../context';

type Span = Pick<Province, 'validFrom' | 'validTo'>;

/**
 * The emulation years a province runs: from the year it began, to the last year it saw to its end (a province that
 * ended on 30 June 2025 ran 2024 last; its successor, begun on 1 July 2025, runs 2025). Null: no bound.
 */
export function yearSpan(p: Span): { first: number | null; last: number | null } {
  const first = p.validFrom ? Number(p.validFrom.slice(0, 4)) : null;
  const endYear = p.validTo ? Number(p.validTo.slice(0, 4)) : null;
  const last = endYear === null ? null : p.validTo!.endsWith('-12-31') ? endYear : endYear - 1;
  return { first, last };
}

export function runsYear(p: Span, year: number): boolean {
  const { first, last } = yearSpan(p);
  return (first === null || year >= first) && (last === null || year <= last);
}

const names = (ps: Province[]) =>
  [...new Set(ps.map((p) => p.name))].sort((a, b) => a.localeCompare(b, 'vi')).join(', ');

/** "tỉnh", "thành phố" or "tỉnh, thành phố": what the former ones were (Hồ Chí Minh was a city). */
const kinds = (ps: Province[]) =>
  [...new Set(ps.map((p) => p.kind))]
    .sort((a, b) => (a === 'PROVINCE' ? -1 : b === 'PROVINCE' ? 1 : 0))
    .map((k) => placeWord(k))
    .join(', ') || 'tỉnh';

/**
 * The provinces that ran `year` in this province's place: its predecessors (and theirs) for a year before it
 * began, its successors for a year after it ended.
 */
async function ownersOf(ctx: GraphQLContext, province: Province, year: number): Promise<Province[]> {
  const before = year < (yearSpan(province).first ?? -Infinity);
  const owners: Province[] = [];
  const seen = new Set<string>([province.id]);
  let frontier = [province.id];
  while (frontier.length) {
    const edges = (await ctx.loaders.lineage.loadMany(frontier)).flatMap((e) =>
      e instanceof Error ? [] : e,
    );
    const next = edges
      .filter((e) => frontier.includes(before ? e.successorId : e.predecessorId))
      .map((e) => (before ? e.predecessorId : e.successorId))
      .filter((id) => !seen.has(id));
    next.forEach((id) => seen.add(id));
    const found = (await ctx.loaders.province.loadMany(next)).filter(
      (p): p is Province => !!p && !(p instanceof Error),
    );
    owners.push(...found.filter((p) => runsYear(p, year)));
    frontier = found.filter((p) => !runsYear(p, year)).map((p) => p.id);
  }
  return owners;
}

/**
 * Refuses a block year the province did not run: a year before it existed belongs to the former provinces it
 * continues (its history is recorded there), a year after it ended to its successors. BAD_USER_INPUT naming `field`.
 */
export async function assertProvinceRunsYear(
  ctx: GraphQLContext,
  year: number,
  field = 'year',
  /** What to do in the former province instead, in both languages; `former`: "tỉnh", "thành phố"… */
  there = {
    vi: (former: string) => `ghi nhận lịch sử tại ${former} cũ`,
    en: 'record its history in the former province',
  },
): Promise<void> {
  const province = ctx.access!.province;
  if (runsYear(province, year)) return;
  const owners = await ownersOf(ctx, province, year);
  if (year < (yearSpan(province).first ?? -Infinity)) {
    const began = dayMonthYear(province.validFrom!);
    if (!owners.length)
      throw badInput(
        field,
        `Năm ${year} trước khi ${placeWord(province.kind)} ${province.name} bắt đầu (${began}). ` +
          `The year ${year} is before ${province.name} began on ${began}.`,
      );
    const plural = owners.length > 1;
    throw badInput(
      field,
      `Năm ${year} thuộc ${plural ? 'các ' : ''}${kinds(owners)} cũ ${names(owners)}: ${there.vi(kinds(owners))}. ` +
        `The year ${year} belongs to the former province${plural ? 's' : ''} ${names(owners)}, before ` +
        `${province.name} began on ${began}: ${there.en}.`,
    );
  }
  // The successor often bears the same name ("Lào Cai" before and after the 2025 merger): said as the present one.
  const ended = dayMonthYear(province.validTo!);
  const successors = owners.length ? `${kinds(owners)} ${names(owners)} hiện nay` : 'tỉnh, thành phố kế thừa';
  throw badInput(
    field,
    `Năm ${year} thuộc ${successors}: ${placeWord(province.kind)} ${province.name} cũ đã kết thúc ngày ${ended}. ` +
      `The year ${year} belongs to the present ${names(owners) || 'successor'}: the former ${province.name} ended ` +
      `on ${ended}.`,
  );
}
