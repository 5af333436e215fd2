import type { EmulationYear, VotingPeriod } from '@thidua/db';
import { assertRunsYear, isProvinceAdmin, isSecretariat, yearActor } from '../../common/acting';
import { isAtLeast, type YearActor } from '@thidua/domain';
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

/** The block year a period votes in; null for the council's votes. */
export async function periodYear(ctx: GraphQLContext, period: VotingPeriod): Promise<EmulationYear | null> {
  return period.emulationYearId ? loadYear(ctx, period.emulationYearId) : null;
}

/** Who runs a period: the block year's secretariat, head or deputy unit; for the council, the secretariat. */
export async function assertRunsPeriod(ctx: GraphQLContext, period: VotingPeriod): Promise<YearActor> {
  const year = await periodYear(ctx, period);
  if (year) return assertRunsYear(ctx, year);
  // The platform's operators never act inside a province's workflow.
  if (!isSecretariat(ctx)) throw forbidden("Only the province's secretariat runs the council's votes");
  return 'PROVINCE_ADMIN';
}

/** Whether the signed-in user runs the period (see assertRunsPeriod), without refusing anyone. */
export async function runsPeriod(ctx: GraphQLContext, period: VotingPeriod): Promise<boolean> {
  const year = await periodYear(ctx, period);
  return year ? yearActor(ctx, year) !== null : isSecretariat(ctx);
}

/** The period's voters the signed-in user casts ballots for: themself in the council, their units in a block. */
export function myVoterIds(
  ctx: GraphQLContext,
  period: Pick<VotingPeriod, 'kind' | 'eligibleVoterIds'>,
): string[] {
  return period.kind === 'COUNCIL'
    ? period.eligibleVoterIds.filter((v) => v === ctx.principal?.userId)
    : period.eligibleVoterIds.filter((u) => ctx.access?.officerOf.has(u));
}

/** Whether the signed-in user may vote in, or watch, the period as a voter. */
function isVoter(ctx: GraphQLContext, period: Pick<VotingPeriod, 'kind' | 'eligibleVoterIds'>): boolean {
  return myVoterIds(ctx, period).length > 0;
}

/** The secretariat, or an eligible voter: who may watch the turnout while voting runs. */
export function canWatch(ctx: GraphQLContext, period: VotingPeriod): boolean {
  return isProvinceAdmin(ctx) || isVoter(ctx, period);
}

/**
 * Counts exist only once tallied. Until the results are published only those who chair the count see them: the
 * head unit's officers for a block vote (not the secretariat, not the platform's operators, not other members),
 * the province's secretariat for its council. Everything derived from a count follows the same rule.
 */
export async function canSeeResults(ctx: GraphQLContext, period: VotingPeriod): Promise<boolean> {
  if (period.status !== 'TALLIED') return false;
  if (period.resultsPublishedAt) return canWatch(ctx, period) || !!ctx.access;
  if (period.kind === 'COUNCIL') return !!ctx.access?.roles.has('PROVINCE_ADMIN');
  const year = await periodYear(ctx, period);
  if (!year) return false;
  // After the last round the deputy decides with the head, so it sees what is left to decide.
  return chairsCount(ctx, year) || (period.outcome === 'AWAITING_DECISION' && !!headOrDeputySide(ctx, year));
}

/**
 * A round's outcome as the reader may know it: what the count decided is as secret as the count until the results
 * are published (a next round would say a seat went unfilled); those who run the vote learn only that the head
 * and deputy must decide (R5), and when they have.
 */
export async function visibleOutcome(
  ctx: GraphQLContext,
  period: VotingPeriod,
): Promise<VotingPeriod['outcome']> {
  if (!period.outcome || (await canSeeResults(ctx, period))) return period.outcome;
  const headAndDeputy = period.outcome === 'AWAITING_DECISION' || period.outcome === 'DECIDED';
  return headAndDeputy && (await runsPeriod(ctx, period)) ? period.outcome : null;
}

/** The head or deputy unit whose officer the user is, for this year; null for anyone else. */
export function headOrDeputySide(ctx: GraphQLContext, year: EmulationYear): string | null {
  return [year.headUnitId, year.deputyUnitId].find((u) => u && ctx.access?.officerOf.has(u)) ?? null;
}

/** The head unit chairs the counting committee: its officers see a count before it is announced. */
export function chairsCount(ctx: GraphQLContext, year: Pick<EmulationYear, 'headUnitId'>): boolean {
  return !!year.headUnitId && !!ctx.access?.officerOf.has(year.headUnitId);
}

/**
 * What a block year's vote decided (the awards engine's outcome and proposals) is as secret as the vote until
 * its results are published, which moves the year to RESULTS_RECORDED.
 */
export function seesYearOutcome(ctx: GraphQLContext, year: EmulationYear): boolean {
  return isAtLeast(year.state, 'RESULTS_RECORDED') || chairsCount(ctx, year);
}

/**
 * Who casts this ballot: for a block, the officer's one eligible unit (or the one named); for the council, the
 * council member themself.
 */
export function voterFor(
  ctx: GraphQLContext,
  period: Pick<VotingPeriod, 'kind' | 'eligibleVoterIds'>,
  named?: string,
): string {
  if (period.kind === 'COUNCIL') {
    if (!isVoter(ctx, period))
      throw forbidden('Only the council members called to this vote cast ballots in it');
    return ctx.principal!.userId;
  }
  const mine = myVoterIds(ctx, period);
  if (named) {
    if (!mine.includes(named))
      throw forbidden('You may vote only for an eligible unit you are an officer of');
    return named;
  }
  if (mine.length === 1) return mine[0]!;
  if (mine.length === 0) throw forbidden("Ballots are cast by an eligible member unit's officer");
  throw badInput('unitId', 'you are an officer of several eligible units: name the one you vote for');
}
