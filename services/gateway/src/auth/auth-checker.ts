import type { Role } from '@thidua/domain';
import type { AuthChecker } from 'type-graphql';
import { badInput, forbidden, unauthenticated } from '../common/errors';
import type { GraphQLContext } from '../context';

/** Roles that act platform-wide and need no province chosen for the request. */
const PLATFORM_SCOPE = 'PLATFORM_SCOPE';
/** A mutation that records history from documents: allowed in a read-only former province to `recordsHistory`. */
const HISTORY_SCOPE = 'HISTORY_SCOPE';

/**
 * `@Authorized()` means "signed in". `@Authorized('PROVINCE_ADMIN', …)` means one of those roles in the
 * request's province (global roles count everywhere); mutations also need the province to be writable.
 * `@Authorized(PLATFORM_SCOPE, 'PLATFORM_ADMIN')` checks global roles only, without a province.
 */
export const authChecker: AuthChecker<GraphQLContext, string> = ({ context, info }, required) => {
  const { principal } = context;
  if (!principal) throw unauthenticated();
  if (!required.length) return true;

  const wanted = required.filter((r) => r !== PLATFORM_SCOPE && r !== HISTORY_SCOPE) as Role[];
  if (required.includes(PLATFORM_SCOPE)) {
    if (principal.roles.some((r) => r.provinceId === null && wanted.includes(r.role))) return true;
    throw forbidden(`Only ${wanted.join(' or ')} may do this`);
  }

  const access = context.access;
  if (!access) {
    // Platform-wide roles may use province-independent fields without choosing a province.
    if (principal.roles.some((r) => r.provinceId === null && wanted.includes(r.role))) return true;
    throw badInput('x-province-id', 'choose the province to act in with the x-province-id header');
  }
  if (!wanted.some((r) => access.roles.has(r)))
    throw forbidden(`You need the role ${wanted.join(' or ')} in this province`);
  if (required.includes(HISTORY_SCOPE)) {
    if (access.recordsHistory) return true;
    throw forbidden(access.readOnlyReason ?? "Only the province's secretariat records its history");
  }
  if (info.operation.operation === 'mutation' && access.readOnlyReason)
    throw forbidden(access.readOnlyReason);
  return true;
};

export function platformRoles(...roles: Role[]): string[] {
  return [PLATFORM_SCOPE, ...roles];
}

/** `@Authorized(...historyRoles(…))`: the roles, and the province may be a former one (see `recordsHistory`). */
export function historyRoles(...roles: Role[]): string[] {
  return [HISTORY_SCOPE, ...roles];
}
