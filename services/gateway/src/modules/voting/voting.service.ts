import type { EmulationYear, VotingPeriod } from '@thidua/db';
import { isProvinceAdmin, yearActor } from '../../common/acting';
import { badInput, forbidden, missingRef, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { loadYear } from '../emulation-year/emulation-year.service';

export async function loadPeriod(
  ctx: GraphQLContext,
  id: string,
  field = 'votingPeriodId',
): Promise<VotingPeriod> {
  const period = await ctx.loaders.votingPeriod.load(id);
  if (!period) throw field === 'id' ? notFound('VotingPeriod', id) : missingRef(field, 'VotingPeriod', id);
  return period;
}

export function periodYear(ctx: GraphQLContext, period: VotingPeriod): Promise<EmulationYear> {
  return loadYear(ctx, period.emulationYearId);
}

/** The secretariat, or an officer of an eligible unit: who may watch the turnout while voting runs. */
export function canWatch(ctx: GraphQLContext, period: VotingPeriod): boolean {
  return isProvinceAdmin(ctx) || period.eligibleUnitIds.some((u) => ctx.access?.officerOf.has(u));
}

/**
 * Counts exist only once tallied. Until published, only those who publish them (the secretariat, the head unit)
 * see them; members see that voting closed.
 */
export async function canSeeResults(ctx: GraphQLContext, period: VotingPeriod): Promise<boolean> {
  if (period.status !== 'TALLIED') return false;
  if (period.resultsPublishedAt) return canWatch(ctx, period) || !!ctx.access;
  return yearActor(ctx, await periodYear(ctx, period)) !== null;
}

/** The unit this officer votes for: their one eligible unit, or the one they name. */
export function voterUnit(
  ctx: GraphQLContext,
  period: Pick<VotingPeriod, 'eligibleUnitIds'>,
  named?: string,
): string {
  const mine = period.eligibleUnitIds.filter((u) => ctx.access?.officerOf.has(u));
  if (named) {
    if (!mine.includes(named))
      throw forbidden('You may vote only for an eligible unit you are an officer of');
    return named;
  }
  if (mine.length === 1) return mine[0]!;
  if (mine.length === 0) throw forbidden("Ballots are cast by an eligible member unit's officer");
  throw badInput('unitId', 'you are an officer of several eligible units: name the one you vote for');
}
