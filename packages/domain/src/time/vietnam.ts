export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Vietnam has kept UTC+7 all year since 1975 (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The calendar date (YYYY-MM-DD) in Vietnam at `instant`: deadlines and validity dates are Vietnamese days.
 * Computed from the fixed offset: Intl.DateTimeFormat cost about 0.6 % of a ballot's CPU (profile), and the
 * test holds it to the time zone database.
 */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** A calendar date as Vietnamese write it: 2025-06-30 → 30/06/2025. */
export const dayMonthYear = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

const DAY_MS = 24 * 60 * 60 * 1000;
let today: { date: string; from: number; until: number } | undefined;

/**
 * Today's date in Vietnam (`vietnamDate` of now), remembered until Vietnam's next midnight: every request asks
 * for it, and building the string cost 0.5 % of a ballot's CPU.
 */
export function vietnamToday(now = Date.now()): string {
  if (!today || now < today.from || now >= today.until) {
    const date = vietnamDate(new Date(now));
    const from = Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS;
    today = { date, from, until: from + DAY_MS };
  }
  return today.date;
}
