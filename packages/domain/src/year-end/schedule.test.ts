import { describe, expect, it } from 'vitest';
import { closingYearAt, yearEndCron, yearEndScheduleProblems } from './schedule';

describe('year-end schedule', () => {
  it('accepts a date and a Vietnam time, and gives its cron pattern', () => {
    expect(yearEndScheduleProblems({ month: 12, day: 31, time: '17:00' })).toEqual([]);
    expect(yearEndCron({ month: 12, day: 31, time: '17:00' })).toBe('0 0 17 31 12 *');
    expect(yearEndCron({ month: 1, day: 15, time: '08:05:30' })).toBe('30 5 8 15 1 *');
  });

  it('refuses dates that do not come every year, and malformed times', () => {
    expect(yearEndScheduleProblems({ month: 2, day: 29, time: '08:00' })).toEqual([
      { field: 'day', message: 'must be 1 to 28 in month 2' },
    ]);
    expect(yearEndScheduleProblems({ month: 13, day: 1, time: '24:00' }).map((p) => p.field)).toEqual([
      'month',
      'time',
    ]);
    expect(yearEndScheduleProblems({ month: 4, day: 31, time: '8:00' }).map((p) => p.field)).toEqual([
      'day',
      'time',
    ]);
  });

  it('closes the year whose conferences have just been held', () => {
    // 31 December 2026, 17:00 in Hà Nội.
    expect(closingYearAt(new Date('2026-12-31T10:00:00Z'))).toBe(2026);
    // 15 January 2027 in Vietnam is still 14 January in UTC: the year closed is 2026 either way.
    expect(closingYearAt(new Date('2027-01-14T20:00:00Z'))).toBe(2026);
    // 30 June 2027, 23:30 in Vietnam (16:30 UTC): still the first half, so 2026.
    expect(closingYearAt(new Date('2027-06-30T16:30:00Z'))).toBe(2026);
    expect(closingYearAt(new Date('2027-06-30T17:30:00Z'))).toBe(2027);
  });
});
