import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '@thidua/config';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** Kills it at once (SIGKILL): no graceful stop, its open transactions roll back, its jobs stay locked. */
  kill(): Promise<void>;
  /**
   * The graceful stop: SIGTERM by default; `times` sends the signal again once the worker is stopping, as a
   * terminal's Ctrl+C arrives both directly and relayed. Resolves with how the process ended.
   */
  stop(
    signal?: NodeJS.Signals,
    times?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The worker as its own process on the given database and queues (e.g. a test app's config), as it runs in
 * production, so a test can kill it outright. Resolves once the worker has started.
 */
export async function startWorkerProcess(
  c: Pick<
    Config,
    | 'DATABASE_URL'
    | 'DATABASE_OWNER_URL'
    | 'REDIS_URL'
    | 'QUEUE_PREFIX'
    | 'JWT_SECRET'
    | 'UNSUBSCRIBE_SECRET'
    | 'OUTBOX_POLL_MS'
  >,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/worker/src/main.ts'], {
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
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-100_000);
      if (out.includes('"worker started"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${out}`));
    });
  });
  const logged = async (text: string) => {
    while (!out.includes(text) && child.exitCode === null && child.signalCode === null)
      await new Promise((r) => setTimeout(r, 10));
  };
  return {
    pid: child.pid!,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async (signal = 'SIGTERM', times = 1) => {
      child.kill(signal);
      // A repeated signal arrives while the worker is stopping, as a relayed Ctrl+C does.
      for (let i = 1; i < times; i++) {
        await logged('"stopping');
        child.kill(signal);
      }
      return exited;
    },
  };
}
