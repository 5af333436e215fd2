import { loadConfig } from '@thidua/config';
import { createDataSource } from '../data-source';
import { seedProvinces } from '../seed/provinces';
import { migrateDatabase, setupDatabase } from '../setup/setup';
import { runInTransaction } from '../tenancy/tenant-context';

/** Roles, database, migrations and the reference provinces: everything a new deployment needs. Idempotent. */
const cfg = loadConfig();
if (!cfg.DATABASE_ADMIN_URL) {
  console.error('DATABASE_ADMIN_URL (a superuser) is required to create the roles and the database.');
  process.exit(1);
}
await setupDatabase({ admin: cfg.DATABASE_ADMIN_URL, owner: cfg.DATABASE_OWNER_URL, app: cfg.DATABASE_URL });
const applied = await migrateDatabase({ owner: cfg.DATABASE_OWNER_URL, app: cfg.DATABASE_URL });
console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
const ds = await createDataSource(cfg.DATABASE_URL, { poolSize: 1 }).initialize();
const provinces = await runInTransaction(ds, null, seedProvinces);
await ds.destroy();
console.log(`Reference provinces in place: ${provinces.size}.`);
