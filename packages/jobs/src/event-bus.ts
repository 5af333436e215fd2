import type { Config } from '@thidua/config';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Fan-out between processes (several gateways, the worker): Redis pub/sub, or PostgreSQL LISTEN/NOTIFY. */
export interface EventBus {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once listening; returns the unsubscribe function. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** Channel names are fixed identifiers, never user input (LISTEN cannot take a bound parameter). */
const CHANNEL = /^[a-z_]{1,50}$/;
/**
 * An announcement Redis has not taken within this long fails instead of waiting (a paused or unreachable
 * Redis): announcements are at most once anyway, and readers fall back on the database.
 */
const PUBLISH_TIMEOUT_MS = 5_000;

export function createEventBus(cfg: Config, onError: (error: unknown) => void = () => {}): EventBus {
  const handlers = new Map<string, Set<(message: string) => void>>();
  const dispatch = (channel: string, message: string) => handlers.get(channel)?.forEach((h) => h(message));
  const register = async (channel: string, handler: (m: string) => void, listen: () => Promise<unknown>) => {
    if (!CHANNEL.test(channel)) throw new Error(`Bad channel name ${channel}`);
    const set = handlers.get(channel) ?? new Set();
    if (!handlers.has(channel)) {
      handlers.set(channel, set);
      await listen();
    }
    set.add(handler);
    return () => void set.delete(handler);
  };

  if (cfg.REDIS_URL) {
    // Both report connection errors (Redis away, reconnecting) to the caller instead of stderr.
    const pub = new Redis(cfg.REDIS_URL, { commandTimeout: PUBLISH_TIMEOUT_MS }).on('error', onError);
    let sub: Redis | undefined;
    const channelKey = (c: string) => `${cfg.QUEUE_PREFIX}:${c}`;
    return {
      publish: async (channel, message) => void (await pub.publish(channelKey(channel), message)),
      subscribe: (channel, handler) =>
        register(channel, handler, async () => {
          if (!sub) {
            sub = new Redis(cfg.REDIS_URL!).on('error', onError);
            sub.on('message', (key: string, message: string) =>
              dispatch(key.slice(cfg.QUEUE_PREFIX.length + 1), message),
            );
          }
          await sub.subscribe(channelKey(channel));
        }),
      close: async () => {
        pub.disconnect();
        sub?.disconnect();
      },
    };
  }

  // A pool's idle connection that the server ends (a restart, a failover) emits 'error' on the pool: unhandled, it
  // would end the process. The pool replaces the connection on the next query.
  const pool = new pg.Pool({
    connectionString: cfg.DATABASE_URL,
    max: 2,
    application_name: 'thidua-events',
    connectionTimeoutMillis: cfg.DATABASE_ACQUIRE_TIMEOUT_MS,
    query_timeout: PUBLISH_TIMEOUT_MS,
  });
  pool.on('error', onError);
  let listener: pg.Client | undefined;
  let closing = false;
  const listened = new Set<string>();

  /** One long-lived LISTEN connection; lost, it is re-established and every channel listened to again. */
  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: cfg.DATABASE_URL,
      application_name: 'thidua-events-listen',
    });
    client.on('notification', (n) => dispatch(n.channel, n.payload ?? ''));
    client.on('error', (e) => {
      onError(e);
      if (listener === client) listener = undefined;
      if (!closing) setTimeout(() => void relisten(), 1000).unref();
    });
    await client.connect();
    for (const channel of listened) await client.query(`LISTEN ${channel}`);
    return client;
  }
  async function relisten(): Promise<void> {
    if (closing || listener) return;
    try {
      listener = await connectListener();
    } catch (e) {
      onError(e);
      setTimeout(() => void relisten(), 1000).unref();
    }
  }

  return {
    publish: async (channel, message) =>
      void (await pool.query('SELECT pg_notify($1, $2)', [channel, message])),
    subscribe: (channel, handler) =>
      register(channel, handler, async () => {
        listened.add(channel);
        if (!listener) listener = await connectListener();
        else await listener.query(`LISTEN ${channel}`);
      }),
    close: async () => {
      closing = true;
      await listener?.end();
      await pool.end();
    },
  };
}

/**
 * Voting periods whose turnout or status changed, a JSON list of TurnoutChange per message; subscribers read the
 * numbers from the database.
 */
export const TURNOUT_CHANNEL = 'voting_turnout';
export interface TurnoutChange {
  provinceId: string;
  periodId: string;
}

/** A province's rollups were rewritten (its year-end closing finished): dashboards drop what they cached. */
export const ROLLUPS_CHANNEL = 'rollups_written';
