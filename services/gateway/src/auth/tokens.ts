import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { GraphQLError } from 'graphql';
import { unauthenticated } from '../common/errors';

const isUuid = (v: unknown): v is string =>
  typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

const ISSUER = 'thidua';
const AUDIENCE = 'thidua-api';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export class TokenService {
  /**
   * Imported once: given the secret's bytes, jose imports them into WebCrypto again on every signature and
   * every verification (a fifth of a verification's own CPU).
   */
  private readonly key: Promise<webcrypto.CryptoKey>;
  /**
   * Tokens already verified, until they expire: a client sends the same token with every request, and its
   * signature cannot change. Bounded; the session itself is still checked in the database on every request.
   */
  private readonly verified = new Map<string, AccessClaims & { expiresAtMs: number }>();

  constructor(
    secret: string,
    private readonly accessTtlSeconds: number,
    private readonly maxVerified = 10_000,
  ) {
    this.key = webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    // Its failure (an unusable secret) is the first signature's or verification's to report.
    this.key.catch(() => undefined);
  }

  async signAccess(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.accessTtlSeconds * 1000);
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await this.key);
    return { token, expiresAt };
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return { userId: known.userId, sessionId: known.sessionId };
    if (known) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      // Signed but not ours to read: a user or session id that is not a UUID never reaches the database.
      if (!isUuid(payload.sub) || !isUuid(payload.sid) || typeof payload.exp !== 'number')
        throw unauthenticated('Malformed token');
      const claims = { userId: payload.sub, sessionId: payload.sid };
      if (this.verified.size >= this.maxVerified) this.verified.clear();
      this.verified.set(token, { ...claims, expiresAtMs: payload.exp * 1000 });
      return claims;
    } catch (e) {
      if (e instanceof GraphQLError) throw e;
      if (e instanceof errors.JWTExpired)
        throw unauthenticated('Your session token has expired: refresh it or sign in again');
      throw unauthenticated('Invalid token');
    }
  }
}

/** Refresh tokens are opaque random strings; only their hash is stored, so a database leak reveals none. */
export function newRefreshToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
