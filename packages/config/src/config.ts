import { z } from 'zod';

/**
 * The one place that reads process.env. Everything else receives a typed, validated Config.
 * Callers (the start script, the test harness) may pass overrides instead of mutating process.env.
 */

const postgresUrl = z.url().refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL');
const redisUrl = z.url().refine((v) => /^rediss?:\/\//.test(v), 'must be a redis:// URL');
const int = (def: number, min = 1) => z.coerce.number().int().min(min).default(def);
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The application role: not the owner of the tables, not a superuser, no BYPASSRLS.
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl),
  // The owner role: runs migrations. Defaults to DATABASE_URL's server with the role `thidua_owner`.
  DATABASE_OWNER_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  // A superuser, used only by `db:setup` (and the tests) to create the roles and databases.
  DATABASE_ADMIN_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_SIZE: int(10),
  // How long work waits for a pooled connection before failing, instead of hanging when the pool is exhausted.
  DATABASE_ACQUIRE_TIMEOUT_MS: int(10_000),
  // The server ends a statement running longer than this, and a session left idle inside a transaction (its
  // client stuck or gone) after the second: either way the connection comes back to the pool.
  DATABASE_STATEMENT_TIMEOUT_MS: int(30_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(15_000),
  // Unset: BullMQ's PostgreSQL backend on DATABASE_URL's database.
  REDIS_URL: z.preprocess(emptyAsUndefined, redisUrl.optional()),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, 'letters, digits, _ and - only')
    .default('thidua'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  // The worker's own small HTTP port (on HOST): /healthz, /readyz and /metrics. 0 picks a free port.
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  // Proxies in front of the gateway (load balancer, ingress) whose X-Forwarded-For entry is trusted: the client's
  // address for rate limits and sign-in throttling is read that many hops from the right. 0: the socket's.
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  // Keys the audit chains' hashes (HMAC-SHA-256): a key the database does not hold, so whoever can insert audit
  // rows cannot append one that verifies. Rotation: the new key here, the old ones in AUDIT_HMAC_PREVIOUS_KEYS.
  AUDIT_HMAC_KEY: z.string().min(32, 'must be at least 32 characters'),
  // Keys rotated out, comma-separated, still needed to verify the events hashed with them.
  AUDIT_HMAC_PREVIOUS_KEYS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((k) => k.trim()) : []))
      .refine((keys) => keys.every((k) => k.length >= 32), 'each key must be at least 32 characters'),
  ),
  ACCESS_TOKEN_TTL_SECONDS: int(900),
  REFRESH_TOKEN_TTL_SECONDS: int(30 * 24 * 3600),
  // A spent refresh token presented again this soon, its successor never used, is an answer the browser lost (a
  // reload during the refresh), not a stolen copy: it is spent again instead of ending the session. Short: within
  // it, an owner who comes second to a thief is not told apart from one whose answer was lost (audited).
  REFRESH_REUSE_GRACE_SECONDS: int(10, 0),
  LOGIN_MAX_FAILURES: int(5),
  LOGIN_LOCK_SECONDS: int(900),
  // Failures from one client across every email, and for one email across every client (a much higher ceiling:
  // past it, only clients that have not failed may still try that email). Windows and locks: LOGIN_LOCK_SECONDS.
  LOGIN_CLIENT_MAX_FAILURES: int(20),
  LOGIN_EMAIL_MAX_FAILURES: int(50),
  // Accounts (issue 16): an invitation's link works this many days; a password reset's link this many minutes.
  INVITATION_TTL_DAYS: int(7),
  PASSWORD_RESET_TTL_MINUTES: int(60),
  // Password reset requests within the window, per address and per client: past either, RATE_LIMITED.
  PASSWORD_RESET_MAX_PER_EMAIL: int(3),
  PASSWORD_RESET_MAX_PER_CLIENT: int(10),
  PASSWORD_RESET_WINDOW_SECONDS: int(3600),
  RATE_LIMIT_PER_MINUTE: int(600),
  GRAPHQL_MAX_DEPTH: int(10),
  // Values an operation may resolve at most, every list counted at its largest possible size (http/limits.ts).
  GRAPHQL_MAX_COMPLEXITY: int(60_000),
  // Lexical tokens of a GraphQL document (refused while parsing), and fields given an alias in one operation.
  GRAPHQL_MAX_TOKENS: int(5000),
  GRAPHQL_MAX_ALIASES: int(30),
  REQUEST_BODY_LIMIT_BYTES: int(100_000),
  // Spreadsheet imports (POST /import/<kind>): the largest file accepted (5 MiB holds far more than 10,000 rows),
  // and the most data rows one file may have.
  IMPORT_MAX_BYTES: int(5 * 1024 * 1024),
  IMPORT_MAX_ROWS: int(20_000),
  // /readyz answers 503 when the database or the queue backend has not answered within this long.
  READINESS_TIMEOUT_MS: int(2_000),
  // On SIGTERM the gateway lets requests under way finish for up to this long, then closes what is left.
  SHUTDOWN_GRACE_MS: int(10_000),
  // How long a gateway may serve a cached province comparison when a rollup announcement is lost.
  DASHBOARD_CACHE_MS: int(10_000),
  // Longest a gateway keeps a session's principal (roles, provinces); changes reach it sooner by NOTIFY. 0: off.
  PRINCIPAL_CACHE_MS: int(10_000, 0),
  // Unset: the gateway's /metrics answers 404. Set: Prometheus scrapes it with `Authorization: Bearer <token>`.
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'must be at least 16 characters').optional(),
  ),
  // Set (e.g. http://otel-collector:4318): traces are sent there over OTLP/HTTP; unset, tracing is off.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().optional()),
  OUTBOX_POLL_MS: int(500),
  // Unset: no email is sent (in-app notifications still are).
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  MAIL_FROM: z.string().default('"Thi đua – Khen thưởng" <no-reply@thidua.vn>'),
  // Signs the unsubscribe links in emails: a key of its own, not JWT_SECRET. Links work this many days.
  UNSUBSCRIBE_SECRET: z.string().min(32, 'must be at least 32 characters'),
  UNSUBSCRIBE_TTL_DAYS: int(60),
  // Webhook targets in private or loopback networks, and new plain http:// ones, are refused unless this is true
  // (development, tests, on-premise setups whose receiver is on the same closed network).
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // At most the queue's own 5 attempts per job.
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(5),
  WEBHOOK_TIMEOUT_MS: int(5000),
  VOTING_SWEEP_MS: int(60_000),
  // How often the worker checks that its job schedulers still exist in the queue store (a Redis restarted empty
  // loses them) and re-creates them; also checked whenever the connection to Redis is re-established.
  SCHEDULER_CHECK_MS: int(30_000),
  // A job whose worker died (its lock not renewed) runs again after about this long.
  JOB_LOCK_MS: int(30_000, 1000),
  // On SIGTERM the worker takes no more jobs and lets running ones finish for up to this long; then it lets go of
  // them (they run again elsewhere after JOB_LOCK_MS) and stops. Its pod's grace period is longer.
  WORKER_DRAIN_MS: int(60_000),
  // Where attachments and stored documents live: the local disk (under FILES_DIR) or an S3-compatible store.
  FILES_BACKEND: z.enum(['local', 's3']).default('local'),
  FILES_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data/files')),
  S3_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().optional()),
  S3_REGION: z.preprocess(emptyAsUndefined, z.string().default('us-east-1')),
  S3_BUCKET: z.preprocess(emptyAsUndefined, z.string().optional()),
  S3_ACCESS_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  S3_SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  // The largest attachment accepted, in bytes (20 MiB).
  ATTACHMENT_MAX_BYTES: int(20 * 1024 * 1024),
});

export type Config = z.infer<typeof schema> & { DATABASE_OWNER_URL: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example.`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  const input: Record<string, string | undefined> = { ...process.env, ...overrides };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = i.path.join('.');
        // Unset and empty are alike (emptyAsUndefined).
        const given = input[String(i.path[0])];
        return i.code === 'invalid_type' && (given === undefined || given === '')
          ? `${name} is required`
          : `${name}: ${i.message}`;
      }),
    );
  }
  const cfg = parsed.data;
  if (cfg.UNSUBSCRIBE_SECRET === cfg.JWT_SECRET)
    throw new ConfigError(['UNSUBSCRIBE_SECRET: must differ from JWT_SECRET (each key signs one thing)']);
  if (cfg.FILES_BACKEND === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const).filter((k) => !cfg[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k} is required when FILES_BACKEND=s3`));
  }
  return { ...cfg, DATABASE_OWNER_URL: cfg.DATABASE_OWNER_URL ?? withRole(cfg.DATABASE_URL, 'thidua_owner') };
}

function withRole(url: string, role: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.toString();
}

const testSchema = z.object({
  TEST_DATABASE_ADMIN_URL: z.preprocess(
    emptyAsUndefined,
    postgresUrl.default('postgres://postgres@127.0.0.1:5432/postgres'),
  ),
  TEST_REDIS_URL: z.preprocess(emptyAsUndefined, redisUrl.default('redis://127.0.0.1:6379')),
  TEST_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('silent'),
  /** `npm run bench`: where each server it starts writes its V8 CPU profile when it stops (none when unset). */
  BENCH_CPU_PROFILE_DIR: z.preprocess(emptyAsUndefined, z.string().optional()),
});

/** Where the test suite finds a superuser and Redis; defaults fit the development machine. */
export function loadTestEnvironment(): z.infer<typeof testSchema> {
  const parsed = testSchema.safeParse(process.env);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}

/** Whether the operator set a variable; `npm start` fills in embedded defaults for the ones left unset. */
export function isConfigured(name: keyof z.infer<typeof schema>): boolean {
  return !!process.env[name];
}
