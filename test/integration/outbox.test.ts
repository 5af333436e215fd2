import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { currentManager, runInTransaction, sessionRepository } from '@thidua/db';
import { enqueueJob, jobId, relayOutboxOnce } from '@thidua/jobs';
import { startTestApp, createAccount, type TestApp } from '@thidua/testing';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function outboxRows(a: TestApp) {
  return runInTransaction(a.dataSource, null, async () =>
    (await currentManager()).query(`SELECT job_id, sent_at IS NOT NULL AS sent FROM outbox ORDER BY id`),
  );
}

/** An ended session: what the purge job exists to delete. */
async function expiredSession(a: TestApp): Promise<string> {
  const account = await createAccount(a, 'NATIONAL_VIEWER');
  return runInTransaction(a.dataSource, null, async () => {
    const s = await sessionRepository.create(account.id, new Date(Date.now() - 3 * 86_400_000));
    return s.id;
  });
}

async function sessionExists(a: TestApp, id: string): Promise<boolean> {
  const rows = await runInTransaction(a.dataSource, null, async () =>
    (await currentManager()).query(`SELECT 1 FROM auth_session WHERE id = $1`, [id]),
  );
  return rows.length > 0;
}

describe.each(['redis', 'postgres'] as const)('queue backend: %s', (queue) => {
  it('runs a job end to end: outbox row → relay → worker → effect in the database', async () => {
    app = await startTestApp({ template: inject('templateDatabase'), queue, worker: true });
    const session = await expiredSession(app);
    await runInTransaction(app.dataSource, null, () =>
      enqueueJob('purge-expired', {}, { jobId: jobId('purge', 'e2e') }),
    );

    await vi.waitFor(async () => expect(await sessionExists(app!, session)).toBe(false), {
      timeout: 15_000,
      interval: 50,
    });
    const job = await app.queueBackend.queue('maintenance').getJob('purge.e2e');
    await vi.waitFor(async () => expect(await job?.getState()).toBe('completed'), {
      timeout: 15_000,
      interval: 50,
    });
    expect(await outboxRows(app)).toEqual([{ job_id: 'purge.e2e', sent: true }]);
  });

  it('survives a relay crash between enqueue and commit: one job, row sent once', async () => {
    app = await startTestApp({ template: inject('templateDatabase'), queue });
    await runInTransaction(app.dataSource, null, () =>
      enqueueJob('purge-expired', {}, { jobId: jobId('purge', 'crash') }),
    );

    const crash = relayOutboxOnce(app.dataSource, app.queueBackend, {
      afterEnqueue: () => {
        throw new Error('relay killed after enqueue');
      },
    });
    await expect(crash).rejects.toThrow('relay killed');
    expect(await outboxRows(app)).toEqual([{ job_id: 'purge.crash', sent: false }]);

    expect(await relayOutboxOnce(app.dataSource, app.queueBackend)).toBe(1);
    expect(await relayOutboxOnce(app.dataSource, app.queueBackend)).toBe(0);
    expect(await outboxRows(app)).toEqual([{ job_id: 'purge.crash', sent: true }]);
    const counts = await app.queueBackend
      .queue('maintenance')
      .getJobCounts('waiting', 'delayed', 'active', 'completed');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
  });
});

it('a job enqueued in a transaction that rolls back is never sent', async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  await expect(
    runInTransaction(app.dataSource, null, async () => {
      await enqueueJob('purge-expired', {}, { jobId: jobId('purge', 'rolled-back') });
      throw new Error('business change failed');
    }),
  ).rejects.toThrow('business change failed');
  expect(await outboxRows(app)).toEqual([]);
});

it('a job that cannot succeed lands in job_failure, where an admin can see it', async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  // A payload the contract refuses (as if written by an older release): retrying cannot help.
  await runInTransaction(app.dataSource, null, async () =>
    (await currentManager()).query(
      `INSERT INTO outbox (queue, job_name, job_id, payload) VALUES ('maintenance', 'purge-expired', 'purge.bad', '{"outboxRetentionDays": -1}')`,
    ),
  );
  await vi.waitFor(
    async () => {
      const rows = await runInTransaction(app!.dataSource, null, async () =>
        (await currentManager()).query(`SELECT job_id, job_name, error, attempts FROM job_failure`),
      );
      expect(rows).toEqual([
        {
          job_id: 'purge.bad',
          job_name: 'purge-expired',
          error: expect.stringMatching(/Bad payload/),
          attempts: 1,
        },
      ]);
    },
    { timeout: 15_000, interval: 50 },
  );
});
