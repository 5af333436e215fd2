import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROCESS_START_LIMIT_MS, startTestApp, startWorkerProcess, type TestApp } from '@thidua/testing';

/**
 * With no job running, stopping is closing the relay, the workers and the connections: well under a second.
 * The limit leaves room for a busy machine, and is what makes a stop that hangs fail here rather than at the
 * test's timeout.
 */
const STOP_MS = 10_000;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
});
afterAll(() => app?.close());

describe('stopping the worker', () => {
  it.each([
    ['SIGTERM', 1],
    ['SIGINT', 2],
  ] as const)(
    'on %s (sent %i times) it finishes its work and exits cleanly',
    { timeout: PROCESS_START_LIMIT_MS + STOP_MS },
    async (signal, times) => {
      const worker = await startWorkerProcess(app.config);
      // Ctrl+C in a terminal reaches the process directly and again through its runner: the second signal must
      // not cut the stop short (Node's default would kill the process mid-way).
      const started = performance.now();
      expect(await worker.stop(signal, times)).toEqual({ code: 0, signal: null });
      expect(performance.now() - started).toBeLessThan(STOP_MS);
    },
  );
});
