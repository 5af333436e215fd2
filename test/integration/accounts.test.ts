import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  createAccount,
  createUnits,
  ok,
  provinceId,
  startTestApp,
  TEST_PASSWORD,
  type Account,
  type GraphQLResponse,
  type TestApp,
} from '@thidua/testing';

// Issue 16, a first slice: people change their own password; an admin disables and enables accounts.

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken }
}`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const ME = `{ me { email } }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
const SET_DISABLED = `mutation($id: ID!, $d: Boolean!, $r: String!) {
  setUserDisabled(userId: $id, disabled: $d, reason: $r) { id disabledAt }
}`;
const NEW_PASSWORD = 'Ngựa vằn chạy qua cầu Long Biên 7';

let app: TestApp;
let province: string;
let otherProvince: string;
let admin: Account;
let unitId: string;

const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;
const field = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.fields?.[0]?.field;
const login = (email: string, password: string) =>
  app.gql<{ login: { accessToken: string; refreshToken: string } }>(LOGIN, { email, password });

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  province = await provinceId(app.dataSource, '15');
  otherProvince = await provinceId(app.dataSource, '01');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  unitId = (await createUnits(app.dataSource, province, ['Sở Tài chính']))[0]!.id;
});
afterAll(() => app?.close());

describe('changePassword', () => {
  it('changes the password, ends the other sessions and keeps this one', async () => {
    const person = await createAccount(app, 'NATIONAL_VIEWER');
    const other = ok(await login(person.email, TEST_PASSWORD)).login;

    const changed = await app.gql(CHANGE, { c: TEST_PASSWORD, n: NEW_PASSWORD }, { token: person.token });
    expect(ok(changed)).toEqual({ changePassword: true });

    // This session still works, and its refresh token too.
    expect(ok(await app.gql<{ me: { email: string } }>(ME, {}, { token: person.token })).me.email).toBe(
      person.email,
    );
    expect(ok(await app.gql(REFRESH, { t: person.refreshToken }))).toBeTruthy();
    // The other session's access and refresh tokens are refused.
    expect(code(await app.gql(ME, {}, { token: other.accessToken }))).toBe('UNAUTHENTICATED');
    expect(code(await app.gql(REFRESH, { t: other.refreshToken }))).toBe('UNAUTHENTICATED');
    // The old password no longer signs in; the new one does.
    const old = await login(person.email, TEST_PASSWORD);
    expect(code(old)).toBe('UNAUTHENTICATED');
    expect(old.errors?.[0]?.message).toBe('Wrong email or password');
    expect(ok(await login(person.email, NEW_PASSWORD)).login.accessToken).toBeTruthy();
  });

  it('refuses a weak new password, naming newPassword and stating the policy', async () => {
    const person = await createAccount(app, 'NATIONAL_VIEWER');
    for (const weak of ['ngắn', 'matkhau123', 'password123456']) {
      const res = await app.gql(CHANGE, { c: TEST_PASSWORD, n: weak }, { token: person.token });
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(field(res)).toBe('newPassword');
      expect(res.errors?.[0]?.message).toMatch(/10 characters/);
    }
    // Nothing changed.
    expect(ok(await login(person.email, TEST_PASSWORD)).login.accessToken).toBeTruthy();
  });

  it('refuses a wrong current password, naming currentPassword, and changes nothing', async () => {
    const person = await createAccount(app, 'NATIONAL_VIEWER');
    const res = await app.gql(
      CHANGE,
      { c: 'không phải mật khẩu này', n: NEW_PASSWORD },
      { token: person.token },
    );
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(field(res)).toBe('currentPassword');
    expect(ok(await app.gql(ME, {}, { token: person.token }))).toBeTruthy();
    expect(code(await login(person.email, NEW_PASSWORD))).toBe('UNAUTHENTICATED');
    expect(ok(await login(person.email, TEST_PASSWORD)).login.accessToken).toBeTruthy();
  });

  it('needs a signed-in user', async () => {
    expect(code(await app.gql(CHANGE, { c: TEST_PASSWORD, n: NEW_PASSWORD }))).toBe('UNAUTHENTICATED');
  });
});

describe('setUserDisabled', () => {
  it("a province admin disables an officer of the province: the officer's token dies, sign-in says disabled", async () => {
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    const res = await app.gql<{ setUserDisabled: { id: string; disabledAt: string | null } }>(
      SET_DISABLED,
      { id: officer.id, d: true, r: 'Chuyển công tác' },
      { token: admin.token, provinceId: province },
    );
    expect(ok(res).setUserDisabled.disabledAt).toBeTruthy();

    expect(code(await app.gql(ME, {}, { token: officer.token }))).toBe('UNAUTHENTICATED');
    expect(code(await app.gql(REFRESH, { t: officer.refreshToken }))).toBe('UNAUTHENTICATED');
    const right = await login(officer.email, TEST_PASSWORD);
    expect(code(right)).toBe('UNAUTHENTICATED');
    expect(right.errors?.[0]?.message).toBe("This account is disabled: ask your province's secretariat");
    // Without the password, a disabled account answers like any wrong password.
    const wrong = await login(officer.email, 'không đúng mật khẩu');
    expect(code(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toBe('Wrong email or password');

    // The reason is in the platform audit log.
    const [entry] = await app.dataSource.query(
      `SELECT action, after FROM platform_audit_event WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`,
      [officer.id],
    );
    expect(entry.action).toBe('user.disable');
    expect(entry.after.reason).toBe('Chuyển công tác');

    // Enabled again, they sign in.
    const enabled = await app.gql<{ setUserDisabled: { disabledAt: string | null } }>(
      SET_DISABLED,
      { id: officer.id, d: false, r: 'Trở lại' },
      { token: admin.token, provinceId: province },
    );
    expect(ok(enabled).setUserDisabled.disabledAt).toBeNull();
    expect(ok(await login(officer.email, TEST_PASSWORD)).login.accessToken).toBeTruthy();
  });

  it("a province admin cannot reach another province's user, nor a platform admin", async () => {
    const elsewhere = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: otherProvince });
    const res = await app.gql(
      SET_DISABLED,
      { id: elsewhere.id, d: true, r: 'thử' },
      { token: admin.token, provinceId: province },
    );
    expect(code(res)).toBe('NOT_FOUND');
    // The same answer as for an id that is no one's.
    const nobody = await app.gql(
      SET_DISABLED,
      { id: '00000000-0000-4000-8000-000000000000', d: true, r: 'thử' },
      { token: admin.token, provinceId: province },
    );
    expect(code(nobody)).toBe('NOT_FOUND');
    expect(ok(await app.gql(ME, {}, { token: elsewhere.token }))).toBeTruthy();

    const platform = await createAccount(app, 'PLATFORM_ADMIN');
    // The platform admin holds a role in the province, so the province admin sees the account.
    ok(
      await app.gql(
        `mutation($u: ID!) { assignRole(input: { userId: $u, role: COUNCIL_MEMBER }) { id } }`,
        { u: platform.id },
        { token: platform.token, provinceId: province },
      ),
    );
    const denied = await app.gql(
      SET_DISABLED,
      { id: platform.id, d: true, r: 'thử' },
      { token: admin.token, provinceId: province },
    );
    expect(code(denied)).toBe('FORBIDDEN');
    expect(ok(await app.gql(ME, {}, { token: platform.token }))).toBeTruthy();
  });

  it('a platform admin disables anyone; a unit officer may not; a reason is required', async () => {
    const platform = await createAccount(app, 'PLATFORM_ADMIN');
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    const mate = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    expect(
      code(
        await app.gql(
          SET_DISABLED,
          { id: mate.id, d: true, r: 'thử' },
          { token: officer.token, provinceId: province },
        ),
      ),
    ).toBe('FORBIDDEN');
    const noReason = await app.gql(
      SET_DISABLED,
      { id: officer.id, d: true, r: '  ' },
      { token: platform.token },
    );
    expect(field(noReason)).toBe('reason');
    ok(await app.gql(SET_DISABLED, { id: officer.id, d: true, r: 'Nghỉ hưu' }, { token: platform.token }));
    expect(code(await app.gql(ME, {}, { token: officer.token }))).toBe('UNAUTHENTICATED');
  });
});
