import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import getRawBody from 'raw-body';
import { ApolloServer, HeaderMap } from '@apollo/server';
import type { Config } from '@thidua/config';
import { runInTransaction } from '@thidua/db';
import { inSpan, readiness, serveMetrics, type EventBus, type QueueBackend } from '@thidua/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { appError } from '../common/errors';
import type { GraphQLContext } from '../context';
import { getSchema } from '../schema';
import { createServices } from '../services';
import {
  errorMappingPlugin,
  formatError,
  isConnectionLost,
  RETRY_AFTER_SECONDS,
  serviceUnavailable,
  withoutSuggestions,
} from './format-error';
import { authorize, HttpFailure, newContext, parseProvince, verifyBearer } from './request-context';
import { limitsPlugin, type QueryLimits } from './limits';
import { GatewayMetrics, labelValue } from './metrics';
import { RateLimiter } from './rate-limit';
import { Drain } from './drain';
import { attachSubscriptions } from './subscriptions';
import { sendRouteFailure } from './authorized-request';
import { clientAddress } from './client-address';
import { queueConsole, QUEUE_CONSOLE_PATH } from './queue-console';
import { serveWeb } from './web';
import { webAuth } from './web-auth';
import { unsubscribe } from './unsubscribe';
import { attachmentRoutes } from '../modules/attachment/attachment.http';
import { statisticsRoutes } from '../modules/statistics/statistics.http';
import { importRoutes } from '../modules/import/import.http';
import { documentRoutes } from '../modules/documents/documents.http';

export interface GatewayOptions {
  config: Config;
  dataSource: DataSource;
  /** For /readyz; without one, readiness checks the database only. */
  queueBackend?: QueueBackend;
  eventBus: EventBus;
  logger: Logger;
}

export interface Gateway {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startGateway({
  config,
  dataSource,
  queueBackend,
  eventBus,
  logger,
}: GatewayOptions): Promise<Gateway> {
  const schema = await getSchema();
  // One registry per gateway: several gateways may run in one process (the tests).
  const metrics = new GatewayMetrics(dataSource);
  const services = createServices(config, dataSource, eventBus, metrics, logger);
  await services.principals.start();
  // Each request's operation name as Apollo resolved it (also when the client sent none), for the metrics. Keyed
  // by the request's loaders: Apollo hands plugins a shallow copy of the context, not the object given to it.
  const operations = new WeakMap<GraphQLContext['loaders'], string | null>();
  const stopRollupListening = await services.dashboards.listen(eventBus);
  const limits: QueryLimits = {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxComplexity: config.GRAPHQL_MAX_COMPLEXITY,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
  };
  // In production no error message suggests the schema's names, over HTTP and WebSocket alike.
  const format = config.NODE_ENV === 'production' ? withoutSuggestions(formatError) : formatError;
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    // In production, graphql-js's "Did you mean …?" hints (field, type and enum names) are stripped from every
    // error: validation (Apollo's option) and variable values (formatError).
    formatError: (formatted, error) => {
      const out = format(formatted, error);
      metrics.error(out.extensions?.code);
      return out;
    },
    hideSchemaDetailsFromClientErrors: config.NODE_ENV === 'production',
    parseOptions: { maxLexicalTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: false,
    introspection: config.NODE_ENV !== 'production',
    plugins: [
      // No HTTP cache hints are used; without the plugin Apollo does not wrap every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      limitsPlugin(schema, limits),
      errorMappingPlugin,
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ contextValue, operationName }) {
              operations.set(contextValue.loaders, operationName);
            },
            async didEncounterErrors({ contextValue, errors }) {
              contextValue.outcome.failed = true;
              for (const e of errors) {
                if (!e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR') {
                  contextValue.logger.error({ err: e.originalError ?? e, path: e.path }, 'resolver failed');
                }
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const limiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  const clientKey = (req: IncomingMessage) => clientAddress(req, config.TRUST_PROXY_HOPS);
  const signIn = webAuth({
    services,
    dataSource,
    logger,
    bodyLimit: config.REQUEST_BODY_LIMIT_BYTES,
    rateLimit: (req) => limiter.take(clientKey(req)),
    clientKey,
  });
  const files = attachmentRoutes({ services, dataSource, logger });
  const reports = statisticsRoutes({ services, dataSource, logger });
  const documents = documentRoutes({ services, dataSource, logger });
  const consoleOfQueues = queueBackend ? queueConsole({ services, dataSource, queueBackend, logger }) : null;

  const imports = importRoutes({
    services,
    dataSource,
    logger,
    rateLimit: (req) => limiter.take(clientKey(req)),
    clientKey,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestIdHeader = req.headers['x-request-id'];
    const requestId =
      typeof requestIdHeader === 'string' && /^[\w-]{1,64}$/.test(requestIdHeader)
        ? requestIdHeader
        : randomUUID();
    const log = logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://gateway');

    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') return ready(res);
    if (url.pathname === '/metrics') return serveMetrics(metrics.registry, config.METRICS_TOKEN, req, res);
    // The web application beside the API: its sign-in routes and its files (web.ts, web-auth.ts).
    if (url.pathname.startsWith('/auth/')) return signIn(req, res, url.pathname, requestId);
    // The routes beside /graphql that reach the database share the client's budget with it.
    if (/^\/(files\/|reports\/|documents\/|unsubscribe$)/.test(url.pathname)) {
      const retryAfter = limiter.take(clientKey(req));
      if (retryAfter) {
        res.setHeader('retry-after', String(retryAfter));
        const refusal = appError('RATE_LIMITED', `Too many requests: try again in ${retryAfter} s`);
        return sendRouteFailure(res, new HttpFailure(429, refusal), log);
      }
    }
    if (url.pathname === '/unsubscribe')
      return unsubscribe(req, url, res, { dataSource, secret: config.UNSUBSCRIBE_SECRET });
    // Attachments: uploads and downloads with the same bearer and province as /graphql (attachment.http.ts).
    if (url.pathname.startsWith('/files/')) return files(req, res, url, requestId);
    if (url.pathname.startsWith('/reports/')) return reports(req, res, url, requestId);
    // Spreadsheet imports: the file is the body, under its own size limit (modules/import/import.http.ts).
    if (url.pathname.startsWith('/import/')) return imports(req, res, url, requestId);
    // Generated documents (minutes, submission, decision, certificates) as PDF or DOCX (modules/documents).
    if (url.pathname.startsWith('/documents/')) return documents(req, res, url, requestId);
    // The queue console for platform admins (queue-console.ts).
    if (consoleOfQueues && url.pathname.startsWith(QUEUE_CONSOLE_PATH))
      return consoleOfQueues(req, res, requestId);
    if (url.pathname !== '/graphql') return serveWeb(req, res, url.pathname);

    let status = 200;
    // The after-commit work (announcements) follows the commit, which a ballot may make before its answer is out.
    let committed = false;
    let userId: string | undefined;
    let operation: unknown = url.searchParams.get('operationName');
    try {
      const retryAfter = limiter.take(clientKey(req));
      if (retryAfter) {
        res.setHeader('retry-after', String(retryAfter));
        throw new HttpFailure(
          429,
          appError('RATE_LIMITED', `Too many requests: try again in ${retryAfter} s`),
        );
      }
      const body =
        req.method === 'POST' ? await readJson(req, res, config.REQUEST_BODY_LIMIT_BYTES) : undefined;
      if (body) operation = (body as { operationName?: unknown }).operationName;
      const claims = await verifyBearer(services, req.headers.authorization);
      const provinceId = parseProvince(req.headers['x-province-id']);
      const ctx = newContext(services, requestId, log, claims, clientKey(req));
      // One span per request (a no-op unless tracing is on); jobs it enqueues continue its trace.
      const result = await inSpan('thidua-gateway', 'graphql', async (span) => {
        const answer = await runInTransaction(
          dataSource,
          provinceId,
          async () => {
            await authorize(ctx, claims, provinceId);
            userId = ctx.principal?.userId;
            const headers = new HeaderMap();
            for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
            return apollo.executeHTTPGraphQLRequest({
              httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
              context: async () => ctx,
            });
          },
          {
            commitIf: () => !ctx.outcome.failed,
            autocommit: !provinceId && isPlainQuery(req.method, body),
            onCommit: () => (committed = true),
          },
        );
        // Named once Apollo has resolved the operation (also when the client sent no operationName).
        operation = operations.get(ctx.loaders) ?? operation;
        span.updateName(`graphql ${labelValue(operation)}`);
        return answer;
      });
      if (committed) announce(ctx.afterCommit, log);
      status = result.status ?? 200;
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = status;
      if (result.body.kind === 'complete') res.end(result.body.string);
      else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      const lost = !(e instanceof HttpFailure) && isConnectionLost(e);
      if (!(e instanceof HttpFailure)) log[lost ? 'warn' : 'error']({ err: e }, 'request failed');
      if (lost) res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
      const failure =
        e instanceof HttpFailure
          ? e
          : lost
            ? new HttpFailure(503, serviceUnavailable())
            : new HttpFailure(500, appError('INTERNAL_SERVER_ERROR', 'Internal error: it has been logged'));
      status = failure.status;
      metrics.error(failure.error.extensions.code);
      sendJson(res, status, {
        errors: [{ message: failure.error.message, extensions: withoutHttp(failure.error.extensions) }],
      });
    } finally {
      metrics.request(operation, status, (performance.now() - started) / 1000);
      log.info(
        { method: req.method, status, userId, ms: Math.round(performance.now() - started) },
        'graphql request',
      );
    }
  }

  async function ready(res: ServerResponse) {
    const { ready, checks } = await readiness(
      {
        database: () => dataSource.query('SELECT 1'),
        queue: queueBackend ? () => queueBackend.ping() : null,
      },
      config.READINESS_TIMEOUT_MS,
    );
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
  }

  const drain = new Drain(1);
  const server = createServer(drain.handler(handle));
  const subscriptions = attachSubscriptions({
    server,
    schema,
    services,
    dataSource,
    logger,
    limits,
    limiter,
    format,
  });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}/graphql`;
  logger.info({ url }, 'gateway listening');

  return {
    url,
    server,
    /** Graceful: requests under way finish (up to SHUTDOWN_GRACE_MS) before GraphQL and the caller's pool stop. */
    async close() {
      await subscriptions.close();
      await drain.drain(server, config.SHUTDOWN_GRACE_MS, logger);
      await imports.close(config.SHUTDOWN_GRACE_MS);
      await services.turnout.close();
      stopRollupListening();
      await services.principals.close();
      await apollo.stop();
    },
  };
}

/**
 * Announcements after the commit (turnout), started and not awaited: the answer never waits for the event bus
 * (a paused Redis held ballots' answers for a minute). Subscribers re-read the database, so one lost is harmless.
 */
function announce(hooks: (() => void | Promise<void>)[], log: Logger): void {
  for (const hook of hooks) {
    void Promise.resolve()
      .then(hook)
      .catch((e) => log.warn({ err: e }, 'announcement failed'));
  }
}

function withoutHttp(extensions: Record<string, unknown>) {
  const { http: _http, ...rest } = extensions;
  return rest;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage, res: ServerResponse, limit: number): Promise<unknown> {
  const tooLarge = () => new HttpFailure(413, appError('BAD_REQUEST', `Request body over ${limit} bytes`));
  const declared = req.headers['content-length'];
  if (Number(declared ?? 0) > limit) throw tooLarge();
  let text: string;
  try {
    // raw-body reads with stream events (an async iterator costs a few % of a small request's CPU) and stops
    // at the limit, also when no length was declared.
    text = await getRawBody(req, { limit, length: declared, encoding: 'utf8' });
  } catch (e) {
    // The rest of the body stays unread: the connection closes after the answer instead of waiting on it.
    res.shouldKeepAlive = false;
    const { type, status } = e as { type?: string; status?: number };
    if (type === 'entity.too.large') throw tooLarge();
    // A body shorter or longer than its declared length, or cut off by the client.
    if (status && status < 500)
      throw new HttpFailure(400, appError('BAD_REQUEST', 'The request body could not be read'));
    throw e;
  }
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpFailure(400, appError('BAD_REQUEST', 'The request body is not valid JSON'));
  }
}

/**
 * A request whose document cannot hold a mutation (the keyword appears nowhere; a mutation needs it), so its
 * platform reads need no transaction. Anything else, persisted queries included, gets one.
 */
function isPlainQuery(method: string | undefined, body: unknown): boolean {
  if (method === 'GET') return true; // Apollo refuses mutations over GET.
  const query = (body as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' && !/\bmutation\b/i.test(query);
}
