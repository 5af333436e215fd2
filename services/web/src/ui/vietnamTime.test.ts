import { describe, expect, it } from 'vitest';
import { fromVietnamInput, vietnamInput } from './vietnamTime';

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
});
