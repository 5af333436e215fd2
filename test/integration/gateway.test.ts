import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditRepository, runInTenant } from '@thidua/db';
import { vietnamToday } from '@thidua/domain';
import {
  createAccount,
  createUnits,
  ok,
  provinceId,
  startTestApp,
  TEST_PASSWORD,
  type Account,
  type TestApp,
} from '@thidua/testing';

let app: TestApp;
let platform: Account;
let laoCaiAdmin: Account;
let laoCai: string;
let laoCaiFormer: string;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  laoCai = await provinceId(app.dataSource, '15');
  laoCaiFormer = await provinceId(app.dataSource, '10', { former: true });
  await createUnits(app.dataSource, laoCaiFormer, [
    'Ban Tổ chức Tỉnh ủy',
    'Đảng ủy Khối Cơ quan - Doanh nghiệp',
  ]);
  await createUnits(app.dataSource, laoCai, [
    'Ủy ban Kiểm tra Tỉnh ủy',
    'Văn phòng Tỉnh ủy',
    'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  ]);
  platform = await createAccount(app, 'PLATFORM_ADMIN');
  laoCaiAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
});
afterAll(() => app?.close());

describe('health', () => {
  it('/healthz answers alive and /readyz checks the database and the queue', async () => {
    const base = app.gateway.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', queue: 'ok' } });
  });
});

describe('provinces', () => {
  it('finds provinces without diacritics and shows the 2025 lineage', async () => {
    const res = await app.gql<{
      provinces: {
        totalCount: number;
        nodes: { code: string; isCurrent: boolean; predecessors: { name: string }[] }[];
      };
    }>(
      `{ provinces(filter: { search: "lao cai" }) { totalCount nodes { code isCurrent predecessors { name } } } }`,
      {},
      { token: laoCaiAdmin.token },
    );
    expect(res.data?.provinces.totalCount).toBe(2);
    const current = res.data!.provinces.nodes.find((p) => p.isCurrent)!;
    expect(current.code).toBe('15');
    expect(current.predecessors.map((p) => p.name).sort()).toEqual(['Lào Cai', 'Yên Bái']);
  });

  it('counts 34 provinces in force and 52 former ones', async () => {
    const q = `query($c: Boolean) { provinces(filter: { current: $c }) { totalCount } }`;
    const current = await app.gql<{ provinces: { totalCount: number } }>(
      q,
      { c: true },
      { token: laoCaiAdmin.token },
    );
    const former = await app.gql<{ provinces: { totalCount: number } }>(
      q,
      { c: false },
      { token: laoCaiAdmin.token },
    );
    expect([current.data?.provinces.totalCount, former.data?.provinces.totalCount]).toEqual([34, 52]);
  });

  it('a platform admin merges provinces: predecessors end the day before, the new one starts', async () => {
    // Next New Year's Day: within the year ahead that createProvince accepts, and after today.
    const NEXT_YEAR = Number(vietnamToday().slice(0, 4)) + 1;
    const [a, b] = await Promise.all(['91', '96'].map((code) => provinceId(app.dataSource, code)));
    const res = await app.gql<{ createProvince: { id: string; predecessors: { validTo: string }[] } }>(
      `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id name predecessors { validTo } } }`,
      {
        v: {
          code: '97',
          name: 'Thử Nghiệm',
          kind: 'PROVINCE',
          validFrom: `${NEXT_YEAR}-01-01`,
          predecessorIds: [a, b],
        },
      },
      { token: platform.token },
    );
    expect(res.errors).toBeUndefined();
    const eve = `${NEXT_YEAR - 1}-12-31`;
    expect(res.data?.createProvince.predecessors.map((p) => p.validTo)).toEqual([eve, eve]);

    const byAdmin = await app.gql(
      `mutation { createProvince(input: { code: "98", name: "Không được", kind: CITY }) { id } }`,
      {},
      { token: laoCaiAdmin.token },
    );
    expect(byAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a second province in force of the same name, whatever its case or accents, a name typed with its kind, and code 00', async () => {
    const create = (code: string, name: string) =>
      app.gql(
        `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
        { v: { code, name, kind: 'PROVINCE', validFrom: vietnamToday() } },
        { token: platform.token },
      );
    for (const name of ['Lào Cai', 'lào cai', 'Lao Cai'])
      expect((await create('99', name)).errors?.[0]).toMatchObject({
        message: 'a province named "Lào Cai" exists (code 15)',
        extensions: { code: 'CONFLICT' },
      });
    expect((await create('00', 'Không Mã')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The name alone: "Tỉnh" or "Thành phố" is the kind, which letters add ("tỉnh Tỉnh …" otherwise).
    for (const name of ['Tỉnh Thử Nghiệm', 'THÀNH PHỐ Thử', 'TP. Thử', 'TP.Thử'])
      expect((await create('99', name)).errors?.[0]).toMatchObject({
        message: "name: is the province's own name, without 'Tỉnh' or 'Thành phố': the kind says it",
        extensions: { code: 'BAD_USER_INPUT' },
      });
    // Nor by renaming another one.
    const renamed = await app.gql(
      `mutation($id: ID!) { updateProvince(id: $id, input: { name: "LÀO CAI" }) { id } }`,
      { id: await provinceId(app.dataSource, '01') },
      { token: platform.token },
    );
    expect(renamed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const listed = await app.gql<{ provinces: { totalCount: number } }>(
      `{ provinces(filter: { search: "Lào Cai", current: true }) { totalCount } }`,
      {},
      { token: platform.token },
    );
    expect(listed.data?.provinces.totalCount).toBe(1);
  });
});

describe('onboarding a province with its first secretariat account', () => {
  const CREATE = `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id name } }`;
  // 93 and 94 were Hậu Giang's and Sóc Trăng's codes until the 2025 mergers: a new province starts on a date.
  const province = (code: string, email: string) => ({
    code,
    name: `Thử ${code}`,
    kind: 'PROVINCE',
    validFrom: vietnamToday(),
    firstAdmin: { email, fullName: 'Trần Thị Thư Ký', password: 'Mật khẩu đủ dài 2026!' },
  });
  const provincesCoded = async (code: string) =>
    (
      await app.gql<{ provinces: { nodes: { name: string }[] } }>(
        `query($c: String!) { provinces(filter: { code: $c, current: true }) { nodes { name } } }`,
        { c: code },
        { token: platform.token },
      )
    ).data!.provinces.nodes;

  it('creates both in one step: the account signs in and administers the new province', async () => {
    const created = ok(
      await app.gql<{ createProvince: { id: string } }>(
        CREATE,
        { v: province('93', 'thuky.93@thidua.vn') },
        { token: platform.token },
      ),
    ).createProvince;
    const login = ok(
      await app.gql<{ login: { user: { provinces: { id: string }[]; roles: { role: string }[] } } }>(
        `mutation { login(email: "THUKY.93@thidua.vn", password: "Mật khẩu đủ dài 2026!") { user { provinces { id } roles { role } } } }`,
      ),
    ).login.user;
    expect(login).toEqual({ provinces: [{ id: created.id }], roles: [{ role: 'PROVINCE_ADMIN' }] });
    // Without a start, the new 93 could not be told from the former Hậu Giang: said on the date, not a crash.
    const undated = { ...province('93', 'thuky.93b@thidua.vn'), validFrom: null };
    const refused = await app.gql(CREATE, { v: { ...undated, code: '93' } }, { token: platform.token });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('a reused code without a start date is refused on the date, naming the former province', async () => {
    const res = await app.gql(
      CREATE,
      { v: { ...province('95', 'thuky.95@thidua.vn'), validFrom: null } },
      { token: platform.token },
    );
    expect(res.errors?.[0]).toMatchObject({
      message: 'validFrom: code 95 was used by the former Bạc Liêu: give the date this province starts',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('an e-mail already in use or a weak password creates neither the province nor the account', async () => {
    const taken = await app.gql(CREATE, { v: province('94', laoCaiAdmin.email) }, { token: platform.token });
    expect(taken.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'firstAdmin.email' }] },
    });
    expect(await provincesCoded('94')).toEqual([]);
    const weak = province('94', 'thuky.94@thidua.vn');
    weak.firstAdmin.password = 'tinhthu94@';
    const refused = await app.gql(CREATE, { v: weak }, { token: platform.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await provincesCoded('94')).toEqual([]);
    // Corrected, the same code goes through.
    ok(await app.gql(CREATE, { v: province('94', 'thuky.94@thidua.vn') }, { token: platform.token }));
    expect(await provincesCoded('94')).toEqual([{ name: 'Thử 94' }]);
  });
});

describe('former provinces', () => {
  it("a successor's admin reads an absorbed province's units, read-only", async () => {
    const units = await app.gql<{ units: { nodes: { name: string }[] } }>(
      `{ units { nodes { name } } }`,
      {},
      { token: laoCaiAdmin.token, provinceId: laoCaiFormer },
    );
    expect(units.data?.units.nodes.map((u) => u.name)).toEqual([
      'Ban Tổ chức Tỉnh ủy',
      'Đảng ủy Khối Cơ quan - Doanh nghiệp',
    ]);

    const write = await app.gql(
      `mutation { createUnit(input: { name: "Ban mới", kind: PARTY_AGENCY }) { id } }`,
      {},
      { token: laoCaiAdmin.token, provinceId: laoCaiFormer },
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(write.errors?.[0]?.message).toMatch(/read-only/);
  });

  it('sorts Vietnamese names in Vietnamese order and searches them without diacritics', async () => {
    const res = await app.gql<{ units: { nodes: { name: string }[] } }>(
      `{ units { nodes { name } } }`,
      {},
      { token: laoCaiAdmin.token, provinceId: laoCai },
    );
    expect(res.data?.units.nodes.map((u) => u.name)).toEqual([
      'Ban Tuyên giáo và Dân vận Tỉnh ủy',
      'Ủy ban Kiểm tra Tỉnh ủy',
      'Văn phòng Tỉnh ủy',
    ]);
    const found = await app.gql<{ units: { nodes: { name: string }[] } }>(
      `{ units(filter: { search: "uy ban kiem" }) { nodes { name } } }`,
      {},
      { token: laoCaiAdmin.token, provinceId: laoCai },
    );
    expect(found.data?.units.nodes.map((u) => u.name)).toEqual(['Ủy ban Kiểm tra Tỉnh ủy']);
  });
});

describe('accounts and roles', () => {
  it('a province admin creates an officer for a unit, who signs in and acts only in that province', async () => {
    const units = await app.gql<{ units: { nodes: { id: string; name: string }[] } }>(
      `{ units { nodes { id name } } }`,
      {},
      { token: laoCaiAdmin.token, provinceId: laoCai },
    );
    const office = units.data!.units.nodes.find((u) => u.name === 'Văn phòng Tỉnh ủy')!;
    const created = await app.gql<{ createUser: { id: string; roles: { role: string; unitId: string }[] } }>(
      `mutation($v: CreateUserInput!) { createUser(input: $v) { id roles { role unitId } } }`,
      {
        v: {
          email: 'Can.Bo@VPTU.laocai.vn',
          fullName: 'Hoàng Thị Lan',
          password: TEST_PASSWORD,
          role: 'UNIT_OFFICER',
          unitId: office.id,
        },
      },
      { token: laoCaiAdmin.token, provinceId: laoCai },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createUser.roles).toEqual([{ role: 'UNIT_OFFICER', unitId: office.id }]);

    const login = await app.gql<{ login: { accessToken: string; user: { provinces: { id: string }[] } } }>(
      `mutation { login(email: "can.bo@vptu.laocai.vn", password: "${TEST_PASSWORD}") { accessToken user { provinces { id } } } }`,
    );
    expect(login.data?.login.user.provinces).toEqual([{ id: laoCai }]);
    const officer = login.data!.login.accessToken;
    const createUnit = await app.gql(
      `mutation { createUnit(input: { name: "Ban tự lập", kind: OTHER }) { id } }`,
      {},
      { token: officer, provinceId: laoCai },
    );
    expect(createUnit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const users = await app.gql(`{ users { totalCount } }`, {}, { token: officer, provinceId: laoCai });
    expect(users.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('only a platform admin grants platform roles', async () => {
    const grant = (token: string) =>
      app.gql(
        `mutation($v: AssignRoleInput!) { assignRole(input: $v) { id role provinceId } }`,
        { v: { userId: laoCaiAdmin.id, role: 'NATIONAL_VIEWER' } },
        { token, provinceId: laoCai },
      );
    expect((await grant(laoCaiAdmin.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await grant(platform.token);
    expect(ok.data).toEqual({
      assignRole: { id: expect.any(String), role: 'NATIONAL_VIEWER', provinceId: null },
    });
  });

  it('every change is in the audit log, and the province chain verifies', async () => {
    const res = await app.gql<{ createUnit: { id: string } }>(
      `mutation { createUnit(input: { name: "Báo Lào Cai", kind: PRESS }) { id } }`,
      {},
      { token: laoCaiAdmin.token, provinceId: laoCai },
    );
    await runInTenant(app.dataSource, laoCai, async () => {
      const events = await auditRepository.list(
        { entityId: res.data!.createUnit.id },
        { first: 10, offset: 0 },
      );
      expect(events.items.map((e) => [e.action, e.actorUserId])).toEqual([['unit.create', laoCaiAdmin.id]]);
      expect(await auditRepository.verify()).toMatchObject({ valid: true });
    });
  });
});
