import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  createAccount,
  gqlFrom,
  ok,
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
  app = await startTestApp({
    template: inject('templateDatabase'),
    config: { LOGIN_MAX_FAILURES: '3', LOGIN_CLIENT_MAX_FAILURES: '10', LOGIN_EMAIL_MAX_FAILURES: '8' },
  });
  officer = await createAccount(app, 'PROVINCE_ADMIN', {
    provinceId: await provinceId(app.dataSource, '15'),
  });
});
afterAll(() => app?.close());

const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

/**
 * A sign-in from another client: the request leaves from `address` (127.0.0.0/8 is all this machine's), which is
 * what the gateway counts failures against.
 */
function loginFrom(address: string, email: string, password: string) {
  return gqlFrom<{ login: { accessToken: string } }>(app, address, LOGIN, { email, password });
}

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

  it('locks an email on the client that failed, even against the right password', async () => {
    const victim = await createAccount(app, 'NATIONAL_VIEWER');
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push(
        (await app.gql(LOGIN, { email: victim.email, password: `sai mật khẩu ${i}` })).errors?.[0],
      );
    }
    // Warned before the lock (LOGIN_MAX_FAILURES is 3 here): how many tries are left, and how long a lock lasts.
    expect(answers.map((e) => [e?.extensions?.code, e?.extensions?.attemptsLeft])).toEqual([
      ['UNAUTHENTICATED', 2],
      ['UNAUTHENTICATED', 1],
      ['RATE_LIMITED', undefined],
    ]);
    expect(answers[0]?.extensions?.lockMinutes).toBe(15);
    const locked = await app.gql(LOGIN, { email: victim.email, password: TEST_PASSWORD });
    expect(code(locked)).toBe('RATE_LIMITED');
    expect(locked.errors?.[0]?.message).toMatch(/try again after/);
  });
});

describe('sign-in throttling per client (issue 12, point 8)', () => {
  it('counts one client across addresses: failures spread over many emails lock that client', async () => {
    const account = await createAccount(app, 'NATIONAL_VIEWER');
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 10; i++)
      answers.push(code(await loginFrom('127.0.0.2', `ai-do-${i}@khong-co.vn`, 'không đúng mật khẩu')));
    // One failure per address, far below LOGIN_MAX_FAILURES; the tenth of the client locks it.
    expect(answers.slice(0, 9).every((c) => c === 'UNAUTHENTICATED')).toBe(true);
    expect(answers[9]).toBe('RATE_LIMITED');
    const locked = await loginFrom('127.0.0.2', account.email, TEST_PASSWORD);
    expect(code(locked)).toBe('RATE_LIMITED');
    // Another client is not affected.
    expect((await loginFrom('127.0.0.3', account.email, TEST_PASSWORD)).data?.login.accessToken).toBeTruthy();
  });

  it("a person locked out by someone else's failures still signs in from a client that has not failed", async () => {
    const victim = await createAccount(app, 'NATIONAL_VIEWER');
    for (let i = 0; i < 3; i++) await loginFrom('127.0.0.4', victim.email, `đoán mò ${i}`);
    expect(code(await loginFrom('127.0.0.4', victim.email, TEST_PASSWORD))).toBe('RATE_LIMITED');
    expect((await loginFrom('127.0.0.5', victim.email, TEST_PASSWORD)).data?.login.accessToken).toBeTruthy();
  });

  it('bounds brute force on one account across clients: past the ceiling a client that fails once is locked', async () => {
    const victim = await createAccount(app, 'NATIONAL_VIEWER');
    // Three clients, three failures each: 9 on the email, past LOGIN_EMAIL_MAX_FAILURES (8).
    for (const client of ['127.0.1.1', '127.0.1.2', '127.0.1.3'])
      for (let i = 0; i < 3; i++) await loginFrom(client, victim.email, `đoán mò ${client} ${i}`);
    // A fresh client gets one try: its first failure already answers RATE_LIMITED, and it stays locked.
    expect(code(await loginFrom('127.0.1.4', victim.email, 'vẫn đoán mò'))).toBe('RATE_LIMITED');
    expect(code(await loginFrom('127.0.1.4', victim.email, TEST_PASSWORD))).toBe('RATE_LIMITED');
    // The person, from a client that has not failed, signs in.
    expect((await loginFrom('127.0.1.5', victim.email, TEST_PASSWORD)).data?.login.accessToken).toBeTruthy();
  });
});

describe('passwords and accounts (issue 12, point 8)', () => {
  const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email fullName roles { role provinceId } provinces { code } } }`;
  type Created = {
    createUser: {
      id: string;
      email: string;
      fullName: string;
      roles: { role: string; provinceId: string }[];
    };
  };

  it('refuses common passwords and ones made of the email or name, stating the policy', async () => {
    const laoCai = await provinceId(app.dataSource, '15');
    const input = (password: string) => ({
      email: `le.van.hung.${Date.now()}@laocai.gov.vn`,
      fullName: 'Lê Văn Hùng',
      password,
      role: 'COUNCIL_MEMBER',
    });
    for (const [password, why] of [
      ['Password2025!', 'is a common password'],
      ['matkhau123456', 'is a common password'],
      ['LeVanHung@2025', 'must not contain your name'],
      ['hung le 1990-1990', 'must not be made of your name or email'],
    ]) {
      const res = await app.gql(
        CREATE,
        { input: input(password!) },
        { token: officer.token, provinceId: laoCai },
      );
      expect(code(res), password).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toBe(
        `password: ${why}: use at least 10 characters that are not a common password and contain neither your email nor your name (a phrase of several words is long and easy to remember)`,
      );
      expect(res.errors?.[0]?.extensions?.fields).toEqual([
        { field: 'password', message: expect.any(String) },
      ]);
    }
    const fine = await app.gql<Created>(
      CREATE,
      { input: input('Hùng đi qua cầu Cốc Lếu mùa lũ') },
      { token: officer.token, provinceId: laoCai },
    );
    expect(fine.errors).toBeUndefined();
  });

  it('a province admin does not learn that an address has an account in another province', async () => {
    const laoCai = await provinceId(app.dataSource, '15');
    const dienBien = await provinceId(app.dataSource, '11');
    const elsewhere = await createAccount(app, 'COUNCIL_MEMBER', { provinceId: dienBien });
    const newcomer = `nguoi.moi.${Date.now()}@laocai.gov.vn`;
    const ask = (email: string) =>
      app.gql<Created>(
        CREATE,
        {
          input: {
            email,
            fullName: 'Phạm Thị Lan',
            password: 'Sương sớm trên đỉnh Fansipan',
            role: 'COUNCIL_MEMBER',
          },
        },
        { token: officer.token, provinceId: laoCai },
      );
    const fresh = ok(await ask(newcomer)).createUser;
    const existing = ok(await ask(elsewhere.email.toUpperCase())).createUser;
    // The same answer: what was typed, the one role in this province, this province only.
    const shape = ({ id: _id, email: _email, ...rest }: Created['createUser']) => rest;
    expect(shape(existing)).toEqual(shape(fresh));
    expect(existing.email).toBe(elsewhere.email);
    expect(existing.roles).toEqual([{ role: 'COUNCIL_MEMBER', provinceId: laoCai }]);
    // The person keeps their password and name, and now holds the role too.
    const signedIn = await app.gql<{ login: { user: { email: string } } }>(LOGIN, {
      email: elsewhere.email,
      password: TEST_PASSWORD,
    });
    expect(signedIn.data?.login.user.email).toBe(elsewhere.email);
    expect(
      code(await app.gql(LOGIN, { email: elsewhere.email, password: 'Sương sớm trên đỉnh Fansipan' })),
    ).toBe('UNAUTHENTICATED');
    // An address that already has a role here is plainly a duplicate: the admin sees that account anyway.
    expect(code(await ask(newcomer))).toBe('CONFLICT');
  });

  it('in production, validation errors do not suggest field, type or enum names', async () => {
    const prod = await startTestApp({
      template: inject('templateDatabase'),
      config: { NODE_ENV: 'production' },
    });
    try {
      const laoCai = await provinceId(prod.dataSource, '15');
      const admin = await createAccount(prod, 'PROVINCE_ADMIN', { provinceId: laoCai });
      const typo = `{ mee { emial } }`;
      const badVariables = {
        input: { emial: 'a@b.vn', fullName: 'Ai Đó', password: 'Một câu đủ dài', role: 'PROVINCE_ADMN' },
      };
      for (const [server, token] of [
        [app, officer.token],
        [prod, admin.token],
      ] as const) {
        const messages = [
          ...((await server.gql(typo, {}, { token })).errors ?? []),
          ...((await server.gql(CREATE, badVariables, { token, provinceId: laoCai })).errors ?? []),
        ].map((e) => e.message);
        expect(messages.length).toBeGreaterThan(0);
        // The same over WebSocket: a subscription with a typo.
        const ws = createClient({
          url: server.gateway.url.replace('http', 'ws'),
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${token}` },
          retryAttempts: 0,
        });
        const refused = await ws
          .iterate({ query: `subscription { votingTurnot(votingPeriodId: "x") { cast } }` })
          .next()
          .then(
            () => [],
            (errors: { message: string }[]) => errors.map((e) => e.message),
          );
        // A syntax error is the client's too, not an internal one.
        const broken = await ws
          .iterate({ query: `subscription { votingTurnout(` })
          .next()
          .then(
            () => [],
            (errors: { extensions?: { code?: string } }[]) => errors.map((e) => e.extensions?.code),
          );
        expect(broken).toEqual(['GRAPHQL_PARSE_FAILED']);
        await ws.dispose();
        messages.push(...refused);
        if (server === prod) {
          expect(messages.join('\n')).not.toMatch(/Did you mean|"me"|PROVINCE_ADMIN\b|votingTurnout/);
          expect(messages[0]).toMatch(/^Cannot query field "mee" on type "Query"\.$/);
          expect(refused[0]).toMatch(/^Cannot query field "votingTurnot" on type "Subscription"\.$/);
        } else
          expect(messages.join('\n')).toMatch(/Did you mean "me"\?[\s\S]*Did you mean "votingTurnout"\?/);
      }
    } finally {
      await prod.close();
    }
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

  type Refreshed = { refreshToken: { accessToken: string; refreshToken: string } };
  const refresh = (t: string) => app.gql<Refreshed>(REFRESH, { t });

  it('ends the whole session when a spent refresh token is used again after its successor was', async () => {
    const session = await createAccount(app, 'NATIONAL_VIEWER');
    const first = (await refresh(session.refreshToken)).data!.refreshToken;
    const second = (await refresh(first.refreshToken)).data!.refreshToken;
    const reuse = await refresh(session.refreshToken);
    expect(code(reuse)).toBe('UNAUTHENTICATED');
    expect(reuse.errors?.[0]?.message).toMatch(/already used/);
    // The legitimate holder's newer tokens die with the family.
    expect(code(await refresh(second.refreshToken))).toBe('UNAUTHENTICATED');
    expect(code(await app.gql(ME, {}, { token: second.accessToken }))).toBe('UNAUTHENTICATED');
  });

  it('a lost answer: the spent token presented again at once is spent again, and the unreceived one is dead', async () => {
    const session = await createAccount(app, 'NATIONAL_VIEWER');
    const lost = (await refresh(session.refreshToken)).data!.refreshToken; // never reached the browser
    const retried = await refresh(session.refreshToken);
    expect(retried.errors).toBeUndefined();
    const again = retried.data!.refreshToken;
    expect(again.refreshToken).not.toBe(lost.refreshToken);
    expect((await app.gql(ME, {}, { token: again.accessToken })).data).toBeTruthy();
    expect((await refresh(again.refreshToken)).data).toBeTruthy();
    // Whoever presents the token that was never received is a thief: the session ends.
    expect((await refresh(lost.refreshToken)).errors?.[0]?.message).toMatch(/already used/);
    expect(code(await app.gql(ME, {}, { token: again.accessToken }))).toBe('UNAUTHENTICATED');
  });

  it('within the grace, an owner second to a thief is served but audited; the thief’s token then ends it all', async () => {
    const owner = await createAccount(app, 'NATIONAL_VIEWER');
    const thief = (await refresh(owner.refreshToken)).data!.refreshToken; // a copy, used first
    const mine = (await refresh(owner.refreshToken)).data!.refreshToken;
    const [event] = await app.dataSource.query(
      `SELECT action, after FROM platform_audit_event WHERE actor_user_id = $1 AND action = 'auth.refresh.lost_answer'`,
      [owner.id],
    );
    expect(event).toMatchObject({
      action: 'auth.refresh.lost_answer',
      after: { sessionId: expect.any(String) },
    });
    expect((await refresh(thief.refreshToken)).errors?.[0]?.message).toMatch(/already used/);
    for (const token of [thief.accessToken, mine.accessToken])
      expect(code(await app.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
  });

  it('a spent token presented after the grace ends the session even when its successor was never used', async () => {
    const session = await createAccount(app, 'NATIONAL_VIEWER');
    const first = (await refresh(session.refreshToken)).data!.refreshToken;
    await app.dataSource.query(
      `UPDATE refresh_token SET used_at = used_at - interval '11 seconds' WHERE used_at IS NOT NULL AND session_id IN (SELECT id FROM auth_session WHERE user_id = $1)`,
      [session.id],
    );
    expect((await refresh(session.refreshToken)).errors?.[0]?.message).toMatch(/already used/);
    expect(code(await app.gql(ME, {}, { token: first.accessToken }))).toBe('UNAUTHENTICATED');
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
