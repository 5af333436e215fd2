import { auditRepository, userRepository, type RoleAssignment } from '@thidua/db';
import { GLOBAL_ROLES, roleScopeProblem, type Role } from '@thidua/domain';
import { badInput, forbidden, missingRef, notFound } from '../../common/errors';
import { isUuid } from '../../loaders';
import type { GraphQLContext } from '../../context';

const PROVINCE_GRANTABLE: Role[] = ['PROVINCE_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER'];

export function isPlatformAdmin(ctx: GraphQLContext): boolean {
  return !!ctx.principal?.roles.some((r) => r.role === 'PLATFORM_ADMIN');
}

/** Province roles are granted in the request's province, by its admin or a platform admin; global ones by a platform admin. */
function assertMayGrant(ctx: GraphQLContext, role: Role): void {
  if (GLOBAL_ROLES.includes(role)) {
    if (!isPlatformAdmin(ctx)) throw forbidden(`Only a PLATFORM_ADMIN may grant ${role}`);
    return;
  }
  const access = ctx.access;
  if (!access)
    throw badInput('x-province-id', `choose the province to grant ${role} in with the x-province-id header`);
  if (!access.roles.has('PLATFORM_ADMIN') && !access.roles.has('PROVINCE_ADMIN')) {
    throw forbidden('Only an admin of this province may grant its roles');
  }
  if (access.readOnlyReason) throw forbidden(access.readOnlyReason);
  if (!PROVINCE_GRANTABLE.includes(role)) throw forbidden(`${role} cannot be granted in a province`);
}

export async function assignRole(
  ctx: GraphQLContext,
  userId: string,
  role: Role,
  unitId: string | null,
): Promise<RoleAssignment> {
  assertMayGrant(ctx, role);
  const provinceId = GLOBAL_ROLES.includes(role) ? null : ctx.access!.provinceId;
  const problem = roleScopeProblem({ role, provinceId, unitId });
  if (problem) throw badInput(problem.field, problem.message);
  if (!(await ctx.loaders.user.load(userId))) throw notFound('User', userId);
  if (unitId && !(await ctx.loaders.unit.load(unitId))) throw missingRef('unitId', 'Unit', unitId);

  const assignment = await userRepository.assignRole({ userId, role, provinceId, unitId });
  await audit(ctx, 'role.assign', assignment, { after: assignment });
  return assignment;
}

export async function revokeRole(ctx: GraphQLContext, id: string): Promise<RoleAssignment> {
  if (!isUuid(id)) throw badInput('id', 'must be a role assignment id');
  const assignment = await userRepository.roleById(id);
  // A role in another province is reported as absent: its existence is that province's business.
  if (
    !assignment ||
    (assignment.provinceId && assignment.provinceId !== ctx.access?.provinceId && !isPlatformAdmin(ctx))
  ) {
    throw notFound('RoleAssignment', id);
  }
  if (assignment.provinceId && assignment.provinceId !== ctx.access?.provinceId) {
    throw badInput('x-province-id', 'act in the role’s province to revoke it');
  }
  assertMayGrant(ctx, assignment.role);
  await userRepository.revokeRole(id);
  await audit(ctx, 'role.revoke', assignment, { before: assignment });
  return assignment;
}

async function audit(
  ctx: GraphQLContext,
  action: string,
  a: RoleAssignment,
  change: { before?: object; after?: object },
) {
  const entry = {
    actorUserId: ctx.principal!.userId,
    action,
    entityType: 'RoleAssignment',
    entityId: a.id,
    requestId: ctx.requestId,
    ...change,
  };
  if (a.provinceId) await auditRepository.append(entry);
  else await auditRepository.appendPlatform(entry);
}
