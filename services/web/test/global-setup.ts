import { ensureWebBuild } from '../../../scripts/web-build';

/**
 * The browser tests load the built application from the gateway: build it once per run when it is stale.
 * A run given only other test files (`vitest run test/integration/x.test.ts`) does not need it.
 */
export default function setup() {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run');
  if (files.length && !files.some((f) => f.includes('services/web'))) return;
  ensureWebBuild((line) => console.log(`[web] ${line}`));
}
