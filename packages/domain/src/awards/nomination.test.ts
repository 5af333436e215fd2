import { describe, expect, it } from 'vitest';
import { nominationStepProblem } from './nomination';

describe('nomination lifecycle', () => {
  it.each([
    ['PROPOSED_BY_BLOCK', 'SUBMITTED', null, null],
    ['SUBMITTED', 'IN_APPRAISAL', null, null],
    ['IN_APPRAISAL', 'COUNCIL_REVIEW', null, null],
    ['IN_APPRAISAL', 'RETURNED', 'Thiếu báo cáo thành tích', null],
    ['IN_APPRAISAL', 'RETURNED', ' ', 'RETURNED needs a reason'],
    ['COUNCIL_REVIEW', 'COUNCIL_APPROVED', null, null],
    ['COUNCIL_APPROVED', 'DECIDED', null, null],
    ['DECIDED', 'REVOKED', 'Phát hiện sai phạm sau khen thưởng', null],
    [
      'PROPOSED_BY_BLOCK',
      'DECIDED',
      null,
      'a nomination in PROPOSED_BY_BLOCK cannot move to DECIDED; it can move to SUBMITTED',
    ],
    [
      'COUNCIL_REJECTED',
      'COUNCIL_APPROVED',
      null,
      'a nomination in COUNCIL_REJECTED cannot move to COUNCIL_APPROVED',
    ],
  ] as const)('%s → %s', (from, to, reason, problem) => {
    expect(nominationStepProblem(from, to, reason)).toBe(problem);
  });
});
