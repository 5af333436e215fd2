import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@thidua/config';
import { enqueueJob } from '@thidua/jobs';
import { runInTransaction } from '@thidua/db';
import {
  PROCESS_START_LIMIT_MS,
  startTestApp,
  startWorkerProcess,
  type TestApp,
  type WorkerProcess,
} from '@thidua/testing';
import { startHealthServer, WorkerMetrics } from '@thidua/worker';

const TOKEN = 'worker-metrics-token-0123456789';

let app: TestApp;
let worker: WorkerProcess;

beforeAll(async () => {
  // The gateway in-process without a worker: the worker under test is the only one taking jobs.
  app = await startTestApp({ template: inject('templateDatabase') });
  worker = await startWorkerProcess(app.config, { METRICS_TOKEN: TOKEN });
}, PROCESS_START_LIMIT_MS);
afterAll(async () => {
  await worker?.stop();
  await app?.close();
});

const get = (path: string, authorization?: string) =>
  fetch(`${worker.healthUrl}${path}`, { headers: authorization ? { authorization } : {} });

describe("the worker's health port", () => {
  it('answers liveness, and readiness with the database and the queue store checked', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', queues: 'ok' } });
    expect((await get('/anything-else')).status).toBe(404);
  });

  it('serves metrics only with the token', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', `Bearer ${TOKEN}x`)).status).toBe(401);
    const text = await (await get('/metrics', `Bearer ${TOKEN}`)).text();
    expect(text).toMatch(/^thidua_queue_jobs\{queue="[\w-]+",state="waiting"\} \d+$/m);
    expect(text).toMatch(/^thidua_db_pool_connections\{state="total"\} \d+$/m);
  });

  it('times the jobs it runs, by queue and job name', async () => {
    // A job no scheduler runs during the test (the purge is daily at 3 a.m.), counted from what was there before.
    const doneCount = async () => {
      const text = await (await get('/metrics', `Bearer ${TOKEN}`)).text();
      const sample = text.match(
        /^thidua_job_duration_seconds_count\{queue="maintenance",job="purge-expired",outcome="done"\} (\d+)$/m,
      );
      return sample ? Number(sample[1]) : 0;
    };
    const before = await doneCount();
    await runInTransaction(app.dataSource, null, () =>
      enqueueJob('purge-expired', {}, { jobId: 'purge-expired.metrics-test' }),
    );
    await expect.poll(doneCount, { timeout: 30_000, interval: 200 }).toBe(before + 1);
  });

  it('says it is not ready once it drains, so that no orchestrator sends it work', async () => {
    const config = { ...app.config, WORKER_HEALTH_PORT: 0 };
    const deps = { ...app, config, logger: createLogger(config, 'worker-health-test') };
    const health = await startHealthServer(deps, new WorkerMetrics(app.dataSource, app.queueBackend));
    try {
      expect((await fetch(`${health.url}/readyz`)).status).toBe(200);
      health.draining();
      const draining = await fetch(`${health.url}/readyz`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toEqual({ status: 'draining' });
      expect((await fetch(`${health.url}/healthz`)).status).toBe(200);
    } finally {
      await health.close();
    }
  });

  it('stops cleanly on SIGTERM and closes its port', async () => {
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
    await expect(get('/healthz')).rejects.toThrow();
  });
});
