import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  castBlockBallots,
  createAccount,
  createLockedBlock,
  openBlockVote,
  ownerQuery,
  provinceId,
  startPrivateRedis,
  startTestApp,
  type Account,
  type PrivateRedis,
  type TestApp,
} from '@thidua/testing';

const NAMES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp'];
/** Short settings of this file's own; every wait below is derived from them. */
const PAUSE_MS = 4_000;
const READINESS_MS = 300;
const SWEEP_MS = 300;
const SCHEDULER_CHECK_MS = 1_000;
/** How late something may be on a busy 2-core machine beyond the settings that bound it. */
const SLACK_MS = 3_000;

let redis: PrivateRedis;
let app: TestApp;
let province: string;
let admin: Account;

// Redis of this file's own: pausing or emptying the machine's Redis would disturb every other test file.
beforeAll(async () => {
  redis = await startPrivateRedis();
  app = await startTestApp({
    template: inject('templateDatabase'),
    queue: 'redis',
    worker: true,
    config: {
      REDIS_URL: redis.url,
      READINESS_TIMEOUT_MS: String(READINESS_MS),
      VOTING_SWEEP_MS: String(SWEEP_MS),
      SCHEDULER_CHECK_MS: String(SCHEDULER_CHECK_MS),
    },
  });
  province = await provinceId(app.dataSource, '33'); // Hưng Yên
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
});
afterAll(async () => {
  await app?.close();
  await redis?.stop();
});

const readyz = async () => (await fetch(app.gateway.url.replace('/graphql', '/readyz'))).status;

describe('Redis outages', () => {
  it('paused: a ballot is answered at once, not after the announcement; /readyz is 503 in bounded time', async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    const vote = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);

    const pausedUntil = performance.now() + PAUSE_MS;
    await redis.pause(PAUSE_MS);
    // The ballot is stored and answered while Redis still holds every command, its turnout announcement included.
    await castBlockBallots(app, province, block, vote, [[2]], [block.officers[1]!]);
    expect(performance.now()).toBeLessThan(pausedUntil);
    const started = performance.now();
    expect(await readyz()).toBe(503);
    expect(performance.now() - started).toBeLessThan(READINESS_MS + SLACK_MS);

    await vi.waitFor(async () => expect(await readyz()).toBe(200), {
      timeout: PAUSE_MS + SLACK_MS,
      interval: 50,
    });
  });

  it('restarted empty: the worker creates its schedulers again, overdue votes close by themselves, open ones get their close and reminder jobs back', async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    const vote = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const later = await createLockedBlock(app, province, NAMES, admin);
    const running = await openBlockVote(app, province, later, [{ kind: 'FLAG', seats: 1 }]);
    const voting = app.queueBackend.queue('voting');
    await vi.waitFor(
      async () => expect(await voting.getJob(`close-voting.${province}.${vote.id}`)).toBeTruthy(),
      {
        timeout: SLACK_MS,
        interval: 20,
      },
    );

    // The close job and the sweep's scheduler are gone with the data; the deadline passes meanwhile.
    await redis.restartEmpty();
    await ownerQuery(
      app.db,
      province,
      `UPDATE voting_period SET opens_at = now() - interval '1 hour', closes_at = now() - interval '1 second' WHERE id = $1`,
      [vote.id],
    );

    // Found missing on reconnection or at the next check, the schedulers come back with a sweep at once.
    await vi.waitFor(
      async () => {
        const [period] = await ownerQuery<{ status: string; close_reason: string }>(
          app.db,
          province,
          `SELECT status, close_reason FROM voting_period WHERE id = $1`,
          [vote.id],
        );
        // Closed at its deadline (and perhaps already counted).
        expect(period).toEqual({
          status: expect.stringMatching(/^(CLOSED|TALLIED)$/),
          close_reason: 'DEADLINE',
        });
      },
      { timeout: SCHEDULER_CHECK_MS + SWEEP_MS + SLACK_MS, interval: 50 },
    );
    // The vote may close before the schedulers are back (another path closes an overdue vote): they come back
    // at the next check all the same.
    await vi.waitFor(async () => expect(await voting.getJobScheduler('sweep-voting')).toBeTruthy(), {
      timeout: SCHEDULER_CHECK_MS + SLACK_MS,
      interval: 50,
    });
    // The vote still running has its delayed close job again (through the outbox), so it closes on time.
    await vi.waitFor(
      async () => expect(await voting.getJob(`close-voting.${province}.${running.id}`)).toBeTruthy(),
      { timeout: SLACK_MS, interval: 50 },
    );
  });
});
