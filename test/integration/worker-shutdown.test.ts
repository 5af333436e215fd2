import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, startWorkerProcess, type TestApp } from '@thidua/testing';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
});
afterAll(() => app?.close());

describe('stopping the worker', () => {
  it.each([
    ['SIGTERM', 1],
    ['SIGINT', 2],
  ] as const)('on %s (sent %i times) it finishes its work and exits cleanly', async (signal, times) => {
    const worker = await startWorkerProcess(app.config);
    // Ctrl+C in a terminal reaches the process directly and again through its runner: the second signal must not
    // cut the stop short (Node's default would kill the process mid-way).
    expect(await worker.stop(signal, times)).toEqual({ code: 0, signal: null });
  });
});
