import type { IncomingMessage, ServerResponse } from 'node:http';
import { runInTransaction } from '@thidua/db';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { appError, badInput, unauthenticated } from '../common/errors';
import type { GatewayServices } from '../services';
import { HttpFailure, verifyBearer } from './request-context';

/** The refresh token's cookie: HttpOnly (no script reads it), sent only to /auth on this origin. */
export const REFRESH_COOKIE = 'thidua_rt';
/** Every /auth request must carry it: a header a cross-site form or image cannot send without a preflight. */
export const WEB_HEADER = 'x-thidua-web';

/**
 * Sign-in for the web application. The access token stays in the page's memory; the refresh token lives in
 * an HttpOnly, SameSite=Strict cookie limited to /auth, so no script (nor an XSS) can read it. The routes
 * refuse anything but a same-origin JSON POST with the x-thidua-web header: a cross-site form post cannot
 * set either, so it cannot sign anyone in or out (login CSRF) nor spend their refresh token.
 *
 *   POST /auth/login   {email, password} → {accessToken, accessTokenExpiresAt}, sets the cookie
 *   POST /auth/refresh (cookie)          → {accessToken, accessTokenExpiresAt}, rotates the cookie
 *   POST /auth/logout  (Bearer)          → ends the session, clears the cookie
 */
export function webAuth(opts: {
  services: GatewayServices;
  dataSource: DataSource;
  logger: Logger;
  bodyLimit: number;
  /** Seconds to wait when the client is over its rate, else 0. */
  rateLimit: (req: IncomingMessage) => number;
  /** Who is asking (the socket's address), for sign-in throttling as on /graphql. */
  clientKey: (req: IncomingMessage) => string;
}) {
  const { services, dataSource, bodyLimit } = opts;
  const secure = services.config.PUBLIC_URL?.startsWith('https:') ?? false;

  const cookie = (value: string, maxAgeSeconds: number) =>
    strictCookie(REFRESH_COOKIE, value, '/auth', maxAgeSeconds, secure);

  return async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    requestId: string,
  ): Promise<void> {
    const log = opts.logger.child({ requestId });
    res.setHeader('cache-control', 'no-store');
    try {
      if (req.method !== 'POST') throw new HttpFailure(405, appError('BAD_REQUEST', 'Use POST'));
      const type = String(req.headers['content-type'] ?? '');
      if (!/^application\/json\b/i.test(type) || req.headers[WEB_HEADER] !== '1')
        throw new HttpFailure(
          400,
          appError('BAD_REQUEST', `Send JSON with the ${WEB_HEADER} header from the web application`),
        );
      const origin = req.headers.origin;
      if (origin && new URL(origin).host !== req.headers.host)
        throw new HttpFailure(403, appError('FORBIDDEN', 'Cross-origin sign-in requests are refused'));
      const retryAfter = opts.rateLimit(req);
      if (retryAfter) {
        res.setHeader('retry-after', String(retryAfter));
        throw new HttpFailure(
          429,
          appError('RATE_LIMITED', `Too many requests: try again in ${retryAfter} s`),
        );
      }
      const body = (await readBody(req, bodyLimit)) as Record<string, unknown>;

      if (pathname === '/auth/login') {
        const email = typeof body.email === 'string' ? body.email : '';
        const password = typeof body.password === 'string' ? body.password : '';
        if (!email.trim()) throw new HttpFailure(400, badInput('email', 'is required'));
        if (!password) throw new HttpFailure(400, badInput('password', 'is required'));
        const issued = await runInTransaction(dataSource, null, () =>
          services.auth.login(email, password, requestId, opts.clientKey(req)),
        );
        res.setHeader(
          'set-cookie',
          cookie(issued.refreshToken, (issued.refreshTokenExpiresAt.getTime() - Date.now()) / 1000),
        );
        return send(res, 200, {
          accessToken: issued.accessToken,
          accessTokenExpiresAt: issued.accessTokenExpiresAt.toISOString(),
        });
      }
      if (pathname === '/auth/refresh') {
        const token = readCookie(req.headers.cookie, REFRESH_COOKIE);
        if (!token) throw new HttpFailure(401, unauthenticated('Not signed in'));
        try {
          const issued = await runInTransaction(dataSource, null, () =>
            services.auth.refresh(token, requestId),
          );
          res.setHeader(
            'set-cookie',
            cookie(issued.refreshToken, (issued.refreshTokenExpiresAt.getTime() - Date.now()) / 1000),
          );
          return send(res, 200, {
            accessToken: issued.accessToken,
            accessTokenExpiresAt: issued.accessTokenExpiresAt.toISOString(),
          });
        } catch (e) {
          // A refused token is forgotten; one that met a failing database is kept for the next try.
          if (e instanceof GraphQLError && e.extensions?.code === 'UNAUTHENTICATED')
            res.setHeader('set-cookie', cookie('', 0));
          throw e;
        }
      }
      if (pathname === '/auth/logout') {
        res.setHeader('set-cookie', cookie('', 0));
        const claims = await verifyBearer(services, req.headers.authorization).catch(() => null);
        if (claims) {
          await runInTransaction(dataSource, null, () => services.auth.logout(claims.sessionId));
          services.principals.changedHere();
        }
        return send(res, 200, { ok: true });
      }
      throw new HttpFailure(404, appError('NOT_FOUND', `No route ${pathname}`));
    } catch (e) {
      const failure =
        e instanceof HttpFailure
          ? e
          : e instanceof GraphQLError && e.extensions?.code
            ? new HttpFailure(
                (e.extensions.http as { status?: number } | undefined)?.status ??
                  (e.extensions.code === 'BAD_USER_INPUT' ? 400 : 401),
                e,
              )
            : null;
      if (!failure) log.error({ err: e }, 'web sign-in failed');
      const error = failure?.error ?? appError('INTERNAL_SERVER_ERROR', 'Internal error: it has been logged');
      const { http: _http, ...extensions } = error.extensions;
      send(res, failure?.status ?? 500, { errors: [{ message: error.message, extensions }] });
    }
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** An HttpOnly, SameSite=Strict cookie sent only to `path` on this origin. */
export function strictCookie(
  name: string,
  value: string,
  path: string,
  maxAgeSeconds: number,
  secure: boolean,
): string {
  return [
    `${name}=${value}`,
    `Path=${path}`,
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=') || null;
  }
  return null;
}

async function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpFailure(413, appError('BAD_REQUEST', `Request body over ${limit} bytes`));
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    throw new HttpFailure(400, appError('BAD_REQUEST', 'The request body is not valid JSON'));
  }
}
