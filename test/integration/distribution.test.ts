import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cloneDatabase, dropDatabase, type TestDatabase } from '@thidua/testing';

/**
 * docs/scaling.md, held to the live schema: past one PostgreSQL the platform runs on Citus with every tenant
 * table distributed by `province_id` and co-located, and the platform tables as reference tables (replicated to
 * every node) or local tables of the coordinator. That works only while the schema keeps Citus's rules:
 *
 * - a tenant table is one whose rows belong to one province (row-level security forced, `province_id NOT NULL`);
 * - its primary key and every unique constraint or index include `province_id` (a shard enforces uniqueness
 *   only within itself);
 * - a foreign key between tenant tables carries `province_id` on both sides, at the same position (a reference
 *   inside one shard, never across shards);
 * - a tenant table may reference a reference table, never a coordinator-local one;
 * - a platform table may not reference a tenant table (a replicated or local table cannot point into shards):
 *   the ones that do today are listed below with what Citus needs of them, and no new one may appear.
 */
const REFERENCE_TABLES: Record<string, string> = {
  province: 'every tenant row names its province',
  province_lineage: 'mergers, read with the provinces',
  base_salary: 'the national base salary, read by every prize calculation',
  app_user:
    'accounts are national (one person may serve in several provinces); tenant rows name their authors',
};
const COORDINATOR_TABLES: Record<string, string> = {
  auth_session: 'sessions, written at every sign-in, read with app_user only',
  refresh_token: 'with its session',
  login_throttle: 'sign-in throttling by address and client',
  password_reset: 'reset requests, by address',
  notification_preference: "a person's channels, read with app_user",
  role_assignment: 'roles (platform roles have no province); see PLATFORM_TO_TENANT',
  invitation: 'invitations by token hash, before an account exists; see PLATFORM_TO_TENANT',
  outbox: 'jobs to relay, written in the same transaction as the change (platform jobs have no province)',
  job_failure: 'jobs that failed for good, for the platform admins',
  platform_audit_event: "the platform's own audit chain",
  schema_migration: 'the migrations run',
};
/** Platform → tenant references that Citus refuses; docs/scaling.md says how each changes on the way there. */
const PLATFORM_TO_TENANT = ['invitation → unit', 'role_assignment → unit'];

let client: pg.Client;
let tenant: Set<string>;
let copy: TestDatabase;

beforeAll(async () => {
  // A copy of the migrated template, not the template itself: other files copy the template while this one runs.
  copy = await cloneDatabase(inject('templateDatabase'));
  client = new pg.Client({ connectionString: copy.adminUrl });
  await client.connect();
  tenant = new Set(
    (
      await client.query<{ name: string }>(
        `SELECT relname AS name FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relforcerowsecurity`,
      )
    ).rows.map((r) => r.name),
  );
});
afterAll(async () => {
  await client?.end();
  if (copy) await dropDatabase(copy.name);
});

const rows = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;

describe('the schema stays ready to distribute by province (docs/scaling.md)', () => {
  it('knows every table: tenant, reference or coordinator-local', async () => {
    const platform = (
      await rows<{ name: string }>(
        `SELECT relname AS name FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relforcerowsecurity
          ORDER BY 1`,
      )
    ).map((r) => r.name);
    expect(tenant.size).toBeGreaterThan(30);
    expect(platform).toEqual(Object.keys({ ...REFERENCE_TABLES, ...COORDINATOR_TABLES }).sort());
  });

  it('gives every tenant table a province_id that is never null', async () => {
    const missing = await rows<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'province_id' AND NOT a.attisdropped
        WHERE c.relnamespace = 'public'::regnamespace AND c.relforcerowsecurity AND a.attnotnull IS NOT TRUE`,
    );
    expect(missing).toEqual([]);
  });

  it('puts province_id in every primary key and unique index of a tenant table', async () => {
    const lacking = await rows<{ index: string }>(
      `SELECT i.indexrelid::regclass::text AS index FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relforcerowsecurity AND i.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                           WHERE a.attrelid = c.oid AND a.attname = 'province_id' AND a.attnum = ANY (i.indkey))
        ORDER BY 1`,
    );
    expect(lacking).toEqual([]);
  });

  it('carries province_id on both sides of every reference between tenant tables', async () => {
    const references = await rows<{ name: string; from: string; to: string; pairs: [string, string][] }>(
      `SELECT k.conname AS name, k.conrelid::regclass::text AS from, k.confrelid::regclass::text AS to,
              (SELECT json_agg(json_build_array(fa.attname, ta.attname))
                 FROM unnest(k.conkey, k.confkey) AS u(f, t)
                 JOIN pg_attribute fa ON fa.attrelid = k.conrelid AND fa.attnum = u.f
                 JOIN pg_attribute ta ON ta.attrelid = k.confrelid AND ta.attnum = u.t) AS pairs
         FROM pg_constraint k WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`,
    );
    const betweenTenants = references.filter((r) => tenant.has(r.from) && tenant.has(r.to));
    expect(betweenTenants.length).toBeGreaterThan(30);
    const crossing = betweenTenants.filter(
      (r) => !r.pairs.some(([from, to]) => from === 'province_id' && to === 'province_id'),
    );
    expect(crossing.map((r) => `${r.from}.${r.name}`)).toEqual([]);

    // Tenant → platform only towards reference tables; platform → tenant only the known, documented ones.
    const towardsLocal = references.filter((r) => tenant.has(r.from) && r.to in COORDINATOR_TABLES);
    expect(towardsLocal.map((r) => `${r.from} → ${r.to}`)).toEqual([]);
    const intoShards = references.filter((r) => !tenant.has(r.from) && tenant.has(r.to));
    expect([...new Set(intoShards.map((r) => `${r.from} → ${r.to}`))].sort()).toEqual(PLATFORM_TO_TENANT);
  });
});
