import type { EngineMember } from './engine';

/** A member unit as the awards engine and R6 read it, for tests: bonus 2, no deductions, no women on record. */
export const engineMember = (
  unitId: string,
  name: string,
  final: number,
  extra: Partial<EngineMember> = {},
): EngineMember => ({
  unitId,
  name,
  final,
  bonus: 2,
  deductions: 0,
  womenShare: null,
  headIsWoman: false,
  ...extra,
});
