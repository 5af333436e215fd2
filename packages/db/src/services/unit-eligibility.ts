import { DEFERRAL_WORDS, deferralBrief, DEFERRED_BY_R8, type DeferralReason } from '@thidua/domain';
import { awardRepository } from '../repositories/award.repository';
import { votingRepository } from '../repositories/voting.repository';
import { computeYearAwards, lockAwardsYear } from './compute-awards';

/**
 * A unit's R8 or R9 facts changed (a deferral opened or closed, a disqualification recorded or removed). Proposals
 * are never left standing on old facts: when a deferral opened, the unit's nominations already on their way move
 * to DEFERRED with its reason (and off any council session not yet published); and the awards engine runs again on each of its block years whose dossier is not
 * yet submitted, so the dossier holds what the rules allow today. Tenant context.
 */
export async function afterUnitEligibilityChanged(
  unitId: string,
  openedDeferral?: { reason: DeferralReason; note: string },
): Promise<{ deferred: string[]; recomputed: string[] }> {
  // Locked first: a dossier sent meanwhile would otherwise carry the unit's nominations past both steps below.
  // The engine's lock of each calendar year comes before the rows' (the order computeYearAwards takes them in).
  for (const year of await awardRepository.calendarYearsOfUnit(unitId)) await lockAwardsYear(year);
  const pending = await awardRepository.lockPendingYearsOfUnit(unitId);
  const deferred = openedDeferral
    ? await awardRepository.deferOfUnit(
        unitId,
        DEFERRED_BY_R8,
        `Hoãn xét khen thưởng: ${DEFERRAL_WORDS[openedDeferral.reason]} (${openedDeferral.note})`,
      )
    : [];
  // Before a council session not yet published, their questions are taken off it for good (the council reads
  // only the kind of process).
  if (openedDeferral)
    await votingRepository.withdrawCouncilQuestions(deferred, deferralBrief(openedDeferral.reason));
  const recomputed: string[] = [];
  for (const yearId of pending) if (await computeYearAwards(yearId)) recomputed.push(yearId);
  return { deferred, recomputed };
}
