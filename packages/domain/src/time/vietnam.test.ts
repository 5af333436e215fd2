import { expect, it } from 'vitest';
import { vietnamDate, vietnamToday } from './vietnam';

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

it("today's date turns over at Hanoi's midnight, forwards and backwards, as vietnamDate says", () => {
  const at = (iso: string) => vietnamToday(Date.parse(iso));
  expect(at('2025-06-30T16:59:59.999Z')).toBe('2025-06-30');
  expect(at('2025-06-30T17:00:00Z')).toBe('2025-07-01');
  expect(at('2025-07-01T16:59:59.999Z')).toBe('2025-07-01');
  expect(at('2025-07-01T17:00:00Z')).toBe('2025-07-02');
  // A clock set back (or a test's fake time) is not answered from the remembered day.
  expect(at('2025-06-30T16:59:59.999Z')).toBe('2025-06-30');
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 5 * 3_600_000 + 17_000)
    expect(vietnamToday(t)).toBe(vietnamDate(new Date(t)));
});
