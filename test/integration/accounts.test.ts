import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { vi } from 'vitest';
import {
  createAccount,
  createUnits,
  gqlFrom,
  Mailbox,
  ok,
  ownerQuery,
  provinceId,
  startTestApp,
  textOf,
  TEST_PASSWORD,
  type Account,
  type GraphQLResponse,
  type TestApp,
} from '@thidua/testing';

// Issue 16: people change their own password, accept invitations and reset a forgotten password through emailed
// links (a real SMTP server here, the worker in-process); an admin disables and enables accounts.

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
let mailbox: Mailbox;

const code = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.code;
const field = (res: GraphQLResponse<unknown>) => res.errors?.[0]?.extensions?.fields?.[0]?.field;
const login = (email: string, password: string) =>
  app.gql<{ login: { accessToken: string; refreshToken: string } }>(LOGIN, { email, password });

beforeAll(async () => {
  mailbox = await Mailbox.start();
  app = await startTestApp({
    template: inject('templateDatabase'),
    worker: true,
    config: { SMTP_URL: mailbox.url, PASSWORD_RESET_MAX_PER_CLIENT: '6' },
  });
  province = await provinceId(app.dataSource, '15');
  otherProvince = await provinceId(app.dataSource, '01');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  unitId = (await createUnits(app.dataSource, province, ['Sở Tài chính']))[0]!.id;
});
afterAll(async () => {
  await app?.close();
  await mailbox?.stop();
});

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
    // The current password again is no change: refused, and the other sessions go on.
    const same = await app.gql(CHANGE, { c: TEST_PASSWORD, n: TEST_PASSWORD }, { token: person.token });
    expect(code(same)).toBe('BAD_USER_INPUT');
    expect(field(same)).toBe('newPassword');
    expect(same.errors?.[0]?.message).toMatch(/must differ from the current password/);
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

  it('a province admin does not lock a person out of another province: it removes the roles it gave', async () => {
    // A council member here who is also the secretariat of another province.
    const both = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: otherProvince });
    const here = ok(
      await app.gql<{ assignRole: { id: string } }>(
        `mutation($u: ID!) { assignRole(input: { userId: $u, role: COUNCIL_MEMBER }) { id } }`,
        { u: both.id },
        { token: admin.token, provinceId: province },
      ),
    ).assignRole.id;
    const locked = await app.gql(
      SET_DISABLED,
      { id: both.id, d: true, r: 'Đã chuyển công tác' },
      { token: admin.token, provinceId: province },
    );
    expect(locked.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^the account also holds roles outside this province: remove its roles here/,
      ),
      extensions: { code: 'CONFLICT' },
    });
    ok(
      await app.gql(
        `mutation($id: ID!) { revokeRole(id: $id) { id } }`,
        { id: here },
        { token: admin.token, provinceId: province },
      ),
    );
    // Its access here is gone; in its own province it works as before.
    const roles = ok(
      await app.gql<{ me: { roles: { role: string; provinceId: string }[] } }>(
        MY_ROLES,
        {},
        { token: both.token },
      ),
    ).me.roles;
    expect(roles).toEqual([expect.objectContaining({ role: 'PROVINCE_ADMIN', provinceId: otherProvince })]);
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

const INVITE = `mutation($email: String!, $name: String, $role: Role!, $unit: ID) {
  createInvitation(input: { email: $email, fullName: $name, role: $role, unitId: $unit }) {
    id email status sends unitName expiresAt
  }
}`;
const PREVIEW = `query($t: String!) {
  invitationByToken(token: $t) { email fullName role unitName provinceName expiresAt hasAccount }
}`;
const ACCEPT = `mutation($t: String!, $n: String!, $p: String!) {
  acceptInvitation(token: $t, fullName: $n, password: $p) { email newAccount }
}`;
const RESEND = `mutation($id: ID!) { resendInvitation(id: $id) { id status sends } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { id status } }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }`;
const MY_ROLES = `{ me { fullName roles(first: 10) { role provinceId unitId } } }`;

type Invited = {
  id: string;
  email: string;
  status: string;
  sends: number;
  unitName: string | null;
  expiresAt: string;
};

const invite = async (email: string, vars: Record<string, unknown> = {}) =>
  ok(
    await app.gql<{ createInvitation: Invited }>(
      INVITE,
      { email, role: 'UNIT_OFFICER', unit: unitId, ...vars },
      { token: admin.token, provinceId: province },
    ),
  ).createInvitation;

/** Waits for the `n`th email to `address` and returns its text and the link's token. */
async function nthEmail(address: string, n: number, path: string) {
  await vi.waitFor(() => expect(mailbox.to(address).length).toBeGreaterThanOrEqual(n), {
    timeout: 20_000,
    interval: 50,
  });
  const message = mailbox.to(address)[n - 1]!;
  const text = textOf(message.raw);
  const link = new URL(new RegExp(`(https?://\\S+${path}\\S+)`).exec(text)![1]!);
  expect(link.pathname).toBe(path);
  return { raw: message.raw, text, token: link.searchParams.get('token')! };
}

describe('changeRole', () => {
  const CHANGE_ROLE = `mutation($id: ID!, $role: Role!, $unitId: ID) {
    changeRole(id: $id, input: { role: $role, unitId: $unitId }) { id role unitId }
  }`;
  const rolesOf = async (a: Account) =>
    ok(
      await app.gql<{ me: { roles: { role: string; unitId: string | null }[] } }>(
        MY_ROLES,
        {},
        { token: a.token },
      ),
    ).me.roles;
  const roleId = async (userId: string) =>
    (await app.dataSource.query(`SELECT id FROM role_assignment WHERE user_id = $1`, [userId]))[0]
      .id as string;

  it('an officer moves to another unit, then to the council, in one step each; the old role ends at once', async () => {
    const [, second] = await createUnits(app.dataSource, province, ['Sở Xây dựng', 'Sở Y tế']);
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    const moved = ok(
      await app.gql<{ changeRole: { id: string; role: string; unitId: string } }>(
        CHANGE_ROLE,
        { id: await roleId(officer.id), role: 'UNIT_OFFICER', unitId: second!.id },
        { token: admin.token, provinceId: province },
      ),
    ).changeRole;
    expect(moved).toMatchObject({ role: 'UNIT_OFFICER', unitId: second!.id });
    // The same token, without signing in again: only the new unit.
    expect(await rolesOf(officer)).toEqual([
      { role: 'UNIT_OFFICER', provinceId: province, unitId: second!.id },
    ]);

    ok(
      await app.gql(
        CHANGE_ROLE,
        { id: moved.id, role: 'COUNCIL_MEMBER', unitId: null },
        { token: admin.token, provinceId: province },
      ),
    );
    expect(await rolesOf(officer)).toEqual([{ role: 'COUNCIL_MEMBER', provinceId: province, unitId: null }]);
    // The log says what happened: each old role withdrawn, each new one given.
    const log = await ownerQuery<{ action: string }>(
      app.db,
      province,
      `SELECT action FROM audit_event WHERE entity_type = 'RoleAssignment' AND coalesce(before, after)->>'userId' = $1 ORDER BY seq`,
      [officer.id],
    );
    expect(log.map((e) => e.action)).toEqual(['role.revoke', 'role.assign', 'role.revoke', 'role.assign']);
  });

  it('a refused change leaves the role as it was; the same role, a role elsewhere and an officer asking are refused', async () => {
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    const id = await roleId(officer.id);
    const as = { token: admin.token, provinceId: province };
    const noUnit = await app.gql(CHANGE_ROLE, { id, role: 'UNIT_OFFICER', unitId: null }, as);
    expect([code(noUnit), field(noUnit)]).toEqual(['BAD_USER_INPUT', 'unitId']);
    const absentUnit = await app.gql(
      CHANGE_ROLE,
      { id, role: 'UNIT_OFFICER', unitId: '00000000-0000-4000-8000-000000000000' },
      as,
    );
    expect(field(absentUnit)).toBe('unitId');
    const same = await app.gql(CHANGE_ROLE, { id, role: 'UNIT_OFFICER', unitId }, as);
    expect([code(same), field(same)]).toEqual(['BAD_USER_INPUT', 'role']);
    const global = await app.gql(CHANGE_ROLE, { id, role: 'NATIONAL_VIEWER', unitId: null }, as);
    expect(code(global)).toBe('FORBIDDEN');
    expect(await rolesOf(officer)).toEqual([{ role: 'UNIT_OFFICER', provinceId: province, unitId }]);

    const elsewhere = await createAccount(app, 'COUNCIL_MEMBER', { provinceId: otherProvince });
    const theirs = await app.gql(
      CHANGE_ROLE,
      { id: await roleId(elsewhere.id), role: 'UNIT_OFFICER', unitId },
      as,
    );
    expect(code(theirs)).toBe('NOT_FOUND');
    const own = await app.gql(
      CHANGE_ROLE,
      { id: await roleId(admin.id), role: 'COUNCIL_MEMBER', unitId: null },
      as,
    );
    expect([code(own), field(own)]).toEqual(['BAD_USER_INPUT', 'id']);
    const anonymous = await app.gql(CHANGE_ROLE, { id, role: 'PROVINCE_ADMIN', unitId: null });
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
    const byOfficer = await app.gql(
      CHANGE_ROLE,
      { id, role: 'PROVINCE_ADMIN', unitId: null },
      { token: officer.token, provinceId: province },
    );
    expect(code(byOfficer)).toBe('FORBIDDEN');
    expect(await rolesOf(officer)).toEqual([{ role: 'UNIT_OFFICER', provinceId: province, unitId }]);
    expect(await rolesOf(elsewhere)).toEqual([
      { role: 'COUNCIL_MEMBER', provinceId: otherProvince, unitId: null },
    ]);
  });
});

describe('the province’s last secretariat role', () => {
  const REVOKE = `mutation($id: ID!) { revokeRole(id: $id) { id } }`;
  const CHANGE_TO_COUNCIL = `mutation($id: ID!) { changeRole(id: $id, input: { role: COUNCIL_MEMBER }) { id } }`;
  const adminRole = async (userId: string) =>
    (
      await app.dataSource.query(
        `SELECT id FROM role_assignment WHERE user_id = $1 AND role = 'PROVINCE_ADMIN'`,
        [userId],
      )
    )[0]?.id as string | undefined;
  const admins = async (p: string) =>
    (
      await app.dataSource.query(
        `SELECT count(*)::int AS n FROM role_assignment WHERE province_id = $1 AND role = 'PROVINCE_ADMIN'`,
        [p],
      )
    )[0].n as number;

  it('is neither removed nor changed, by the province or the platform, until another enabled account holds one', async () => {
    const hcm = await provinceId(app.dataSource, '79');
    const platform = await createAccount(app, 'PLATFORM_ADMIN');
    const only = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: hcm });
    const as = (a: Account) => ({ token: a.token, provinceId: hcm });
    const last = /^this is the province’s last secretariat role: give the role to another person first$/;
    for (const [query, by] of [
      [REVOKE, only],
      [REVOKE, platform],
      [CHANGE_TO_COUNCIL, platform],
    ] as const) {
      const refused = await app.gql(query, { id: await adminRole(only.id) }, as(by));
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringMatching(last),
        extensions: { code: 'CONFLICT' },
      });
    }
    expect(await admins(hcm)).toBe(1);

    // A disabled account's role gives nobody access: it does not count, and it may go.
    const disabled = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: hcm });
    ok(await app.gql(SET_DISABLED, { id: disabled.id, d: true, r: 'Nghỉ hưu' }, { token: platform.token }));
    expect(code(await app.gql(REVOKE, { id: await adminRole(only.id) }, as(platform)))).toBe('CONFLICT');
    ok(await app.gql(REVOKE, { id: await adminRole(disabled.id) }, as(only)));

    // With a second, either may go; two removals at once, each of the other's role, leave one.
    const second = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: hcm });
    const [a, b] = await Promise.all([
      app.gql(REVOKE, { id: await adminRole(second.id) }, as(only)),
      app.gql(REVOKE, { id: await adminRole(only.id) }, as(second)),
    ]);
    expect([a, b].filter((r) => !r.errors)).toHaveLength(1);
    expect(await admins(hcm)).toBe(1);

    // Nor do two secretariat officers lock each other out at once.
    const left = a.errors ? second : only;
    const third = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: hcm });
    const [c, d] = await Promise.all([
      app.gql(SET_DISABLED, { id: third.id, d: true, r: 'Nghỉ việc' }, as(left)),
      app.gql(SET_DISABLED, { id: left.id, d: true, r: 'Nghỉ việc' }, as(third)),
    ]);
    expect([c, d].filter((r) => !r.errors)).toHaveLength(1);
    const enabled = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.province_id = $1 AND r.role = 'PROVINCE_ADMIN' AND u.disabled_at IS NULL`,
      [hcm],
    );
    expect(enabled[0].n).toBe(1);
  });
});

describe('invitations', () => {
  it('the invitee sets their own password from the emailed link and signs in with the role; the link works once', async () => {
    const email = 'tran.thi.lan@stc.laocai.gov.vn';
    const invited = await invite(email, { name: 'Trần Thị Lan' });
    expect(invited).toMatchObject({ email, status: 'PENDING', sends: 1, unitName: 'Sở Tài chính' });
    // Seven days by default.
    const days = (Date.parse(invited.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const { text, raw, token } = await nthEmail(email, 1, '/invitation');
    expect(raw).toMatch(/^Subject: .*$/m);
    expect(text).toContain('Kính gửi Trần Thị Lan,');
    expect(text).toContain('với vai trò Cán bộ thi đua của đơn vị – Sở Tài chính');
    expect(text).toMatch(
      /secretariat invites you to the emulation and awards platform of .+ as Unit officer/,
    );
    expect(text).toContain('để đặt mật khẩu của riêng anh/chị');
    // Only the token's hash is stored: neither the invitation nor the outbox holds the token.
    const stored = await ownerQuery(
      app.db,
      null,
      `SELECT (SELECT count(*)::int FROM invitation WHERE token_hash = sha256(convert_to($1, 'UTF8'))) AS hashed,
              (SELECT count(*)::int FROM invitation i WHERE i::text LIKE '%' || $1 || '%') AS clear_invitation,
              (SELECT count(*)::int FROM outbox o WHERE o::text LIKE '%' || $1 || '%') AS clear_outbox`,
      [token],
    );
    expect(stored[0]).toEqual({ hashed: 1, clear_invitation: 0, clear_outbox: 0 });

    const preview = ok(await app.gql<{ invitationByToken: Record<string, unknown> }>(PREVIEW, { t: token }));
    expect(preview.invitationByToken).toMatchObject({
      email,
      fullName: 'Trần Thị Lan',
      role: 'UNIT_OFFICER',
      unitName: 'Sở Tài chính',
      provinceName: 'Lào Cai',
      hasAccount: false,
    });

    // The policy applies, naming the field; the link survives a refused password.
    const weak = await app.gql(ACCEPT, { t: token, n: 'Trần Thị Lan', p: 'matkhau123' });
    expect(code(weak)).toBe('BAD_USER_INPUT');
    expect(field(weak)).toBe('password');
    expect(weak.errors?.[0]?.message).toMatch(/common password: use at least 10 characters/);

    const accepted = await app.gql(ACCEPT, { t: token, n: 'Trần Thị Lan', p: NEW_PASSWORD });
    expect(ok(accepted)).toEqual({ acceptInvitation: { email, newAccount: true } });
    const signedIn = ok(await login(email, NEW_PASSWORD)).login;
    const me = ok(
      await app.gql<{ me: { fullName: string; roles: unknown[] } }>(
        MY_ROLES,
        {},
        { token: signedIn.accessToken },
      ),
    );
    expect(me.me).toEqual({
      fullName: 'Trần Thị Lan',
      roles: [{ role: 'UNIT_OFFICER', provinceId: province, unitId }],
    });

    const again = await app.gql(ACCEPT, { t: token, n: 'Kẻ khác', p: 'Một mật khẩu khác hẳn 2026' });
    expect(code(again)).toBe('BAD_USER_INPUT');
    expect(field(again)).toBe('token');
    expect(code(await app.gql(PREVIEW, { t: token }))).toBe('BAD_USER_INPUT');
    await invite('cho-nhan@stc.laocai.gov.vn');
    const list = ok(
      await app.gql<{ invitations: { totalCount: number; nodes: { email: string; status: string }[] } }>(
        `{ invitations(first: 50, filter: { status: ACCEPTED }) { totalCount nodes { email status } } }`,
        {},
        { token: admin.token, provinceId: province },
      ),
    );
    expect(list.invitations.nodes).toContainEqual({ email, status: 'ACCEPTED' });
    // The pager's total counts what the filter keeps, not every invitation of the province.
    expect(list.invitations.nodes.every((n) => n.status === 'ACCEPTED')).toBe(true);
    expect(list.invitations.totalCount).toBe(list.invitations.nodes.length);
    const all = ok(
      await app.gql<{ invitations: { totalCount: number } }>(
        `{ invitations(first: 1) { totalCount } }`,
        {},
        { token: admin.token, provinceId: province },
      ),
    );
    expect(all.invitations.totalCount).toBeGreaterThan(list.invitations.totalCount);
  });

  it("a new province's first secretariat is invited with it: the operator never learns the password", async () => {
    const operator = await createAccount(app, 'PLATFORM_ADMIN');
    const email = 'thuky.97@snv.thunghiem.gov.vn';
    const created = ok(
      await app.gql<{ createProvince: { id: string } }>(
        `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
        {
          v: {
            code: '97',
            name: 'Thử Mời',
            kind: 'PROVINCE',
            firstAdmin: { email: email.toUpperCase(), fullName: 'Lê Thị Thư Ký' },
          },
        },
        { token: operator.token },
      ),
    ).createProvince;
    // No account until the person accepts: no password was typed by anyone but them.
    expect(code(await login(email, TEST_PASSWORD))).toBe('UNAUTHENTICATED');
    const { text, token } = await nthEmail(email, 1, '/invitation');
    expect(text).toContain('Kính gửi Lê Thị Thư Ký,');
    expect(text).toContain('tỉnh Thử Mời');
    expect(ok(await app.gql(ACCEPT, { t: token, n: 'Lê Thị Thư Ký', p: NEW_PASSWORD }))).toEqual({
      acceptInvitation: { email, newAccount: true },
    });
    const signedIn = ok(await login(email, NEW_PASSWORD)).login;
    const me = ok(await app.gql<{ me: { roles: unknown[] } }>(MY_ROLES, {}, { token: signedIn.accessToken }));
    expect(me.me.roles).toEqual([{ role: 'PROVINCE_ADMIN', provinceId: created.id, unitId: null }]);
    // The platform's log names the invitation beside the province.
    const logged = await ownerQuery(
      app.db,
      null,
      `SELECT action FROM platform_audit_event
       WHERE actor_user_id = $1 AND entity_type IN ('Province', 'Invitation') ORDER BY id`,
      [operator.id],
    );
    expect(logged.map((r) => r.action)).toEqual(['province.create', 'invitation.create']);
  });

  it("an official with an account elsewhere is invited as a new province's first secretariat and keeps their password", async () => {
    const operator = await createAccount(app, 'PLATFORM_ADMIN');
    const official = await createAccount(app, 'COUNCIL_MEMBER', { provinceId: province });
    const created = ok(
      await app.gql<{ createProvince: { id: string } }>(
        `mutation($v: CreateProvinceInput!) { createProvince(input: $v) { id } }`,
        {
          v: {
            code: '98',
            name: 'Thử Chuyển Công Tác',
            kind: 'PROVINCE',
            firstAdmin: { email: official.email, fullName: 'Người Đã Có Tài Khoản' },
          },
        },
        { token: operator.token },
      ),
    ).createProvince;
    const { text, token } = await nthEmail(official.email, 1, '/invitation');
    // Greeted as the account's holder, not by the name the operator typed.
    expect(text).toContain('Kính gửi Nguyễn Văn Thử,');
    expect(text).not.toContain('Người Đã Có Tài Khoản');
    const preview = ok(await app.gql<{ invitationByToken: { hasAccount: boolean } }>(PREVIEW, { t: token }));
    expect(preview.invitationByToken.hasAccount).toBe(true);
    expect(
      ok(await app.gql(ACCEPT, { t: token, n: 'Người Đã Có Tài Khoản', p: 'Không dùng mật khẩu này 2026' })),
    ).toEqual({ acceptInvitation: { email: official.email, newAccount: false } });
    const signedIn = ok(await login(official.email, TEST_PASSWORD)).login;
    const me = ok(
      await app.gql<{ me: { roles: { role: string; provinceId: string }[] } }>(
        MY_ROLES,
        {},
        { token: signedIn.accessToken },
      ),
    );
    expect(me.me.roles.map((r) => [r.role, r.provinceId]).sort()).toEqual(
      [
        ['COUNCIL_MEMBER', province],
        ['PROVINCE_ADMIN', created.id],
      ].sort(),
    );
  });

  it('a resend emails a new link and the old one stops working; a revoked or expired link is refused', async () => {
    const email = 'resend@stc.laocai.gov.vn';
    const invited = await invite(email);
    const first = await nthEmail(email, 1, '/invitation');
    // Inviting the same address again to the same role is no second invitation, and no second email: the person
    // is told it is open, and where to send it again, never "sent".
    const twice = await app.gql(
      INVITE,
      { email, role: 'UNIT_OFFICER', unit: unitId },
      { token: admin.token, provinceId: province },
    );
    expect(twice.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        new RegExp(
          `^an invitation to ${email} is already open since \\d{4}-\\d{2}-\\d{2}: send it again from the list of invitations$`,
        ),
      ),
      extensions: { code: 'CONFLICT' },
    });
    expect(mailbox.to(email)).toHaveLength(1);
    const resent = ok(
      await app.gql<{ resendInvitation: { sends: number } }>(
        RESEND,
        { id: invited.id },
        { token: admin.token, provinceId: province },
      ),
    );
    expect(resent.resendInvitation.sends).toBe(2);
    const second = await nthEmail(email, 2, '/invitation');
    expect(mailbox.to(email)).toHaveLength(2);
    expect(field(await app.gql(PREVIEW, { t: first.token }))).toBe('token');
    expect(
      ok(await app.gql<{ invitationByToken: { email: string } }>(PREVIEW, { t: second.token }))
        .invitationByToken.email,
    ).toBe(email);

    const revoked = ok(
      await app.gql<{ revokeInvitation: { status: string } }>(
        REVOKE,
        { id: invited.id },
        { token: admin.token, provinceId: province },
      ),
    );
    expect(revoked.revokeInvitation.status).toBe('REVOKED');
    const refused = await app.gql(ACCEPT, { t: second.token, n: 'Người được mời', p: NEW_PASSWORD });
    expect(field(refused)).toBe('token');
    expect(refused.errors?.[0]?.message).toMatch(/expired or is no longer valid/);

    // Expired: refused; inviting the address again sends it again with a new expiry.
    const late = await invite('late@stc.laocai.gov.vn');
    const lateLink = await nthEmail(late.email, 1, '/invitation');
    await ownerQuery(
      app.db,
      null,
      `UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [late.id],
    );
    expect(field(await app.gql(PREVIEW, { t: lateLink.token }))).toBe('token');
    const renewed = await invite(late.email);
    expect(renewed).toMatchObject({ id: late.id, status: 'PENDING', sends: 2 });
    const fresh = await nthEmail(late.email, 2, '/invitation');
    expect(
      ok(await app.gql<{ invitationByToken: { email: string } }>(PREVIEW, { t: fresh.token }))
        .invitationByToken.email,
    ).toBe(late.email);
  });

  it('a request that rolls back sends nothing', async () => {
    const res = await app.gql(
      `mutation { a: createInvitation(input: { email: "rolled.back@stc.laocai.gov.vn", role: COUNCIL_MEMBER }) { id }
                  b: revokeInvitation(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      {},
      { token: admin.token, provinceId: province },
    );
    expect(code(res)).toBe('NOT_FOUND');
    // An invitation made afterwards is emailed: the rolled-back one, relayed before it had it existed, would be too.
    const after = await invite('after.rollback@stc.laocai.gov.vn');
    await nthEmail(after.email, 1, '/invitation');
    expect(mailbox.to('rolled.back@stc.laocai.gov.vn')).toHaveLength(0);
    const rows = await ownerQuery(
      app.db,
      null,
      `SELECT id FROM invitation WHERE email = 'rolled.back@stc.laocai.gov.vn'`,
    );
    expect(rows).toHaveLength(0);
  });

  it('only the secretariat invites; an address with an account here is refused, one with an account elsewhere gets the role', async () => {
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    const byOfficer = await app.gql(
      INVITE,
      { email: 'x@y.vn', role: 'UNIT_OFFICER', unit: unitId },
      { token: officer.token, provinceId: province },
    );
    expect(code(byOfficer)).toBe('FORBIDDEN');
    const here = await app.gql(
      INVITE,
      { email: officer.email, role: 'COUNCIL_MEMBER' },
      { token: admin.token, provinceId: province },
    );
    expect(code(here)).toBe('CONFLICT');
    const noUnit = await app.gql(
      INVITE,
      { email: 'no.unit@y.vn', role: 'UNIT_OFFICER' },
      { token: admin.token, provinceId: province },
    );
    expect(field(noUnit)).toBe('unitId');

    const elsewhere = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: otherProvince });
    await invite(elsewhere.email, { role: 'COUNCIL_MEMBER', unit: null });
    const { token } = await nthEmail(elsewhere.email, 1, '/invitation');
    expect(
      ok(await app.gql<{ invitationByToken: { hasAccount: boolean } }>(PREVIEW, { t: token }))
        .invitationByToken.hasAccount,
    ).toBe(true);
    expect(ok(await app.gql(ACCEPT, { t: token, n: '', p: '' }))).toEqual({
      acceptInvitation: { email: elsewhere.email, newAccount: false },
    });
    // Their password is unchanged, and they now hold the role here too.
    const session = ok(await login(elsewhere.email, TEST_PASSWORD)).login;
    const me = ok(
      await app.gql<{ me: { roles: { role: string; provinceId: string }[] } }>(
        MY_ROLES,
        {},
        { token: session.accessToken },
      ),
    );
    expect(me.me.roles.map((r) => [r.role, r.provinceId])).toEqual(
      expect.arrayContaining([
        ['PROVINCE_ADMIN', otherProvince],
        ['COUNCIL_MEMBER', province],
      ]),
    );
  });
});

describe('password reset by email', () => {
  it('resets through the emailed link: every session ends, the old password stops working, the link works once', async () => {
    const person = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    const other = ok(await login(person.email, TEST_PASSWORD)).login;
    expect(
      ok(await gqlFrom(app, '127.0.1.1', REQUEST_RESET, { e: ` ${person.email.toUpperCase()} ` })),
    ).toEqual({
      requestPasswordReset: true,
    });
    const { text, token } = await nthEmail(person.email, 1, '/reset-password');
    expect(text).toContain('Có yêu cầu đặt lại mật khẩu cho tài khoản');
    expect(text).toContain('Someone asked to reset the password of your account');
    // An hour by default.
    const [row] = await ownerQuery<{ minutes: number }>(
      app.db,
      null,
      `SELECT round(extract(epoch FROM expires_at - requested_at) / 60)::int AS minutes FROM password_reset
       WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
      [token],
    );
    expect(row!.minutes).toBe(60);

    const weak = await app.gql(RESET, { t: token, p: 'password1234' });
    expect(field(weak)).toBe('newPassword');
    const repeated = await app.gql(RESET, { t: token, p: 'aaaaaaaaaaaa' });
    expect(repeated.errors?.[0]?.message).toMatch(/^newPassword: is a repetition or a sequence/);
    // A reset is for a password lost or in other hands: the same one again is refused, and the link still works.
    const same = await app.gql(RESET, { t: token, p: TEST_PASSWORD });
    expect(field(same)).toBe('newPassword');
    expect(same.errors?.[0]?.message).toMatch(/must differ from the current password/);
    expect(ok(await app.gql(RESET, { t: token, p: NEW_PASSWORD }))).toEqual({ resetPassword: true });

    for (const t of [person.token, other.accessToken])
      expect(code(await app.gql(ME, {}, { token: t }))).toBe('UNAUTHENTICATED');
    expect(code(await app.gql(REFRESH, { t: other.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(code(await login(person.email, TEST_PASSWORD))).toBe('UNAUTHENTICATED');
    expect(ok(await login(person.email, NEW_PASSWORD)).login.accessToken).toBeTruthy();
    const reused = await app.gql(RESET, { t: token, p: 'Một mật khẩu khác hẳn 2026' });
    expect(field(reused)).toBe('token');
    expect(ok(await login(person.email, NEW_PASSWORD)).login.accessToken).toBeTruthy();
  });

  it("a reset ends the resetting device's sign-in lock on the account; a guesser elsewhere stays locked", async () => {
    const person = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    const [mine, guesser] = ['127.0.3.1', '127.0.3.2'];
    const loginFrom = (client: string, password: string) =>
      gqlFrom(app, client, LOGIN, { email: person.email, password });
    for (const client of [mine, guesser])
      for (let i = 0; i < 5; i++) await loginFrom(client, 'Sai mật khẩu rồi 2026');
    for (const client of [mine, guesser])
      expect(code(await loginFrom(client, TEST_PASSWORD))).toBe('RATE_LIMITED');

    ok(await gqlFrom(app, mine, REQUEST_RESET, { e: person.email }));
    const { token } = await nthEmail(person.email, 1, '/reset-password');
    expect(ok(await gqlFrom(app, mine, RESET, { t: token, p: NEW_PASSWORD }))).toEqual({
      resetPassword: true,
    });
    // The person who proved the mailbox signs in at once, with the new password.
    expect(ok(await loginFrom(mine, NEW_PASSWORD)).login).toHaveProperty('accessToken');
    expect(code(await loginFrom(guesser, NEW_PASSWORD))).toBe('RATE_LIMITED');
  });

  it('says the same, with the same status and about the same time, whether the address has an account or not; throttled alike', async () => {
    const person = await createAccount(app, 'NATIONAL_VIEWER');
    const nobody = 'khong.ai.co@dia-chi-nay.vn';
    const timed = async (client: string, email: string) => {
      const started = performance.now();
      const res = await gqlFrom(app, client, REQUEST_RESET, { e: email });
      return { res, ms: performance.now() - started };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await timed('127.0.2.1', person.email);
      const b = await timed('127.0.2.2', nobody);
      expect(a.res).toEqual({ status: 200, data: { requestPasswordReset: true } });
      expect(b.res).toEqual(a.res);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    // The same work either way (a recorded request and a queued job): no account lookup before answering.
    // The quickest of each, which the machine's other work disturbs least.
    expect(Math.abs(Math.min(...known) - Math.min(...unknown))).toBeLessThan(50);
    // The fourth request for an address within the hour is refused, whoever has it; the answers are the same.
    const a = await gqlFrom(app, '127.0.2.3', REQUEST_RESET, { e: person.email });
    const b = await gqlFrom(app, '127.0.2.3', REQUEST_RESET, { e: nobody });
    expect(a.status).toBe(429);
    expect(code(a)).toBe('RATE_LIMITED');
    expect(b.status).toBe(a.status);
    expect(b.errors?.[0]?.message.replace(/after .*/, '')).toBe(
      a.errors?.[0]?.message.replace(/after .*/, ''),
    );
    // The account got its three emails, the unknown address none.
    await vi.waitFor(() => expect(mailbox.to(person.email)).toHaveLength(3), {
      timeout: 20_000,
      interval: 50,
    });
    expect(mailbox.to(nobody)).toHaveLength(0);

    // Per client: six requests from one client, for six addresses, then refused.
    for (let i = 0; i < 6; i++)
      expect((await gqlFrom(app, '127.0.2.4', REQUEST_RESET, { e: `nguoi${i}@vi-du.vn` })).status).toBe(200);
    expect(code(await gqlFrom(app, '127.0.2.4', REQUEST_RESET, { e: 'nguoi7@vi-du.vn' }))).toBe(
      'RATE_LIMITED',
    );
    expect((await gqlFrom(app, '127.0.2.5', REQUEST_RESET, { e: 'nguoi7@vi-du.vn' })).status).toBe(200);
  });

  it('a disabled account gets no reset email, and a link sent before it was disabled is refused with the reason', async () => {
    const person = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId });
    ok(await gqlFrom(app, '127.0.3.1', REQUEST_RESET, { e: person.email }));
    const { token } = await nthEmail(person.email, 1, '/reset-password');
    ok(
      await app.gql(
        SET_DISABLED,
        { id: person.id, d: true, r: 'Nghỉ việc' },
        { token: admin.token, provinceId: province },
      ),
    );
    const refused = await app.gql(RESET, { t: token, p: NEW_PASSWORD });
    expect(code(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toBe("This account is disabled: ask your province's secretariat");
    // Its page is told as it opens, before a new password is typed.
    const checked = await app.gql(`query($t: String!) { passwordResetUsable(token: $t) }`, { t: token });
    expect(checked.errors?.[0]?.message).toBe(refused.errors?.[0]?.message);
    // Asked again while disabled: the usual answer, and no email (the next account's email shows the queue moved).
    ok(await gqlFrom(app, '127.0.3.1', REQUEST_RESET, { e: person.email }));
    const next = await createAccount(app, 'NATIONAL_VIEWER');
    ok(await gqlFrom(app, '127.0.3.1', REQUEST_RESET, { e: next.email }));
    await nthEmail(next.email, 1, '/reset-password');
    expect(mailbox.to(person.email)).toHaveLength(1);
  });
});
