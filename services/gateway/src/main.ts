import { loadConfig } from '@thidua/config';
import { runService } from '@thidua/jobs';
import { startGateway } from './http/server';

await runService(loadConfig(), 'gateway', async (deps) => [await startGateway(deps)]);
