import pg from 'pg';
import { afterAll, beforeAll, expect, inject, it, vi } from 'vitest';
import { loadTestEnvironment } from '@thidua/config';
import { createEventBus, type EventBus } from '@thidua/jobs';
import { startTestApp, type TestApp } from '@thidua/testing';

let app: TestApp;
let bus: EventBus;
const errors: unknown[] = [];

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  bus = createEventBus(app.config, (e) => errors.push(e));
});
afterAll(async () => {
  await bus?.close();
  await app?.close();
});

it('the PostgreSQL event bus survives the server ending its connections, and listens again', async () => {
  const received: string[] = [];
  await bus.subscribe('voting_turnout', (m) => received.push(m));
  await bus.publish('voting_turnout', 'trước');
  await vi.waitFor(() => expect(received).toContain('trước'), { timeout: 15_000, interval: 50 });

  // A database restart, as far as this process can tell: the server ends both of the bus's connections.
  const admin = new pg.Client({ connectionString: loadTestEnvironment().TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  const { rowCount } = await admin.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'thidua-events%'`,
    [app.db.name],
  );
  await admin.end();
  expect(rowCount).toBeGreaterThanOrEqual(2);

  // Notifications are fire-and-forget (readers re-read the database), so keep announcing until one arrives.
  await vi.waitFor(
    async () => {
      await bus.publish('voting_turnout', 'sau');
      expect(received).toContain('sau');
    },
    { timeout: 15_000, interval: 200 },
  );
  expect(errors.length).toBeGreaterThan(0);
});
