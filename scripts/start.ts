/**
 * `npm start`: the whole platform in one process, with demo data. Uses DATABASE_URL / REDIS_URL when set;
 * with nothing configured, an embedded PostgreSQL under .data/ and the PostgreSQL queue backend.
 */
import { createHmac } from 'node:crypto';
import { isConfigured, loadConfig } from '@thidua/config';
import {
  configureAuditKeys,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  migrateDatabase,
  seedDemo,
  setupDatabase,
} from '@thidua/db';
import { startGateway } from '@thidua/gateway';
import { runService } from '@thidua/jobs';
import { runYearEndClosing, startWorker } from '@thidua/worker';
import { localSecrets, startEmbeddedPostgres } from './embedded-postgres';
import { MAIL_DIR, startLocalMail } from './local-mail';
import { ensureWebBuild } from './web-build';

// The web application the gateway serves at /: built now when its build is missing or older than its sources.
ensureWebBuild();

const embedded = isConfigured('DATABASE_URL') ? null : await startEmbeddedPostgres(localSecrets());
// Nothing sends mail: what the platform sends (invitations, resets, notifications) is kept in .data/mail/.
const localMail = isConfigured('SMTP_URL') ? null : await startLocalMail();
const config = loadConfig({
  ...(localMail ? { SMTP_URL: localMail.url } : {}),
  ...(embedded
    ? {
        DATABASE_URL: embedded.urls.app,
        DATABASE_OWNER_URL: embedded.urls.owner,
        DATABASE_ADMIN_URL: embedded.urls.admin,
      }
    : {}),
  ...(isConfigured('JWT_SECRET') ? {} : { JWT_SECRET: localSecrets().jwt }),
  ...(isConfigured('AUDIT_HMAC_KEY') ? {} : { AUDIT_HMAC_KEY: localSecrets().audit }),
  // A key of its own for unsubscribe links, derived from the local secret when none is configured.
  ...(isConfigured('UNSUBSCRIBE_SECRET')
    ? {}
    : {
        UNSUBSCRIBE_SECRET: createHmac('sha256', localSecrets().jwt)
          .update('unsubscribe')
          .digest('base64url'),
      }),
});
if (config.DATABASE_ADMIN_URL) {
  await setupDatabase({
    admin: config.DATABASE_ADMIN_URL,
    owner: config.DATABASE_OWNER_URL,
    app: config.DATABASE_URL,
  });
}
await migrateDatabase({ owner: config.DATABASE_OWNER_URL, app: config.DATABASE_URL });

let url = '';
const { queueBackend } = await runService(
  config,
  'platform',
  async (deps) => {
    // The demo's past years are closed by the worker's own closing code, here before the worker starts; its
    // audit log is chained with the key the gateway and the worker are about to configure.
    configureAuditKeys(config.AUDIT_HMAC_KEY, config.AUDIT_HMAC_PREVIOUS_KEYS);
    await seedDemo(deps.dataSource, {
      closeYear: (provinceId, year, startedBy) =>
        runYearEndClosing(deps.dataSource, provinceId, year, startedBy),
    });
    const gateway = await startGateway(deps);
    url = gateway.url;
    return [gateway, await startWorker(deps)];
  },
  async () => {
    await localMail?.stop();
    await embedded?.stop();
  },
);

console.log(`
Thi đua – Khen thưởng platform is running.
  Web app:   ${url.replace(/\/graphql$/, '/')}
  GraphQL:   ${url}
  Database:  ${embedded ? 'embedded PostgreSQL in .data/pg' : 'DATABASE_URL'}
  Queues:    ${queueBackend.kind === 'redis' ? 'Redis (REDIS_URL)' : 'PostgreSQL backend'}
  Mail:      ${localMail ? `kept as .eml files in ${MAIL_DIR}` : 'SMTP_URL'}
Demo sign-ins (password ${DEMO_PASSWORD}):
${DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(28)} ${a.role}${a.unitName ? ` · ${a.unitName}` : ''}`).join('\n')}
Stop with Ctrl+C.`);
