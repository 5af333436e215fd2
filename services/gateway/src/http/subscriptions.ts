import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { runInTransaction } from '@thidua/db';
import { GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import type { GatewayServices } from '../services';
import { formatError } from './format-error';
import { authorize, HttpFailure, newContext, parseProvince, verifyBearer } from './request-context';

interface Options {
  server: Server;
  schema: GraphQLSchema;
  services: GatewayServices;
  dataSource: DataSource;
  logger: Logger;
}

/**
 * GraphQL subscriptions over graphql-ws on /graphql. The client signs in with connection parameters
 * (`authorization: "Bearer …"`, `x-province-id`), checked with the same rules as HTTP requests.
 */
export function attachSubscriptions({ server, schema, services, dataSource, logger }: Options) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const disposable = useServer(
    {
      schema,
      // Sign-in is checked per subscription, so a refusal reaches the client as an error it can read
      // (UNAUTHENTICATED, FORBIDDEN) instead of a dropped socket.
      onSubscribe: async (ctx, _id, payload) => {
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        const requestId = randomUUID();
        let document;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [e as GraphQLError];
        }
        const invalid = validate(schema, document);
        if (invalid.length) return invalid;
        try {
          const claims = await verifyBearer(services, params.authorization);
          const provinceId = parseProvince(params['x-province-id']);
          const contextValue = newContext(
            services,
            requestId,
            logger.child({ requestId, transport: 'ws' }),
            claims,
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
      onError: (_ctx, _id, _payload, errors) => {
        for (const e of errors)
          if (!(e instanceof GraphQLError) || !e.extensions?.code)
            logger.error({ err: e }, 'subscription error');
        return errors.map((e) => formatError(e.toJSON(), e)) as GraphQLError[];
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
