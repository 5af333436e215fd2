import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { loadTestEnvironment } from '@thidua/config';
import {
  createAccount,
  createFinishedBlock,
  describeDatabase,
  dropDatabase,
  ok,
  OWNER_ROLE,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
  type TestDatabase,
} from '@thidua/testing';

/**
 * The restore drill of docs/operations.md, as a test: a database holding a finished and closed year is dumped
 * with pg_dump (custom format), restored with pg_restore into a new database, and the platform started on the
 * copy finds the same rows in every table and an audit chain that verifies with the same keys.
 */
const run = promisify(execFile);
const NAMES = ['Sở Tư pháp', 'Sở Nội vụ', 'Thanh tra tỉnh', 'Sở Ngoại vụ', 'Văn phòng UBND tỉnh'];

let app: TestApp;
let restored: TestApp | undefined;
let copy: TestDatabase;
let province: string;
let secretariat: Account;
let platformAdmin: Account;
let dir: string;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  province = await provinceId(app.dataSource, '46'); // Huế
  secretariat = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  platformAdmin = await createAccount(app, 'PLATFORM_ADMIN');
  dir = await mkdtemp(join(tmpdir(), 'thidua-backup-'));
});
afterAll(async () => {
  await restored?.close();
  await app?.close();
  if (copy) await dropDatabase(copy.name);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** As the server's administrator, who bypasses row-level security as the backup role must. */
async function asAdministrator<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every table's row count, all provinces together, as `client` sees the database. */
async function counts(client: pg.Client): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
      WHERE schemaname IN ('public', 'bullmq') ORDER BY 1`,
  );
  const result: Record<string, number> = {};
  for (const { name } of tables)
    result[name] = Number(
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`)).rows[0]!.n,
    );
  return result;
}

describe('backup and restore drill', () => {
  // A whole year, a dump and a restore: minutes on a busy 2-core machine.
  it(
    'restores a database with a closed year: the same rows everywhere, and the audit chains verify',
    { timeout: 240_000 },
    async () => {
      // A year run to its end: vote, awards, dossier, and the province's year-end closing.
      await createFinishedBlock(app, province, NAMES, secretariat);
      ok(
        await app.gql(
          `mutation { startYearEndClosing(year: 2026) { state } }`,
          {},
          {
            token: secretariat.token,
            provinceId: province,
          },
        ),
      );
      await vi.waitFor(
        async () => {
          const closing = ok(
            await app.gql<{ yearEndClosing: { state: string } | null }>(
              `query($p: ID!) { yearEndClosing(provinceId: $p, year: 2026) { state } }`,
              { p: province },
              { token: secretariat.token, provinceId: province },
            ),
          ).yearEndClosing;
          expect(closing?.state).toBe('DONE');
        },
        { timeout: 30_000, interval: 200 },
      );
      // The backup as docs/operations.md gives it, taken while the platform runs: pg_dump by a role that bypasses
      // row-level security (the tenant tables force it even on their owner), custom format. The counts are read in
      // the very snapshot the dump takes, so they are what the dump holds.
      const dump = join(dir, 'thidua.dump');
      const before = await asAdministrator(app.db.adminUrl, async (client) => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!
          .id;
        const seen = await counts(client);
        await run('pg_dump', [
          '--format=custom',
          `--snapshot=${snapshot}`,
          '--file',
          dump,
          '--dbname',
          app.db.adminUrl,
        ]);
        await client.query('COMMIT');
        return seen;
      });
      expect(before['public.audit_event']).toBeGreaterThan(0);
      expect(before['public.block_year_rollup']).toBeGreaterThan(0);

      // The restore: into a new database on a server where db:setup has made the roles.
      copy = describeDatabase(`${app.db.name}_restored`);
      await asAdministrator(loadTestEnvironment().TEST_DATABASE_ADMIN_URL, (client) =>
        client.query(`CREATE DATABASE ${copy.name} OWNER ${OWNER_ROLE}`),
      );
      await run('pg_restore', ['--exit-on-error', '--dbname', copy.adminUrl, dump]);
      expect(await asAdministrator(copy.adminUrl, counts)).toEqual(before);

      // The platform on the restored copy, with the original's keys (the test apps share them): the sessions
      // carry over, and the province's and the platform's audit chains verify.
      restored = await startTestApp({ database: copy });
      const province_ = ok(
        await restored.gql<{ verifyAuditChain: { valid: boolean; checked: number } }>(
          `{ verifyAuditChain { valid checked } }`,
          {},
          { token: secretariat.token, provinceId: province },
        ),
      ).verifyAuditChain;
      expect(province_.valid).toBe(true);
      const events = await asAdministrator(copy.adminUrl, (client) =>
        client.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE province_id = $1`, [
          province,
        ]),
      );
      expect(province_.checked).toBe(Number(events.rows[0]!.n));
      const platform = ok(
        await restored.gql<{ verifyPlatformAuditChain: { valid: boolean } }>(
          `{ verifyPlatformAuditChain { valid } }`,
          {},
          { token: platformAdmin.token },
        ),
      ).verifyPlatformAuditChain;
      expect(platform.valid).toBe(true);
    },
  );
});
