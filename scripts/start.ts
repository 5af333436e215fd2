/**
 * `npm start`: the whole platform in one process, with demo data. Uses DATABASE_URL / REDIS_URL when set;
 * with nothing configured, an embedded PostgreSQL under .data/ and the PostgreSQL queue backend.
 */
import { createLogger, isConfigured, loadConfig } from '@thidua/config';
import {
  createDataSource,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  migrateDatabase,
  seedDemo,
  setupDatabase,
} from '@thidua/db';
import { startGateway } from '@thidua/gateway';
import { createQueueBackend } from '@thidua/jobs';
import { startWorker } from '@thidua/worker';
import { localSecrets, startEmbeddedPostgres } from './embedded-postgres';

const embedded = isConfigured('DATABASE_URL') ? null : await startEmbeddedPostgres(localSecrets());
const config = loadConfig({
  ...(embedded
    ? {
        DATABASE_URL: embedded.urls.app,
        DATABASE_OWNER_URL: embedded.urls.owner,
        DATABASE_ADMIN_URL: embedded.urls.admin,
      }
    : {}),
  ...(isConfigured('JWT_SECRET') ? {} : { JWT_SECRET: localSecrets().jwt }),
});
const logger = createLogger(config, 'platform');

if (config.DATABASE_ADMIN_URL) {
  await setupDatabase({
    admin: config.DATABASE_ADMIN_URL,
    owner: config.DATABASE_OWNER_URL,
    app: config.DATABASE_URL,
  });
}
await migrateDatabase({ owner: config.DATABASE_OWNER_URL, app: config.DATABASE_URL });

const dataSource = await createDataSource(config.DATABASE_URL, {
  poolSize: config.DATABASE_POOL_SIZE,
}).initialize();
await seedDemo(dataSource);
const queueBackend = createQueueBackend(config);
const gateway = await startGateway({ config, dataSource, queueBackend, logger });
const worker = await startWorker({ config, dataSource, queueBackend, logger });

console.log(`
Thi đua – Khen thưởng platform is running.
  GraphQL:   ${gateway.url}
  Database:  ${embedded ? 'embedded PostgreSQL in .data/pg' : 'DATABASE_URL'}
  Queues:    ${queueBackend.kind === 'redis' ? 'Redis (REDIS_URL)' : 'PostgreSQL backend'}
Demo sign-ins (password ${DEMO_PASSWORD}):
${DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(28)} ${a.role}${a.unitName ? ` · ${a.unitName}` : ''}`).join('\n')}
Stop with Ctrl+C.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await worker.close();
    await gateway.close();
    await queueBackend.close();
    await dataSource.destroy();
    await embedded?.stop();
    process.exit(0);
  });
}
