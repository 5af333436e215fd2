/**
 * The compiled build (`npm run build`) as the image runs it: plain `node` on the bundles, no tsx, no TypeScript,
 * only the packages a production install has.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  buildClientSchema,
  getIntrospectionQuery,
  introspectionFromSchema,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getSchema } from '@thidua/gateway';
import {
  createAccount,
  createFinishedBlock,
  keepDocument,
  ok,
  pdfFonts,
  pdfText,
  provinceId,
  startGatewayProcess,
  startTestApp,
  startWorkerProcess,
  TEST_PASSWORD,
  type GatewayProcess,
  type TestApp,
  type WorkerProcess,
} from '@thidua/testing';
import { build } from 'esbuild';
import pg from 'pg';
import { buildServices, ENTRY_POINTS, FILES_READ_AT_RUN_TIME, renamedClasses } from '../../scripts/build';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UNITS = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Xây dựng', 'Sở Y tế', 'Sở Công Thương'];
let app: TestApp;
let gateway: GatewayProcess | null = null;
let worker: WorkerProcess | null = null;
let externals: Record<string, string[]>;

beforeAll(async () => {
  // The web application is built by the suite's global setup; the services' bundles take a few seconds.
  externals = await buildServices();
  app = await startTestApp({ template: inject('templateDatabase'), queue: 'redis' });
  [gateway, worker] = await Promise.all([
    startGatewayProcess(app.config, {}, { compiled: true }),
    startWorkerProcess(app.config, {}, { compiled: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([gateway?.stop(), worker?.stop()]);
  await app?.close();
});

const post = async <T = unknown>(body: unknown, token?: string) => {
  const res = await fetch(gateway!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as { data?: T; errors?: unknown[] }) };
};

const sortedSdl = (introspection: IntrospectionQuery) =>
  printSchema(lexicographicSortSchema(buildClientSchema(introspection)));

describe('the compiled build', () => {
  it('signs in and answers a query with plain node', async () => {
    const province = await provinceId(app.dataSource, '08');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const login = await post<{ login: { accessToken: string } }>({
      query: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      variables: { e: admin.email, p: TEST_PASSWORD },
    });
    expect(login.errors).toBeUndefined();
    const me = await post({ query: '{ me { email fullName } }' }, login.data!.login.accessToken);
    expect(me).toEqual({ status: 200, data: { me: { email: admin.email, fullName: 'Nguyễn Văn Thử' } } });
  });

  it('serves the same schema as the sources (decorators need no emitted metadata)', async () => {
    const compiled = await post<IntrospectionQuery>({
      query: getIntrospectionQuery({ specifiedByUrl: true }),
    });
    expect(compiled.errors).toBeUndefined();
    const source = introspectionFromSchema(await getSchema(), { specifiedByUrl: true });
    expect(sortedSdl(compiled.data!)).toBe(sortedSdl(source));
  });

  it('answers its probes (/healthz, /readyz), and serves the web application from the files beside the sources', async () => {
    const base = new URL('/', gateway!.url);
    expect((await fetch(new URL('/healthz', base))).status).toBe(200);
    const ready = await fetch(new URL('/readyz', base));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { database: 'ok' } });
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="vi">');
  });

  it('runs the worker, whose health port the image checks', async () => {
    const live = await fetch(`${worker!.healthUrl}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${worker!.healthUrl}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });

  it('counts a vote in the compiled worker and prints its minutes with the fonts and templates', async () => {
    const laoCai = await provinceId(app.dataSource, '15');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
    // The tally, the awards engine and the notices run in the compiled worker: the app here has none.
    const block = await createFinishedBlock(app, laoCai, UNITS, admin);
    const { votingPeriods } = ok(
      await app.gql<{ votingPeriods: { id: string }[] }>(
        `query($y: ID!) { votingPeriods(emulationYearId: $y) { id } }`,
        { y: block.yearId },
        { token: admin.token, provinceId: laoCai },
      ),
    );
    const res = await fetch(new URL(`/documents/vote-minutes/${votingPeriods[0]!.id}.pdf`, gateway!.url), {
      headers: { authorization: `Bearer ${block.officers[0]!.token}`, 'x-province-id': laoCai },
    });
    expect(res.status).toBe(200);
    const file = await keepDocument('compiled-vote-minutes', Buffer.from(await res.arrayBuffer()));
    expect((await pdfText(file)).replace(/\s+/g, ' ')).toContain('BIÊN BẢN KIỂM PHIẾU');
    expect(await pdfFonts(file)).toContainEqual({
      name: expect.stringMatching(/LiberationSerif/),
      embedded: true,
    });
  });

  const migrate = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['packages/db/dist/migrate.js', ...args], {
      cwd: ROOT,
      env: {
        HOME: '/tmp',
        DATABASE_URL: app.config.DATABASE_URL,
        DATABASE_OWNER_URL: app.config.DATABASE_OWNER_URL,
        JWT_SECRET: app.config.JWT_SECRET,
        UNSUBSCRIBE_SECRET: app.config.UNSUBSCRIBE_SECRET,
        AUDIT_HMAC_KEY: app.config.AUDIT_HMAC_KEY,
      },
    });

  it('migrates with the compiled migration command', async () => {
    expect((await migrate()).stdout).toContain('Database is up to date.');
  });

  it("keeps a service's pod waiting while a migration is pending (--check), and lets it start once none is", async () => {
    expect((await migrate('--check')).stdout).toContain('Database is up to date.');
    // The newest migration as if the release's Job had not run yet.
    const owner = new pg.Client({ connectionString: app.config.DATABASE_OWNER_URL });
    await owner.connect();
    try {
      const [latest] = (
        await owner.query(
          `DELETE FROM schema_migration WHERE id = (SELECT max(id) FROM schema_migration) RETURNING *`,
        )
      ).rows as { id: number; timestamp: string; name: string }[];
      try {
        const refused = await migrate('--check').then(
          () => null,
          (e: { code: number; stderr: string }) => e,
        );
        expect(refused?.code).toBe(1);
        expect(refused?.stderr).toContain('Migrations pending (the database schema)');
      } finally {
        await owner.query(`INSERT INTO schema_migration (id, timestamp, name) VALUES ($1, $2, $3)`, [
          latest!.id,
          latest!.timestamp,
          latest!.name,
        ]);
      }
    } finally {
      await owner.end();
    }
    expect((await migrate('--check')).stdout).toContain('Database is up to date.');
  });

  it('keeps every class its name: a bundle where esbuild renamed one is refused', async () => {
    // Two modules with a class of one name, as when an entity and a GraphQL type share it.
    const files: Record<string, string> = {
      'entry.ts':
        "import { Unit } from './entity';\nimport { UnitType } from './type';\nconsole.log(Unit, UnitType);",
      'entity.ts': 'export class Unit {}',
      'type.ts': 'class Unit {}\nexport const UnitType = Unit;',
    };
    const { outputFiles } = await build({
      stdin: { contents: files['entry.ts']!, resolveDir: '/virtual', loader: 'ts' },
      bundle: true,
      format: 'esm',
      write: false,
      plugins: [
        {
          name: 'virtual',
          setup(b) {
            b.onResolve({ filter: /^\.\// }, (a) => ({ path: a.path.slice(2) + '.ts', namespace: 'v' }));
            b.onLoad({ filter: /.*/, namespace: 'v' }, (a) => ({ contents: files[a.path], loader: 'ts' }));
          },
        },
      ],
    });
    expect(renamedClasses(outputFiles[0]!.text)).toEqual(['Unit2']);
    // The real bundles: every class kept its name (migrations end in their 13-digit timestamp).
    for (const out of Object.keys(ENTRY_POINTS))
      expect(renamedClasses(readFileSync(`${ROOT}/${out}.js`, 'utf8')), out).toEqual([]);
  });

  it('imports only Node built-ins and the production dependencies the image installs', () => {
    const production = imageDependencies();
    expect(Object.keys(externals).sort()).toEqual(Object.keys(ENTRY_POINTS).sort());
    for (const [out, paths] of Object.entries(externals)) {
      const imported = new Set(paths.map(packageName));
      const missing = [...imported].filter(
        (name) => !name.startsWith('node:') && !builtinModules.includes(name) && !production.has(name),
      );
      expect(missing, out).toEqual([]);
      expect([...imported], out).not.toContain('tsx');
      expect([...imported], out).not.toContain('typescript');
    }
    // The image holds these beside the bundles (scripts/build.ts stageRuntime).
    for (const path of Object.values(FILES_READ_AT_RUN_TIME).flat())
      expect(existsSync(`${ROOT}/${path}`), path).toBe(true);
  });
});

/**
 * The npm packages the image holds: the production dependencies of the workspaces its Dockerfile installs
 * (`npm ci --omit=dev --workspace …`) and of the workspaces those depend on.
 */
function imageDependencies(): Set<string> {
  const dockerfile = readFileSync(`${ROOT}/infra/Dockerfile`, 'utf8');
  const pending = [...dockerfile.matchAll(/--workspace (\S+)/g)].map(([, dir]) => dir!);
  expect(pending.length).toBeGreaterThan(0);
  const byName = new Map(
    ['packages', 'services'].flatMap((parent) =>
      readdirSync(`${ROOT}/${parent}`).map((dir) => {
        const pkg = JSON.parse(readFileSync(`${ROOT}/${parent}/${dir}/package.json`, 'utf8')) as {
          name: string;
        };
        return [pkg.name, `${parent}/${dir}`] as const;
      }),
    ),
  );
  const seen = new Set<string>();
  const dependencies = new Set<string>();
  while (pending.length) {
    const dir = pending.pop()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(`${ROOT}/${dir}/package.json`, 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(pkg.dependencies ?? {})) {
      dependencies.add(name);
      if (byName.has(name)) pending.push(byName.get(name)!);
    }
  }
  return dependencies;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}
