import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config, Logger } from '@thidua/config';
import { readiness, serveMetrics, type QueueBackend } from '@thidua/jobs';
import type { DataSource } from 'typeorm';
import type { WorkerMetrics } from './metrics';

export interface HealthServer {
  url: string;
  /** From now on /readyz answers 503: the worker is draining and takes no new jobs. */
  draining(): void;
  close(): Promise<void>;
}

/**
 * The worker's small HTTP port for its orchestrator and Prometheus: /healthz (the process answers), /readyz (the
 * database and the queue store answer within READINESS_TIMEOUT_MS, and the worker is not draining), /metrics
 * (behind METRICS_TOKEN, as on the gateway).
 */
export async function startHealthServer(
  { config, dataSource, queueBackend, logger }: HealthDeps,
  metrics: WorkerMetrics,
): Promise<HealthServer> {
  let isDraining = false;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://worker').pathname;
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/metrics') {
      void serveMetrics(metrics.registry, config.METRICS_TOKEN, req, res).catch((e) => {
        logger.error({ err: e }, 'metrics failed');
        if (!res.headersSent) sendJson(res, 500, { status: 'error' });
      });
      return;
    }
    if (path !== '/readyz') return sendJson(res, 404, { status: 'not found' });
    if (isDraining) return sendJson(res, 503, { status: 'draining' });
    void readiness(
      {
        database: () => dataSource.query('SELECT 1'),
        queues: () => queueBackend.ping(),
      },
      config.READINESS_TIMEOUT_MS,
    ).then(({ ready, checks }) =>
      sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unready', checks }),
    );
  });
  await new Promise<void>((resolve) => server.listen(config.WORKER_HEALTH_PORT, config.HOST, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  logger.info({ url }, 'worker health listening');
  return {
    url,
    draining: () => void (isDraining = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface HealthDeps {
  config: Config;
  dataSource: DataSource;
  queueBackend: QueueBackend;
  logger: Logger;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}
