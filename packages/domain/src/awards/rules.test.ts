import { describe, expect, it } from 'vitest';
import {
  awardRulesProblems,
  DEFAULT_AWARD_RULES,
  dossierDeadline,
  quotaSeats,
  withRuleDefaults,
  type AwardRules,
} from './rules';

describe('award rules', () => {
  it('the defaults are the law and the usual provincial choices, and valid', () => {
    expect(awardRulesProblems(DEFAULT_AWARD_RULES)).toEqual([]);
    expect(quotaSeats(DEFAULT_AWARD_RULES.meritQuota, 9)).toBe(2);
    expect(quotaSeats(DEFAULT_AWARD_RULES.flagQuota, 9)).toBe(1);
  });

  it('R13: the dossier is due days after the conference, or on a fixed day of Y or Y+1', () => {
    // A conference on 6 February 2026 closes the emulation year 2025.
    expect(dossierDeadline(DEFAULT_AWARD_RULES, 2025, '2026-02-06')).toBe('2026-02-21');
    expect(dossierDeadline(DEFAULT_AWARD_RULES, 2025, null)).toBeNull();
    const fixed = {
      dossierDeadline: { kind: 'FIXED_DAY' as const, month: 12, day: 10, yearOffset: 0 as const },
    };
    expect(dossierDeadline(fixed, 2025, '2025-12-05')).toBe('2025-12-10');
    const next = {
      dossierDeadline: { kind: 'FIXED_DAY' as const, month: 2, day: 28, yearOffset: 1 as const },
    };
    expect(dossierDeadline(next, 2025, null)).toBe('2026-02-28');
  });

  it('rule sets saved with a fixed day of Y keep meaning it', () => {
    const stored = { dossierDeadline: { month: 12, day: 10 } } as unknown as Partial<AwardRules>;
    expect(withRuleDefaults(stored).dossierDeadline).toEqual({
      kind: 'FIXED_DAY',
      month: 12,
      day: 10,
      yearOffset: 0,
    });
  });

  it.each([
    [{ flagQuota: { kind: 'COUNT' as const, value: -1 } }, 'flagQuota.value'],
    [{ meritQuota: { kind: 'SHARE' as const, percent: 130 } }, 'meritQuota.percent'],
    [{ voteThresholdPercent: 101 }, 'voteThresholdPercent'],
    [{ councilAttendancePercent: 0 }, 'councilAttendancePercent'],
    [
      { dossierDeadline: { kind: 'FIXED_DAY' as const, month: 2, day: 30, yearOffset: 1 as const } },
      'dossierDeadline',
    ],
    [{ dossierDeadline: { kind: 'DAYS_AFTER_CONFERENCE' as const, days: -1 } }, 'dossierDeadline.days'],
    [{ runoffCandidates: 'SOME' as 'TIED_ONLY' }, 'runoffCandidates'],
    [{ tieBreaks: ['SCORE' as const, 'WOMEN' as const, 'SCORE' as const] }, 'tieBreaks'],
    [{ tieBreaks: ['SCORE' as const, 'NET_BONUS' as const] }, 'tieBreaks'],
  ])('refuses %o, naming %s', (change, field) => {
    expect(awardRulesProblems({ ...DEFAULT_AWARD_RULES, ...change }).map((p) => p.field)).toEqual([field]);
  });
});
