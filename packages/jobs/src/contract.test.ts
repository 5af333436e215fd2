import { describe, expect, it } from 'vitest';
import { parsePayload } from './contract';

describe('job payloads', () => {
  it('take ids as PostgreSQL does, fill in defaults and refuse what is not an id or a UTC time', () => {
    // Not an RFC 9562 version or variant, and still a uuid to PostgreSQL (zod 4's uuid() would refuse it).
    const provinceId = '11111111-1111-1111-1111-111111111111';
    const yearId = '22222222-2222-2222-2222-222222222222';
    expect(parsePayload('close-block-year', { provinceId, yearId })).toEqual({
      provinceId,
      yearId,
      dryRun: false,
    });
    expect(() => parsePayload('close-block-year', { provinceId: 'Hà Nội', yearId })).toThrow(/provinceId/);
    const remind = { provinceId, periodId: yearId, minutes: 30 };
    expect(
      parsePayload('voting-reminder', { ...remind, deadline: '2026-12-15T09:00:00.000Z' }),
    ).toMatchObject(remind);
    expect(() => parsePayload('voting-reminder', { ...remind, deadline: '15/12/2026 16:00' })).toThrow(
      /deadline/,
    );
  });
});
