import { randomBytes } from 'node:crypto';
import { loadTestEnvironment } from '@thidua/config';
import {
  createDataSource,
  migrateDatabase,
  runInTransaction,
  seedProvinces,
  setupDatabase,
} from '@thidua/db';
import pg from 'pg';

export const OWNER_ROLE = 'thidua_owner';
export const APP_ROLE = 'thidua_app';

export interface TestDatabase {
  name: string;
  adminUrl: string;
  ownerUrl: string;
  appUrl: string;
}

function urlFor(role: string, database: string): string {
  const u = new URL(loadTestEnvironment().TEST_DATABASE_ADMIN_URL);
  u.username = role;
  u.password = '';
  u.pathname = `/${database}`;
  return u.toString();
}

export function describeDatabase(name: string): TestDatabase {
  const adminUrl = new URL(loadTestEnvironment().TEST_DATABASE_ADMIN_URL);
  adminUrl.pathname = `/${name}`;
  return {
    name,
    adminUrl: adminUrl.toString(),
    ownerUrl: urlFor(OWNER_ROLE, name),
    appUrl: urlFor(APP_ROLE, name),
  };
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: loadTestEnvironment().TEST_DATABASE_ADMIN_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Builds a database from nothing through the project's own setup and migrations, with the reference provinces. */
export async function buildTemplateDatabase(): Promise<string> {
  const name = `thidua_tpl_${randomBytes(4).toString('hex')}`;
  const db = describeDatabase(name);
  await setupDatabase({
    admin: loadTestEnvironment().TEST_DATABASE_ADMIN_URL,
    owner: db.ownerUrl,
    app: db.appUrl,
  });
  await migrateDatabase({ owner: db.ownerUrl, app: db.appUrl });
  const ds = await createDataSource(db.appUrl, { poolSize: 1 }).initialize();
  await runInTransaction(ds, null, seedProvinces);
  await ds.destroy();
  return name;
}

/**
 * A database of one's own for a test file: a copy of the template, fast (no migrations to run). PostgreSQL copies
 * a template only while nobody is connected to it, and waits five seconds at most for that: a file reading the
 * template's catalogue at that moment makes the copy wait a little longer, not fail.
 */
export async function cloneDatabase(template: string): Promise<TestDatabase> {
  const name = `thidua_test_${randomBytes(5).toString('hex')}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${OWNER_ROLE}`));
      return describeDatabase(name);
    } catch (e) {
      // 55006: "source database is being accessed by other users".
      if ((e as { code?: string }).code !== '55006' || attempt === 6) throw e;
      await new Promise((done) => setTimeout(done, 500 * attempt));
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Leftovers of runs that were killed: test databases older than a day. */
export async function dropStaleTestDatabases(): Promise<void> {
  await admin(async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname ~ '^thidua_(test|tpl)_[0-9a-f]+$'
         AND (pg_stat_file('base/' || oid || '/PG_VERSION', true)).modification < now() - interval '1 day'`,
    );
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  });
}

/**
 * One statement as the owner role, in a province's context (RLS is forced on the owner too): what only an
 * operator may do, such as moving an open vote's deadline into the past to stand for time passing (the
 * application role may only extend a deadline that has not passed).
 */
export async function ownerQuery<T = Record<string, unknown>>(
  db: TestDatabase,
  provinceId: string | null,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    if (provinceId) await c.query(`SELECT set_config('app.province_id', $1, true)`, [provinceId]);
    const { rows } = await c.query(sql, params);
    await c.query('COMMIT');
    return rows as T[];
  } finally {
    await c.end();
  }
}
