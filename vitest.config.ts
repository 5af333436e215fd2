import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // type-graphql (CommonJS) and the ESM test files must share one copy of graphql.
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve('graphql') } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/e2e/**/*.test.ts',
      'services/web/test/**/*.test.ts',
    ],
    globalSetup: ['packages/testing/src/global-setup.ts', 'services/web/test/global-setup.ts'],
    // Writes each test file's buffered log lines after its tests: vitest ends its processes with SIGTERM.
    setupFiles: ['packages/testing/src/flush-logs.ts'],
    pool: 'forks',
    // Generous: some tests wait for retries with exponential backoff on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a page or the worker shows after the API answers: 1 s (vitest's default) is
    // too short on a loaded 2-core machine, where a page can take several seconds to render.
    expect: { poll: { timeout: 15_000 } },
  },
});
