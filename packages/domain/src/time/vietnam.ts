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
