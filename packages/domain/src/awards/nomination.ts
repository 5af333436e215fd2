/**
 * A nomination's lifecycle (issue 5): proposed by the block, submitted with the dossier, appraised by the
 * secretariat, voted by the council, decided by an award decision, possibly revoked. Every step is audited.
 */
export type NominationStatus =
  | 'PROPOSED_BY_BLOCK'
  | 'SUBMITTED'
  | 'IN_APPRAISAL'
  | 'RETURNED'
  | 'NOT_ELIGIBLE'
  | 'DEFERRED'
  | 'COUNCIL_REVIEW'
  | 'COUNCIL_APPROVED'
  | 'COUNCIL_REJECTED'
  | 'DECIDED'
  | 'REVOKED';

const NEXT: Record<NominationStatus, NominationStatus[]> = {
  PROPOSED_BY_BLOCK: ['SUBMITTED'],
  SUBMITTED: ['IN_APPRAISAL'],
  IN_APPRAISAL: ['RETURNED', 'NOT_ELIGIBLE', 'DEFERRED', 'COUNCIL_REVIEW'],
  RETURNED: ['SUBMITTED'],
  NOT_ELIGIBLE: [],
  DEFERRED: ['IN_APPRAISAL'],
  COUNCIL_REVIEW: ['COUNCIL_APPROVED', 'COUNCIL_REJECTED'],
  COUNCIL_APPROVED: ['DECIDED'],
  COUNCIL_REJECTED: [],
  DECIDED: ['REVOKED'],
  REVOKED: [],
};

/** Steps that must say why (read out to the block, kept in the audit log). */
const NEEDS_REASON: NominationStatus[] = ['RETURNED', 'NOT_ELIGIBLE', 'DEFERRED', 'REVOKED'];

export function nominationStepProblem(
  from: NominationStatus,
  to: NominationStatus,
  reason: string | null,
): string | null {
  if (!NEXT[from].includes(to)) {
    const next = NEXT[from];
    return `a nomination in ${from} cannot move to ${to}${next.length ? `; it can move to ${next.join(', ')}` : ''}`;
  }
  if (NEEDS_REASON.includes(to) && !reason?.trim()) return `${to} needs a reason`;
  return null;
}

/**
 * R8: a discipline process, inspection or complaint opened on a unit stops its nominations already on their way
 * (submitted, in appraisal, before the council or approved by it, not yet decided): they move to DEFERRED with
 * the reason. When the process closes, the secretariat resumes the appraisal (DEFERRED → IN_APPRAISAL). Those
 * not yet submitted are left out when the awards engine runs again.
 */
export const DEFERRED_BY_R8: readonly NominationStatus[] = [
  'SUBMITTED',
  'IN_APPRAISAL',
  'COUNCIL_REVIEW',
  'COUNCIL_APPROVED',
];

/**
 * A status whose reason is the unit's own record (R8's open process, R9's disqualification, with their details):
 * the secretariat and the unit's officers read it; others, the API and the notices alike, read the status only.
 */
export const reasonIsUnitRecord = (status: string): boolean =>
  status === 'DEFERRED' || status === 'NOT_ELIGIBLE';
