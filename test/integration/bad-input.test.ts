import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createAccount,
  createUnits,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';

let app: TestApp;
let platform: Account;
let admin: Account;
let laoCai: string;
let unitId: string;

beforeAll(async () => {
  app = await startTestApp({
    template: inject('templateDatabase'),
    config: { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COMPLEXITY: '1000', REQUEST_BODY_LIMIT_BYTES: '20000' },
  });
  laoCai = await provinceId(app.dataSource, '15');
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
    () => ({ v: { code: 'ABC', name: 'Tỉnh Mới', kind: 'PROVINCE' } }),
    () => ({ token: platform.token }),
    'code',
  ],
  [
    'createProvince',
    `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
    () => ({ v: { code: '99', name: 'Tỉnh Mới', kind: 'PROVINCE', predecessorIds: [laoCai] } }),
    () => ({ token: platform.token }),
    'validFrom',
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

describe('request limits', () => {
  it('refuses a query deeper than the limit', async () => {
    const deep = `{ me { provinces { predecessors { successors { predecessors { successors { name } } } } } } }`;
    const res = await app.gql(deep, {}, { token: admin.token });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
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
});
