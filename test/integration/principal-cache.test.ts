import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createAccount,
  ownerQuery,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';

/**
 * The gateway keeps each session's principal for up to PRINCIPAL_CACHE_MS; the database's notifications drop it.
 * A revoked role or an ended session must stop working within one second, however it was ended.
 */
const UNITS = `{ units { totalCount } }`;
const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

let app: TestApp;
let laoCai: string;
let admin: Account;
/** Principal statements sent since the last reset (the cache spares them). */
let principalReads = 0;

beforeAll(async () => {
  app = await startTestApp({
    template: inject('templateDatabase'),
    // Long enough that only a notification (never the lifetime) can explain a refusal within a second.
    config: { PRINCIPAL_CACHE_MS: '60000' },
    onQuery: (sql) => {
      // Alone (platform reads), or sent with the transaction's START (prepared once per connection).
      if (/FROM auth_session s|EXECUTE session_principal_at_start/.test(sql) && !sql.startsWith('PREPARE '))
        principalReads++;
    },
  });
  laoCai = await provinceId(app.dataSource, '15');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
});
afterAll(() => app?.close());

const units = (who: Account) => app.gql(UNITS, {}, { token: who.token, provinceId: laoCai });

/** Asks again and again (no pause) until refused; returns how long that took and the refusal's code. */
async function untilRefused(who: Account): Promise<{ ms: number; code: string | undefined }> {
  const started = performance.now();
  for (;;) {
    const res = await units(who);
    const ms = performance.now() - started;
    if (res.status !== 200 || res.errors) return { ms, code: code(res) };
    if (ms > 5_000) return { ms, code: 'still allowed after 5 s' };
  }
}

/** A council member of Lào Cai whose principal the gateway has cached (the second request reads nothing). */
async function cachedMember(): Promise<Account> {
  const member = await createAccount(app, 'COUNCIL_MEMBER', { provinceId: laoCai });
  expect((await units(member)).status).toBe(200);
  await untilCached(member);
  return member;
}

/** Awaits a request answered from the cache (the listener may be reconnecting). */
async function untilCached(who: Account): Promise<void> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    principalReads = 0;
    const res = await units(who);
    expect(res.status).toBe(200);
    if (principalReads === 0) return;
    if (performance.now() > deadline) throw new Error('the principal cache is not used');
  }
}

async function roleOf(who: Account): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(
    app.db,
    null,
    `SELECT id FROM role_assignment WHERE user_id = $1`,
    [who.id],
  );
  return row!.id;
}

describe('principal cache', () => {
  it('answers a session’s later requests without reading its principal again', async () => {
    const member = await cachedMember();
    principalReads = 0;
    expect((await units(member)).status).toBe(200);
    expect(principalReads).toBe(0);
  });

  it('a role revoked by the province admin stops working within one second', async () => {
    const member = await cachedMember();
    const revoked = await app.gql(
      `mutation($id: ID!) { revokeRole(id: $id) { id } }`,
      { id: await roleOf(member) },
      { token: admin.token, provinceId: laoCai },
    );
    expect(revoked.errors).toBeUndefined();
    const refused = await untilRefused(member);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.ms).toBeLessThan(1_000);
  });

  it('a change made through this gateway holds from the very next request, before any notification', async () => {
    const member = await cachedMember();
    const revoked = await app.gql(
      `mutation($id: ID!) { revokeRole(id: $id) { id } }`,
      { id: await roleOf(member) },
      { token: admin.token, provinceId: laoCai },
    );
    expect(revoked.errors).toBeUndefined();
    expect(code(await units(member))).toBe('FORBIDDEN');
    const other = await cachedMember();
    expect((await app.gql(`mutation { logout }`, {}, { token: other.token })).errors).toBeUndefined();
    expect(code(await units(other))).toBe('UNAUTHENTICATED');
  });

  it('logout ends the session within one second', async () => {
    const member = await cachedMember();
    expect((await app.gql(`mutation { logout }`, {}, { token: member.token })).errors).toBeUndefined();
    const refused = await untilRefused(member);
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(refused.ms).toBeLessThan(1_000);
  });

  it('a disabled account stops working within one second', async () => {
    const member = await cachedMember();
    const res = await app.gql(
      `mutation($u: ID!) { setUserDisabled(userId: $u, disabled: true, reason: "Nghỉ công tác") { id } }`,
      { u: member.id },
      { token: admin.token, provinceId: laoCai },
    );
    expect(res.errors).toBeUndefined();
    const refused = await untilRefused(member);
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(refused.ms).toBeLessThan(1_000);
  });

  it('changes made directly in the database by the owner count as well', async () => {
    const roleless = await cachedMember();
    await ownerQuery(app.db, null, `DELETE FROM role_assignment WHERE user_id = $1`, [roleless.id]);
    const noRole = await untilRefused(roleless);
    expect(noRole.code).toBe('FORBIDDEN');
    expect(noRole.ms).toBeLessThan(1_000);

    const ended = await cachedMember();
    await ownerQuery(app.db, null, `UPDATE auth_session SET revoked_at = now() WHERE user_id = $1`, [
      ended.id,
    ]);
    const noSession = await untilRefused(ended);
    expect(noSession.code).toBe('UNAUTHENTICATED');
    expect(noSession.ms).toBeLessThan(1_000);

    const disabled = await cachedMember();
    await ownerQuery(app.db, null, `UPDATE app_user SET disabled_at = now() WHERE id = $1`, [disabled.id]);
    const noUser = await untilRefused(disabled);
    expect(noUser.code).toBe('UNAUTHENTICATED');
    expect(noUser.ms).toBeLessThan(1_000);
  });

  it('with its listener killed it answers nothing stale, and it is used again once reconnected', async () => {
    const member = await cachedMember();
    const other = await cachedMember();
    const admin = new pg.Client({ connectionString: app.db.adminUrl });
    await admin.connect();
    try {
      const listeners = async () =>
        (
          await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
            ['thidua-principal-listener'],
          )
        ).rows.map((r) => r.pid);
      const [killed] = await listeners();
      expect(killed).toBeDefined();
      await admin.query(`SELECT pg_terminate_backend($1, 5000)`, [killed]);
      // Made while nobody listens: no notification will ever say so.
      await ownerQuery(app.db, null, `DELETE FROM role_assignment WHERE user_id = $1`, [member.id]);
      expect(code(await units(member))).toBe('FORBIDDEN');

      // The listener comes back (a new backend) and the cache serves again, emptied of what it held before.
      const deadline = performance.now() + 10_000;
      while (!(await listeners()).some((pid) => pid !== killed)) {
        if (performance.now() > deadline) throw new Error('the listener did not reconnect');
      }
      await untilCached(other);
      expect(code(await units(member))).toBe('FORBIDDEN');
    } finally {
      await admin.end();
    }
  });
});
