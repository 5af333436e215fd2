import { afterAll } from 'vitest';
import { flushLogs } from '@thidua/config';

// A setup file (vitest.config.ts): vitest ends a test process with SIGTERM, which runs no 'exit' handler, so the
// lines the file's services logged in their last second (TEST_LOG_LEVEL) are written here, after its tests.
afterAll(() => flushLogs());
