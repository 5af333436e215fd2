import { pino, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** JSON logs to stdout; personal data and tokens are never logged (redacted if a caller slips). */
export function createLogger(cfg: Pick<Config, 'LOG_LEVEL'>, service: string): Logger {
  return pino({
    level: cfg.LOG_LEVEL,
    base: { service },
    redact: ['password', '*.password', 'accessToken', 'refreshToken', 'req.headers.authorization'],
  });
}
