import { ensureWebBuild } from '../../../scripts/web-build';

/** The browser tests load the built application from the gateway: build it once per run when stale. */
export default function setup() {
  ensureWebBuild((line) => console.log(`[web] ${line}`));
}
