import type { Config } from '@thidua/config';
import {
  afterRelease,
  auditRepository,
  holdsConnection,
  loginThrottleRepository,
  runInTransaction,
  sessionRepository,
  userRepository,
  type LoginThrottleLimits,
  type User,
} from '@thidua/db';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from '@thidua/domain';
import type { DataSource } from 'typeorm';
import { appError, badInput, unauthenticated } from '../common/errors';
import type { PrincipalCache } from './principal-cache';
import { newRefreshToken, hashRefreshToken, type TokenService } from './tokens';

/** To someone who gave the right password for a disabled account (and to no one else). */
export const DISABLED_MESSAGE = "This account is disabled: ask your province's secretariat";

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
  sessionId: string;
}

export class AuthService {
  constructor(
    private readonly config: Config,
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly principals: Pick<PrincipalCache, 'changedHere'>,
  ) {}

  /**
   * The same answer and the same work for an unknown email and a wrong password, so sign-in reveals no
   * accounts. A failure is recorded after the request's transaction, which rolls back with the error, has
   * released its connection; whether it reaches the lock is known from the count read here.
   */
  async login(
    emailInput: string,
    password: string,
    requestId: string,
    /** The client (socket address) the failures are counted against, with the email. */
    client: string,
  ): Promise<IssuedTokens> {
    const email = emailInput.trim().toLowerCase();
    const limits = this.throttleLimits();
    const [throttle, user] = await this.beforePasswordCheck(() =>
      Promise.all([
        loginThrottleRepository.status(email, client, limits),
        userRepository.findForLogin(email),
      ]),
    );
    if (throttle.lockedUntil) throw this.locked(throttle.lockedUntil);

    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) {
      this.separately(() => loginThrottleRepository.recordFailure(email, client, limits));
      if (throttle.remaining <= 1) throw this.locked(new Date(Date.now() + limits.lockSeconds * 1000));
      // Warned before the lock, not only by it (counted for unknown addresses alike: it reveals no account).
      const attemptsLeft = throttle.remaining - 1;
      if (attemptsLeft <= 2)
        throw appError('UNAUTHENTICATED', 'Wrong email or password', {
          attemptsLeft,
          lockMinutes: Math.ceil(limits.lockSeconds / 60),
        });
      throw unauthenticated('Wrong email or password');
    }
    // Said only to someone who knows the password: to anyone else a disabled account answers as above.
    if (user.disabledAt) throw unauthenticated(DISABLED_MESSAGE);
    await loginThrottleRepository.clear(email, client);
    const refreshExpiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    const session = await sessionRepository.create(user.id, refreshExpiresAt);
    const refresh = newRefreshToken();
    await sessionRepository.addRefreshToken(session.id, refresh.hash, refreshExpiresAt);
    await auditRepository.appendPlatform({
      actorUserId: user.id,
      action: 'auth.login',
      entityType: 'User',
      entityId: user.id,
      requestId,
    });
    return this.issue(user, session.id, refresh.token, refreshExpiresAt);
  }

  /**
   * Rotates: the presented token is spent, a new one is issued in the same family (session). A token presented
   * again because its answer was lost is spent again within REFRESH_REUSE_GRACE_SECONDS (see spendRefreshToken).
   */
  async refresh(refreshToken: string, requestId: string): Promise<IssuedTokens> {
    const next = newRefreshToken();
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    const outcome = await sessionRepository.spendRefreshToken(
      hashRefreshToken(refreshToken),
      { hash: next.hash, expiresAt },
      this.config.REFRESH_REUSE_GRACE_SECONDS,
    );
    if (outcome.kind === 'reused') {
      // Someone holds a copy of a spent token: end the whole family, for the thief and the owner alike.
      // This gateway forgets the session's principal once the revocation is committed (others: its notification).
      this.separately(
        () => sessionRepository.revoke(outcome.sessionId, 'refresh token reused'),
        () => this.principals.changedHere(),
      );
      throw unauthenticated('This refresh token was already used: the session has been ended, sign in again');
    }
    if (outcome.kind !== 'rotated') throw unauthenticated('Invalid or expired refresh token: sign in again');
    const [user] = await userRepository.byIds([outcome.userId]);
    if (!user || user.disabledAt) throw unauthenticated('This account is disabled');
    // A thief who refreshed first and the owner answered this way would pass unseen: the audit says it happened.
    if (outcome.lostAnswer)
      await auditRepository.appendPlatform({
        actorUserId: user.id,
        action: 'auth.refresh.lost_answer',
        entityType: 'User',
        entityId: user.id,
        after: { sessionId: outcome.sessionId },
        requestId,
      });
    return this.issue(user, outcome.sessionId, next.token, expiresAt);
  }

  /**
   * The signed-in user's own password: the current one is checked (a wrong one is simply refused, it is their
   * own account), the new one must meet the policy; every other session of the user ends, this one stays.
   */
  async changePassword(
    principal: { userId: string; email: string; fullName: string },
    sessionId: string,
    currentPassword: string,
    newPassword: string,
    requestId: string,
  ): Promise<void> {
    if (!currentPassword) throw badInput('currentPassword', 'is required');
    const weak = passwordProblem(newPassword, { email: principal.email, fullName: principal.fullName });
    if (weak) throw badInput('newPassword', weak);
    const user = await userRepository.findForLogin(principal.email);
    if (!user || user.id !== principal.userId) throw unauthenticated();
    if (!(await verifyPassword(currentPassword, user.passwordHash)))
      throw badInput('currentPassword', 'is not your current password');
    await userRepository.setPasswordHash(user.id, await hashPassword(newPassword));
    const ended = await sessionRepository.revokeAllOf(user.id, 'password changed', sessionId);
    await auditRepository.appendPlatform({
      actorUserId: user.id,
      action: 'user.password.change',
      entityType: 'User',
      entityId: user.id,
      after: { otherSessionsEnded: ended },
      requestId,
    });
  }

  async logout(sessionId: string): Promise<void> {
    await sessionRepository.revoke(sessionId, 'logout');
  }

  /** The tokens' answer; the refresh token is already stored. */
  private async issue(
    user: User,
    sessionId: string,
    refreshToken: string,
    refreshExpiresAt: Date,
  ): Promise<IssuedTokens> {
    const access = await this.tokens.signAccess({ userId: user.id, sessionId });
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt: refreshExpiresAt,
      user,
      sessionId,
    };
  }

  private throttleLimits(): LoginThrottleLimits {
    return {
      maxFailures: this.config.LOGIN_MAX_FAILURES,
      clientMaxFailures: this.config.LOGIN_CLIENT_MAX_FAILURES,
      emailMaxFailures: this.config.LOGIN_EMAIL_MAX_FAILURES,
      lockSeconds: this.config.LOGIN_LOCK_SECONDS,
    };
  }

  private locked(until: Date) {
    return appError('RATE_LIMITED', `Too many failed sign-ins: try again after ${until.toISOString()}`, {
      retryAfter: until.toISOString(),
    });
  }

  /**
   * The password check is ~100 ms of CPU, longer while a storm of sign-ins queues for it: reads before it go on
   * a connection handed back at once, so that sign-ins do not sit on the pool meanwhile. When the request already
   * holds its connection (a signed-in caller), they use that one.
   */
  private beforePasswordCheck<T>(reads: () => Promise<T>): Promise<T> {
    if (holdsConnection()) return reads();
    return runInTransaction(this.dataSource, null, reads, { autocommit: true });
  }

  /**
   * A platform transaction of its own that the request's rollback does not undo, run once the request's
   * transaction has released its connection (never two connections held by one request).
   */
  private separately(work: () => Promise<unknown>, committed?: () => void): void {
    afterRelease(async () => {
      await runInTransaction(this.dataSource, null, work);
      committed?.();
    });
  }
}
