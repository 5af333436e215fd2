import { describe, expect, it } from 'vitest';
import { awardRulesProblems, DEFAULT_AWARD_RULES, dossierDeadline, prizeMoney, quotaSeats } from './rules';

describe('award rules', () => {
  it('the defaults are the law and the usual provincial choices, and valid', () => {
    expect(awardRulesProblems(DEFAULT_AWARD_RULES)).toEqual([]);
    expect(quotaSeats(DEFAULT_AWARD_RULES.meritQuota, 9)).toBe(2);
    expect(quotaSeats(DEFAULT_AWARD_RULES.flagQuota, 9)).toBe(1);
    expect(dossierDeadline(DEFAULT_AWARD_RULES, 2025)).toBe('2025-12-10');
  });

  it.each([
    [{ flagQuota: { kind: 'COUNT' as const, value: -1 } }, 'flagQuota.value'],
    [{ meritQuota: { kind: 'SHARE' as const, percent: 130 } }, 'meritQuota.percent'],
    [{ voteThresholdPercent: 101 }, 'voteThresholdPercent'],
    [{ councilAttendancePercent: 0 }, 'councilAttendancePercent'],
    [{ dossierDeadline: { month: 2, day: 30 } }, 'dossierDeadline'],
    [{ tieBreaks: ['SCORE' as const, 'SCORE' as const] }, 'tieBreaks'],
    [{ baseSalaries: [] }, 'baseSalaries'],
  ])('refuses %o, naming %s', (change, field) => {
    expect(awardRulesProblems({ ...DEFAULT_AWARD_RULES, ...change }).map((p) => p.field)).toEqual([field]);
  });

  it('prize money: multiplier × the base salary in force on the decision date', () => {
    const rules = {
      ...DEFAULT_AWARD_RULES,
      baseSalaries: [
        { from: '2023-07-01', amountVnd: 1_800_000 },
        { from: '2024-07-01', amountVnd: 2_340_000 },
      ],
    };
    expect(prizeMoney('FLAG_PROVINCE', '2025-01-15', rules)).toBe(18_720_000);
    expect(prizeMoney('FLAG_PROVINCE', '2024-06-30', rules)).toBe(14_400_000);
    expect(prizeMoney('COLL_EXCELLENT', '2025-01-15', rules)).toBe(3_510_000);
    expect(() => prizeMoney('LDTT', '2020-01-01', rules)).toThrow(/No base salary/);
  });
});
