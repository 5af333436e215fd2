import { loadConfig } from '@thidua/config';
import { migrateDatabase } from '../setup/setup';

const cfg = loadConfig();
const applied = await migrateDatabase({ owner: cfg.DATABASE_OWNER_URL, app: cfg.DATABASE_URL });
console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
