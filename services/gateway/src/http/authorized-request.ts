import type { IncomingMessage, ServerResponse } from 'node:http';
import { runInTransaction } from '@thidua/db';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { appError, forbidden } from '../common/errors';
import type { GraphQLContext } from '../context';
import type { GatewayServices } from '../services';
import { authorize, HttpFailure, newContext, parseProvince, verifyBearer } from './request-context';

/**
 * HTTP routes beside GraphQL that need the same sign-in and province as /graphql (file uploads and downloads,
 * reports): `Authorization: Bearer <access token>` and `x-province-id`. A header, not a cookie, so a cross-site
 * form or link cannot act for the person (no CSRF), and the role check follows the GraphQL roles.
 */
export interface RouteRequest {
  claims: Awaited<ReturnType<typeof verifyBearer>>;
  provinceId: string;
  requestId: string;
  log: Logger;
}

export async function readRouteRequest(
  services: GatewayServices,
  req: IncomingMessage,
  requestId: string,
  logger: Logger,
): Promise<RouteRequest> {
  const claims = await verifyBearer(services, req.headers.authorization);
  if (!claims) throw new HttpFailure(401, appError('UNAUTHENTICATED', 'Sign in first'));
  const provinceId = parseProvince(req.headers['x-province-id']);
  if (!provinceId)
    throw new HttpFailure(
      400,
      appError('BAD_USER_INPUT', 'choose the province with the x-province-id header'),
    );
  return { claims, provinceId, requestId, log: logger.child({ requestId }) };
}

/**
 * Runs `work` in the province's transaction (RLS on) as the signed-in user, with one of `roles` there; a
 * mutation (`writes`) is refused in a province that is read-only to the user. The context's after-commit
 * hooks run once it committed.
 */
export async function inProvince<T>(
  services: GatewayServices,
  dataSource: DataSource,
  r: RouteRequest,
  opts: { roles: readonly string[]; writes: boolean },
  work: (ctx: GraphQLContext) => Promise<T>,
): Promise<T> {
  const ctx = newContext(services, r.requestId, r.log, r.claims);
  const result = await runInTransaction(dataSource, r.provinceId, async () => {
    await authorize(ctx, r.claims, r.provinceId);
    const access = ctx.access!;
    if (!opts.roles.some((role) => access.roles.has(role as never)))
      throw new HttpFailure(403, forbidden(`You need the role ${opts.roles.join(' or ')} in this province`));
    if (opts.writes && access.readOnlyReason) throw new HttpFailure(403, forbidden(access.readOnlyReason));
    return work(ctx);
  });
  for (const hook of ctx.afterCommit) await Promise.resolve(hook()).catch(() => undefined);
  return result;
}

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 409,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  RATE_LIMITED: 429,
};

/** The error as JSON in the GraphQL errors shape, with its HTTP status; anything unexpected is logged as 500. */
export function sendRouteFailure(res: ServerResponse, e: unknown, log: Logger): void {
  let status: number;
  let error: GraphQLError;
  if (e instanceof HttpFailure) [status, error] = [e.status, e.error];
  else if (e instanceof GraphQLError && typeof e.extensions?.code === 'string')
    [status, error] = [STATUS[e.extensions.code] ?? 400, e];
  else {
    log.error({ err: e }, 'route failed');
    [status, error] = [500, appError('INTERNAL_SERVER_ERROR', 'Internal error: it has been logged')];
  }
  if (res.headersSent) return void res.destroy();
  const { http: _http, ...extensions } = error.extensions;
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions }] }));
}
