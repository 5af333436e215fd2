import type { Config } from '@thidua/config';
import {
  auditRepository,
  loginThrottleRepository,
  passwordResetRepository,
  sessionRepository,
  userRepository,
} from '@thidua/db';
import { hashOneTimeToken, hashPassword, passwordProblem, verifyPassword } from '@thidua/domain';
import { enqueueJob, jobId } from '@thidua/jobs';
import { appError, badInput, unauthenticated } from '../../common/errors';
import { DISABLED_MESSAGE } from '../../auth/auth.service';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Records a request to reset the password of `emailInput` and schedules its email. The gateway never looks the
 * address up: the request is recorded and the job enqueued the same way whether or not an account has it, so the
 * answer, its status and its timing say nothing about the address (the worker decides whether to send). Throttled
 * per address and per client within PASSWORD_RESET_WINDOW_SECONDS, counted from these same records.
 */
export async function requestPasswordReset(
  config: Config,
  emailInput: string,
  client: string,
): Promise<void> {
  const email = emailInput.trim().toLowerCase();
  if (!email) throw badInput('email', 'is required');
  if (!EMAIL.test(email) || email.length > 254) throw badInput('email', 'must be an email address');
  const window = config.PASSWORD_RESET_WINDOW_SECONDS;
  const recent = await passwordResetRepository.recent(email, client, window);
  if (
    recent.email >= config.PASSWORD_RESET_MAX_PER_EMAIL ||
    recent.client >= config.PASSWORD_RESET_MAX_PER_CLIENT
  ) {
    const until = new Date((recent.oldest?.getTime() ?? Date.now()) + window * 1000);
    throw appError(
      'RATE_LIMITED',
      `Too many password reset requests: try again after ${until.toISOString()}`,
      {
        retryAfter: until.toISOString(),
      },
    );
  }
  const id = await passwordResetRepository.create(
    email,
    client,
    new Date(Date.now() + config.PASSWORD_RESET_TTL_MINUTES * 60_000),
  );
  await enqueueJob(
    'send-account-email',
    { kind: 'password-reset', id },
    { jobId: jobId('send-account-email', 'password-reset', id) },
  );
}

const LINK_UNUSABLE = 'this link has expired or was already used: ask for a new one';

/**
 * Whether an emailed link still resets a password: its page says so before a new password is typed. A link to
 * an account disabled since is refused with the reason, as resetting would be.
 */
export async function passwordResetUsable(token: string): Promise<boolean> {
  const link =
    token && token.length <= 100 ? await passwordResetRepository.usable(hashOneTimeToken(token)) : null;
  if (!link) return false;
  const [user] = await userRepository.byIds([link.userId]);
  if (user?.disabledAt) throw unauthenticated(DISABLED_MESSAGE);
  return !!user;
}

/**
 * Sets a new password through an emailed link: the link is spent (with every other of the account's), every
 * session of the account ends. A password refused by the policy leaves the link usable, so the person can try
 * another.
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  requestId: string,
  /** The resetting client (socket address): its sign-in lock on the account ends with the reset. */
  client: string,
): Promise<void> {
  const link =
    token && token.length <= 100 ? await passwordResetRepository.usable(hashOneTimeToken(token)) : null;
  if (!link) throw badInput('token', LINK_UNUSABLE);
  const [user] = await userRepository.byIds([link.userId]);
  if (!user) throw badInput('token', LINK_UNUSABLE);
  if (user.disabledAt) throw unauthenticated(DISABLED_MESSAGE);
  const weak = passwordProblem(newPassword, { email: user.email, fullName: user.fullName });
  if (weak) throw badInput('newPassword', weak);
  // A reset is for a password lost or in other hands: the same one again is not a new one.
  const current = (await userRepository.findForLogin(user.email))?.passwordHash;
  if (current && (await verifyPassword(newPassword, current)))
    throw badInput('newPassword', 'must differ from the current password');
  const passwordHash = await hashPassword(newPassword);
  if (!(await passwordResetRepository.spend(link.id, user.id))) throw badInput('token', LINK_UNUSABLE);
  await userRepository.setPasswordHash(user.id, passwordHash);
  const ended = await sessionRepository.revokeAllOf(user.id, 'password reset');
  // The resetting client signs in at once with the new password; a guesser elsewhere stays locked.
  await loginThrottleRepository.clear(user.email.toLowerCase(), client);
  await auditRepository.appendPlatform({
    actorUserId: user.id,
    action: 'user.password.reset',
    entityType: 'User',
    entityId: user.id,
    after: { sessionsEnded: ended },
    requestId,
  });
}
