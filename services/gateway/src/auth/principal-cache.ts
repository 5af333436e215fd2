import {
  listenForever,
  type Listener,
  type PrincipalLookup,
  type Province,
  type SessionPrincipal,
} from '@thidua/db';
import type { Logger } from 'pino';

/** Where the database announces changes to sessions, users, roles and provinces (migration PrincipalNotify). */
export const PRINCIPAL_CHANNEL = 'thidua_principal';
export const PRINCIPAL_LISTENER_NAME = 'thidua-principal-listener';

interface Entry {
  userId: string;
  principal: SessionPrincipal;
  sessionExpiresAt: number;
  /** Read once, never extended: the longest a change could go unheard if a notification were lost. */
  until: number;
  /** The provinces this session has asked to act in (null: no such province). */
  provinces: Map<string, Province | null>;
}

/**
 * Each session's principal (user, live roles, the provinces it acts in), kept for at most `ttlMs` so that most
 * requests need no database round trip before their own work. Correctness rests on the database: triggers NOTIFY
 * every change to a session, user, role or province at its commit, and a dedicated LISTEN connection drops the
 * entries concerned. While that connection is not listening the cache is not used at all, and it is emptied
 * whenever it (re)connects, so no change made while it was away is missed. A lookup that overlapped any
 * notification is answered but not kept (it may have read the state from before the change). A hit still
 * checks the session's own expiry.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  /** Moves on every notification and every flush: a load that saw it move is not kept. */
  private generation = 0;
  private listening = false;
  private listener: Listener | null = null;

  constructor(
    private readonly url: string,
    private readonly ttlMs: number,
    private readonly logger: Logger,
    private readonly maxEntries = 100_000,
  ) {}

  async start(): Promise<void> {
    if (this.ttlMs <= 0) return;
    this.listener = await listenForever(this.url, PRINCIPAL_CHANNEL, PRINCIPAL_LISTENER_NAME, {
      notification: (payload) => this.changed(payload),
      listening: () => {
        this.flush();
        this.listening = true;
        this.logger.info('principal cache listening');
      },
      lost: (error) => {
        this.listening = false;
        this.flush();
        this.logger.warn(
          { err: error },
          'principal cache off: its listener connection is lost, reconnecting',
        );
      },
    });
  }

  async close(): Promise<void> {
    this.listening = false;
    this.flush();
    await this.listener?.close();
  }

  /** The principal of a session acting in `provinceId`, from the cache or from `load` (the database). */
  async lookup(
    sessionId: string,
    userId: string,
    provinceId: string | null,
    load: () => Promise<PrincipalLookup>,
  ): Promise<PrincipalLookup> {
    if (!this.listening) return load();
    const now = Date.now();
    const hit = this.entries.get(sessionId);
    const live =
      hit && hit.userId === userId && hit.until > now && hit.sessionExpiresAt > now ? hit : undefined;
    if (live && (provinceId === null || live.provinces.has(provinceId))) {
      return {
        principal: live.principal,
        province: provinceId === null ? null : live.provinces.get(provinceId)!,
        sessionExpiresAt: new Date(live.sessionExpiresAt),
      };
    }
    const generation = this.generation;
    const found = await load();
    if (!this.listening || generation !== this.generation || !found.principal || !found.sessionExpiresAt)
      return found;
    const entry = live ?? {
      userId,
      principal: found.principal,
      sessionExpiresAt: found.sessionExpiresAt.getTime(),
      until: now + this.ttlMs,
      provinces: new Map(),
    };
    if (provinceId !== null) entry.provinces.set(provinceId, found.province);
    if (!live) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(sessionId, entry);
    }
    return found;
  }

  /**
   * The request that just committed changed sessions, users or roles through this gateway: forget now rather
   * than when the database's notification arrives, so the person's next request here already sees the change.
   */
  changedHere(): void {
    this.flush();
  }

  private changed(payload: string): void {
    this.generation++;
    const [kind, id] = payload.split(':', 2);
    if (kind === 'session') this.entries.delete(id!);
    else if (kind === 'user') {
      for (const [key, e] of this.entries) if (e.userId === id) this.entries.delete(key);
    } else this.flush();
  }

  private flush(): void {
    this.generation++;
    this.entries.clear();
  }
}

/** For the mutations that end sessions or change users and roles: the cache forgets once they commit. */
export function principalsChangeOnCommit(ctx: {
  afterCommit: (() => void)[];
  services: { principals: PrincipalCache };
}): void {
  ctx.afterCommit.push(() => ctx.services.principals.changedHere());
}
