import { describe, expect, it } from 'vitest';
import { awardRulesProblems, DEFAULT_AWARD_RULES, dossierDeadline, quotaSeats } from './rules';

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
  ])('refuses %o, naming %s', (change, field) => {
    expect(awardRulesProblems({ ...DEFAULT_AWARD_RULES, ...change }).map((p) => p.field)).toEqual([field]);
  });
});
