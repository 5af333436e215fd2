import { deferralRepository, type Deferral, type Nomination } from '@thidua/db';
import { vietnamToday } from '@thidua/domain';

/**
 * R8: the discipline process, inspection or complaint open today on a collective proposal's unit, which holds
 * the proposal until it is closed; null when none is, or for a person's title (deferred on its own).
 */
export async function openMatterOf(n: Pick<Nomination, 'unitId' | 'personId'>): Promise<Deferral | null> {
  if (n.personId) return null;
  const [open] = await deferralRepository.openOn([n.unitId], vietnamToday());
  return open ?? null;
}
