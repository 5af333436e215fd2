import { loadConfig } from '@thidua/config';
import { runService } from '@thidua/jobs';
import { startHealthServer } from './health';
import { WorkerMetrics } from './metrics';
import { startWorker } from './worker';

await runService(loadConfig(), 'worker', async (deps) => {
  const metrics = new WorkerMetrics(deps.dataSource, deps.queueBackend);
  const health = await startHealthServer(deps, metrics);
  const worker = await startWorker({ ...deps, metrics });
  // Stopped in reverse: the worker drains first while /readyz already says so, then the health port closes.
  return [
    health,
    {
      close: async () => {
        health.draining();
        await worker.close();
      },
    },
  ];
});
