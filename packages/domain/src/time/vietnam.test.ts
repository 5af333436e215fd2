import { expect, it } from 'vitest';
import { vietnamDate } from './vietnam';

it('turns over at midnight in Hanoi, seven hours ahead of UTC', () => {
  expect(vietnamDate(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
  expect(vietnamDate(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
});

it('agrees with the time zone database on every hour from 1976 to 2100', () => {
  const zone = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const hour = 3_600_000;
  for (let t = Date.UTC(1976, 0, 1); t < Date.UTC(2100, 0, 1); t += 97 * hour) {
    const instant = new Date(t);
    expect(vietnamDate(instant)).toBe(zone.format(instant));
  }
});
