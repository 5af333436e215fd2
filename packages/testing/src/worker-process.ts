import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '@thidua/config';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Starting a process means loading tsx and the whole platform: generous on a busy 2-core machine. */
export const PROCESS_START_LIMIT_MS = 60_000;

export type ServiceConfig = Pick<
  Config,
  | 'DATABASE_URL'
  | 'DATABASE_OWNER_URL'
  | 'REDIS_URL'
  | 'QUEUE_PREFIX'
  | 'JWT_SECRET'
  | 'UNSUBSCRIBE_SECRET'
  | 'AUDIT_HMAC_KEY'
  | 'OUTBOX_POLL_MS'
>;

export interface ServiceProcess {
  pid: number;
  /** Kills it at once (SIGKILL): no graceful stop, its open transactions roll back, its jobs stay locked. */
  kill(): Promise<void>;
  /**
   * The graceful stop: SIGTERM by default; `times` sends the signal again once the service is stopping, as a
   * terminal's Ctrl+C arrives both directly and relayed. Resolves with how the process ended.
   */
  stop(
    signal?: NodeJS.Signals,
    times?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the process has logged `text` (or has ended). */
  logged(text: string): Promise<void>;
}
export interface WorkerProcess extends ServiceProcess {
  /** Its health port's base URL (/healthz, /readyz, /metrics), on a free port of 127.0.0.1. */
  healthUrl: string;
}
export interface HowToRun {
  /** The compiled build (`npm run build`: services/<service>/dist/main.js) with plain node, as the image runs it. */
  compiled?: boolean;
}
export interface GatewayProcess extends ServiceProcess {
  /** Its GraphQL URL, on a port of its own. */
  url: string;
}

/**
 * The worker as its own process on the given database and queues (e.g. a test app's config), as it runs in
 * production, so a test can kill it outright. Resolves once the worker has started.
 */
export async function startWorkerProcess(
  c: ServiceConfig,
  env: Record<string, string> = {},
  how: HowToRun = {},
): Promise<WorkerProcess> {
  const p = await startServiceProcess(
    'worker',
    '"worker started"',
    c,
    { HOST: '127.0.0.1', WORKER_HEALTH_PORT: '0', ...env },
    how,
  );
  return { ...p, healthUrl: p.firstLine('"worker health listening"').url as string };
}

/** The gateway as its own process (a free port on 127.0.0.1), so a test can signal it. */
export async function startGatewayProcess(
  c: ServiceConfig,
  env: Record<string, string> = {},
  how: HowToRun = {},
): Promise<GatewayProcess> {
  const p = await startServiceProcess(
    'gateway',
    '"gateway listening"',
    c,
    { HOST: '127.0.0.1', PORT: '0', ...env },
    how,
  );
  return { ...p, url: p.firstLine('"gateway listening"').url as string };
}

async function startServiceProcess(
  service: 'worker' | 'gateway',
  started: string,
  c: ServiceConfig,
  env: Record<string, string>,
  { compiled = false }: HowToRun,
) {
  const args = compiled
    ? ['--enable-source-maps', `services/${service}/dist/main.js`]
    : ['--import', 'tsx', `services/${service}/src/main.ts`];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      HOME: '/tmp',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: c.DATABASE_URL,
      DATABASE_OWNER_URL: c.DATABASE_OWNER_URL,
      REDIS_URL: c.REDIS_URL ?? '',
      QUEUE_PREFIX: c.QUEUE_PREFIX,
      JWT_SECRET: c.JWT_SECRET,
      UNSUBSCRIBE_SECRET: c.UNSUBSCRIBE_SECRET,
      AUDIT_HMAC_KEY: c.AUDIT_HMAC_KEY,
      OUTBOX_POLL_MS: String(c.OUTBOX_POLL_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // Its log, as far as a test needs it (the data listener also keeps the pipe from filling and blocking it).
  let out = '';
  let head = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-100_000);
    if (head.length < 100_000) head += chunk.toString();
    waiters.forEach((w) => w());
  });
  child.once('exit', () => waiters.forEach((w) => w()));
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const logged = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!out.includes(text) && !ended()) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${service} did not start:\n${out}`)),
      PROCESS_START_LIMIT_MS,
    );
    void logged(started).then(() => {
      clearTimeout(timer);
      if (ended()) reject(new Error(`${service} exited with ${child.exitCode}:\n${out}`));
      else resolve();
    });
  });
  return {
    pid: child.pid!,
    logged,
    /** The first JSON log line containing `text`, parsed. */
    firstLine: (text: string) =>
      JSON.parse(head.split('\n').find((l) => l.includes(text))!) as Record<string, unknown>,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async (signal: NodeJS.Signals = 'SIGTERM', times = 1) => {
      child.kill(signal);
      // A repeated signal arrives while the service is stopping, as a relayed Ctrl+C does.
      for (let i = 1; i < times; i++) {
        await logged('"stopping');
        child.kill(signal);
      }
      return exited;
    },
  };
}
