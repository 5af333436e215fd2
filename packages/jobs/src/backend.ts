import type { Config } from '@thidua/config';
import {
  FlowProducer,
  Queue,
  Worker,
  withBackend,
  createPostgresBackend,
  type FlowJob,
  type Processor,
  type WorkerOptions,
} from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { QueueName } from './contract';
import { queueTelemetry } from './tracing';

/** Keep finished jobs long enough for deterministic ids to deduplicate a re-relayed outbox row. */
export const RETENTION = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export interface QueueBackend {
  kind: 'redis' | 'postgres';
  queue(name: QueueName): Queue;
  worker(name: QueueName, processor: Processor, opts?: Omit<WorkerOptions, 'connection' | 'prefix'>): Worker;
  /** Adds a parent job and its children; every node lands on its own queue as `queue(name)` sees it. */
  addFlow(flow: FlowJob): Promise<void>;
  ping(): Promise<void>;
  /**
   * Calls `listener` whenever the connection to the queue store is established again (Redis restarted, maybe
   * empty); returns the function that stops it. The PostgreSQL backend has no such moment: its store persists.
   */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * Redis when REDIS_URL is set (each queue under its own hash-tag prefix, ready for Redis Cluster);
 * otherwise BullMQ's PostgreSQL backend on the application's own database.
 */
export function createQueueBackend(cfg: Config, onError: (error: unknown) => void = () => {}): QueueBackend {
  const queues = new Map<QueueName, Queue>();
  const closers: (() => Promise<unknown>)[] = [];
  let flows: FlowProducer | undefined;
  const remember = <T extends { close(): Promise<unknown> }>(x: T): T => (closers.push(() => x.close()), x);
  // Queues' and flow producers' connection errors while the store is away go to the caller's log (BullMQ would
  // print them to stderr); workers report theirs to the worker's own listener.
  const reporting = <T extends { on(event: 'error', listener: (e: Error) => void): unknown }>(x: T): T => (
    x.on('error', onError),
    x
  );

  if (cfg.REDIS_URL) {
    const connection = new Redis(cfg.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
    const prefix = (name: string) => `{${cfg.QUEUE_PREFIX}-${name}}`;
    return {
      kind: 'redis',
      queue: (name) =>
        queues.get(name) ??
        setGet(
          queues,
          name,
          remember(
            reporting(new Queue(name, { connection, prefix: prefix(name), telemetry: queueTelemetry() })),
          ),
        ),
      worker: (name, processor, opts) =>
        remember(
          new Worker(name, processor, {
            ...opts,
            connection,
            prefix: prefix(name),
            telemetry: queueTelemetry(),
          }),
        ),
      addFlow: async (flow) => {
        // A flow's jobs default to the producer's prefix; each must carry its queue's instead.
        const withPrefix = (node: FlowJob): FlowJob => ({
          ...node,
          prefix: prefix(node.queueName),
          children: node.children?.map(withPrefix),
        });
        flows ??= remember(
          reporting(new FlowProducer({ connection, prefix: prefix('flows'), telemetry: queueTelemetry() })),
        );
        await flows.add(withPrefix(flow));
      },
      ping: async () => void (await connection.ping()),
      onReconnect: (listener) => {
        connection.on('ready', listener);
        return () => void connection.off('ready', listener);
      },
      close: async () => {
        await Promise.all(closers.map((c) => c()));
        connection.disconnect();
      },
    };
  }

  // A pool we build ourselves must pin the queue schema (the backend only pins pools it creates).
  const pool = new pg.Pool({
    connectionString: cfg.DATABASE_URL,
    max: 5,
    application_name: 'thidua-queue',
    options: '-c search_path=bullmq',
  });
  // An idle connection ended by the server must not end the process; the pool reconnects on demand.
  pool.on('error', () => {});
  const pgClasses = withBackend(createPostgresBackend);
  return {
    kind: 'postgres',
    queue: (name) =>
      queues.get(name) ??
      setGet(
        queues,
        name,
        remember(
          reporting(
            new pgClasses.Queue(name, { connection: pool, telemetry: queueTelemetry() }) as unknown as Queue,
          ),
        ),
      ),
    worker: (name, processor, opts) =>
      remember(
        new pgClasses.Worker(name, processor, {
          ...opts,
          connection: pool,
          telemetry: queueTelemetry(),
        }) as unknown as Worker,
      ),
    addFlow: async (flow) => {
      flows ??= remember(
        reporting(
          new pgClasses.FlowProducer({
            connection: pool,
            telemetry: queueTelemetry(),
          }) as unknown as FlowProducer,
        ),
      );
      await flows.add(flow);
    },
    ping: async () => void (await pool.query('SELECT 1 FROM bullmq.job LIMIT 0')),
    onReconnect: () => () => {},
    close: async () => {
      await Promise.all(closers.map((c) => c()));
      await pool.end();
    },
  };
}

function setGet<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}
