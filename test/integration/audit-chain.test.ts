import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditRepository, configureAuditKeys, runInTenant, runInTransaction } from '@thidua/db';
import { auditHash, auditKey, GENESIS_HASH } from '@thidua/domain';
import {
  createAccount,
  ownerQuery,
  provinceId,
  startTestApp,
  TEST_AUDIT_HMAC_KEY,
  type Account,
  type TestApp,
  ok,
} from '@thidua/testing';

/**
 * Issue 12, point 4: the application role may insert audit rows, and the hash algorithm is public; without the
 * HMAC key (configuration, not the database) an appended event does not verify, in a province's chain and in the
 * platform's.
 */
let app: TestApp;
let platformAdmin: Account;

type Verdict = { valid: boolean; checked: number; brokenAtSeq: string | null; reason: string | null };
const VERDICT = `valid checked brokenAtSeq reason`;

async function verifyProvince(province: string, admin: Account): Promise<Verdict> {
  const res = await app.gql<{ verifyAuditChain: Verdict }>(`{ verifyAuditChain { ${VERDICT} } }`, undefined, {
    token: admin.token,
    provinceId: province,
  });
  return ok(res).verifyAuditChain;
}

async function verifyPlatform(who: Account = platformAdmin) {
  return app.gql<{ verifyPlatformAuditChain: Verdict }>(
    `{ verifyPlatformAuditChain { ${VERDICT} } }`,
    undefined,
    {
      token: who.token,
    },
  );
}

const append = (province: string, n: number, tag: string) =>
  runInTenant(app.dataSource, province, async () => {
    for (let i = 0; i < n; i++) {
      await auditRepository.append({
        actorUserId: null,
        action: 'unit.update',
        entityType: 'Unit',
        entityId: `${tag}-${i}`,
        after: { name: `Sở Nội vụ ${i}`, kind: 'AGENCY' },
      });
    }
  });

/** As the application role: the last event of the chain, and an insert of the next one with the hash given. */
async function forge(
  table: 'audit_event' | 'platform_audit_event',
  province: string | null,
  hash: (body: Parameters<typeof auditHash>[1]) => string,
  keyId: (lastKeyId: string | null) => string | null = (k) => k,
): Promise<string> {
  const c = new pg.Client({ connectionString: app.db.appUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    if (province) await c.query(`SELECT set_config('app.province_id', $1, true)`, [province]);
    const { rows } = await c.query<{ seq: string; hash: string; hash_key_id: string | null }>(
      `SELECT seq, hash, hash_key_id FROM ${table} ORDER BY seq DESC LIMIT 1`,
    );
    const last = rows[0];
    const body = {
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      actorUserId: null,
      action: 'role.grant',
      entityType: 'RoleAssignment',
      entityId: 'forged',
      before: null,
      after: { role: 'PROVINCE_ADMIN', email: 'ke-gian@thu.vn' },
      requestId: null,
      occurredAt: new Date(),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const columns = `${province ? 'province_id, ' : ''}seq, actor_user_id, action, entity_type, entity_id, before, after,
      request_id, occurred_at, prev_hash, hash, hash_key_id`;
    const values = [
      ...(province ? [province] : []),
      body.seq,
      body.actorUserId,
      body.action,
      body.entityType,
      body.entityId,
      body.before,
      body.after,
      body.requestId,
      body.occurredAt,
      body.prevHash,
      hash(body),
      keyId(last?.hash_key_id ?? null),
    ];
    await c.query(
      `INSERT INTO ${table} (${columns}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
    await c.query('COMMIT');
    return body.seq;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  platformAdmin = await createAccount(app, 'PLATFORM_ADMIN');
});
afterAll(() => app?.close());
afterEach(() => configureAuditKeys(TEST_AUDIT_HMAC_KEY));

describe("a province's chain", () => {
  it('an event the application role appends with the public algorithm, without the key, is named', async () => {
    const province = await provinceId(app.dataSource, '15');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    await append(province, 3, 'before');
    expect(await verifyProvince(province, admin)).toMatchObject({ valid: true, brokenAtSeq: null });

    // The unkeyed SHA-256 every event had before keys existed, claiming the key the other rows name.
    const seq = await forge('audit_event', province, (b) => auditHash(province, b));
    expect(await verifyProvince(province, admin)).toEqual({
      valid: false,
      checked: Number(seq) - 1,
      brokenAtSeq: seq,
      reason: 'content does not match its hash',
    });
  });

  it('a guessed key or no key id is no better; an unkeyed row is refused outright', async () => {
    const province = await provinceId(app.dataSource, '20');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    await append(province, 2, 'before');
    const guessed = auditKey('a-key-the-intruder-made-up-0123456789');
    const seq = await forge(
      'audit_event',
      province,
      (b) => auditHash(province, b, guessed),
      () => guessed.id,
    );
    expect(await verifyProvince(province, admin)).toMatchObject({
      valid: false,
      brokenAtSeq: seq,
      reason: `hashed with key ${guessed.id}, which this verifier does not hold`,
    });
    await expect(
      forge(
        'audit_event',
        province,
        (b) => auditHash(province, b),
        () => null,
      ),
    ).rejects.toThrow(/keyed hash/);
  });

  it('events hashed before keys existed still verify, and the keyed events after them', async () => {
    const province = await provinceId(app.dataSource, '22');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    // What the chain held before the migration: unkeyed hashes, NULL key ids (written here as the owner, with
    // the trigger that now refuses such rows set aside for the transaction).
    const c = new pg.Client({ connectionString: app.db.ownerUrl });
    await c.connect();
    await c.query('BEGIN');
    await c.query(`SELECT set_config('app.province_id', $1, true)`, [province]);
    await c.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_keyed');
    let prevHash = GENESIS_HASH;
    for (const seq of ['1', '2']) {
      const body = {
        seq,
        actorUserId: null,
        action: 'covenant.sign',
        entityType: 'EmulationYear',
        entityId: `legacy-${seq}`,
        before: null,
        after: { unitId: 'u' },
        requestId: null,
        occurredAt: new Date(Date.UTC(2025, 0, Number(seq))),
        prevHash,
      };
      const hash = auditHash(province, body);
      await c.query(
        `INSERT INTO audit_event (province_id, seq, actor_user_id, action, entity_type, entity_id, before, after,
           request_id, occurred_at, prev_hash, hash) VALUES ($1, $2, NULL, $3, $4, $5, NULL, $6, NULL, $7, $8, $9)`,
        [
          province,
          seq,
          body.action,
          body.entityType,
          body.entityId,
          body.after,
          body.occurredAt,
          prevHash,
          hash,
        ],
      );
      prevHash = hash;
    }
    await c.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_keyed');
    await c.query('COMMIT');
    await c.end();

    await append(province, 2, 'after');
    expect(await verifyProvince(province, admin)).toEqual({
      valid: true,
      checked: 4,
      brokenAtSeq: null,
      reason: null,
    });
    const [legacy] = await ownerQuery<{ n: number }>(
      app.db,
      province,
      `SELECT count(*)::int AS n FROM audit_event WHERE hash_key_id IS NULL`,
    );
    expect(legacy!.n).toBe(2);
  });

  it('after a key rotation the old key verifies its events as long as it is kept among the previous keys', async () => {
    const province = await provinceId(app.dataSource, '24');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    await append(province, 2, 'old-key');
    const next = 'the-next-audit-key-after-rotation-0123456789';
    configureAuditKeys(next, [TEST_AUDIT_HMAC_KEY]);
    await append(province, 2, 'new-key');
    expect(await verifyProvince(province, admin)).toMatchObject({ valid: true, checked: 4 });
    configureAuditKeys(next);
    expect(await verifyProvince(province, admin)).toMatchObject({
      valid: false,
      brokenAtSeq: '1',
      reason: `hashed with key ${auditKey(TEST_AUDIT_HMAC_KEY).id}, which this verifier does not hold`,
    });
  });
});

describe("the platform's chain", () => {
  it('is verified by a platform administrator only', async () => {
    // Sign-ins and the accounts created above were recorded on the platform chain.
    const verdict = ok(await verifyPlatform()).verifyPlatformAuditChain;
    expect(verdict).toMatchObject({ valid: true, brokenAtSeq: null });
    expect(verdict.checked).toBeGreaterThan(0);
    const province = await provinceId(app.dataSource, '15');
    const provinceAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const res = await verifyPlatform(provinceAdmin);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('is read by a platform administrator, newest first and filtered, the account named; by nobody else', async () => {
    const events = (who: Account, filter: Record<string, string> = {}) =>
      app.gql<{
        platformAuditEvents: {
          totalCount: number;
          nodes: { seq: string; action: string; entityType: string; entityName: string | null }[];
        };
      }>(
        `query($f: AuditFilterInput) { platformAuditEvents(first: 50, filter: $f) { totalCount nodes { seq action entityType entityName } } }`,
        { f: filter },
        { token: who.token },
      );
    const all = ok(await events(platformAdmin)).platformAuditEvents;
    expect(all.totalCount).toBeGreaterThan(0);
    const seqs = all.nodes.map((e) => BigInt(e.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    // The administrator's own sign-in, found by its action and account, the account named as people know it.
    const signIns = ok(await events(platformAdmin, { action: 'auth.login', entityId: platformAdmin.id }))
      .platformAuditEvents.nodes;
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((e) => e.action === 'auth.login' && e.entityType === 'User')).toBe(true);
    expect(signIns[0]!.entityName).toBe('Nguyễn Văn Thử');
    const province = await provinceId(app.dataSource, '15');
    const provinceAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    expect((await events(provinceAdmin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('appends are chained under a lock: concurrent appends all verify', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        runInTransaction(app.dataSource, null, () =>
          auditRepository.appendPlatform({
            actorUserId: null,
            action: 'user.update',
            entityType: 'User',
            entityId: `concurrent-${i}`,
          }),
        ),
      ),
    );
    expect(ok(await verifyPlatform()).verifyPlatformAuditChain).toMatchObject({ valid: true });
  });

  it('an event the application role appends without the key is named', async () => {
    const seq = await forge('platform_audit_event', null, (b) => auditHash(null, b));
    expect(ok(await verifyPlatform()).verifyPlatformAuditChain).toEqual({
      valid: false,
      checked: Number(seq) - 1,
      brokenAtSeq: seq,
      reason: 'content does not match its hash',
    });
  });
});
