import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '@thidua/config';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** Kills it at once (SIGKILL): no graceful stop, its open transactions roll back, its jobs stay locked. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop. */
  stop(): Promise<void>;
}

/**
 * The worker as its own process on the given database and queues (e.g. a test app's config), as it runs in
 * production, so a test can kill it outright. Resolves once the worker has started.
 */
export async function startWorkerProcess(
  c: Pick<
    Config,
    'DATABASE_URL' | 'DATABASE_OWNER_URL' | 'REDIS_URL' | 'QUEUE_PREFIX' | 'JWT_SECRET' | 'OUTBOX_POLL_MS'
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
      OUTBOX_POLL_MS: String(c.OUTBOX_POLL_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
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
  // Keep reading, or a full pipe would block the worker.
  child.stdout!.resume();
  return {
    pid: child.pid!,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
