import {
  assertSchemaCompatibility,
  LATEST_SCHEMA_VERSION,
  runMigrations as runQueueMigrations,
  SchemaMigrationRequiredError,
} from 'bullmq';
import pg from 'pg';
import { createDataSource } from '../data-source';
import { APP_GROUP_ROLE } from '../migrations/rls';

export interface DatabaseUrls {
  /** A superuser on the server, for creating roles and the database. */
  admin: string;
  /** The owner role: owns the tables, runs migrations. */
  owner: string;
  /** The application role: a member of the app group, subject to RLS. */
  app: string;
}

const QUEUE_SCHEMA = 'bullmq';

function roleOf(url: string): { name: string; password: string; database: string } {
  const u = new URL(url);
  return {
    name: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Identifiers and passwords cannot be bound parameters in DDL: format() quotes them in the server. */
async function ddl(c: pg.Client, template: string, ...args: string[]): Promise<void> {
  const { rows } = await c.query<{ sql: string }>(
    `SELECT format(${['$1', ...args.map((_, i) => `$${i + 2}::text`)].join(', ')}) AS sql`,
    [template, ...args],
  );
  await c.query(rows[0]!.sql);
}

async function ensureRole(c: pg.Client, name: string, password: string, login: boolean): Promise<void> {
  const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  const verb = exists.rowCount ? 'ALTER' : 'CREATE';
  const attrs = 'NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT';
  if (!login) return exists.rowCount ? undefined : ddl(c, `CREATE ROLE %I NOLOGIN ${attrs}`, name);
  if (password) await ddl(c, `${verb} ROLE %I LOGIN ${attrs} PASSWORD %L`, name, password);
  else await ddl(c, `${verb} ROLE %I LOGIN ${attrs}`, name);
}

/**
 * Creates (or brings up to date) the roles and the database. Idempotent, so `npm start` and CI can run it
 * every time. The roles are cluster-wide; the database is the owner's.
 */
export async function setupDatabase(urls: DatabaseUrls): Promise<void> {
  const owner = roleOf(urls.owner);
  const app = roleOf(urls.app);
  if (owner.database !== app.database)
    throw new Error('DATABASE_URL and DATABASE_OWNER_URL must name the same database');
  if (owner.name === app.name) throw new Error('The application role must not be the owner role');

  await withClient(urls.admin, async (c) => {
    // Two setups racing on one server (parallel test workers) must not both try to create a role.
    await c.query(`SELECT pg_advisory_lock(hashtext('thidua:setup'))`);
    try {
      await ensureRole(c, owner.name, owner.password, true);
      await ensureRole(c, APP_GROUP_ROLE, '', false);
      await ensureRole(c, app.name, app.password, true);
      await ddl(c, 'GRANT %I TO %I', APP_GROUP_ROLE, app.name);
      const db = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [owner.database]);
      if (!db.rowCount)
        await ddl(
          c,
          `CREATE DATABASE %I OWNER %I ENCODING 'UTF8' TEMPLATE template0`,
          owner.database,
          owner.name,
        );
    } finally {
      await c.query(`SELECT pg_advisory_unlock(hashtext('thidua:setup'))`);
    }
  });

  const adminOnDb = new URL(urls.admin);
  adminOnDb.pathname = `/${owner.database}`;
  await withClient(adminOnDb.toString(), async (c) => {
    await ddl(c, 'GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', owner.database, APP_GROUP_ROLE);
    await ddl(c, 'REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await ddl(c, 'GRANT USAGE ON SCHEMA public TO %I', APP_GROUP_ROLE);
  });
}

/**
 * Whether `migrateDatabase` has work to do, found by reading only (no lock, no DDL): the services' pods wait on
 * this before they start, so a release never runs on the schema of the one before it.
 */
export async function migrationsPending(owner: string): Promise<{ schema: boolean; queue: boolean }> {
  const ds = createDataSource(owner, { poolSize: 1, applicationName: 'thidua-migrate-check' });
  await ds.initialize();
  try {
    const schema = await ds.showMigrations();
    const queue = await withClient(owner, async (c) => {
      try {
        return (await assertSchemaCompatibility(c, QUEUE_SCHEMA)) < LATEST_SCHEMA_VERSION;
      } catch (e) {
        if (e instanceof SchemaMigrationRequiredError) return true;
        throw e;
      }
    });
    return { schema, queue };
  } finally {
    await ds.destroy();
  }
}

/** Applies pending migrations as the owner, then the queue backend's own migrations as the application role. */
export async function migrateDatabase(urls: Pick<DatabaseUrls, 'owner' | 'app'>): Promise<string[]> {
  const ds = createDataSource(urls.owner, { poolSize: 1, applicationName: 'thidua-migrate' });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    await withClient(urls.owner, async (c) => {
      await runQueueMigrations(c, QUEUE_SCHEMA);
      // The queue backend creates sequences as it runs, so the application may create in its schema.
      await ddl(c, 'GRANT USAGE, CREATE ON SCHEMA %I TO %I', QUEUE_SCHEMA, APP_GROUP_ROLE);
      await ddl(c, 'GRANT ALL ON ALL TABLES IN SCHEMA %I TO %I', QUEUE_SCHEMA, APP_GROUP_ROLE);
      await ddl(c, 'GRANT ALL ON ALL SEQUENCES IN SCHEMA %I TO %I', QUEUE_SCHEMA, APP_GROUP_ROLE);
    });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
