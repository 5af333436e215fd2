import { vietnamDate } from '../time/vietnam';

/** When a province's year-end closing starts each year, in Vietnam time. */
export interface YearEndSchedule {
  month: number;
  day: number;
  /** "HH:MM" or "HH:MM:SS". */
  time: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
// A non-leap year: a closing on 29 February would be skipped three years in four.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What is wrong with a schedule, by field; empty when it is valid. */
export function yearEndScheduleProblems(s: YearEndSchedule): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!Number.isInteger(s.month) || s.month < 1 || s.month > 12)
    problems.push({ field: 'month', message: 'must be 1 to 12' });
  else if (!Number.isInteger(s.day) || s.day < 1 || s.day > DAYS_IN_MONTH[s.month - 1]!)
    problems.push({
      field: 'day',
      message: `must be 1 to ${DAYS_IN_MONTH[s.month - 1]} in month ${s.month}`,
    });
  if (!TIME.test(s.time)) problems.push({ field: 'time', message: 'must be HH:MM or HH:MM:SS (24-hour)' });
  return problems;
}

/** The cron pattern (with seconds) of a valid schedule; BullMQ evaluates it in Asia/Ho_Chi_Minh. */
export function yearEndCron(s: YearEndSchedule): string {
  const [, h, m, sec] = TIME.exec(s.time)!;
  return `${Number(sec ?? 0)} ${Number(m)} ${Number(h)} ${s.day} ${s.month} *`;
}

/**
 * The emulation year a closing started at `instant` closes. Conferences run from December of year Y to
 * February of Y+1, so a closing in the first half of a calendar year closes the year before.
 */
export function closingYearAt(instant: Date): number {
  const [year, month] = vietnamDate(instant).split('-').map(Number) as [number, number];
  return month >= 7 ? year : year - 1;
}
