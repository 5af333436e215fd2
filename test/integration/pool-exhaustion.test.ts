import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { createAccount, startTestApp, TEST_PASSWORD, type Account, type TestApp } from '@thidua/testing';

/** A small pool and short timeouts of this file's own, so that being stuck shows (and ends) in a second or two. */
const POOL = 2;
const ACQUIRE_MS = 1_000;
const IDLE_IN_TRANSACTION_MS = 1_500;
const STATEMENT_MS = 1_000;
const READINESS_MS = 300;
const MAX_FAILURES = 3;
/** How late an answer may be on a busy 2-core machine beyond the limit that bounds it. */
const SLACK_MS = 2_000;

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const ME = `{ me { email } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    template: inject('templateDatabase'),
    config: {
      DATABASE_POOL_SIZE: String(POOL),
      DATABASE_ACQUIRE_TIMEOUT_MS: String(ACQUIRE_MS),
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: String(IDLE_IN_TRANSACTION_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_MS),
      READINESS_TIMEOUT_MS: String(READINESS_MS),
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
    },
  });
});
afterAll(() => app?.close());

const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;
const readyz = async () => (await fetch(app.gateway.url.replace('/graphql', '/readyz'))).status;

/** Runs `work`, failing if it takes longer than `limitMs`. */
async function within<T>(limitMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  expect(performance.now() - started).toBeLessThan(limitMs);
  return result;
}

describe('a storm of requests on a small pool', () => {
  it(`${4 * POOL} concurrent failed sign-ins are all answered, counted, and the gateway still serves`, async () => {
    const victim = await createAccount(app, 'NATIONAL_VIEWER');
    // Each is ~100 ms of password hashing, far more on a busy machine: the limit is the test's own timeout. A
    // request that waited for a second connection would fail at the acquire timeout, an internal error.
    const answers = await Promise.all(
      Array.from({ length: 4 * POOL }, (_, i) =>
        app.gql(LOGIN, { email: victim.email, password: `sai mật khẩu ${i}` }),
      ),
    );
    // Each is a wrong password or, once the count read before it reaches the limit, a lock; none an error.
    expect(answers.map(code).filter((c) => c !== 'UNAUTHENTICATED' && c !== 'RATE_LIMITED')).toEqual([]);
    // Every failure was recorded after its request let go of its connection: the email is locked now.
    expect(code(await app.gql(LOGIN, { email: victim.email, password: TEST_PASSWORD }))).toBe('RATE_LIMITED');

    const other = await createAccount(app, 'NATIONAL_VIEWER');
    expect((await app.gql(ME, {}, { token: other.token })).data).toEqual({ me: { email: other.email } });
    expect(await readyz()).toBe(200);
  });

  it('the failure that reaches the limit is answered RATE_LIMITED, from the count read before it', async () => {
    const victim = await createAccount(app, 'NATIONAL_VIEWER');
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < MAX_FAILURES; i++)
      codes.push(code(await app.gql(LOGIN, { email: victim.email, password: `sai ${i}` })));
    expect(codes).toEqual([...Array(MAX_FAILURES - 1).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
  });

  it(`${4 * POOL} concurrent refreshes with one token take turns: each answered, one token left live, nothing hangs`, async () => {
    const owner: Account = await createAccount(app, 'NATIONAL_VIEWER');
    const answers = await Promise.all(
      Array.from({ length: 4 * POOL }, () => app.gql(REFRESH, { t: owner.refreshToken })),
    );
    // The first spends it; the others, within the grace and before anyone used a successor, are a browser that
    // lost its answers: each spends the previous successor unused. All are served.
    expect(answers.map((a) => a.errors?.[0]?.message)).toEqual(Array(4 * POOL).fill(undefined));
    const [{ live }] = await app.dataSource.query(
      `SELECT count(*)::int AS live FROM refresh_token t JOIN auth_session s ON s.id = t.session_id
       WHERE s.user_id = $1 AND t.used_at IS NULL AND s.revoked_at IS NULL`,
      [owner.id],
    );
    expect(live).toBe(1);
    expect((await app.gql(ME, {}, { token: owner.token })).data).toEqual({ me: { email: owner.email } });
    expect(await readyz()).toBe(200);
  });
});

describe('a reused token under a storm', () => {
  it(`${4 * POOL} concurrent uses of a token whose successor was used: all refused, the session ended, nothing hangs`, async () => {
    const owner: Account = await createAccount(app, 'NATIONAL_VIEWER');
    const next = await app.gql<{ refreshToken: { refreshToken: string } }>(REFRESH, {
      t: owner.refreshToken,
    });
    expect((await app.gql(REFRESH, { t: next.data!.refreshToken.refreshToken })).data).toBeTruthy();
    const answers = await Promise.all(
      Array.from({ length: 4 * POOL }, () => app.gql(REFRESH, { t: owner.refreshToken })),
    );
    expect(answers.map(code)).toEqual(Array(4 * POOL).fill('UNAUTHENTICATED'));
    // The revocation, written after each refused request let go of its connection, ended the whole family.
    expect(code(await app.gql(ME, {}, { token: owner.token }))).toBe('UNAUTHENTICATED');
    expect(await readyz()).toBe(200);
  });
});

describe('a stuck pool', () => {
  let held: QueryRunner[] = [];
  afterAll(async () => {
    await Promise.all(held.map((r) => r.release().catch(() => undefined)));
  });

  it('makes /readyz 503 at once; the server ends the idle transactions and the gateway recovers alone', async () => {
    // Every pooled connection left idle inside a transaction, as the sign-in deadlock once left them.
    held = await Promise.all(
      Array.from({ length: POOL }, async () => {
        const runner = app.dataSource.createQueryRunner();
        await runner.connect();
        await runner.startTransaction();
        return runner;
      }),
    );
    expect(await within(READINESS_MS + SLACK_MS, readyz)).toBe(503);
    // A request waits for a connection no longer than the acquire timeout, then is told to come back.
    const res = await within(ACQUIRE_MS + SLACK_MS, () =>
      fetch(app.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: LOGIN,
          variables: { email: 'ai-do@khong-co.vn', password: 'không đúng' },
        }),
      }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(
      ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('SERVICE_UNAVAILABLE');

    // Nobody releases them: idle_in_transaction_session_timeout ends those sessions and the pool replaces them.
    await vi.waitFor(async () => expect(await readyz()).toBe(200), {
      timeout: IDLE_IN_TRANSACTION_MS + ACQUIRE_MS + SLACK_MS,
      interval: 50,
    });
    const me = await createAccount(app, 'NATIONAL_VIEWER');
    expect((await app.gql(ME, {}, { token: me.token })).data).toEqual({ me: { email: me.email } });
  });

  it('a statement running past the statement timeout is ended by the server', async () => {
    await expect(
      within(STATEMENT_MS + SLACK_MS, () => app.dataSource.query('SELECT pg_sleep(30)')),
    ).rejects.toThrow(/statement timeout/);
  });
});
