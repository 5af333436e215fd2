import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { runInTransaction } from '@thidua/db';
import { GraphQLError, validate, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import type { GatewayServices } from '../services';
import { appError } from '../common/errors';
import { formatError } from './format-error';
import { checkInput } from './input-guard';
import { checkLimits, parseLimited, type QueryLimits } from './limits';
import type { RateLimiter } from './rate-limit';
import { authorize, HttpFailure, newContext, parseProvince, verifyBearer } from './request-context';
import { clientAddress } from './client-address';

interface Options {
  server: Server;
  schema: GraphQLSchema;
  services: GatewayServices;
  dataSource: DataSource;
  logger: Logger;
  /** The same limits as HTTP operations. */
  limits: QueryLimits;
  /** The HTTP requests' limiter: a connection and each subscription count as one request of the address. */
  limiter: RateLimiter;
  /** formatError as HTTP uses it (in production without graphql-js's "Did you mean" hints). */
  format?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** The WebSocket close code for a connection refused by the rate limiter (4xxx: the application's own). */
export const WS_RATE_LIMITED = 4429;

/**
 * GraphQL subscriptions over graphql-ws on /graphql. The client signs in with connection parameters
 * (`authorization: "Bearer …"`, `x-province-id`), checked with the same rules as HTTP requests.
 */
export function attachSubscriptions({
  server,
  schema,
  services,
  dataSource,
  logger,
  limits,
  limiter,
  format = formatError,
}: Options) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const clientKey = (extra: Extra) => clientAddress(extra.request, services.config.TRUST_PROXY_HOPS);
  const disposable = useServer(
    {
      schema,
      onConnect: (ctx) => {
        const retryAfter = limiter.take(clientKey(ctx.extra));
        if (!retryAfter) return true;
        ctx.extra.socket.close(WS_RATE_LIMITED, `Too many requests: try again in ${retryAfter} s`);
        return false;
      },
      // Sign-in is checked per subscription, so a refusal reaches the client as an error it can read
      // (UNAUTHENTICATED, FORBIDDEN) instead of a dropped socket.
      onSubscribe: async (ctx, _id, payload) => {
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        const requestId = randomUUID();
        const retryAfter = limiter.take(clientKey(ctx.extra));
        if (retryAfter)
          return [
            appError('RATE_LIMITED', `Too many requests: try again in ${retryAfter} s`, { retryAfter }),
          ];
        let document;
        try {
          document = parseLimited(payload.query, limits.maxTokens);
        } catch (e) {
          const error = e as GraphQLError;
          return [
            error.extensions?.code
              ? error
              : new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
          ];
        }
        // Coded as Apollo codes them over HTTP, so they reach the client as such rather than masked as internal.
        const invalid = validate(schema, document).map(
          (e) =>
            new GraphQLError(e.message, {
              nodes: e.nodes,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
        );
        if (invalid.length) return invalid;
        const refused =
          checkLimits(schema, limits, document, payload.operationName, payload.variables) ??
          checkInput(schema, document, payload.operationName, payload.variables);
        if (refused) return [refused];
        try {
          const claims = await verifyBearer(services, params.authorization);
          const provinceId = parseProvince(params['x-province-id']);
          const contextValue = newContext(
            services,
            requestId,
            logger.child({ requestId, transport: 'ws' }),
            claims,
            clientKey(ctx.extra),
          );
          await runInTransaction(dataSource, provinceId, () => authorize(contextValue, claims, provinceId));
          return {
            schema,
            document,
            variableValues: payload.variables,
            operationName: payload.operationName,
            contextValue,
          };
        } catch (e) {
          if (e instanceof HttpFailure) return [e.error];
          throw e;
        }
      },
      // Counted once the operation runs (after onSubscribe accepted it): graphql-ws then always ends it with
      // onComplete (client, server or closed socket); an operation refused in between never reaches onComplete.
      onOperation: () => void services.metrics.subscriptionStarted(),
      onComplete: () => services.metrics.subscriptionEnded(),
      onError: (_ctx, _id, _payload, errors) => {
        for (const e of errors)
          if (!(e instanceof GraphQLError) || !e.extensions?.code)
            logger.error({ err: e }, 'subscription error');
        return errors.map((e) => format(e.toJSON(), e)) as GraphQLError[];
      },
    },
    wss,
  );
  return {
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
