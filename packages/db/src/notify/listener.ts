import pg from 'pg';

export interface ListenerEvents {
  /** A NOTIFY on the channel (its payload). */
  notification(payload: string): void;
  /** LISTEN is in place: from now on every change is heard. */
  listening(): void;
  /** The connection is lost (or could not be made): changes may go unheard until `listening` again. */
  lost(error: unknown): void;
}

export interface Listener {
  close(): Promise<void>;
}

/**
 * One dedicated connection (outside any pool) that LISTENs on `channel` and is re-established whenever it is
 * lost, retrying after 100 ms, doubling up to 5 s. `applicationName` names it in pg_stat_activity. The channel is a
 * fixed identifier, never user input (LISTEN takes no bound parameter).
 */
export async function listenForever(
  url: string,
  channel: string,
  applicationName: string,
  events: ListenerEvents,
): Promise<Listener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  let client: pg.Client | null = null;
  let closed = false;
  let delay = 100;
  let timer: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client, error: unknown) => {
    if (client !== c) return;
    client = null;
    events.lost(error);
    void c.end().catch(() => undefined);
    if (closed) return;
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 5_000);
  };

  async function connect(): Promise<void> {
    // TCP keepalive: a connection that dies without a reset is noticed (the cache's lifetime bounds the rest).
    const c = new pg.Client({ connectionString: url, application_name: applicationName, keepAlive: true });
    client = c;
    c.on('notification', (n) => events.notification(n.payload ?? ''));
    c.on('error', (e) => lost(c, e));
    c.on('end', () => lost(c, new Error('listener connection ended')));
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (e) {
      lost(c, e);
      return;
    }
    if (client !== c || closed) return;
    delay = 100;
    events.listening();
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
