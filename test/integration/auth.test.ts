import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  createAccount,
  provinceId,
  startTestApp,
  TEST_JWT_SECRET,
  TEST_PASSWORD,
  type Account,
  type TestApp,
} from '@thidua/testing';

const LOGIN = `mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken user { email } }
}`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const ME = `{ me { email } }`;

let app: TestApp;
let officer: Account;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), config: { LOGIN_MAX_FAILURES: '3' } });
  officer = await createAccount(app, 'PROVINCE_ADMIN', {
    provinceId: await provinceId(app.dataSource, '15'),
  });
});
afterAll(() => app?.close());

const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('sign-in', () => {
  it('signs in with the right password, case-insensitively on the email, and the token works', async () => {
    const res = await app.gql<{ login: { accessToken: string; user: { email: string } } }>(LOGIN, {
      email: `  ${officer.email.toUpperCase()} `,
      password: TEST_PASSWORD,
    });
    expect(res.data?.login.user.email).toBe(officer.email);
    const me = await app.gql<{ me: { email: string } }>(ME, {}, { token: res.data!.login.accessToken });
    expect(me.data?.me.email).toBe(officer.email);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await app.gql(LOGIN, { email: officer.email, password: 'không đúng mật khẩu' });
    const unknown = await app.gql(LOGIN, { email: 'ai-do@khong-co.vn', password: 'không đúng mật khẩu' });
    expect(code(wrong)).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
  });

  it('locks an email after repeated failures, even against the right password', async () => {
    const victim = await createAccount(app, 'NATIONAL_VIEWER');
    for (let i = 0; i < 3; i++) {
      await app.gql(LOGIN, { email: victim.email, password: `sai mật khẩu ${i}` });
    }
    const locked = await app.gql(LOGIN, { email: victim.email, password: TEST_PASSWORD });
    expect(code(locked)).toBe('RATE_LIMITED');
    expect(locked.errors?.[0]?.message).toMatch(/try again after/);
  });
});

describe('access tokens', () => {
  it('refuses an expired token', async () => {
    const expired = await new SignJWT({ sid: '00000000-0000-4000-8000-000000000000' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(officer.id)
      .setIssuer('thidua')
      .setAudience('thidua-api')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const res = await app.gql(ME, {}, { token: expired });
    expect(res.status).toBe(401);
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/expired/);
  });

  it('refuses a tampered token', async () => {
    const [header, payload, signature] = officer.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000001' }),
    ).toString('base64url');
    const res = await app.gql(ME, {}, { token: `${header}.${forged}.${signature}` });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.message).toBe('Invalid token');
  });

  it('refuses a token signed with another secret', async () => {
    const foreign = await new SignJWT({ sid: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(officer.id)
      .setIssuer('thidua')
      .setAudience('thidua-api')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect(code(await app.gql(ME, {}, { token: foreign }))).toBe('UNAUTHENTICATED');
  });
});

describe('refresh tokens', () => {
  it('rotates: the new pair works, the old refresh token is spent', async () => {
    const session = await createAccount(app, 'NATIONAL_VIEWER');
    const rotated = await app.gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(REFRESH, {
      t: session.refreshToken,
    });
    expect(rotated.data?.refreshToken.refreshToken).not.toBe(session.refreshToken);
    expect((await app.gql(ME, {}, { token: rotated.data!.refreshToken.accessToken })).data).toBeTruthy();
  });

  it('ends the whole session when a spent refresh token is used again', async () => {
    const session = await createAccount(app, 'NATIONAL_VIEWER');
    const first = await app.gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(REFRESH, {
      t: session.refreshToken,
    });
    const reuse = await app.gql(REFRESH, { t: session.refreshToken });
    expect(code(reuse)).toBe('UNAUTHENTICATED');
    expect(reuse.errors?.[0]?.message).toMatch(/already used/);
    // The legitimate holder's newer tokens die with the family.
    expect(code(await app.gql(REFRESH, { t: first.data!.refreshToken.refreshToken }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(code(await app.gql(ME, {}, { token: first.data!.refreshToken.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses an unknown refresh token', async () => {
    expect(code(await app.gql(REFRESH, { t: 'không-phải-token' }))).toBe('UNAUTHENTICATED');
  });

  it('logout ends the session: the access and refresh tokens stop working at once', async () => {
    const session = await createAccount(app, 'NATIONAL_VIEWER');
    const out = await app.gql<{ logout: boolean }>(`mutation { logout }`, {}, { token: session.token });
    expect(out.data?.logout).toBe(true);
    expect(code(await app.gql(ME, {}, { token: session.token }))).toBe('UNAUTHENTICATED');
    expect(code(await app.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('a revoked role stops working on the next request, without a new sign-in', async () => {
    const laoCai = await provinceId(app.dataSource, '15');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
    const target = await createAccount(app, 'COUNCIL_MEMBER', { provinceId: laoCai });
    const units = `{ units { totalCount } }`;
    expect((await app.gql(units, {}, { token: target.token, provinceId: laoCai })).status).toBe(200);
    const roles = await app.gql<{ me: { roles: { id: string }[] } }>(
      `{ me { roles { id } } }`,
      {},
      { token: target.token },
    );
    const revoked = await app.gql(
      `mutation($id: ID!) { revokeRole(id: $id) { id } }`,
      { id: roles.data!.me.roles[0]!.id },
      { token: admin.token, provinceId: laoCai },
    );
    expect(revoked.errors).toBeUndefined();
    expect(code(await app.gql(units, {}, { token: target.token, provinceId: laoCai }))).toBe('FORBIDDEN');
  });
});
