import { loadConfig } from '@thidua/config';
import { migrateDatabase, setupDatabase } from '../setup/setup';

const cfg = loadConfig();
if (!cfg.DATABASE_ADMIN_URL) {
  console.error('DATABASE_ADMIN_URL (a superuser) is required to create the roles and the database.');
  process.exit(1);
}
await setupDatabase({ admin: cfg.DATABASE_ADMIN_URL, owner: cfg.DATABASE_OWNER_URL, app: cfg.DATABASE_URL });
const applied = await migrateDatabase({ owner: cfg.DATABASE_OWNER_URL, app: cfg.DATABASE_URL });
console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
