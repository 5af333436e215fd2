import { createHmac, randomBytes } from 'node:crypto';
import { createLogger, loadConfig, loadTestEnvironment, type Config } from '@thidua/config';
import { createDataSource } from '@thidua/db';
import {
  createEventBus,
  createQueueBackend,
  poolOptions,
  QUEUES,
  type EventBus,
  type QueueBackend,
} from '@thidua/jobs';
import { startGateway, type Gateway } from '@thidua/gateway';
import { startWorker, type RunningWorker } from '@thidua/worker';
import type { DataSource } from 'typeorm';
import { cloneDatabase, dropDatabase, type TestDatabase } from './database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
/** The tests' audit HMAC key; a test forging an audit event does so without it. */
export const TEST_AUDIT_HMAC_KEY = 'test-audit-hmac-key-that-is-long-enough-0123456789';
/** Derived from the JWT test secret, as `npm start` derives its default: a different key all the same. */
export const TEST_UNSUBSCRIBE_SECRET = createHmac('sha256', TEST_JWT_SECRET)
  .update('unsubscribe')
  .digest('base64url');

export interface TestAppOptions {
  /** The migrated template a database of the app's own is cloned from… */
  template?: string;
  /** …or a database another app of the same test file already uses (left in place on close). */
  database?: TestDatabase;
  queue?: 'redis' | 'postgres';
  /** Start the worker in-process (its relay polls the outbox). */
  worker?: boolean;
  config?: Record<string, string>;
  /** Sees every SQL statement the app's database connections send. */
  onQuery?: (sql: string) => void;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: {
    message: string;
    extensions?: {
      code?: string;
      fields?: { field: string; message: string }[];
      /** A wrong password close to the sign-in lock (auth.service.ts). */
      attemptsLeft?: number;
      lockMinutes?: number;
    };
  }[];
}

export interface RequestOptions {
  token?: string;
  provinceId?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  config: Config;
  db: TestDatabase;
  dataSource: DataSource;
  queueBackend: QueueBackend;
  eventBus: EventBus;
  gateway: Gateway;
  worker: RunningWorker | null;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The gateway (and optionally the worker) in-process, on a database of the test file's own. */
export async function startTestApp(opts: TestAppOptions): Promise<TestApp> {
  const env = loadTestEnvironment();
  if (!opts.database && !opts.template) throw new Error('startTestApp needs a template or a database');
  const db = opts.database ?? (await cloneDatabase(opts.template!));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: env.TEST_LOG_LEVEL,
    DATABASE_URL: db.appUrl,
    DATABASE_OWNER_URL: db.ownerUrl,
    REDIS_URL: opts.queue === 'redis' ? env.TEST_REDIS_URL : '',
    QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: TEST_JWT_SECRET,
    UNSUBSCRIBE_SECRET: TEST_UNSUBSCRIBE_SECRET,
    AUDIT_HMAC_KEY: TEST_AUDIT_HMAC_KEY,
    HOST: '127.0.0.1',
    PORT: '0',
    OUTBOX_POLL_MS: '50',
    ...opts.config,
  });
  const logger = createLogger(config, 'test');
  const dataSource = await createDataSource(config.DATABASE_URL, {
    ...poolOptions(config),
    onQuery: opts.onQuery,
  }).initialize();
  const queueBackend = createQueueBackend(config);
  const eventBus = createEventBus(config);
  const gateway = await startGateway({ config, dataSource, queueBackend, eventBus, logger });
  const worker = opts.worker
    ? await startWorker({ config, dataSource, queueBackend, eventBus, logger })
    : null;

  return {
    config,
    db,
    dataSource,
    queueBackend,
    eventBus,
    gateway,
    worker,
    async gql(query, variables, { token, provinceId, headers } = {}) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(provinceId ? { 'x-province-id': provinceId } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async close() {
      await worker?.close();
      await gateway.close();
      if (queueBackend.kind === 'redis') {
        await Promise.all(QUEUES.map((q) => queueBackend.queue(q).obliterate({ force: true })));
      }
      await queueBackend.close();
      await eventBus.close();
      await dataSource.destroy();
      if (!opts.database) await dropDatabase(db.name);
    },
  };
}

/** The response's data; a response with errors fails the test, showing them. */
export function ok<T>(res: GraphQLResponse<T>): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data!;
}
