import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import {
  createAccount,
  createLockedBlock,
  openBlockVote,
  PROCESS_START_LIMIT_MS,
  provinceId,
  startTestApp,
  startWorkerProcess,
  type TestApp,
} from '@thidua/testing';

/**
 * With no job running, stopping is closing the relay, the workers and the connections: well under a second.
 * The limit leaves room for a busy machine, and is what makes a stop that hangs fail here rather than at the
 * test's timeout.
 */
const STOP_MS = 10_000;
/** The drain deadline given to the worker whose jobs never finish, and their lock (how soon they run again). */
const DRAIN_MS = 1_000;
const JOB_LOCK_MS = 1_500;

/** Queues in PostgreSQL (no REDIS_URL). */
let shared: TestApp;
beforeAll(async () => {
  shared = await startTestApp({ template: inject('templateDatabase') });
});
afterAll(() => shared?.close());

describe('stopping the worker', () => {
  it.each([
    ['SIGTERM', 1],
    ['SIGINT', 2],
  ] as const)(
    'on %s (sent %i times) it finishes its work and exits cleanly',
    { timeout: PROCESS_START_LIMIT_MS + STOP_MS },
    async (signal, times) => {
      const worker = await startWorkerProcess(shared.config);
      // Ctrl+C in a terminal reaches the process directly and again through its runner: the second signal must
      // not cut the stop short (Node's default would kill the process mid-way).
      const started = performance.now();
      expect(await worker.stop(signal, times)).toEqual({ code: 0, signal: null });
      expect(performance.now() - started).toBeLessThan(STOP_MS);
    },
  );

  it.each(['postgres', 'redis'] as const)(
    'lets go of jobs still running at its drain deadline, and the emails they were sending are not sent twice (queues on %s)',
    { timeout: 2 * PROCESS_START_LIMIT_MS + DRAIN_MS + 2 * STOP_MS },
    async (queue) => {
      const app =
        queue === 'redis' ? await startTestApp({ template: inject('templateDatabase'), queue }) : shared;
      // A mail server that accepts connections and never answers: each email job waits on it.
      const held: Socket[] = [];
      const silent = createServer((socket) => held.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      const env = {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        WORKER_DRAIN_MS: String(DRAIN_MS),
        JOB_LOCK_MS: String(JOB_LOCK_MS),
      };
      try {
        const province = await provinceId(app.dataSource, '11'); // Điện Biên
        const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
        const block = await createLockedBlock(app, province, ['Sở Nội vụ', 'Sở Tài chính'], admin);
        const statuses = () =>
          runInTenant(app.dataSource, province, async () =>
            (
              (await (await currentManager()).query(`SELECT status FROM email_delivery`)) as {
                status: string;
              }[]
            )
              .map((r) => r.status)
              .sort(),
          );

        const worker = await startWorkerProcess(app.config, env);
        // Opening the vote emails both officers: the worker's jobs connect and wait for a greeting.
        await openBlockVote(app, province, block, [{ kind: 'FLAG' }], admin);
        await vi.waitFor(async () => expect(await statuses()).toEqual(['SENDING', 'SENDING']), {
          timeout: 30_000,
          interval: 100,
        });

        const started = performance.now();
        const stopped = worker.stop();
        await worker.logged('jobs still running at the drain deadline');
        expect(await stopped).toEqual({ code: 0, signal: null });
        // It waited for the jobs until the deadline, not for the mail server (which would take 30 s).
        const took = performance.now() - started;
        expect(took).toBeGreaterThanOrEqual(DRAIN_MS);
        expect(took).toBeLessThan(DRAIN_MS + STOP_MS);

        // The next worker runs the jobs again once their locks expire. Either email may have reached the server:
        // neither is sent again, both are left UNCERTAIN for an operator.
        const next = await startWorkerProcess(app.config, env);
        try {
          await vi.waitFor(async () => expect(await statuses()).toEqual(['UNCERTAIN', 'UNCERTAIN']), {
            timeout: 30_000,
            interval: 200,
          });
        } finally {
          await next.kill();
        }
      } finally {
        for (const socket of held) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
        if (app !== shared) await app.close();
      }
    },
  );
});
