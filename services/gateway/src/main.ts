import { createLogger, loadConfig } from '@thidua/config';
import { createDataSource } from '@thidua/db';
import { createQueueBackend } from '@thidua/jobs';
import { startGateway } from './http/server';

const config = loadConfig();
const logger = createLogger(config, 'gateway');
const dataSource = await createDataSource(config.DATABASE_URL, {
  poolSize: config.DATABASE_POOL_SIZE,
  applicationName: 'thidua-gateway',
}).initialize();
const queueBackend = createQueueBackend(config);
const gateway = await startGateway({ config, dataSource, queueBackend, logger });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'shutting down');
    await gateway.close();
    await queueBackend.close();
    await dataSource.destroy();
    process.exit(0);
  });
}
