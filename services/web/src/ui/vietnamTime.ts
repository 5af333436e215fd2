/**
 * Date-time inputs in Vietnam's time, as every time on the pages is shown: a deadline typed as 17:00 is 17:00 in
 * Hà Nội whatever time zone the browser's computer is set to. Vietnam keeps UTC+7 all year (no summer time).
 */
const OFFSET_MS = 7 * 3600_000;

/** The value of a `datetime-local` input for `d`, in Vietnam's time: "2026-12-03T17:00". */
export function vietnamInput(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** The instant a `datetime-local` value means in Vietnam's time; null when it is empty or not a date-time. */
export function fromVietnamInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = new Date(`${value.slice(0, 16)}:00+07:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * 17:00 in Hà Nội on the next working day after `now` (Monday to Friday), as a `datetime-local` value: a default
 * deadline for a vote people cast from their offices, never one that falls in the night or on a weekend.
 */
export function nextWorkingDayClose(now: Date): string {
  const day = new Date(now.getTime() + OFFSET_MS);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return `${day.toISOString().slice(0, 10)}T17:00`;
}

/**
 * The emulation years of the conference season at `now`, in Vietnam: from January to June the year that just
 * ended is still being closed (conferences, the council, decisions), so both; from July, this year only.
 */
export function seasonYears(now = new Date()): number[] {
  const here = new Date(now.getTime() + OFFSET_MS);
  const year = here.getUTCFullYear();
  return here.getUTCMonth() < 6 ? [year - 1, year] : [year];
}

/**
 * The years a home page follows at `now`: the season's, and from November the next one too, which a year-end
 * closing held in December opens (its covenants are signed, titles registered, before January).
 */
export function homeYears(now = new Date()): number[] {
  const here = new Date(now.getTime() + OFFSET_MS);
  const years = seasonYears(now);
  return here.getUTCMonth() >= 10 ? [...years, here.getUTCFullYear() + 1] : years;
}

/** The year whose year-end closing is the one at hand at `now`: last year's until June, then this year's. */
export function closingYear(now = new Date()): number {
  return seasonYears(now)[0]!;
}

/**
 * The next start of a yearly closing scheduled on `day`/`month` at `time` (Vietnam), after `now`, and the year it
 * closes (the worker's rule: a start from January to June closes the year before).
 */
export function nextScheduledClosing(
  s: { month: number; day: number; time: string },
  now = new Date(),
): { at: Date; year: number } {
  const at = (year: number) =>
    new Date(
      `${year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}T${s.time.slice(0, 5)}:00+07:00`,
    );
  const thisYear = new Date(now.getTime() + OFFSET_MS).getUTCFullYear();
  const next = at(thisYear) > now ? at(thisYear) : at(thisYear + 1);
  return { at: next, year: closingYear(next) };
}
