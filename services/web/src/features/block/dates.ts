/** Today in Vietnam as a LocalDate (2026-12-01), whatever the device's time zone. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/** Whole days from today in Vietnam to `day` (YYYY-MM-DD): 0 on the day itself, negative once it has passed. */
export function daysUntil(day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86_400_000);
}

export function thisYear(): number {
  return Number(today().slice(0, 4));
}

/**
 * The last emulation year of a province that ended on `endedOn` (YYYY-MM-DD): one that ended before 31 December
 * left that year to its successor (ended 30/06/2025, it ran 2024 last).
 */
export function lastEmulationYear(endedOn: string): number {
  return Number(endedOn.slice(0, 4)) - (endedOn.endsWith('-12-31') ? 0 : 1);
}

/**
 * Whether a province with this span runs `year` (the gateway's yearSpan: a province ended on 30 June ran the year
 * before last; one begun on 1 July runs that year).
 */
export function runsYear(span: { validFrom: string | null; validTo: string | null }, year: number): boolean {
  return (
    year >= (span.validFrom ? Number(span.validFrom.slice(0, 4)) : -Infinity) &&
    year <= (span.validTo ? lastEmulationYear(span.validTo) : Infinity)
  );
}

/**
 * The emulation year a block's membership is most likely set up for: from November the next one (its covenant is
 * signed before January), else this one. A unit is a member of the year from its first day, 1 January.
 */
export function comingEmulationYear(): number {
  const [year, month] = today().split('-').map(Number) as [number, number];
  return month >= 11 ? year + 1 : year;
}
