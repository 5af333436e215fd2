import type { Role } from '@thidua/domain';
import type { EntityManager } from 'typeorm';
import { AuthSession, Province, RefreshToken } from '../entities';
import { currentManager, preparedQuery } from '../tenancy/tenant-context';
import { returning } from './sql';

export interface SessionPrincipal {
  userId: string;
  email: string;
  fullName: string;
  roles: { id: string; role: Role; provinceId: string | null; unitId: string | null }[];
}

/** The province a request acts in, read with the principal (one round trip on every request). */
export interface PrincipalLookup {
  principal: SessionPrincipal | null;
  province: Province | null;
  /** When the session ends by itself (null with no principal): a cached principal is checked against it. */
  sessionExpiresAt: Date | null;
}

export type RefreshOutcome =
  /** `lostAnswer`: a spent token taken for an answer its browser never received (spent again, see below). */
  | { kind: 'rotated'; sessionId: string; userId: string; lostAnswer: boolean }
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'reused'; sessionId: string };

/** Exported for the benchmark's floor, which sends the gateway's very statements. */
export const PRINCIPAL_SQL = `SELECT u.email, u.full_name, r.id, r.role, r.province_id, r.unit_id, s.expires_at,
         (SELECT to_jsonb(p) FROM province p WHERE p.id = $3) AS province
       FROM auth_session s
       JOIN app_user u ON u.id = s.user_id AND u.disabled_at IS NULL
       LEFT JOIN role_assignment r ON r.user_id = u.id
       WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`;

/** Spends a token nobody has presented yet; false when it was presented meanwhile. */
async function spendUnused(m: EntityManager, tokenHash: Buffer): Promise<boolean> {
  const rows = await returning(
    m,
    `UPDATE refresh_token SET used_at = clock_timestamp() WHERE token_hash = $1 AND used_at IS NULL RETURNING 1`,
    [tokenHash],
  );
  return rows.length > 0;
}

export const sessionRepository = {
  async create(userId: string, expiresAt: Date): Promise<AuthSession> {
    const repo = (await currentManager()).getRepository(AuthSession);
    return repo.save(repo.create({ userId, expiresAt }));
  },

  async addRefreshToken(sessionId: string, tokenHash: Buffer, expiresAt: Date): Promise<void> {
    await (await currentManager()).getRepository(RefreshToken).insert({ sessionId, tokenHash, expiresAt });
  },

  /**
   * Spends a refresh token for `next`, which is stored in the same transaction. The presented token's row is
   * locked first, so concurrent uses of one token take turns.
   *
   * A token spent less than `graceSeconds` ago whose successor has never been presented is an answer that never
   * reached its browser (the page reloaded, the connection dropped), not a stolen copy: it is spent again for
   * `next`, and the successor nobody received is spent unused, so a session only ever has one live token. Any
   * other use of a spent token is a reuse, which the caller answers by ending the session.
   */
  async spendRefreshToken(
    tokenHash: Buffer,
    next: { hash: Buffer; expiresAt: Date },
    graceSeconds: number,
  ): Promise<RefreshOutcome> {
    const m = await currentManager();
    const [token] = await m.query<
      {
        session_id: string;
        user_id: string;
        live: boolean;
        used_at: Date | null;
        successor_hash: Buffer | null;
        lost_answer: boolean;
      }[]
    >(
      `SELECT t.session_id, s.user_id, t.used_at, t.successor_hash,
         (t.expires_at > now() AND s.revoked_at IS NULL AND s.expires_at > now()) AS live,
         $2 > 0 AND t.used_at > clock_timestamp() - make_interval(secs => $2) AS lost_answer
       FROM refresh_token t JOIN auth_session s ON s.id = t.session_id
       WHERE t.token_hash = $1
       FOR UPDATE OF t`,
      [tokenHash, graceSeconds],
    );
    if (!token) return { kind: 'unknown' };
    // Spent already: a lost answer only when its successor can still be spent unused, else a reuse.
    if (
      token.used_at &&
      !(token.lost_answer && token.successor_hash && (await spendUnused(m, token.successor_hash)))
    )
      return { kind: 'reused', sessionId: token.session_id };
    await m.query(
      `UPDATE refresh_token SET used_at = coalesce(used_at, clock_timestamp()), successor_hash = $2
       WHERE token_hash = $1`,
      [tokenHash, token.live ? next.hash : null],
    );
    if (!token.live) return { kind: 'expired' };
    await sessionRepository.addRefreshToken(token.session_id, next.hash, next.expiresAt);
    return {
      kind: 'rotated',
      sessionId: token.session_id,
      userId: token.user_id,
      lostAnswer: !!token.used_at,
    };
  },

  async revoke(sessionId: string, reason: string): Promise<void> {
    await (
      await currentManager()
    ).query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  },

  /** Ends every live session of the user, but `exceptSessionId` when given; returns how many ended. */
  async revokeAllOf(userId: string, reason: string, exceptSessionId: string | null = null): Promise<number> {
    const rows = await returning<{ id: string }>(
      await currentManager(),
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
       WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)
       RETURNING id`,
      [userId, reason, exceptSessionId],
    );
    return rows.length;
  },

  /**
   * One statement per request: the session is live, the user enabled, their roles now (not at sign-in), and
   * the province the request asks to act in.
   */
  async principal(
    sessionId: string,
    userId: string,
    provinceId: string | null = null,
  ): Promise<PrincipalLookup> {
    const rows: {
      email: string;
      full_name: string;
      id: string | null;
      role: Role | null;
      province_id: string | null;
      unit_id: string | null;
      expires_at: Date;
      province: Record<string, string | null> | null;
    }[] = await preparedQuery(
      // Named: sent on every request, planned once per connection.
      'session_principal',
      PRINCIPAL_SQL,
      [sessionId, userId, provinceId],
    );
    const first = rows[0];
    if (!first) return { principal: null, province: null, sessionExpiresAt: null };
    const p = first.province;
    return {
      sessionExpiresAt: first.expires_at,
      principal: {
        userId,
        email: first.email,
        fullName: first.full_name,
        roles: rows
          .filter((r) => r.id && r.role)
          .map((r) => ({ id: r.id!, role: r.role!, provinceId: r.province_id, unitId: r.unit_id })),
      },
      province: p
        ? Object.assign(new Province(), {
            id: p.id,
            code: p.code,
            name: p.name,
            nameSearch: p.name_search,
            kind: p.kind,
            validFrom: p.valid_from,
            validTo: p.valid_to,
            createdAt: new Date(p.created_at!),
            updatedAt: new Date(p.updated_at!),
          })
        : null,
    };
  },

  async purgeExpired(): Promise<number> {
    const result: [unknown[], number] = await (
      await currentManager()
    ).query(
      `DELETE FROM auth_session WHERE expires_at < now() - interval '1 day'
         OR revoked_at < now() - interval '1 day'`,
    );
    return result[1];
  },
};

/** How many failed sign-ins lock what, within a window of `lockSeconds` (LOGIN_* in the configuration). */
export interface LoginThrottleLimits {
  /** One email from one client: locks that pair. */
  maxFailures: number;
  /** One client across every email: locks the client. */
  clientMaxFailures: number;
  /** One email across every client: from then on only clients that have not failed may try it. */
  emailMaxFailures: number;
  lockSeconds: number;
}

/**
 * Failed sign-ins, counted three ways in `login_throttle`: per (email, client), per client across every email
 * (email ''), per email across every client (client ''). A client is the socket's address. Someone else's failures
 * on your email lock their pair or their client, not you: you can still sign in from a client that has not failed.
 * Brute force on one account stays bounded all the same: past the per-email ceiling, a client that fails even once
 * is locked for that email.
 */
export const loginThrottleRepository = {
  /**
   * Whether this client may try this email now (`lockedUntil` when not), and how many more failures it has before
   * a lock (`remaining`: 1 means the next failure locks).
   */
  async status(
    email: string,
    client: string,
    limits: LoginThrottleLimits,
  ): Promise<{ lockedUntil: Date | null; remaining: number }> {
    const rows: { email: string; client: string; locked_until: Date | null; failures: number }[] = await (
      await currentManager()
    ).query(
      `SELECT email, client, CASE WHEN locked_until > now() THEN locked_until END AS locked_until,
         CASE WHEN window_started_at >= now() - make_interval(secs => $3) THEN failures ELSE 0 END AS failures
       FROM login_throttle WHERE (email, client) IN (($1, $2), ('', $2), ($1, ''))`,
      [email, client, limits.lockSeconds],
    );
    const row = (e: string, c: string) => rows.find((r) => r.email === e && r.client === c);
    const pair = row(email, client);
    const wide = row('', client);
    const global = row(email, '');
    // A client "has failed" while its pair or its client-wide count holds a failure or a lock.
    const failed = [pair, wide].some((r) => r && (r.failures > 0 || r.locked_until));
    const locks = [pair?.locked_until, wide?.locked_until, failed ? global?.locked_until : null].filter(
      (d): d is Date => !!d,
    );
    const lockedUntil = locks.length ? new Date(Math.max(...locks.map((d) => d.getTime()))) : null;
    const remaining = Math.min(
      limits.maxFailures - (pair?.failures ?? 0),
      limits.clientMaxFailures - (wide?.failures ?? 0),
      global?.locked_until ? 1 : limits.emailMaxFailures - (global?.failures ?? 0),
    );
    return { lockedUntil, remaining: Math.max(remaining, 1) };
  },

  /**
   * Counts a failure on the pair, the client and the email, each in its window of `lockSeconds`; a count that
   * reaches its limit locks for `lockSeconds`. Returns the lock that now applies to this client, if any.
   */
  async recordFailure(email: string, client: string, limits: LoginThrottleLimits): Promise<Date | null> {
    const m = await currentManager();
    await m.query(
      `INSERT INTO login_throttle AS t (email, client, failures, window_started_at)
       VALUES ($1, $2, 1, now()), ('', $2, 1, now()), ($1, '', 1, now())
       ON CONFLICT (email, client) DO UPDATE SET
         failures = CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN 1 ELSE t.failures + 1 END,
         window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => $3) THEN now() ELSE t.window_started_at END`,
      [email, client, limits.lockSeconds],
    );
    const locked = await returning<{ locked_until: Date }>(
      m,
      `UPDATE login_throttle SET locked_until = now() + make_interval(secs => $3), failures = 0, window_started_at = now()
       WHERE (email, client) IN (($1, $2), ('', $2), ($1, ''))
         AND failures >= CASE WHEN email = '' THEN $5::int WHEN client = '' THEN $6::int ELSE $4::int END
       RETURNING locked_until`,
      [
        email,
        client,
        limits.lockSeconds,
        limits.maxFailures,
        limits.clientMaxFailures,
        limits.emailMaxFailures,
      ],
    );
    return locked[0]?.locked_until ?? null;
  },

  /**
   * A successful sign-in, or a password reset through the emailed link (it proves the mailbox), clears its own
   * pair only: the client's and the email's counts run out with their window, and other clients' locks on the
   * email stay.
   */
  async clear(email: string, client: string): Promise<void> {
    await (
      await currentManager()
    ).query(`DELETE FROM login_throttle WHERE email = $1 AND client = $2`, [email, client]);
  },
};
