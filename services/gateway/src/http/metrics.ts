import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** Label values a client chooses (operation names) are capped, so that the series stay few. */
const LABEL = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function labelValue(value: unknown, absent = 'anonymous'): string {
  if (value === undefined || value === null || value === '') return absent;
  return typeof value === 'string' && LABEL.test(value) ? value : 'invalid';
}

/**
 * The gateway's Prometheus metrics, on a registry of its own (several gateways may share one process, as in the
 * tests; prom-client's global registry would collide).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'thidua_graphql_request_duration_seconds',
    help: 'GraphQL requests over HTTP, by operation name and HTTP status',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'thidua_graphql_errors_total',
    help: 'GraphQL errors answered over HTTP, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly ballots = new Counter({
    name: 'thidua_ballots_cast_total',
    help: 'Ballots cast online (castBallot succeeded)',
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({
    name: 'thidua_active_subscriptions',
    help: 'GraphQL subscriptions open over WebSocket',
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'thidua_db_pool_connections',
      help: 'Connections of the database pool: total, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        // TypeORM's postgres driver keeps its pg Pool as `master`.
        const pool = (dataSource.driver as unknown as { master?: PoolCounts }).master;
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }

  request(operation: unknown, status: number, seconds: number): void {
    this.requestDuration.observe({ operation: labelValue(operation), status: String(status) }, seconds);
  }

  error(code: unknown): void {
    this.errors.inc({ code: labelValue(code, 'none') });
  }

  ballotCast(): void {
    this.ballots.inc();
  }

  subscriptionStarted(): void {
    this.subscriptions.inc();
  }

  subscriptionEnded(): void {
    this.subscriptions.dec();
  }
}

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * GET /metrics: off (404) without METRICS_TOKEN; otherwise only with `Authorization: Bearer <METRICS_TOKEN>`,
 * compared in constant time.
 */
export async function serveMetrics(
  metrics: GatewayMetrics,
  token: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!token) return send(res, 404, 'Not found\n');
  const header = req.headers.authorization;
  const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!timingSafeEqual(digest(given), digest(token))) {
    res.setHeader('www-authenticate', 'Bearer');
    return send(res, 401, 'Unauthorized\n');
  }
  res.setHeader('content-type', metrics.registry.contentType);
  send(res, 200, await metrics.registry.metrics());
}

/** Equal-length inputs for timingSafeEqual, whatever the lengths given. */
function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function send(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(body);
}
