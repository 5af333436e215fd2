import { describe, expect, it } from 'vitest';
import { baseSalaryOn, baseSalaryProblems, MAX_BASE_SALARY_ROWS, prizeMoney } from './base-salary';
import { DEFAULT_AWARD_RULES, withRuleDefaults, type AwardRules } from './rules';

const TABLE = [
  { effectiveFrom: '2024-07-01', amountVnd: 2_340_000 },
  { effectiveFrom: '2019-07-01', amountVnd: 1_490_000 },
  { effectiveFrom: '2023-07-01', amountVnd: 1_800_000 },
  { effectiveFrom: '2026-07-01', amountVnd: 2_530_000 },
];

describe('base salary', () => {
  it('the row in force on a date is the latest one from on or before it, in any order', () => {
    expect(baseSalaryOn(TABLE, '2026-06-30')?.amountVnd).toBe(2_340_000);
    expect(baseSalaryOn(TABLE, '2026-07-01')?.amountVnd).toBe(2_530_000);
    expect(baseSalaryOn(TABLE, '2019-07-01')?.amountVnd).toBe(1_490_000);
    expect(baseSalaryOn(TABLE, '2019-06-30')).toBeNull();
  });

  it('prize money: multiplier × the base salary in force on the decision date', () => {
    expect(prizeMoney('FLAG_PROVINCE', '2025-01-15', DEFAULT_AWARD_RULES, TABLE)).toBe(18_720_000);
    expect(prizeMoney('FLAG_PROVINCE', '2024-06-30', DEFAULT_AWARD_RULES, TABLE)).toBe(14_400_000);
    expect(prizeMoney('COLL_EXCELLENT', '2025-01-15', DEFAULT_AWARD_RULES, TABLE)).toBe(3_510_000);
    expect(prizeMoney('FLAG_PROVINCE', '2027-01-15', DEFAULT_AWARD_RULES, TABLE)).toBe(20_240_000);
    expect(() => prizeMoney('LDTT', '2019-01-01', DEFAULT_AWARD_RULES, TABLE)).toThrow(/No base salary/);
  });

  it('rule sets stored with base salaries of their own keep loading, without them', () => {
    const stored = {
      maxRounds: 3,
      baseSalaries: [{ from: '2024-07-01', amountVnd: 2_340_000 }],
    } as unknown as Partial<AwardRules>;
    const rules = withRuleDefaults(stored);
    expect(rules.maxRounds).toBe(3);
    expect('baseSalaries' in rules).toBe(false);
  });

  const row = { effectiveFrom: '2027-07-01', amountVnd: 2_700_000, legalBasis: 'Nghị định …/2027/NĐ-CP' };
  it.each([
    [{ amountVnd: 0 }, 'amountVnd'],
    [{ amountVnd: -5 }, 'amountVnd'],
    [{ amountVnd: 1.5 }, 'amountVnd'],
    [{ effectiveFrom: '2024-07-01' }, 'effectiveFrom'],
    [{ effectiveFrom: '2027-02-30' }, 'effectiveFrom'],
    [{ legalBasis: ' ' }, 'legalBasis'],
    [{ sourceUrl: 'javascript:alert(1)' }, 'sourceUrl'],
  ])('refuses %o, naming %s', (change, field) => {
    const existing = TABLE.map((t) => t.effectiveFrom);
    expect(baseSalaryProblems({ ...row, ...change }, existing).map((p) => p.field)).toEqual([field]);
  });

  it('holds at most MAX_BASE_SALARY_ROWS rows, the bound the API counts on', () => {
    const full = Array.from({ length: MAX_BASE_SALARY_ROWS }, (_, i) => `${1900 + i}-01-01`);
    expect(baseSalaryProblems(row, full).map((p) => p.field)).toEqual(['effectiveFrom']);
  });

  it('accepts a new date with a positive amount', () => {
    expect(baseSalaryProblems({ ...row, sourceUrl: 'https://vanban.chinhphu.vn/' }, ['2026-07-01'])).toEqual(
      [],
    );
  });
});
