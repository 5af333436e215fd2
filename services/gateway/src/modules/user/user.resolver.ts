import { principalsChangeOnCommit } from '../../auth/principal-cache';
import { auditRepository, sessionRepository, User, userRepository } from '@thidua/db';
import type { IssuedTokens } from '../../auth/auth.service';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { checkFirst, firstArgOptions } from '../../common/bounds';
import { PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { badInput, conflict, forbidden, unauthenticated } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { ProvinceType } from '../province/province.types';
import {
  assignRole,
  changeRole,
  isPlatformAdmin,
  newAccount,
  revokeRole,
  setUserDisabled,
} from './user.service';
import {
  AssignRoleInput,
  ChangeRoleInput,
  AuthPayload,
  CreateUserInput,
  RoleAssignmentType,
  UserConnection,
  UserFilterInput,
  UserType,
  LocaleEnum,
} from './user.types';

/** Longer passwords are refused before any hashing (as createUser's input does). */
const MAX_PASSWORD = 256;

@Resolver(() => UserType)
export class UserResolver {
  @Mutation(() => AuthPayload, {
    description: 'Repeated failures lock the email for a while (RATE_LIMITED).',
  })
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (!email.trim()) throw badInput('email', 'is required');
    if (!password) throw badInput('password', 'is required');
    return this.signedIn(ctx, await ctx.services.auth.login(email, password, ctx.requestId, ctx.clientKey));
  }

  @Mutation(() => AuthPayload, {
    description: 'Spends the refresh token and returns new tokens. A reused token ends the session.',
  })
  async refreshToken(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: GraphQLContext) {
    return this.signedIn(ctx, await ctx.services.auth.refresh(refreshToken, ctx.requestId));
  }

  /** From here on the request acts as the user who just signed in, so the payload shows their own roles. */
  private async signedIn(ctx: GraphQLContext, tokens: IssuedTokens) {
    ctx.principal = (await sessionRepository.principal(tokens.sessionId, tokens.user.id)).principal;
    ctx.sessionId = tokens.sessionId;
    return tokens;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends this session: its refresh and access tokens stop working.' })
  async logout(@Ctx() ctx: GraphQLContext) {
    principalsChangeOnCommit(ctx);
    await ctx.services.auth.logout(ctx.sessionId!);
    return true;
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Changes the signed-in user’s password: every other session of theirs ends, this one stays signed in.',
  })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (currentPassword.length > MAX_PASSWORD)
      throw badInput('currentPassword', 'is not your current password');
    if (newPassword.length > MAX_PASSWORD)
      throw badInput('newPassword', `must be at most ${MAX_PASSWORD} characters`);
    if (newPassword === currentPassword)
      throw badInput('newPassword', 'must differ from the current password');
    principalsChangeOnCommit(ctx);
    await ctx.services.auth.changePassword(
      ctx.principal!,
      ctx.sessionId!,
      currentPassword,
      newPassword,
      ctx.requestId,
    );
    return true;
  }

  @Authorized('PLATFORM_ADMIN', 'PROVINCE_ADMIN')
  @Mutation(() => UserType, {
    description:
      'Disables an account (its sessions end at once and it cannot sign in) or enables it again. A province ' +
      'admin acts on the users holding a role in the province, never on a platform admin.',
  })
  async setUserDisabled(
    @Arg('userId', () => ID) userId: string,
    @Arg('disabled', () => Boolean) disabled: boolean,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    principalsChangeOnCommit(ctx);
    return setUserDisabled(ctx, userId, disabled, reason);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Keeps the language the signed-in user reads in (the web's switch): notices and their e-mails follow it.",
  })
  async setMyLocale(@Arg('locale', () => LocaleEnum) locale: 'vi' | 'en', @Ctx() ctx: GraphQLContext) {
    await userRepository.setLocale(ctx.principal!.userId, locale);
    return true;
  }

  @Query(() => UserType, { description: 'The signed-in user.' })
  async me(@Ctx() ctx: GraphQLContext) {
    if (!ctx.principal) throw unauthenticated();
    return ctx.loaders.user.load(ctx.principal.userId);
  }

  @FieldResolver(() => [RoleAssignmentType])
  async roles(
    @Root() user: User,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(500)) first?: number,
  ) {
    const n = checkFirst(first, 500);
    const roles = await ctx.loaders.rolesOfUser.load(user.id);
    // Others see only the roles in the province they share; the user and platform admins see all.
    if (user.id === ctx.principal?.userId || isPlatformAdmin(ctx)) return roles.slice(0, n);
    return roles.filter((r) => r.provinceId && r.provinceId === ctx.access?.provinceId).slice(0, n);
  }

  @FieldResolver(() => [ProvinceType], { description: 'Provinces where the user holds a role.' })
  async provinces(@Root() user: User, @Ctx() ctx: GraphQLContext) {
    const ids = new Set(
      (await this.roles(user, ctx)).map((r) => r.provinceId).filter((id): id is string => !!id),
    );
    return (await ctx.loaders.province.loadMany([...ids])).filter(Boolean);
  }

  @Authorized('PLATFORM_ADMIN', 'PROVINCE_ADMIN')
  @Query(() => UserConnection, {
    description: "Users with a role in the request's province (platform admins: all users).",
  })
  async users(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => UserFilterInput, { nullable: true }) filter?: UserFilterInput,
  ) {
    const provinceId = isPlatformAdmin(ctx) ? undefined : ctx.access!.provinceId;
    return toConnection(await userRepository.list({ ...filter, provinceId }, toPageRequest(page)));
  }

  @Authorized()
  @Mutation(() => UserType)
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext) {
    const platformAdmin = isPlatformAdmin(ctx);
    if (!platformAdmin && !ctx.access?.roles.has('PROVINCE_ADMIN'))
      throw forbidden('Only an admin may create accounts');
    if (!platformAdmin && !input.role) throw badInput('role', 'give the new account a role in this province');
    // Hashed either way: an address that has an account answers after the same work as one that has none.
    const { email, fullName, passwordHash } = await newAccount(input);

    const existing = await userRepository.byEmail(email);
    if (existing) {
      const here = (await userRepository.rolesOf([existing.id])).some(
        (r) => r.provinceId !== null && r.provinceId === ctx.access?.provinceId,
      );
      // Platform admins see every account, and a province admin already sees the accounts of the province.
      if (platformAdmin || here) throw conflict(`an account with the email ${email} already exists`);
      // An account with roles only elsewhere is none of this province's business: the person gets the role on
      // the account they have (their password and name unchanged) and the answer is the one a new account gets,
      // so the admin learns neither that the address exists nor where.
      await auditRepository.appendPlatform({
        actorUserId: ctx.principal!.userId,
        action: 'user.create.existing',
        entityType: 'User',
        entityId: existing.id,
        after: { email, provinceId: ctx.access?.provinceId ?? null },
        requestId: ctx.requestId,
      });
      await assignRole(ctx, existing.id, input.role!, input.unitId ?? null);
      return Object.assign(new User(), { ...existing, email, fullName, disabledAt: null });
    }

    const user = await userRepository.create({ email, fullName, passwordHash });
    await auditRepository.appendPlatform({
      actorUserId: ctx.principal!.userId,
      action: 'user.create',
      entityType: 'User',
      entityId: user.id,
      after: { email, fullName: user.fullName },
      requestId: ctx.requestId,
    });
    if (input.role) await assignRole(ctx, user.id, input.role, input.unitId ?? null);
    return user;
  }

  @Authorized()
  @Mutation(() => RoleAssignmentType)
  async assignRole(@Arg('input', () => AssignRoleInput) input: AssignRoleInput, @Ctx() ctx: GraphQLContext) {
    principalsChangeOnCommit(ctx);
    return assignRole(ctx, input.userId, input.role, input.unitId ?? null);
  }

  @Authorized()
  @Mutation(() => RoleAssignmentType)
  async revokeRole(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    principalsChangeOnCommit(ctx);
    return revokeRole(ctx, id);
  }

  @Authorized()
  @Mutation(() => RoleAssignmentType, {
    description:
      'Replaces one of a person’s roles in this province by another (another unit, another role) in one step: ' +
      'the old role ends as the new one starts, without an invitation. Not one’s own role.',
  })
  async changeRole(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ChangeRoleInput) input: ChangeRoleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    principalsChangeOnCommit(ctx);
    return changeRole(ctx, id, input.role, input.unitId ?? null);
  }
}
