import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import {
  createAccount,
  createUnits,
  provinceId,
  startTestApp,
  TEST_JWT_SECRET,
  type Account,
  type TestApp,
} from '@thidua/testing';

let app: TestApp;
let platform: Account;
let admin: Account;
let laoCai: string;
let formerLaoCai: string;
let unitId: string;

beforeAll(async () => {
  app = await startTestApp({
    template: inject('templateDatabase'),
    config: { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COMPLEXITY: '1000', REQUEST_BODY_LIMIT_BYTES: '20000' },
  });
  laoCai = await provinceId(app.dataSource, '15');
  formerLaoCai = await provinceId(app.dataSource, '10', { former: true });
  platform = await createAccount(app, 'PLATFORM_ADMIN');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
  unitId = (await createUnits(app.dataSource, laoCai, ['Sở Nội vụ']))[0]!.id;
});
afterAll(() => app?.close());

/** Each mutation with one bad field, as a client would send it (variables), and the field the error must name. */
const cases: [
  string,
  string,
  () => Record<string, unknown>,
  () => { token: string; provinceId?: string },
  string,
][] = [
  [
    'login',
    `mutation($v: String!) { login(email: $v, password: "x") { accessToken } }`,
    () => ({ v: '  ' }),
    () => ({ token: '' }),
    'email',
  ],
  [
    'createProvince',
    `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
    () => ({ v: { code: 'ABC', name: 'Mới Lập', kind: 'PROVINCE' } }),
    () => ({ token: platform.token }),
    'code',
  ],
  [
    'createProvince',
    `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
    () => ({ v: { code: '99', name: 'Mới Lập', kind: 'PROVINCE', predecessorIds: [laoCai] } }),
    () => ({ token: platform.token }),
    'validFrom',
  ],
  [
    'createProvince',
    `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
    () => ({ v: { code: '99', name: 'Mới Lập', kind: 'PROVINCE', validFrom: '1990-01-01' } }),
    () => ({ token: platform.token }),
    'validFrom',
  ],
  [
    // Lào Cai began on 2025-07-01: it cannot end the day before a successor starting that day.
    'createProvince',
    `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
    () => ({
      v: {
        code: '99',
        name: 'Mới Lập',
        kind: 'PROVINCE',
        validFrom: '2025-07-01',
        predecessorIds: [laoCai],
      },
    }),
    () => ({ token: platform.token }),
    'predecessorIds',
  ],
  [
    // The former Lào Cai ended on the eve of 2025-07-01, but it is already merged into today's Lào Cai.
    'createProvince',
    `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
    () => ({
      v: {
        code: '99',
        name: 'Mới Lập',
        kind: 'PROVINCE',
        validFrom: '2025-07-01',
        predecessorIds: [formerLaoCai],
      },
    }),
    () => ({ token: platform.token }),
    'predecessorIds',
  ],
  [
    'updateProvince',
    `mutation($id: ID!, $v: UpdateProvinceInput!) { updateProvince(id: $id, input: $v) { id } }`,
    () => ({ id: laoCai, v: { name: 'X' } }),
    () => ({ token: platform.token }),
    'name',
  ],
  [
    'createUnit',
    `mutation($v: CreateUnitInput!) { createUnit(input: $v) { id } }`,
    () => ({ v: { name: 'B', kind: 'PRESS' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'name',
  ],
  [
    'createUnit',
    `mutation($v: CreateUnitInput!) { createUnit(input: $v) { id } }`,
    () => ({ v: { name: 'Báo Lào Cai', kind: 'NEWSPAPER' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'kind',
  ],
  [
    'updateUnit',
    `mutation($id: ID!, $v: UpdateUnitInput!) { updateUnit(id: $id, input: $v) { id } }`,
    () => ({ id: unitId, v: { shortName: '' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'shortName',
  ],
  [
    'updateUnit',
    `mutation($id: ID!, $v: UpdateUnitInput!) { updateUnit(id: $id, input: $v) { id } }`,
    () => ({ id: unitId, v: { validTo: '2025-02-30' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'validTo',
  ],
  [
    'updateUnit',
    `mutation($id: ID!, $v: UpdateUnitInput!) { updateUnit(id: $id, input: $v) { id } }`,
    () => ({ id: unitId, v: { name: null } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'name',
  ],
  [
    'updateUnit',
    `mutation($id: ID!, $v: UpdateUnitInput!) { updateUnit(id: $id, input: $v) { id } }`,
    () => ({ id: unitId, v: { kind: null } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'kind',
  ],
  [
    'createUser',
    `mutation($v: CreateUserInput!) { createUser(input: $v) { id } }`,
    () => ({ v: { email: 'không-phải-email', fullName: 'Lê Văn A', password: 'mật khẩu đủ dài' } }),
    () => ({ token: platform.token }),
    'email',
  ],
  [
    'createUser',
    `mutation($v: CreateUserInput!) { createUser(input: $v) { id } }`,
    () => ({ v: { email: 'a@b.vn', fullName: 'Lê Văn A', password: 'ngắn' } }),
    () => ({ token: platform.token }),
    'password',
  ],
  [
    'createUser',
    `mutation($v: CreateUserInput!) { createUser(input: $v) { id } }`,
    () => ({ v: { email: 'c@d.vn', fullName: 'Lê Văn A', password: 'mật khẩu đủ dài' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'role',
  ],
  [
    'assignRole',
    `mutation($v: AssignRoleInput!) { assignRole(input: $v) { id } }`,
    () => ({ v: { userId: admin.id, role: 'UNIT_OFFICER' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'unitId',
  ],
  [
    'assignRole',
    `mutation($v: AssignRoleInput!) { assignRole(input: $v) { id } }`,
    () => ({ v: { userId: 'abc', role: 'COUNCIL_MEMBER' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'userId',
  ],
  [
    'revokeRole',
    `mutation($v: ID!) { revokeRole(id: $v) { id } }`,
    () => ({ v: 42 }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'id',
  ],
  [
    'refreshToken',
    `mutation($v: String!) { refreshToken(refreshToken: $v) { accessToken } }`,
    () => ({ v: null }),
    () => ({ token: '' }),
    'v',
  ],
  [
    'logout',
    `mutation { logout }`,
    () => ({}),
    () => ({ token: admin.token, provinceId: 'Lào Cai' }),
    'x-province-id',
  ],
  // Null characters in any string, sign-in included: PostgreSQL cannot store one.
  [
    'login',
    `mutation($v: String!) { login(email: $v, password: "x") { accessToken } }`,
    () => ({ v: 'a\u0000@b.vn' }),
    () => ({ token: '' }),
    'email',
  ],
  [
    'login',
    `mutation($v: String!) { login(email: "a@b.vn", password: $v) { accessToken } }`,
    () => ({ v: 'mật khẩu\u0000' }),
    () => ({ token: '' }),
    'password',
  ],
  [
    'createUnit',
    `mutation { createUnit(input: { name: "Sở\u0000Tư pháp", kind: PRESS }) { id } }`,
    () => ({}),
    () => ({ token: admin.token, provinceId: laoCai }),
    'name',
  ],
  [
    'units',
    `query($v: UnitFilterInput) { units(filter: $v) { totalCount } }`,
    () => ({ v: { search: 'Sở\u0000' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'search',
  ],
  // Names: blank, control and invisible characters.
  [
    'createUnit',
    `mutation($v: CreateUnitInput!) { createUnit(input: $v) { id } }`,
    () => ({ v: { name: '    ', kind: 'PRESS' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'name',
  ],
  [
    'createUnit',
    `mutation($v: CreateUnitInput!) { createUnit(input: $v) { id } }`,
    () => ({ v: { name: 'Sở Tư\u0007 pháp', kind: 'PRESS' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'name',
  ],
  [
    'updateUnit',
    `mutation($id: ID!, $v: UpdateUnitInput!) { updateUnit(id: $id, input: $v) { id } }`,
    () => ({ id: unitId, v: { shortName: 'SNV\u200b' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'shortName',
  ],
  [
    'createBlock',
    `mutation($v: CreateBlockInput!) { createBlock(input: $v) { id } }`,
    () => ({ v: { name: 'Khối\u202e các cơ quan', kind: 'BLOCK' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'name',
  ],
  [
    'createPerson',
    `mutation($v: CreatePersonInput!) { createPerson(input: $v) { id } }`,
    () => ({ v: { unitId, fullName: 'Nguyễn Văn\u00ad An', gender: 'MALE' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'fullName',
  ],
  // Year 0000 (PostgreSQL has no year 0), and an offset no cursor of this API holds.
  [
    'createUnit',
    `mutation($v: CreateUnitInput!) { createUnit(input: $v) { id } }`,
    () => ({ v: { name: 'Báo Lào Cai', kind: 'PRESS', validFrom: '0000-01-01' } }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'validFrom',
  ],
  [
    'units',
    `query($v: String) { units(after: $v) { totalCount } }`,
    () => ({ v: Buffer.from('o:99999999999999999999').toString('base64url') }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'after',
  ],
  // Voting: deadlines further than a year ahead, a candidate twice in a contest.
  [
    'openVotingPeriod',
    `mutation($v: OpenVotingPeriodInput!) { openVotingPeriod(input: $v) { id } }`,
    () => ({
      v: {
        emulationYearId: unitId,
        closesAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
        contests: [{ kind: 'FLAG' }],
      },
    }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'closesAt',
  ],
  [
    'openVotingPeriod',
    `mutation($v: OpenVotingPeriodInput!) { openVotingPeriod(input: $v) { id } }`,
    () => ({
      v: {
        emulationYearId: unitId,
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        contests: [{ kind: 'FLAG', candidateUnitIds: [unitId, unitId] }],
      },
    }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'candidateUnitIds',
  ],
  [
    'extendVotingPeriod',
    `mutation($id: ID!, $v: DateTimeISO!) { extendVotingPeriod(id: $id, until: $v) { id } }`,
    () => ({ id: unitId, v: new Date(Date.now() + 2 * 366 * 86_400_000).toISOString() }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'until',
  ],
  [
    'openCouncilVote',
    `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
    () => ({
      v: { nominationIds: [unitId], closesAt: new Date(Date.now() + 400 * 86_400_000).toISOString() },
    }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'closesAt',
  ],
  [
    'openCouncilVote',
    `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
    () => ({
      v: { nominationIds: [unitId, unitId], closesAt: new Date(Date.now() + 86_400_000).toISOString() },
    }),
    () => ({ token: admin.token, provinceId: laoCai }),
    'nominationIds',
  ],
];

describe('bad input on every mutation', () => {
  it.each(cases)('%s: names the field', async (_name, query, variables, auth, field) => {
    const { token, provinceId } = auth();
    const res = await app.gql(query, variables(), { token: token || undefined, provinceId });
    expect(res.status).toBeLessThan(500);
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain(field);
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at \w+ \(/);
  });
});

describe('conflicts', () => {
  it('a duplicate unit name or email is CONFLICT, not an internal error', async () => {
    const unit = await app.gql(
      `mutation { createUnit(input: { name: "Sở Nội vụ", kind: STATE_AGENCY }) { id } }`,
      {},
      { token: admin.token, provinceId: laoCai },
    );
    expect(unit.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const user = await app.gql(
      `mutation($v: CreateUserInput!) { createUser(input: $v) { id } }`,
      { v: { email: admin.email.toUpperCase(), fullName: 'Trùng Lặp', password: 'mật khẩu đủ dài' } },
      { token: platform.token },
    );
    expect(user.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('a tenant query without a province chosen asks for one', async () => {
    const res = await app.gql(`{ units { totalCount } }`, {}, { token: platform.token });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('x-province-id');
  });
});

describe('province operations without a province chosen', () => {
  it.each([
    `{ webhookSubscriptions { id } }`,
    `{ yearEndSchedule { time } }`,
    `{ awardRuleSet(year: 2026) { effectiveYear } }`,
    `{ criteriaSets { id } }`,
    `{ blocks { totalCount } }`,
    `mutation { setYearEndSchedule(input: { month: 12, day: 31, time: "20:00" }) { time } }`,
    `mutation { startYearEndClosing(year: 2026, dryRun: true) { state } }`,
    `mutation { createBlock(input: { name: "Khối mới", kind: BLOCK }) { id } }`,
  ])('a platform admin without x-province-id is asked for it: %s', async (query) => {
    const res = await app.gql(query, {}, { token: platform.token });
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'x-province-id' }],
    });
  });
});

describe('tokens', () => {
  it('a correctly signed token whose session id is not an id is UNAUTHENTICATED, not an internal error', async () => {
    const key = new TextEncoder().encode(TEST_JWT_SECRET);
    const forged = await new SignJWT({ sid: "1' OR '1'='1" })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.id)
      .setIssuer('thidua')
      .setAudience('thidua-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    const res = await app.gql(`{ me { id } }`, {}, { token: forged });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toBe('Malformed token');
  });
});

describe('look-alike names', () => {
  it.each([
    ['capitals', 'SỞ NỘI VỤ'],
    ['fullwidth letters', 'Ｓở Ｎội vụ'],
    ['spacing', ' Sở\u00a0Nội   vụ '],
    ['decomposed accents', 'So\u031b\u0309 Nội vụ'],
  ])('a unit name equal but for %s collides with the existing unit, named', async (_why, name) => {
    const res = await app.gql(
      `mutation($v: CreateUnitInput!) { createUnit(input: $v) { id } }`,
      { v: { name, kind: 'STATE_AGENCY' } },
      { token: admin.token, provinceId: laoCai },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toContain(`"Sở Nội vụ" (${unitId})`);
    expect(res.errors?.[0]?.message).toMatch(
      /^Tên trùng với đơn vị đã có .*The name is the same as the existing unit/,
    );
  });

  it('renaming a unit onto another’s look-alike collides; its own name does not', async () => {
    const [other] = await createUnits(app.dataSource, laoCai, ['Sở Tài chính']);
    const taken = await app.gql(
      `mutation($id: ID!) { updateUnit(id: $id, input: { name: "Sở nội vụ" }) { id } }`,
      { id: other!.id },
      { token: admin.token, provinceId: laoCai },
    );
    expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const same = await app.gql(
      `mutation($id: ID!) { updateUnit(id: $id, input: { name: "Sở  Tài chính " }) { name } }`,
      { id: other!.id },
      { token: admin.token, provinceId: laoCai },
    );
    expect(same.data).toEqual({ updateUnit: { name: 'Sở Tài chính' } });
  });

  it('a block name with a look-alike of Đ collides with the existing block', async () => {
    const first = await app.gql<{ createBlock: { id: string } }>(
      `mutation { createBlock(input: { name: "Khối các cơ quan Đảng", kind: BLOCK }) { id } }`,
      {},
      { token: admin.token, provinceId: laoCai },
    );
    const id = first.data!.createBlock.id;
    const res = await app.gql(
      `mutation { createBlock(input: { name: "Khối các cơ quan Ðảng", kind: BLOCK }) { id } }`,
      {},
      { token: admin.token, provinceId: laoCai },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toContain(`khối thi đua đã có "Khối các cơ quan Đảng" (${id})`);
  });

  it('a name taken by a cluster names the cluster, not a block', async () => {
    const first = await app.gql<{ createBlock: { id: string } }>(
      `mutation { createBlock(input: { name: "Cụm các xã vùng cao", kind: CLUSTER }) { id } }`,
      {},
      { token: admin.token, provinceId: laoCai },
    );
    const id = first.data!.createBlock.id;
    const res = await app.gql(
      `mutation { createBlock(input: { name: "cụm các xã  vùng cao", kind: BLOCK }) { id } }`,
      {},
      { token: admin.token, provinceId: laoCai },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toContain(`cụm thi đua đã có "Cụm các xã vùng cao" (${id})`);
    expect(res.errors?.[0]?.message).toContain('the existing cluster "Cụm các xã vùng cao"');
  });
});

describe('a lost database connection', () => {
  it('answers a retryable 503 with Retry-After, not an internal error, and the next request works', async () => {
    // Hold the unit's row from an admin connection so the gateway's UPDATE waits on it, then terminate the
    // gateway's backend while it waits: its connection dies in the middle of the request.
    const pg = new Client({ connectionString: app.db.adminUrl });
    await pg.connect();
    try {
      await pg.query('BEGIN');
      await pg.query('SELECT 1 FROM unit WHERE id = $1 FOR UPDATE', [unitId]);
      const pending = fetch(app.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${admin.token}`,
          'x-province-id': laoCai,
        },
        body: JSON.stringify({
          query: `mutation($id: ID!) { updateUnit(id: $id, input: { shortName: "SNV" }) { id } }`,
          variables: { id: unitId },
        }),
      });
      let terminated = 0;
      for (let i = 0; i < 200 && !terminated; i++) {
        const r = await pg.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        terminated = r.rowCount ?? 0;
        if (!terminated) await new Promise((r) => setTimeout(r, 10));
      }
      expect(terminated).toBe(1);
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.errors[0]!.message).toMatch(/retry/i);
      await pg.query('ROLLBACK');
    } finally {
      await pg.end();
    }
    const retried = await app.gql(
      `mutation($id: ID!) { updateUnit(id: $id, input: { shortName: "SNV" }) { shortName } }`,
      { id: unitId },
      { token: admin.token, provinceId: laoCai },
    );
    expect(retried.data).toEqual({ updateUnit: { shortName: 'SNV' } });
  });
});

describe('request limits', () => {
  it('refuses a query deeper than the limit', async () => {
    const deep = `{ me { provinces { predecessors { successors { predecessors { successors { name } } } } } } }`;
    // Asked again (the same parsed document, no variables): refused again, not let through by a cached verdict.
    for (let i = 0; i < 2; i++) {
      const res = await app.gql(deep, {}, { token: admin.token });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
  });

  it('refuses a query that would resolve too many fields', async () => {
    const wide = `{ a: provinces(first: 100) { nodes { predecessors { name code } successors { name code } } } b: provinces(first: 100) { nodes { predecessors { name code } } } }`;
    const res = await app.gql(wide, {}, { token: admin.token });
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses an oversized body with 413 and malformed JSON with 400', async () => {
    const big = await fetch(app.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }`, variables: { pad: 'đ'.repeat(20_000) } }),
    });
    expect(big.status).toBe(413);
    const bad = await fetch(app.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('BAD_REQUEST');
  });

  it('stops reading a body sent without a length at the limit', async () => {
    const send = (headers: Record<string, string | number>, chunks: string[]) =>
      new Promise<number>((resolve, reject) => {
        const req = request(app.gateway.url, { method: 'POST', headers }, (res) => {
          // The gateway closes the connection rather than leave it waiting on the body's unread rest.
          expect(res.headers.connection).toBe('close');
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        for (const c of chunks) req.write(c);
        req.end();
      });
    const pad = 'đ'.repeat(4_000);
    // Chunked: no content-length to refuse up front; the reading itself stops.
    expect(
      await send({ 'content-type': 'application/json' }, [
        `{"query":"{ me { id } }","variables":{"pad":"`,
        ...Array.from({ length: 5 }, () => pad),
        `"}}`,
      ]),
    ).toBe(413);
  });
});
