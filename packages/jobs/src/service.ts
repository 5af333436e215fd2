import { createLogger, type Config, type Logger } from '@thidua/config';
import { createDataSource, type DataSourceOptions } from '@thidua/db';
import type { DataSource } from 'typeorm';
import { createQueueBackend, type QueueBackend } from './backend';
import { createEventBus, type EventBus } from './event-bus';
import { startTracing } from './tracing';

export interface ServiceDeps {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  queueBackend: QueueBackend;
  eventBus: EventBus;
}

interface Closeable {
  close(): Promise<void>;
}

/** The pool of a service (and of the test harness): its size, its acquire timeout, its sessions' timeouts. */
export function poolOptions(config: Config): DataSourceOptions {
  return {
    poolSize: config.DATABASE_POOL_SIZE,
    acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/**
 * Boots a process of the platform (gateway, worker, or both): its database pool and queue backend, the parts
 * `start` returns, and a graceful stop on SIGTERM/SIGINT (parts first, in reverse order, then the connections).
 */
export async function runService(
  config: Config,
  name: string,
  start: (deps: ServiceDeps) => Promise<Closeable[]>,
  afterStop?: () => Promise<void>,
): Promise<ServiceDeps> {
  const logger = createLogger(config, name);
  const tracing = startTracing(config.OTEL_EXPORTER_OTLP_ENDPOINT, `thidua-${name}`);
  const dataSource = await createDataSource(config.DATABASE_URL, {
    ...poolOptions(config),
    applicationName: `thidua-${name}`,
  }).initialize();
  const queueBackend = createQueueBackend(config, (e) => logger.warn({ err: e }, 'queue connection error'));
  const eventBus = createEventBus(config, (e) => logger.warn({ err: e }, 'event bus connection lost'));
  const deps = { config, logger, dataSource, queueBackend, eventBus };
  // Listening before anything starts, and for every signal, not once: a signal during start-up waits for it to
  // finish, and a terminal's Ctrl+C reaches the process both directly and relayed by its runner (tsx, npm); left
  // to Node's default, either would kill the process in the middle of its work.
  let parts: Closeable[] | null = null;
  let requested: NodeJS.Signals | null = null;
  const stop = async (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'stopping: finishing running work first');
    // Written at once, not with the next block: whoever stops a service reads it to know the signal arrived.
    logger.flush();
    for (const part of [...parts!].reverse()) await part.close();
    await queueBackend.close();
    await eventBus.close();
    await dataSource.destroy();
    await tracing.stop();
    await afterStop?.();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (requested) return;
      requested = signal;
      if (parts) void stop(signal);
    });
  }
  parts = await start(deps);
  // The start-up lines (listening, started) at once: what an operator and the tests wait for.
  logger.flush();
  if (requested) void stop(requested);
  return deps;
}
