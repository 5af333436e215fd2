import { loadConfig } from '@thidua/config';
import { runService } from '@thidua/jobs';
import { startWorker } from './worker';

await runService(loadConfig(), 'worker', async (deps) => [await startWorker(deps)]);
