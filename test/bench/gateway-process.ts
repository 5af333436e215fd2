import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestEnvironment } from '@thidua/config';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How a server runs: TypeScript through tsx on this machine's node, or the compiled build on another node. */
export interface Runtime {
  label: string;
  node: string;
  compiled: boolean;
}

export const TSX_HERE: Runtime = {
  label: `tsx, Node ${process.versions.node}`,
  node: process.execPath,
  compiled: false,
};

/**
 * The compiled build (`npm run build`) on Node 24, the production runtime, from where `.ci/run` unpacks it by
 * default (~/.cache/thidua-node); null
 * (and the bench says so) when either is missing.
 */
export function compiledOnNode24(): Runtime | null {
  const version = readFileSync(join(ROOT, '.node-version'), 'utf8').trim();
  const node = join(homedir(), '.cache', 'thidua-node', `${version}-x64`, 'bin', 'node');
  if (!existsSync(node) || !existsSync(join(ROOT, 'services/gateway/dist/main.js'))) return null;
  return { label: `compiled, Node ${version}`, node, compiled: true };
}

/** The gateway as its own process, as in production, so the load generator does not share its CPU time. */
export async function startGatewayProcess(
  env: Record<string, string>,
  runtime: Runtime = TSX_HERE,
  /** The entry point, and its arguments if any. */
  script: string | string[] = runtime.compiled
    ? 'services/gateway/dist/main.js'
    : 'services/gateway/src/main.ts',
  /** Whether the server at `base` answers yet (a server without /readyz brings its own). */
  isReady = (base: string) =>
    fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    ),
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  // BENCH_CPU_PROFILE_DIR=dir: each server writes a V8 CPU profile there when it stops (node --cpu-prof).
  const profileDir = loadTestEnvironment().BENCH_CPU_PROFILE_DIR;
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const args = [...profile, ...(runtime.compiled ? [] : ['--import', 'tsx']), ...[script].flat()];
  // Logs at production's level (a line per request) through a pipe to another process, as a container runtime
  // takes them, which keeps them in a file.
  const log = join(tmpdir(), `thidua-bench-server-${env.PORT}.log`);
  const logFile = openSync(log, 'w');
  const collector = spawn('cat', { stdio: ['pipe', logFile, 'inherit'] });
  closeSync(logFile);
  const child: ChildProcess = spawn(runtime.node, args, {
    cwd: ROOT,
    env: { HOME: '/tmp', NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', collector.stdin!, 'inherit'],
  });
  collector.stdin!.destroy();
  // A bench that fails leaves no server behind holding its port (the next run's would answer from the old one).
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => process.off('exit', orphaned));
  const base = `http://127.0.0.1:${env.PORT}`;
  // Starting under tsx takes a minute or more when the machine is loaded.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}: its log is ${log}`);
    if (await isReady(base)) break;
    if (Date.now() > deadline) throw new Error('gateway did not become ready');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `${base}/graphql`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The CPU time (user + system, seconds) the processes have used so far, from Linux's /proc: per ballot, it
 * compares servers' work where throughput also moves with the machine's other load. Linux counts in USER_HZ
 * ticks, 100 a second.
 */
export function cpuSeconds(pids: number[]): number {
  return pids.reduce((total, pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces) in parentheses: utime and stime are 14th, 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return total + (Number(fields[11]) + Number(fields[12])) / 100;
  }, 0);
}
