import { principalsChangeOnCommit } from '../../auth/principal-cache';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { passwordResetUsable, requestPasswordReset, resetPassword } from './password-reset.service';

/** Longer passwords are refused before any hashing. */
const MAX_PASSWORD = 256;

@Resolver()
export class PasswordResetResolver {
  @Mutation(() => Boolean, {
    description:
      'Emails a one-time link to reset the password when the address has an account. The same answer either ' +
      'way (true); RATE_LIMITED past PASSWORD_RESET_MAX_PER_EMAIL or _PER_CLIENT requests in the window.',
  })
  async requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: GraphQLContext) {
    if (email.length > 254) throw badInput('email', 'must be an email address');
    await requestPasswordReset(ctx.services.config, email, ctx.clientKey);
    return true;
  }

  @Query(() => Boolean, {
    description:
      'Without signing in: whether the emailed link still resets a password (unspent and unexpired). Its 256-bit token tells nothing else.',
  })
  async passwordResetUsable(@Arg('token', () => String) token: string) {
    return passwordResetUsable(token);
  }

  @Mutation(() => Boolean, {
    description:
      'Sets a new password with the emailed link (once, within PASSWORD_RESET_TTL_MINUTES); every session of ' +
      'the account ends.',
  })
  async resetPassword(
    @Arg('token', () => String) token: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (newPassword.length > MAX_PASSWORD)
      throw badInput('newPassword', `must be at most ${MAX_PASSWORD} characters`);
    principalsChangeOnCommit(ctx);
    await resetPassword(token, newPassword, ctx.requestId, ctx.clientKey);
    return true;
  }
}
