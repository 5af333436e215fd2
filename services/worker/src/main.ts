import { createLogger, loadConfig } from '@thidua/config';
import { createDataSource } from '@thidua/db';
import { createQueueBackend } from '@thidua/jobs';
import { startWorker } from './worker';

const config = loadConfig();
const logger = createLogger(config, 'worker');
const dataSource = await createDataSource(config.DATABASE_URL, {
  poolSize: config.DATABASE_POOL_SIZE,
  applicationName: 'thidua-worker',
}).initialize();
const queueBackend = createQueueBackend(config);
const worker = await startWorker({ config, dataSource, queueBackend, logger });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    logger.info({ signal }, 'finishing running jobs, then stopping');
    await worker.close();
    await queueBackend.close();
    await dataSource.destroy();
    process.exit(0);
  });
}
