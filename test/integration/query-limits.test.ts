import { randomUUID } from 'node:crypto';
import { currentManager, runInTenant } from '@thidua/db';
import {
  createAccount,
  createUnits,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';

let app: TestApp;
let officer: Account;
let province: string;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  province = await provinceId(app.dataSource, '15');
  const [unit] = await createUnits(app.dataSource, province, ['Sở Tài chính']);
  officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: unit!.id });
});
afterAll(() => app?.close());

type Errors = { message: string; extensions?: { code?: string } }[];

function wsClient(target: TestApp, lazy = true): Client {
  return createClient({
    url: target.gateway.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    // A token that fails sign-in: a subscription within the limits ends there, with UNAUTHENTICATED.
    connectionParams: { authorization: 'Bearer forged' },
    retryAttempts: 0,
    lazy,
  });
}

/** The errors a subscription ends with (null when it delivered an event instead). */
async function subscribeErrors(client: Client, query: string): Promise<Errors | null> {
  const events = client.iterate({ query });
  return events.next().then(
    () => null,
    (errors: Errors) => errors,
  );
}

describe('lists count by their real bound', () => {
  it('refuses the oversized list request an officer could send under the old limit', async () => {
    // Every score sheet of a year, with every score and every piece of evidence: no `first` on the nested lists
    // counted them once each before; now each counts at the most it can hold.
    const query = `query($b: ID!) { emulationYear(blockId: $b, year: 2026) {
      scoreSheets(first: 2500) { id scores { code points } deductions { code points } evidence { code text links } }
      members { unitId score { missingSheetsFrom } } } }`;
    const started = performance.now();
    const res = await app.gql(query, { b: randomUUID() }, { token: officer.token, provinceId: province });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/complexity \d+ exceeds the limit of 60000/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('lets the same request through with a page a client can use', async () => {
    const res = await app.gql(
      `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { scoreSheets(first: 20) { id scores { code points } } } }`,
      { b: randomUUID() },
      { token: officer.token, provinceId: province },
    );
    expect(res.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses a `first` beyond the list’s maximum, naming the field', async () => {
    const res = await app.gql(`{ me { roles(first: 501) { id } } }`, {}, { token: officer.token });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'first', message: 'must be between 1 and 500' }],
    });
  });
});

describe('the bounds the cost model counts on are enforced', () => {
  it('a block takes at most 50 members in a year', async () => {
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const created = await app.gql<{ createBlock: { id: string } }>(
      `mutation { createBlock(input: { name: "Khối đầy", kind: BLOCK }) { id } }`,
      {},
      { token: admin.token, provinceId: province },
    );
    const blockId = created.data!.createBlock.id;
    const units = await createUnits(
      app.dataSource,
      province,
      Array.from({ length: 51 }, (_, i) => `Đơn vị thành viên ${i + 1}`),
    );
    await runInTenant(app.dataSource, province, async () => {
      const m = await currentManager();
      for (const u of units.slice(0, 50)) {
        await m.query(
          `INSERT INTO block_membership (province_id, block_id, block_kind, unit_id, valid_from) VALUES ($1, $2, 'BLOCK', $3, '2026-01-01')`,
          [province, blockId, u.id],
        );
      }
    });
    const res = await app.gql(
      `mutation($v: BlockMemberInput!) { addBlockMember(input: $v) { id } }`,
      { v: { blockId, unitId: units[50]!.id, date: '2026-06-01' } },
      { token: admin.token, provinceId: province },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'blockId' }],
    });
    expect(res.errors?.[0]?.message).toContain('50 members in 2026');
  });
});

describe('token and alias limits', () => {
  it('refuses a document of more than GRAPHQL_MAX_TOKENS tokens', async () => {
    const res = await app.gql(`{ me { ${'id '.repeat(5001)} } }`, {}, { token: officer.token });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toContain('more than 5000 tokens');
  });

  it('refuses more than GRAPHQL_MAX_ALIASES aliased fields, counted inside lists', async () => {
    const many = Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ');
    const res = await app.gql(`{ ${many} }`, {}, { token: officer.token });
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toContain('31 aliased fields');
    // 2 aliases inside a page of 20 units count 40.
    const paged = await app.gql(
      `{ units(first: 20) { nodes { x: id y: name } } }`,
      {},
      { token: officer.token, provinceId: province },
    );
    expect(paged.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const fine = await app.gql(`{ a: me { id } b: me { email } }`, {}, { token: officer.token });
    expect(fine.errors).toBeUndefined();
  });
});

describe('subscriptions get the same limits', () => {
  const turnout = (selection: string) =>
    `subscription { votingTurnout(votingPeriodId: "${randomUUID()}") { ${selection} } }`;

  it('refuses a subscription over the token or alias limit before signing in', async () => {
    const client = wsClient(app);
    const tokens = await subscribeErrors(client, turnout('cast '.repeat(5001)));
    expect(tokens?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(tokens?.[0]?.message).toContain('more than 5000 tokens');
    const aliases = await subscribeErrors(
      client,
      turnout(Array.from({ length: 31 }, (_, i) => `c${i}: cast`).join(' ')),
    );
    expect(aliases?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // Within the limits, the subscription reaches sign-in (and is refused there).
    const signIn = await subscribeErrors(client, turnout('cast eligible'));
    expect(signIn?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await client.dispose();
  });

  it('rate-limits connections and subscriptions with the HTTP limiter', async () => {
    const limited = await startTestApp({ database: app.db, config: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      // The connection counts one, each subscription one more: the third subscription is the fourth request.
      const client = wsClient(limited, false);
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await subscribeErrors(client, turnout('cast')));
      expect(results.map((r) => r?.[0]?.extensions?.code)).toEqual([
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'RATE_LIMITED',
      ]);
      expect(results[2]?.[0]?.message).toMatch(/try again in \d+ s/);
      await client.dispose();

      // A new connection from the same address is closed with 4429.
      const closed = await new Promise<number>((resolve) => {
        const socket = new WebSocket(limited.gateway.url.replace('http', 'ws'), 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
        socket.on('close', (code) => resolve(code));
      });
      expect(closed).toBe(4429);
      // HTTP shares the budget.
      const http = await limited.gql(`{ __typename }`);
      expect(http.status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('counts downloads, uploads and reports against the same budget as /graphql', async () => {
    const limited = await startTestApp({ database: app.db, config: { RATE_LIMIT_PER_MINUTE: '2' } });
    const base = limited.gateway.url.replace('/graphql', '');
    try {
      expect((await limited.gql(`{ __typename }`)).status).toBe(200);
      // Unauthenticated, but counted before anything else is looked at.
      expect((await fetch(`${base}/files/attachments/${randomUUID()}`)).status).toBe(401);
      const refused = await fetch(`${base}/reports/statistics?year=2026`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('behind a trusted proxy, limits each client by its forwarded address, which a client cannot choose', async () => {
    const behindProxy = await startTestApp({
      database: app.db,
      config: { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY_HOPS: '1' },
    });
    const direct = await startTestApp({ database: app.db, config: { RATE_LIMIT_PER_MINUTE: '2' } });
    // What the proxy appends is the right-most entry; whatever the client wrote is to its left.
    const from = (a: TestApp, forwarded: string) =>
      a.gql(`{ __typename }`, {}, { headers: { 'x-forwarded-for': forwarded } });
    try {
      const first = ['203.0.113.7', '203.0.113.7', '203.0.113.7'];
      expect(
        (await Promise.all(first.map((ip) => from(behindProxy, ip)))).map((r) => r.status).sort(),
      ).toEqual([200, 200, 429]);
      // Another client behind the same proxy has its own budget, even if it claims to be the first one.
      expect((await from(behindProxy, '203.0.113.7, 198.51.100.20')).status).toBe(200);
      // Without trusted proxies the header is ignored: the socket's address is the key.
      const spoofed = await Promise.all(
        ['192.0.2.1', '192.0.2.2', '192.0.2.3'].map((ip) => from(direct, ip)),
      );
      expect(spoofed.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    } finally {
      await Promise.all([behindProxy.close(), direct.close()]);
    }
  });
});
