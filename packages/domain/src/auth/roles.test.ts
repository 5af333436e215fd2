import { describe, expect, it } from 'vitest';
import { roleScopeProblem } from './roles';

describe('roleScopeProblem', () => {
  it.each([
    [{ role: 'PLATFORM_ADMIN', provinceId: null, unitId: null }, null],
    [{ role: 'PLATFORM_ADMIN', provinceId: 'p', unitId: null }, 'provinceId'],
    [{ role: 'PROVINCE_ADMIN', provinceId: null, unitId: null }, 'provinceId'],
    [{ role: 'PROVINCE_ADMIN', provinceId: 'p', unitId: 'u' }, 'unitId'],
    [{ role: 'UNIT_OFFICER', provinceId: 'p', unitId: null }, 'unitId'],
    [{ role: 'UNIT_OFFICER', provinceId: 'p', unitId: 'u' }, null],
    [{ role: 'COUNCIL_MEMBER', provinceId: 'p', unitId: null }, null],
  ] as const)('%o → %s', (scope, field) => {
    expect(roleScopeProblem(scope)?.field ?? null).toBe(field);
  });
});
