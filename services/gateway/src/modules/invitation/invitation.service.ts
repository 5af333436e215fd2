import {
  auditRepository,
  currentProvinceId,
  invitationRepository,
  unitRepository,
  userRepository,
  type Invitation,
} from '@thidua/db';
import { hashOneTimeToken, hashPassword, passwordProblem, type Role } from '@thidua/domain';
import { enqueueJob, jobId } from '@thidua/jobs';
import { appError, badInput, conflict, missingRef, unauthenticated } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { DISABLED_MESSAGE } from '../../auth/auth.service';

/** The roles a province's secretariat invites people to. */
export const INVITABLE_ROLES = ['UNIT_OFFICER', 'PROVINCE_ADMIN', 'COUNCIL_MEMBER'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** Who invites: the signed-in secretariat, or an import confirmed by them. */
export interface InvitationActor {
  userId: string;
  requestId: string;
  /** How long the link works (INVITATION_TTL_DAYS). */
  ttlDays: number;
}

export interface NewInvitation {
  email: string;
  /** Shown in the email and offered on the acceptance page; the invitee may correct it. */
  fullName?: string | null;
  role: InvitableRole;
  /** Required for UNIT_OFFICER, refused otherwise. */
  unitId?: string | null;
}

export function invitationActor(ctx: GraphQLContext): InvitationActor {
  return {
    userId: ctx.principal!.userId,
    requestId: ctx.requestId,
    ttlDays: ctx.services.config.INVITATION_TTL_DAYS,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Invites a person by email to the current province (the caller's tenant transaction), with one role. The email
 * is sent through the outbox: when the transaction rolls back, nothing is sent. Idempotent: an open invitation of
 * the address with the same role and unit is returned as it is (`created: false, sent: false`), an expired one is
 * sent again (`sent: true`).
 * Refused (errors naming the field): a bad address or role, a unit not of this province, an address that already
 * has an account in this province, an open invitation of the address to another role or unit.
 * The caller checks that the actor may invite here (the province's secretariat).
 */
export async function createInvitation(
  actor: InvitationActor,
  input: NewInvitation,
): Promise<{ invitation: Invitation; created: boolean; sent: boolean }> {
  const provinceId = currentProvinceId();
  const email = input.email.trim().toLowerCase();
  const fullName = input.fullName?.trim() || null;
  const unitId = input.unitId || null;
  if (!EMAIL.test(email) || email.length > 254) throw badInput('email', 'must be an email address');
  if (fullName && fullName.length > 200) throw badInput('fullName', 'must be at most 200 characters');
  if (!INVITABLE_ROLES.includes(input.role))
    throw badInput('role', `must be one of ${INVITABLE_ROLES.join(', ')}`);
  if (input.role === 'UNIT_OFFICER' && !unitId) throw badInput('unitId', 'is required for UNIT_OFFICER');
  if (input.role !== 'UNIT_OFFICER' && unitId) throw badInput('unitId', `${input.role} takes no unitId`);
  const [unit] = unitId ? await unitRepository.byIds([unitId]) : [];
  if (unitId && !unit) throw missingRef('unitId', 'Unit', unitId);

  const existing = await userRepository.byEmail(email);
  if (existing && (await userRepository.rolesOf([existing.id])).some((r) => r.provinceId === provinceId))
    throw conflict(`${email} already has an account in this province: give it the role instead`);

  const open = await invitationRepository.open(provinceId, email);
  if (open) {
    if (open.role !== input.role || open.unitId !== unitId)
      throw conflict(`an invitation to ${email} is already open for another role or unit: revoke it first`);
    if (open.status === 'PENDING') return { invitation: open, created: false, sent: false };
    return { invitation: await resend(actor, open), created: false, sent: true };
  }

  const invitation = await createAndSend(actor, {
    provinceId,
    email,
    fullName,
    role: input.role,
    unitId,
    unitName: unit?.name ?? null,
  });
  await audit(actor, 'invitation.create', invitation);
  return { invitation, created: true, sent: true };
}

/**
 * A new province's first secretariat, invited with the province (createProvince, in its platform transaction):
 * the province has no account yet to clash with, and the platform's audit keeps the act. The operator never
 * learns the password; the person sets it from the e-mailed link.
 */
export async function inviteFirstAdmin(
  actor: InvitationActor,
  provinceId: string,
  person: { email: string; fullName: string },
): Promise<Invitation> {
  return createAndSend(actor, {
    provinceId,
    ...person,
    role: 'PROVINCE_ADMIN',
    unitId: null,
    unitName: null,
  });
}

/** A new invitation, its link e-mailed through the outbox (nothing is sent if the transaction rolls back). */
async function createAndSend(
  actor: InvitationActor,
  fields: Omit<Parameters<typeof invitationRepository.create>[0], 'invitedBy' | 'expiresAt'>,
): Promise<Invitation> {
  const invitation = await invitationRepository.create({
    ...fields,
    invitedBy: actor.userId,
    expiresAt: expiry(actor),
  });
  await send(invitation);
  return invitation;
}

/** A new link (the previous one stops working) and a new expiry, emailed again. Open invitations only. */
export async function resendInvitation(actor: InvitationActor, id: string): Promise<Invitation> {
  const invitation = await openInvitation(id);
  return resend(actor, invitation);
}

export async function revokeInvitation(actor: InvitationActor, id: string): Promise<Invitation> {
  await openInvitation(id);
  const revoked = (await invitationRepository.revoke(id))!;
  await audit(actor, 'invitation.revoke', revoked);
  return revoked;
}

async function openInvitation(id: string): Promise<Invitation> {
  const invitation = await invitationRepository.byId(currentProvinceId(), id);
  if (!invitation) throw appError('NOT_FOUND', `Invitation ${id} was not found`);
  if (invitation.status === 'ACCEPTED' || invitation.status === 'REVOKED')
    throw appError('PRECONDITION_FAILED', `This invitation was already ${invitation.status.toLowerCase()}`);
  return invitation;
}

async function resend(actor: InvitationActor, invitation: Invitation): Promise<Invitation> {
  const renewed = (await invitationRepository.renew(invitation.id, expiry(actor)))!;
  await send(renewed);
  await audit(actor, 'invitation.resend', renewed);
  return renewed;
}

function expiry(actor: InvitationActor): Date {
  return new Date(Date.now() + actor.ttlDays * 86_400_000);
}

/** One job per send: a resend is a new job, a retried one is the same. */
function send(invitation: Invitation): Promise<void> {
  return enqueueJob(
    'send-account-email',
    { kind: 'invitation', id: invitation.id },
    { jobId: jobId('send-account-email', 'invitation', invitation.id, String(invitation.sends)) },
  );
}

async function audit(actor: InvitationActor, action: string, i: Invitation): Promise<void> {
  await auditRepository.append({
    actorUserId: actor.userId,
    action,
    entityType: 'Invitation',
    entityId: i.id,
    after: { email: i.email, role: i.role, unitId: i.unitId, expiresAt: i.expiresAt.toISOString() },
    requestId: actor.requestId,
  });
}

/** What the invitee is told about the link they opened. */
const LINK_UNUSABLE =
  'this link has expired or is no longer valid: ask your province’s secretariat to send a new invitation';

/** The open, unexpired invitation a link opens; anything else is refused with the same message. */
export async function invitationByToken(token: string): Promise<Invitation> {
  const invitation =
    token && token.length <= 100
      ? await invitationRepository.find({ tokenHash: hashOneTimeToken(token) })
      : null;
  if (!invitation || invitation.status !== 'PENDING') throw badInput('token', LINK_UNUSABLE);
  return invitation;
}

/**
 * Accepts an invitation: a new account with the password the invitee chose (the policy applies), or, for an
 * address that already has an account (in another province), the role on that account with its password
 * unchanged. The link works once. Returns the address, for the page to sign in with.
 */
export async function acceptInvitation(
  token: string,
  input: { fullName: string; password: string },
  requestId: string,
): Promise<{ email: string; newAccount: boolean }> {
  const invitation = await invitationByToken(token);
  let user = await userRepository.byEmail(invitation.email);
  const newAccount = !user;
  if (user?.disabledAt) throw unauthenticated(DISABLED_MESSAGE);
  if (!user) {
    const fullName = input.fullName.trim();
    if (fullName.length < 2 || fullName.length > 200) throw badInput('fullName', 'is required');
    const weak = passwordProblem(input.password, { email: invitation.email, fullName });
    if (weak) throw badInput('password', weak);
    user = await userRepository.create({
      email: invitation.email,
      fullName,
      passwordHash: await hashPassword(input.password),
    });
  }
  if (!(await invitationRepository.accept(invitation.id, user.id))) throw badInput('token', LINK_UNUSABLE);
  await userRepository.assignRole({
    userId: user.id,
    role: invitation.role as Role,
    provinceId: invitation.provinceId,
    unitId: invitation.unitId,
  });
  await auditRepository.appendPlatform({
    actorUserId: user.id,
    action: 'invitation.accept',
    entityType: 'Invitation',
    entityId: invitation.id,
    after: {
      provinceId: invitation.provinceId,
      role: invitation.role,
      unitId: invitation.unitId,
      newAccount,
    },
    requestId,
  });
  return { email: invitation.email, newAccount };
}
