import { quotaSeats, type AwardRules, type Quota } from '@thidua/domain';
import { badInput } from '../../common/errors';

/** A paper round has no online deadline; this long is left for its count to be entered and confirmed. */
const PAPER_COUNT_WINDOW_MS = 30 * 24 * 3600_000;

/** When a new round's online voting closes; a paper round is closed by its confirmed count. */
export function roundDeadline(
  input: { method: 'ONLINE' | 'PAPER'; closesAt?: Date | null },
  field = 'closesAt',
): Date {
  if (input.method === 'PAPER') return new Date(Date.now() + PAPER_COUNT_WINDOW_MS);
  if (!input.closesAt) throw badInput(field, 'an online round needs the time voting closes');
  if (input.closesAt.getTime() <= Date.now() + 60_000)
    throw badInput(field, 'must be at least a minute from now');
  return input.closesAt;
}

const describeQuota = (q: Quota, members: number) =>
  q.kind === 'COUNT' ? `${q.value} per block` : `${q.percent}% of the ${members} members, rounded down`;

/**
 * R2/R3: a flag or merit contest cannot offer more seats than the province's quota, which the message names
 * with the rule set it comes from so the conference can see why.
 */
export function quotaProblem(
  kind: string,
  seats: number,
  members: number,
  rules: AwardRules,
  effectiveYear: number | null,
  override?: number | null,
): string | null {
  const rule = kind === 'FLAG' ? 'R2' : kind === 'MERIT' ? 'R3' : null;
  if (!rule) return null;
  const quota = kind === 'FLAG' ? rules.flagQuota : rules.meritQuota;
  const allowed = override ?? quotaSeats(quota, members);
  if (seats <= allowed) return null;
  const source =
    override != null
      ? `this block's quota for the year, set by the secretariat: ${override}`
      : `the province's quota (${rule}, ${effectiveYear ? `rule set in force from ${effectiveYear}` : 'default rules'}): ${describeQuota(quota, members)} = ${allowed}`;
  return `${seats} seats exceed ${source}`;
}
