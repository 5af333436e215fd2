import { pino, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** How long a buffered line may wait before it is written, when the process is quiet. */
const FLUSH_EVERY_MS = 1000;

let stdout: ReturnType<typeof pino.destination> | undefined;

/**
 * Standard output, written in blocks of 4 KiB (or each second) instead of a system call per line: at the
 * production level (info) the gateway logs every request, and through a container's pipe a write per line cost
 * 2–4 % of its CPU per ballot (docs/benchmarks.md). Still synchronous writes, so none is ever half done when
 * the process exits, and what is buffered then is written on 'exit' (an uncaught exception included). One stream
 * for the process: every logger shares it, so lines stay in order.
 */
function bufferedStdout() {
  if (!stdout) {
    const stream = pino.destination({ dest: 1, sync: true, minLength: 4096, periodicFlush: FLUSH_EVERY_MS });
    // Pino writes a destination's buffer on exit only for asynchronous ones.
    process.on('exit', () => stream.flushSync());
    stdout = stream;
  }
  return stdout;
}

/**
 * Writes what is buffered now. For a process that ends without 'exit': vitest stops its test processes with
 * SIGTERM, which would lose their last second of lines when TEST_LOG_LEVEL is raised to debug a test.
 */
export function flushLogs(): void {
  stdout?.flushSync();
}

/** JSON logs to stdout; personal data and tokens are never logged (redacted if a caller slips). */
export function createLogger(cfg: Pick<Config, 'LOG_LEVEL'>, service: string): Logger {
  return pino(
    {
      level: cfg.LOG_LEVEL,
      base: { service },
      redact: ['password', '*.password', 'accessToken', 'refreshToken', 'req.headers.authorization'],
    },
    bufferedStdout(),
  );
}
