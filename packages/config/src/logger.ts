import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** How long a buffered line may wait before it is written, when the gateway is quiet. */
const FLUSH_EVERY_MS = 1000;

let stdout: DestinationStream | undefined;
/** Whether a line was logged since the last timed flush (an idle process makes no empty writes). */
let unflushed = false;

/**
 * Standard output, written in blocks of 4 KiB (or each second) instead of a system call per line: at the
 * production level (info) the gateway logs every request, and a synchronous write per line cost as much CPU as a
 * ballot's own statements. Pino writes what is buffered when the process exits, crashes included; only a kill
 * with no chance to run (SIGKILL, the kernel's OOM killer) loses the last second. One stream for the process:
 * every logger shares it, so lines stay in order.
 */
function bufferedStdout(): DestinationStream {
  if (!stdout) {
    const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
    setInterval(() => {
      if (!unflushed) return;
      unflushed = false;
      try {
        stream.flush();
      } catch {
        // Ended: the process is exiting, and pino has written the rest.
      }
    }, FLUSH_EVERY_MS).unref();
    stdout = stream;
  }
  return stdout;
}

/** JSON logs to stdout; personal data and tokens are never logged (redacted if a caller slips). */
export function createLogger(cfg: Pick<Config, 'LOG_LEVEL'>, service: string): Logger {
  return pino(
    {
      level: cfg.LOG_LEVEL,
      base: { service },
      redact: ['password', '*.password', 'accessToken', 'refreshToken', 'req.headers.authorization'],
      hooks: {
        streamWrite: (line) => {
          unflushed = true;
          return line;
        },
      },
    },
    bufferedStdout(),
  );
}
