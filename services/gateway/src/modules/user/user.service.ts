import {
  auditRepository,
  sessionRepository,
  userRepository,
  type RoleAssignment,
  type User,
} from '@thidua/db';
import { GLOBAL_ROLES, hashPassword, passwordProblem, roleScopeProblem, type Role } from '@thidua/domain';
import { badInput, conflict, forbidden, missingRef, notFound } from '../../common/errors';
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

/** A role assignment the request may take away: in the request's province (or global, for a platform admin). */
async function revocable(ctx: GraphQLContext, id: string): Promise<RoleAssignment> {
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
  return assignment;
}

/**
 * A province is never left without a secretariat officer able to sign in: nobody would be left to invite, to run
 * its year or to give the role back (only the platform's operators could). Another person is given it first.
 */
async function assertSecretariatRemains(ctx: GraphQLContext, assignment: RoleAssignment): Promise<void> {
  if (assignment.role !== 'PROVINCE_ADMIN' || !assignment.provinceId) return;
  // A disabled account's role gives nobody access: removing it leaves the province as it was.
  if ((await ctx.loaders.user.load(assignment.userId))?.disabledAt) return;
  if (!(await userRepository.otherSecretariatRoles(assignment.provinceId, assignment.id)))
    throw conflict('this is the province’s last secretariat role: give the role to another person first');
}

export async function revokeRole(ctx: GraphQLContext, id: string): Promise<RoleAssignment> {
  const assignment = await revocable(ctx, id);
  await assertSecretariatRemains(ctx, assignment);
  await userRepository.revokeRole(id);
  await audit(ctx, 'role.revoke', assignment, { before: assignment });
  return assignment;
}

/**
 * One of a person's roles in the province becomes another (an officer moves to another unit, a secretariat officer
 * joins the council) in one step: the old role ends and the new one starts in the same transaction, so the person
 * is never left without either, and no invitation is needed for an account that is already theirs.
 */
export async function changeRole(
  ctx: GraphQLContext,
  id: string,
  role: Role,
  unitId: string | null,
): Promise<RoleAssignment> {
  const before = await revocable(ctx, id);
  // A secretariat officer does not move themself out of the role that lets them act (as with disabling).
  if (before.userId === ctx.principal!.userId) throw badInput('id', 'you cannot change your own role');
  if (!before.provinceId)
    throw badInput('id', 'only a role in a province is changed; grant a global role instead');
  if (before.role === role && before.unitId === unitId)
    throw badInput('role', 'is the role the person holds');
  await assertSecretariatRemains(ctx, before);
  // Logged as what happened: the old role withdrawn, the new one given.
  await userRepository.revokeRole(id);
  await audit(ctx, 'role.revoke', before, { before });
  return assignRole(ctx, before.userId, role, unitId);
}

/**
 * Disables or enables an account. A province admin reaches only the users holding a role in the request's
 * province (others are reported as absent), never a platform admin, and only accounts with no role elsewhere; a
 * platform admin reaches everyone.
 */
export async function setUserDisabled(
  ctx: GraphQLContext,
  userId: string,
  disabled: boolean,
  reasonInput: string,
): Promise<User> {
  if (!isUuid(userId)) throw badInput('userId', 'must be a user id');
  const reason = reasonInput.trim();
  if (!reason) throw badInput('reason', 'is required');
  if (reason.length > 500) throw badInput('reason', 'must be at most 500 characters');
  if (userId === ctx.principal!.userId)
    throw badInput('userId', 'you cannot disable or enable your own account');

  const target = await ctx.loaders.user.load(userId);
  const roles = target ? await userRepository.rolesOf([userId]) : [];
  if (!isPlatformAdmin(ctx)) {
    const provinceId = ctx.access?.provinceId;
    if (!target || !provinceId || !roles.some((r) => r.provinceId === provinceId))
      throw notFound('User', userId);
    if (roles.some((r) => r.role === 'PLATFORM_ADMIN'))
      throw forbidden('Only a PLATFORM_ADMIN may disable or enable a platform admin');
    // An account is the person's everywhere: one province's secretariat does not lock them out of another's (nor
    // of a national role), nor lift another's lock. It ends their access here by removing the roles it gave
    // (revokeRole). Saying why tells it that the person has a role elsewhere, never where or which.
    if (roles.some((r) => r.provinceId !== provinceId))
      throw conflict(
        "the account also holds roles outside this province: remove its roles here to end its access; only the platform's operators disable or enable the account",
      );
  } else if (!target) {
    throw notFound('User', userId);
  }

  // A province's secretariat does not lock out the province's last one (the platform's operators may: they are
  // the way back for a province left without one, and may need to lock a stolen account at once).
  if (disabled && !isPlatformAdmin(ctx))
    for (const r of roles)
      if (r.provinceId === ctx.access?.provinceId) await assertSecretariatRemains(ctx, r);
  const before = target!.disabledAt;
  const user = (await userRepository.setDisabled(userId, disabled))!;
  const sessionsEnded = disabled ? await sessionRepository.revokeAllOf(userId, 'account disabled') : 0;
  await auditRepository.appendPlatform({
    actorUserId: ctx.principal!.userId,
    action: disabled ? 'user.disable' : 'user.enable',
    entityType: 'User',
    entityId: userId,
    before: { disabledAt: before },
    after: { disabledAt: user.disabledAt, reason, sessionsEnded, provinceId: ctx.access?.provinceId ?? null },
    requestId: ctx.requestId,
  });
  return user;
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

/**
 * A new account's e-mail and name as stored and its password checked and hashed (createUser, createProvince's
 * first administrator); a weak password is refused on `${prefix}password`.
 */
export async function newAccount(input: { email: string; fullName: string; password: string }, prefix = '') {
  const email = input.email.trim().toLowerCase();
  const fullName = input.fullName.trim();
  const weak = passwordProblem(input.password, { email, fullName });
  if (weak) throw badInput(`${prefix}password`, weak);
  return { email, fullName, passwordHash: await hashPassword(input.password) };
}
