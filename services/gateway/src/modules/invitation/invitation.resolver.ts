import { principalsChangeOnCommit } from '../../auth/principal-cache';
import { invitationRepository, userRepository } from '@thidua/db';
import { vietnamDate } from '@thidua/domain';
import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { ADMINS } from '../../common/roles';
import { badInput, conflict, forbidden } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import {
  acceptInvitation,
  createInvitation,
  invitationActor,
  invitationByToken,
  resendInvitation,
  revokeInvitation,
} from './invitation.service';
import {
  AcceptedInvitationType,
  CreateInvitationInput,
  InvitationConnection,
  InvitationFilterInput,
  InvitationPreviewType,
  InvitationType,
} from './invitation.types';

/** Passwords longer than this are refused before any hashing. */
const MAX_PASSWORD = 256;

/** Invitations are the province's: its secretariat (or a platform admin acting in it), in a province in force. */
function assertInvites(ctx: GraphQLContext): void {
  if (ctx.access?.readOnlyReason) throw forbidden(ctx.access.readOnlyReason);
}

function checkId(id: string): string {
  if (!isUuid(id)) throw badInput('id', 'must be an invitation id');
  return id;
}

@Resolver(() => InvitationType)
export class InvitationResolver {
  @Authorized(...ADMINS)
  @Query(() => InvitationConnection, { description: "The province's invitations, newest first." })
  async invitations(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => InvitationFilterInput, { nullable: true }) filter?: InvitationFilterInput,
  ) {
    return toConnection(
      await invitationRepository.list({ ...filter, provinceId: ctx.access!.provinceId }, toPageRequest(page)),
    );
  }

  @Authorized(...ADMINS)
  @Mutation(() => InvitationType, {
    description:
      'Invites a person by email to this province with one role; they set their own password through the ' +
      'emailed link (INVITATION_TTL_DAYS). Inviting an address whose invitation is open again is CONFLICT (resend it); an expired one is sent again.',
  })
  async createInvitation(
    @Arg('input', () => CreateInvitationInput) input: CreateInvitationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    assertInvites(ctx);
    const { invitation, sent } = await createInvitation(invitationActor(ctx), input);
    // The same invitation asked for again while its link still works: nothing is sent, and the person is told so
    // rather than "sent" (an expired one is sent again, with a new link).
    if (!sent)
      throw conflict(
        `an invitation to ${invitation.email} is already open since ${vietnamDate(invitation.createdAt)}: send it again from the list of invitations`,
      );
    return invitation;
  }

  @Authorized(...ADMINS)
  @Mutation(() => InvitationType, { description: 'Emails a new link (the previous one stops working).' })
  async resendInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    assertInvites(ctx);
    return resendInvitation(invitationActor(ctx), checkId(id));
  }

  @Authorized(...ADMINS)
  @Mutation(() => InvitationType, { description: 'Its link stops working at once.' })
  async revokeInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    assertInvites(ctx);
    return revokeInvitation(invitationActor(ctx), checkId(id));
  }

  @Query(() => InvitationPreviewType, {
    description: 'For the invitee, without signing in: what the emailed link invites them to.',
  })
  async invitationByToken(@Arg('token', () => String) token: string, @Ctx() ctx: GraphQLContext) {
    const invitation = await invitationByToken(token);
    const province = await ctx.loaders.province.load(invitation.provinceId);
    return {
      ...invitation,
      provinceName: province?.name ?? '',
      provinceKind: province?.kind ?? 'PROVINCE',
      hasAccount: !!(await userRepository.byEmail(invitation.email)),
    };
  }

  @Mutation(() => AcceptedInvitationType, {
    description:
      'Accepts the emailed invitation, without signing in: a new account with the password chosen here (the ' +
      'policy applies), or the role added to an existing account of the address (password and name unchanged).',
  })
  async acceptInvitation(
    @Arg('token', () => String) token: string,
    @Arg('fullName', () => String) fullName: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (password.length > MAX_PASSWORD)
      throw badInput('password', `must be at most ${MAX_PASSWORD} characters`);
    if (fullName.length > 200) throw badInput('fullName', 'must be at most 200 characters');
    principalsChangeOnCommit(ctx);
    return acceptInvitation(token, { fullName, password }, ctx.requestId);
  }
}
