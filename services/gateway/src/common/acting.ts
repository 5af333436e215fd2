import { vietnamDate, type YearActor } from '@thidua/domain';
import type { EmulationYear } from '@thidua/db';
import type { GraphQLContext } from '../context';
import { appError, forbidden } from './errors';

export function isProvinceAdmin(ctx: GraphQLContext): boolean {
  return !!ctx.access && (ctx.access.roles.has('PROVINCE_ADMIN') || ctx.access.roles.has('PLATFORM_ADMIN'));
}

/** A unit's sensitive record (deferrals, disqualifications): the secretariat's, and the unit's own officers'. */
export function seesUnitRecord(ctx: GraphQLContext, unitId: string): boolean {
  return isProvinceAdmin(ctx) || !!ctx.access?.officerOf.has(unitId);
}

/** The secretariat may act for any unit of its province; an officer only for their own unit. */
export function assertActsFor(ctx: GraphQLContext, unitId: string): void {
  if (isProvinceAdmin(ctx)) return;
  if (ctx.access?.officerOf.has(unitId)) return;
  throw forbidden('You may act only for your own unit');
}

/** How the user stands toward a year: the secretariat, the head unit's officer, or neither. */
export function yearActor(ctx: GraphQLContext, year: EmulationYear): YearActor | null {
  if (isProvinceAdmin(ctx)) return 'PROVINCE_ADMIN';
  if (year.headUnitId && ctx.access?.officerOf.has(year.headUnitId)) return 'HEAD_UNIT';
  return null;
}

export function assertRunsYear(ctx: GraphQLContext, year: EmulationYear): YearActor {
  const actor = yearActor(ctx, year);
  if (!actor)
    throw forbidden("Only the province's secretariat or the head unit's officers run the block's year");
  return actor;
}

/** Deadlines are whole days in Vietnam: the deadline day itself is still in time. */
export function assertBeforeDeadline(deadline: string | null, what: string): void {
  const today = vietnamDate(new Date());
  if (deadline && today > deadline)
    throw appError('DEADLINE_PASSED', `The deadline for ${what} was ${deadline}`);
}
