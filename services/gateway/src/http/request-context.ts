import { provinceRepository, sessionRepository } from '@thidua/db';
import { vietnamToday } from '@thidua/domain';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { provinceAccess } from '../auth/access';
import type { AccessClaims } from '../auth/tokens';
import { badInput, forbidden, notFound, unauthenticated } from '../common/errors';
import type { GraphQLContext } from '../context';
import { createLoaders, isUuid } from '../loaders';
import type { GatewayServices } from '../services';

/** An error that ends the request before GraphQL runs, with its HTTP status. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: GraphQLError,
  ) {
    super(error.message);
  }
}

/** The same sign-in and province rules for HTTP requests and WebSocket subscriptions. */
export async function verifyBearer(services: GatewayServices, header: unknown): Promise<AccessClaims | null> {
  if (header === undefined || header === null || header === '') return null;
  const match = typeof header === 'string' ? /^Bearer (.+)$/i.exec(header) : null;
  if (!match) throw new HttpFailure(401, unauthenticated('Authorization must be "Bearer <access token>"'));
  try {
    return await services.tokens.verifyAccess(match[1]!);
  } catch (e) {
    throw new HttpFailure(401, e as GraphQLError);
  }
}

export function parseProvince(header: unknown): string | null {
  if (header === undefined || header === null || header === '') return null;
  if (typeof header !== 'string' || !isUuid(header))
    throw new HttpFailure(400, badInput('x-province-id', 'must be a province id'));
  return header;
}

export function newContext(
  services: GatewayServices,
  requestId: string,
  logger: Logger,
  claims: AccessClaims | null,
  clientKey = 'unknown',
): GraphQLContext {
  return {
    requestId,
    clientKey,
    logger,
    principal: null,
    sessionId: claims?.sessionId ?? null,
    access: null,
    loaders: createLoaders(),
    services,
    outcome: { failed: false },
    afterCommit: [],
  };
}

/**
 * Loads the user's live roles (through the principal cache: a revoked role or ended session stops working as soon
 * as the database's notification arrives, at once when the cache is off) and decides what they may do in the
 * chosen province. Runs inside the request's transaction.
 */
export async function authorize(
  ctx: GraphQLContext,
  claims: AccessClaims | null,
  provinceId: string | null,
): Promise<void> {
  let province = null;
  if (claims) {
    const found = await ctx.services.principals.lookup(claims.sessionId, claims.userId, provinceId, () =>
      sessionRepository.principal(claims.sessionId, claims.userId, provinceId),
    );
    ctx.principal = found.principal;
    if (!ctx.principal) throw new HttpFailure(401, unauthenticated('Your session has ended: sign in again'));
    if (found.province) ctx.loaders.province.prime(found.province.id, found.province);
    province = found.province;
  }
  if (!provinceId) return;
  province ??= await ctx.loaders.province.load(provinceId);
  if (!province) throw new HttpFailure(404, notFound('Province', provinceId));
  if (!ctx.principal) throw new HttpFailure(401, unauthenticated('Sign in to act in a province'));
  const needsLineage = !ctx.principal.roles.some((r) => r.provinceId === provinceId || r.provinceId === null);
  const lineage = needsLineage ? await provinceRepository.lineageEdges() : [];
  ctx.access = provinceAccess(ctx.principal, province, lineage, vietnamToday());
  if (!ctx.access)
    throw new HttpFailure(403, forbidden(`You hold no role in ${province.name} (${province.code})`));
}
