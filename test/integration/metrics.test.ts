import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  castBlockBallots,
  createAccount,
  createLockedBlock,
  openBlockVote,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const TOKEN = 'metrics-token-for-the-tests-0123456789';
const NAMES = ['Sở Tài chính', 'Sở Xây dựng', 'Sở Y tế'];

let app: TestApp;
let off: TestApp;
let province: string;
let admin: Account;

const base = (a: TestApp) => a.gateway.url.replace('/graphql', '');
const scrape = (a: TestApp, authorization?: string) =>
  fetch(`${base(a)}/metrics`, { headers: authorization ? { authorization } : {} });

const scraped = async () => (await scrape(app, `Bearer ${TOKEN}`)).text();

/** The value of one sample in Prometheus text format, or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

beforeAll(async () => {
  const template = inject('templateDatabase');
  [app, off] = await Promise.all([
    startTestApp({ template, config: { METRICS_TOKEN: TOKEN } }),
    startTestApp({ template }),
  ]);
  province = await provinceId(app.dataSource, '01');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
});
afterAll(() => Promise.all([app?.close(), off?.close()]));

describe('/metrics', () => {
  it('is off (404) without METRICS_TOKEN', async () => {
    expect((await scrape(off)).status).toBe(404);
    expect((await scrape(off, `Bearer ${TOKEN}`)).status).toBe(404);
  });

  it('refuses a missing or wrong token (401)', async () => {
    expect((await scrape(app)).status).toBe(401);
    expect((await scrape(app, `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(app, 'Bearer short')).status).toBe(401);
    expect((await scrape(app, TOKEN)).status).toBe(401);
  });

  it('counts named operations, error codes and ballots, and reads the pool', async () => {
    const named = await app.gql(
      `query ProvinceCount { provinces { totalCount } }`,
      {},
      { token: admin.token },
    );
    expect(named.errors).toBeUndefined();
    const refused = await app.gql(
      `query Provinces { provinces { totalCount } }`,
      {},
      { token: 'not-a-token' },
    );
    const code = refused.errors?.[0]?.extensions?.code;
    expect(code).toBe('UNAUTHENTICATED');
    const longName = `Q${'x'.repeat(64)}`;
    await app.gql(`query ${longName} { provinces { totalCount } }`, {}, { token: admin.token });

    const block = await createLockedBlock(app, province, NAMES, admin);
    const vote = await openBlockVote(app, province, block, [{ kind: 'FLAG' }], admin);
    // A screen subscribed to the turnout counts while it is open; a refused subscriber never does.
    const ws = (token: string) =>
      createClient({
        url: app.gateway.url.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}`, 'x-province-id': province },
        retryAttempts: 0,
      });
    const query = `subscription($id: ID!) { votingTurnout(votingPeriodId: $id) { cast } }`;
    const forged = ws('forged');
    await expect(forged.iterate({ query, variables: { id: vote.id } }).next()).rejects.toBeTruthy();
    await forged.dispose();
    const screen = ws(block.officers[2]!.token);
    const stream = screen.iterate({ query, variables: { id: vote.id } });
    expect((await stream.next()).done).toBe(false);
    expect(sample(await scraped(), 'thidua_active_subscriptions')).toBe(1);
    await castBlockBallots(app, province, block, vote, [[0]]);
    await stream.return?.();
    await expect.poll(async () => sample(await scraped(), 'thidua_active_subscriptions')).toBe(0);
    await screen.dispose();

    const res = await scrape(app, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);

    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('# HELP thidua_graphql_request_duration_seconds ');
    expect(
      sample(
        text,
        'thidua_graphql_request_duration_seconds_count',
        '{operation="ProvinceCount",status="200"}',
      ),
    ).toBe(1);
    expect(
      sample(text, 'thidua_graphql_request_duration_seconds_count', '{operation="invalid",status="200"}'),
    ).toBe(1);
    expect(text).not.toContain(longName);
    expect(sample(text, 'thidua_graphql_errors_total', `{code="${code}"}`)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'thidua_ballots_cast_total')).toBe(3);
    expect(sample(text, 'thidua_active_subscriptions')).toBe(0);
    for (const state of ['total', 'idle', 'waiting'])
      expect(sample(text, 'thidua_db_pool_connections', `{state="${state}"}`)).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'thidua_db_pool_connections', '{state="total"}')).toBeGreaterThan(0);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
