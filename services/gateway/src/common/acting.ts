import { vietnamToday, type YearActor } from '@thidua/domain';
import type { EmulationYear } from '@thidua/db';
import type { GraphQLContext } from '../context';
import { appError, badInput, forbidden } from './errors';

export function isProvinceAdmin(ctx: GraphQLContext): boolean {
  return !!ctx.access && (ctx.access.roles.has('PROVINCE_ADMIN') || ctx.access.roles.has('PLATFORM_ADMIN'));
}

/** A unit's sensitive record (deferrals, disqualifications): the secretariat's, and the unit's own officers'. */
export function seesUnitRecord(ctx: GraphQLContext, unitId: string): boolean {
  return isProvinceAdmin(ctx) || !!ctx.access?.officerOf.has(unitId);
}

/** Unit records the secretariat keeps as well as the unit (its people): the secretariat or the unit's officer. */
export function assertManagesUnit(ctx: GraphQLContext, unitId: string): void {
  if (isProvinceAdmin(ctx) || ctx.access?.officerOf.has(unitId)) return;
  throw forbidden('You may act only for your own unit');
}

/** The province's secretariat: who runs its workflow. The platform's operators never act inside it. */
export function isSecretariat(ctx: GraphQLContext): boolean {
  return !!ctx.access?.roles.has('PROVINCE_ADMIN');
}

/**
 * Who enters a unit's own act (signature, registration, score sheet, ballot): the unit's officer; or the
 * secretariat, only as an explicit on-behalf action with its reason, which the record and the audit keep.
 * Returns the reason when it is such an action, null when the unit acts itself.
 */
export function assertActsFor(
  ctx: GraphQLContext,
  unitId: string,
  onBehalfReason?: string | null,
): string | null {
  if (ctx.access?.officerOf.has(unitId)) return null;
  if (isSecretariat(ctx)) {
    const reason = onBehalfReason?.trim() ?? '';
    if (reason.length < 5)
      throw badInput(
        'onBehalfReason',
        "the secretariat enters this for the unit only on its behalf: say why (e.g. the unit's written request)",
      );
    return reason;
  }
  if (ctx.access?.roles.has('PLATFORM_ADMIN'))
    throw forbidden("The platform's operators do not act inside a province's workflow");
  throw forbidden('You may act only for your own unit');
}

/**
 * How the user stands toward a year: the secretariat, an officer of the head or of the deputy unit (both run the
 * year, domain.md §4), or neither.
 */
export function yearActor(ctx: GraphQLContext, year: EmulationYear): YearActor | null {
  if (isSecretariat(ctx)) return 'PROVINCE_ADMIN';
  if (year.headUnitId && ctx.access?.officerOf.has(year.headUnitId)) return 'HEAD_UNIT';
  if (year.deputyUnitId && ctx.access?.officerOf.has(year.deputyUnitId)) return 'DEPUTY_UNIT';
  return null;
}

export function assertRunsYear(ctx: GraphQLContext, year: EmulationYear): YearActor {
  const actor = yearActor(ctx, year);
  if (!actor && ctx.access?.roles.has('PLATFORM_ADMIN'))
    throw forbidden("The platform's operators do not act inside a province's workflow");
  if (!actor)
    throw forbidden(
      "Only the province's secretariat or the head or deputy unit's officers run the block's year",
    );
  return actor;
}

/** Deadlines are whole days in Vietnam: the deadline day itself is still in time. */
export function assertBeforeDeadline(deadline: string | null, what: string): void {
  const today = vietnamToday();
  if (deadline && today > deadline)
    throw appError('DEADLINE_PASSED', `The deadline for ${what} was ${deadline}`);
}
