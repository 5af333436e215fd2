import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** A local redis-server answers within milliseconds; generous for a busy 2-core machine. */
const START_LIMIT_MS = 10_000;

export interface PrivateRedis {
  url: string;
  /** Every client's commands wait for `ms` (CLIENT PAUSE … ALL): Redis alive but not answering. */
  pause(ms: number): Promise<void>;
  /** Killed and started again on the same port with nothing in it, as after a crash without persistence. */
  restartEmpty(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free port, without persistence: a test may pause, kill or empty it
 * without disturbing the other test files, which share the machine's Redis (CLIENT PAUSE is server-wide).
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const cli = (...args: string[]) => run('redis-cli', ['-p', String(port), ...args]);
  let server = await startServer(port, cli);
  return {
    url: `redis://127.0.0.1:${port}`,
    pause: async (ms) => void (await cli('CLIENT', 'PAUSE', String(ms), 'ALL')),
    restartEmpty: async () => {
      await kill(server);
      server = await startServer(port, cli);
    },
    stop: () => kill(server),
  };
}

async function startServer(
  port: number,
  cli: (...args: string[]) => Promise<{ stdout: string }>,
): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + START_LIMIT_MS;
  for (;;) {
    const answer = await cli('PING').catch(() => ({ stdout: '' }));
    if (answer.stdout.trim() === 'PONG') return child;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`redis-server on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
