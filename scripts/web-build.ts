/**
 * Builds the web application (services/web) when its build is missing or older than its sources: used by
 * `npm start` and by the test suite's global setup. The build goes to a directory of its own and replaces
 * dist/ by rename, so a gateway serving dist/ meanwhile never sees half a build.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../services/web', import.meta.url));
const DIST = join(WEB_DIR, 'dist');
const STAMP = join(DIST, '.source-hash');
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** A hash of every source the build reads (names and contents). */
export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS)
    for (const file of files(join(WEB_DIR, input))) {
      hash.update(relative(WEB_DIR, file));
      hash.update(readFileSync(file));
    }
  return hash.digest('hex');
}

export function webBuildIsFresh(): boolean {
  return (
    existsSync(join(DIST, 'index.html')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === webSourceHash()
  );
}

const LOCK = join(WEB_DIR, '.build-lock');

/** One build at a time across processes (test runs of several people, npm start): a directory as the lock. */
function withLock<T>(work: () => T): T {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than five minutes belongs to a build that died.
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() - started > 300_000) throw new Error(`Waited 5 minutes for ${LOCK}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Returns true when it built. */
export function ensureWebBuild(log: (line: string) => void = console.log): boolean {
  if (webBuildIsFresh()) return false;
  return withLock(() => build(log));
}

function build(log: (line: string) => void): boolean {
  if (webBuildIsFresh()) return false; // another process built it while this one waited
  const hash = webSourceHash();
  const out = join(WEB_DIR, `.dist-${process.pid}`);
  log('Building the web application (services/web)…');
  const started = Date.now();
  const vite = join(WEB_DIR, 'node_modules', '.bin', 'vite');
  const bin = existsSync(vite) ? vite : fileURLToPath(new URL('../node_modules/.bin/vite', import.meta.url));
  // Vite's script run by this Node (no PATH needed), in an environment of its own: the build people get, whoever
  // asks for it. Under vitest (NODE_ENV=test) Vite would otherwise bundle React's development build, and the
  // browser tests would drive a page no user runs.
  const result = spawnSync(
    process.execPath,
    [bin, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: WEB_DIR, stdio: 'inherit', env: { HOME: '/tmp', NODE_ENV: 'production' } },
  );
  if (result.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`The web build failed (exit ${result.status ?? result.signal})`);
  }
  writeFileSync(join(out, '.source-hash'), hash);
  const old = join(WEB_DIR, `.dist-old-${process.pid}`);
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(out, DIST);
  rmSync(old, { recursive: true, force: true });
  log(`Web application built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureWebBuild();
