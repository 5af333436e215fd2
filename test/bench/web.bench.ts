import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import {
  buildTemplateDatabase,
  createAccount,
  createLockedBlock,
  dropDatabase,
  openBlockVote,
  provinceId,
  startTestApp,
  TEST_PASSWORD,
} from '@thidua/testing';
import { ensureWebBuild, WEB_DIR } from '../../scripts/web-build';
import { ms, percentile } from './stats';

const DIST = join(WEB_DIR, 'dist');
const RUNS = 7;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const size = (file: string, ext: '' | '.br' | '.gz'): number => {
  try {
    return statSync(join(DIST, file + ext)).size;
  } catch {
    return ext ? size(file, '') : 0; // small files are not precompressed
  }
};

/** The JavaScript a route loads: the entry, the route's chunk and every chunk they import statically. */
function routeFiles(manifest: Manifest, key: string): string[] {
  const seen = new Set<string>();
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  const entry = Object.entries(manifest).find(([, c]) => c.isEntry)![0];
  visit(entry);
  visit(key);
  return [...seen];
}

export interface WebSizes {
  route: string;
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}

export function webRouteSizes(): WebSizes[] {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
  return Object.entries(manifest)
    .filter(([k, c]) => c.isDynamicEntry && /src\/features\/.+Page\.tsx$/.test(k))
    .map(([k]) => {
      const files = routeFiles(manifest, k);
      return {
        route: k.replace(/^src\/features\//, ''),
        files: files.length,
        raw: files.reduce((s, f) => s + size(f, ''), 0),
        gzip: files.reduce((s, f) => s + size(f, '.gz'), 0),
        brotli: files.reduce((s, f) => s + size(f, '.br'), 0),
      };
    })
    .sort((a, b) => a.brotli - b.brotli);
}

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Time to the ballot being usable (its first choice on screen) in headless Chromium with the CPU slowed 4×,
 * cache off, signed in (the session resumes from its cookie, as on a phone that signed in earlier), against
 * the floor: a static page that loads the same compressed bytes of JavaScript from the same server and shows
 * a radio button when its script has run.
 */
export async function benchWeb() {
  ensureWebBuild(() => undefined);
  const sizes = webRouteSizes();
  const ballot = sizes.find((s) => s.route.endsWith('BallotPage.tsx'))!;
  const template = await buildTemplateDatabase();
  const app = await startTestApp({ template, config: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  const floorDir = join(DIST, 'bench-floor');
  try {
    const base = app.gateway.url.replace(/\/graphql$/, '');
    const province = await provinceId(app.dataSource, '01');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const block = await createLockedBlock(
      app,
      province,
      ['Văn phòng Thành ủy', 'Ban Tổ chức Thành ủy', 'Báo Hà Nội mới', 'Sở Nội vụ', 'Sở Tài chính'],
      admin,
    );
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);

    // The floor: the ballot route's bytes in one script (a comment, so parsing is all it costs).
    mkdirSync(join(floorDir), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Manifest;
    const key = Object.keys(manifest).find((k) => k.endsWith('BallotPage.tsx'))!;
    const js = routeFiles(manifest, key)
      .map((f) => readFileSync(join(DIST, f), 'utf8'))
      .join('\n');
    const floorJs = `/*${js.replaceAll('*/', '* /')}*/\ndocument.getElementById('c').hidden = false;\n`;
    writeFileSync(join(floorDir, 'floor.js'), floorJs);
    writeFileSync(
      join(floorDir, 'floor.js.br'),
      brotliCompressSync(floorJs, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    writeFileSync(
      join(floorDir, 'index.html'),
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>floor</title></head><body>` +
        `<label id="c" hidden><input type="radio" name="x"> Đơn vị</label>` +
        `<script src="/bench-floor/floor.js"></script></body></html>`,
    );

    const browser = await launch();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Thư điện tử').fill(block.officers[1]!.email);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => u.pathname === '/');

    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const measure = async (url: string, selector: string) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto('about:blank');
        await page.goto(url, { waitUntil: 'commit' });
        // Runs in the page (a function: the CSP refuses strings); typed here without the DOM's types.
        const at = await page.waitForFunction(
          (sel: string) => {
            const g = globalThis as unknown as {
              document: { querySelector(s: string): { offsetParent: unknown; disabled: boolean } | null };
              performance: { now(): number };
            };
            const el = g.document.querySelector(sel);
            return el && el.offsetParent !== null && !el.disabled ? g.performance.now() : false;
          },
          selector,
          { timeout: 60_000, polling: 'raf' },
        );
        times.push((await at.jsonValue()) as number);
      }
      return times.sort((a, b) => a - b);
    };
    const ballotTimes = await measure(`${base}/voting-periods/${period.id}/ballot`, 'input[type=radio]');
    const floorTimes = await measure(`${base}/bench-floor/index.html`, 'input[type=radio]');
    await browser.close();
    return {
      sizes,
      ballot,
      ballotTimes,
      floorTimes,
      floorBytes: statSync(join(floorDir, 'floor.js.br')).size,
    };
  } finally {
    rmSync(floorDir, { recursive: true, force: true });
    await app.close();
    await dropDatabase(template);
  }
}

export function reportWeb(r: Awaited<ReturnType<typeof benchWeb>>): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const median = (t: number[]) => percentile(t, 50);
  return [
    '## Web application: JavaScript per route and time to a usable ballot',
    '',
    'JavaScript each route loads before it shows (the entry, the route and the chunks they import; charts,',
    'spreadsheets and the WebSocket client load later, on demand). Compressed as the gateway sends them.',
    '',
    '| route | chunks | raw | gzip | brotli |',
    '|---|---:|---:|---:|---:|',
    ...r.sizes.map((s) => `| ${s.route} | ${s.files} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`),
    '',
    `The ballot's budget is 120 KB compressed: it loads ${kb(r.ballot.brotli)} (brotli), ${kb(r.ballot.gzip)} (gzip).`,
    '',
    `Time to the ballot usable (its first choice on screen and enabled), headless Chromium, 390×844, CPU 4× slower,`,
    `cache off, signed in (the session resumes from its cookie), ${RUNS} loads each, from navigation start:`,
    '',
    '| page | median | min | max |',
    '|---|---:|---:|---:|',
    `| ballot (\`/voting-periods/:id/ballot\`) | ${ms(median(r.ballotTimes))} | ${ms(r.ballotTimes[0]!)} | ${ms(r.ballotTimes.at(-1)!)} |`,
    `| floor: static page, same JS bytes (${kb(r.floorBytes)} brotli) as one script | ${ms(median(r.floorTimes))} | ${ms(r.floorTimes[0]!)} | ${ms(r.floorTimes.at(-1)!)} |`,
    '',
    `Ratio ballot / floor (median): ${(median(r.ballotTimes) / median(r.floorTimes)).toFixed(2)}.`,
  ].join('\n');
}

// `npx tsx test/bench/web.bench.ts`: this benchmark alone.
if (process.argv[1]?.endsWith('web.bench.ts')) {
  console.log(reportWeb(await benchWeb()));
  process.exit(0);
}
