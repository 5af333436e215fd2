import { parseArgs } from 'node:util';
import { loadConfig } from '@thidua/config';
import { migrateDatabase, migrationsPending } from '../setup/setup';

/**
 * `migrate.js` applies the pending migrations (the release's migration Job). `migrate.js --check` only reads:
 * it exits 1 while migrations are pending, which keeps the services' pods waiting (their init container) until
 * the Job has run.
 */
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const cfg = loadConfig();
if (values.check) {
  const pending = await migrationsPending(cfg.DATABASE_OWNER_URL);
  const what = [pending.schema && 'the database schema', pending.queue && 'the queue schema'].filter(Boolean);
  if (what.length) {
    console.error(`Migrations pending (${what.join(', ')}): waiting for the release's migration to run.`);
    process.exit(1);
  }
  console.log('Database is up to date.');
} else {
  const applied = await migrateDatabase({ owner: cfg.DATABASE_OWNER_URL, app: cfg.DATABASE_URL });
  console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
}
