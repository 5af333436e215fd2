import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTracing, type Tracing } from '@thidua/jobs';
import { createAccount, provinceId, startTestApp, type Account, type TestApp } from '@thidua/testing';

/** A span as OTLP/HTTP JSON carries it. */
interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

/** An OTLP/HTTP receiver: what the collector would get from the exporter, kept for the test to read. */
let collector: Server;
const received: ExportedSpan[] = [];
let tracing: Tracing;
let app: TestApp;
let admin: Account;
let province: string;

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[];
      };
      for (const r of body.resourceSpans) for (const s of r.scopeSpans) received.push(...s.spans);
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  // Before the app starts, so that its queues and workers are made with telemetry, as in a traced process.
  tracing = startTracing(endpoint, 'thidua-test');
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  province = await provinceId(app.dataSource, '01');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
});
afterAll(async () => {
  await app?.close();
  await tracing?.stop();
  collector?.close();
});

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  it('follows a request through the outbox and the queue into the worker, as one trace', async () => {
    const set = await app.gql(
      `mutation ScheduleYearEnd { setYearEndSchedule(input: { month: 12, day: 31, time: "17:00" }) { month } }`,
      {},
      { token: admin.token, provinceId: province },
    );
    expect(set.errors).toBeUndefined();

    // The worker runs the job the request wrote to the outbox; the batch processor exports on flush.
    let request: ExportedSpan | undefined;
    let processed: ExportedSpan | undefined;
    await expect
      .poll(
        async () => {
          await tracing.flush();
          request = received.find((s) => s.name === 'graphql ScheduleYearEnd');
          processed = received.find(
            (s) => s.traceId === request?.traceId && /process/i.test(s.name) && /year-end/.test(s.name),
          );
          return Boolean(processed);
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);

    // Every span of the trace leads back to the request's span: request → add to the queue → process.
    const trace = received.filter((s) => s.traceId === request!.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestry = (s: ExportedSpan): string[] =>
      s.parentSpanId && byId.has(s.parentSpanId)
        ? [s.name, ...ancestry(byId.get(s.parentSpanId)!)]
        : [s.name];
    expect(ancestry(processed!).at(-1)).toBe('graphql ScheduleYearEnd');
    expect(ancestry(processed!).some((name) => /add/i.test(name))).toBe(true);
  });
});
