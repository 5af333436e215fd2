import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * GET /metrics of a service (gateway or worker): off (404) without METRICS_TOKEN; otherwise only with
 * `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time.
 */
export async function serveMetrics(
  registry: Registry,
  token: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!token) return sendText(res, 404, 'Not found\n');
  const header = req.headers.authorization;
  const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!timingSafeEqual(digest(given), digest(token))) {
    res.setHeader('www-authenticate', 'Bearer');
    return sendText(res, 401, 'Unauthorized\n');
  }
  res.setHeader('content-type', registry.contentType);
  sendText(res, 200, await registry.metrics());
}

/** The database pool's use, read when scraped: total, idle, and requests waiting for a connection. */
export function registerPoolGauge(registry: Registry, dataSource: DataSource): void {
  new Gauge({
    name: 'thidua_db_pool_connections',
    help: 'Connections of the database pool: total, idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
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

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Equal-length inputs for timingSafeEqual, whatever the lengths given. */
function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(body);
}
