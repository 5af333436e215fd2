import { describe, expect, it } from 'vitest';
import {
  closingYear,
  nextScheduledClosing,
  fromVietnamInput,
  homeYears,
  nextWorkingDayClose,
  seasonYears,
  vietnamInput,
} from './vietnamTime';

describe("date-time inputs in Vietnam's time", () => {
  it('shows an instant as the hour in Hà Nội, whatever the computer’s zone', () => {
    expect(vietnamInput(new Date('2026-12-03T10:00:00Z'))).toBe('2026-12-03T17:00');
    expect(vietnamInput(new Date('2026-12-31T17:30:00Z'))).toBe('2027-01-01T00:30');
  });

  it('reads a typed deadline as that hour in Hà Nội', () => {
    expect(fromVietnamInput('2026-12-03T17:00')?.toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(fromVietnamInput(vietnamInput(new Date('2027-01-15T01:05:00Z')))?.toISOString()).toBe(
      '2027-01-15T01:05:00.000Z',
    );
    expect(fromVietnamInput('')).toBeNull();
    expect(fromVietnamInput('2026-13-45T99:00')).toBeNull();
  });

  it('defaults a deadline to 17:00 on the next working day in Hà Nội, past the weekend', () => {
    // Thursday 3 December 2026 at 22:36 in Hà Nội (15:36 UTC): Friday at 17:00, not 01:36 at night.
    expect(nextWorkingDayClose(new Date('2026-12-03T15:36:00Z'))).toBe('2026-12-04T17:00');
    // Friday 4 December at 23:30 in Hà Nội (16:30 UTC): Monday.
    expect(nextWorkingDayClose(new Date('2026-12-04T16:30:00Z'))).toBe('2026-12-07T17:00');
    // Saturday 5 December, 01:00 in Hà Nội (Friday 18:00 UTC): Monday.
    expect(nextWorkingDayClose(new Date('2026-12-04T18:00:00Z'))).toBe('2026-12-07T17:00');
  });
});

describe('the conference season', () => {
  it('keeps the year that ended until June, in Hà Nội', () => {
    // 31 December 2026 at 18:00 UTC is already 1 January 2027 in Hà Nội: last year is being closed.
    expect(seasonYears(new Date('2026-12-31T18:00:00Z'))).toEqual([2026, 2027]);
    expect(closingYear(new Date('2026-12-31T18:00:00Z'))).toBe(2026);
    expect(seasonYears(new Date('2027-06-30T10:00:00Z'))).toEqual([2026, 2027]);
    expect(seasonYears(new Date('2027-06-30T17:00:00Z'))).toEqual([2027]);
    expect(closingYear(new Date('2026-12-04T03:00:00Z'))).toBe(2026);
    // From July, this year's closing.
    expect(closingYear(new Date('2027-06-30T17:00:00Z'))).toBe(2027);
    expect(seasonYears(new Date('2027-09-15T03:00:00Z'))).toEqual([2027]);
  });

  it('follows next year on the home page from November, when a December closing may open it', () => {
    expect(homeYears(new Date('2026-10-31T16:00:00Z'))).toEqual([2026]);
    // 31 October 17:00 UTC is 1 November in Hà Nội.
    expect(homeYears(new Date('2026-10-31T17:00:00Z'))).toEqual([2026, 2027]);
    expect(homeYears(new Date('2026-12-04T03:00:00Z'))).toEqual([2026, 2027]);
    expect(homeYears(new Date('2027-02-01T03:00:00Z'))).toEqual([2026, 2027]);
  });
});

describe('the next scheduled closing', () => {
  const january20 = { month: 1, day: 20, time: '08:00:00' };
  it('is the next 20 January at 08:00 in Hà Nội, closing the year before', () => {
    const next = nextScheduledClosing(january20, new Date('2026-12-05T03:00:00Z'));
    expect(next).toEqual({ at: new Date('2027-01-20T01:00:00Z'), year: 2026 });
  });
  it('moves to next year once this year’s has passed; a December run closes its own year', () => {
    expect(nextScheduledClosing(january20, new Date('2027-01-20T01:00:01Z')).at).toEqual(
      new Date('2028-01-20T01:00:00Z'),
    );
    const december = nextScheduledClosing(
      { month: 12, day: 15, time: '08:00' },
      new Date('2026-12-05T03:00:00Z'),
    );
    expect(december).toEqual({ at: new Date('2026-12-15T01:00:00Z'), year: 2026 });
  });
});
