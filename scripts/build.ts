/**
 * `npm run build`: the services as plain JavaScript that `node` runs without tsx or TypeScript.
 *
 * Each entry point becomes one ES module beside its package (services/gateway/dist/main.js, …) holding the
 * platform's own code (the @thidua/* workspaces); every npm package stays external and is loaded from
 * node_modules as under tsx, so graphql is loaded once (type-graphql requires the same copy) and native or
 * data-reading packages (pdfkit's fonts, typeorm's drivers) work unchanged. The image needs production
 * dependencies only.
 *
 * Decorators: esbuild applies `experimentalDecorators` and `useDefineForClassFields: false` from tsconfig but never
 * emits decorator metadata, like tsx; type-graphql and TypeORM get explicit types everywhere (see the build test,
 * which compares the compiled gateway's schema with the source's).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { ensureWebBuild } from './web-build';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Entry point → bundle, both relative to the repository. */
export const ENTRY_POINTS = {
  'services/gateway/dist/main': 'services/gateway/src/main.ts',
  'services/worker/dist/main': 'services/worker/src/main.ts',
  'packages/db/dist/setup': 'packages/db/src/cli/setup.ts',
  'packages/db/dist/migrate': 'packages/db/src/cli/migrate.ts',
};

/** npm packages stay external; the workspaces (TypeScript sources) are bundled. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@thidua/') || args.path.startsWith('node:') ? undefined : { external: true },
    );
  },
};

/**
 * The modules that read files beside their source, and those files: their `import.meta.url` keeps pointing at
 * the source file's place in the repository (relative to the bundle), so the files are read where they are, in
 * a checkout and in the image alike (which holds exactly these beside the bundles, see `stageRuntime`).
 */
export const FILES_READ_AT_RUN_TIME: Record<string, string[]> = {
  'services/gateway/src/http/web.ts': ['services/web/dist'],
  'packages/db/src/seed/provinces.ts': ['packages/db/src/seed/data'],
  'packages/documents/src/fonts.ts': ['packages/documents/fonts'],
  'packages/documents/src/template.ts': ['packages/documents/templates'],
};

const sourceRelativeUrls = (outfile: string): Plugin => ({
  name: 'source-relative-urls',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromRoot = relative(ROOT, args.path);
      if (!FILES_READ_AT_RUN_TIME[fromRoot])
        return {
          errors: [
            {
              text: `${fromRoot} uses import.meta.url: list the files it reads in FILES_READ_AT_RUN_TIME (scripts/build.ts)`,
            },
          ],
        };
      const fromBundle = relative(dirname(`${ROOT}/${outfile}`), args.path);
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        ),
        loader: 'ts',
        resolveDir: dirname(args.path),
      };
    });
  },
});

/**
 * Bundles every entry point; each file is replaced by rename, so a process starting meanwhile never reads half.
 * Returns the packages each bundle loads from node_modules at run time.
 */
export async function buildServices(): Promise<Record<string, string[]>> {
  const bundles = await Promise.all(
    Object.entries(ENTRY_POINTS).map(async ([out, entry]) => {
      const { outputFiles, metafile } = await build({
        absWorkingDir: ROOT,
        entryPoints: [entry],
        outfile: `${out}.js`,
        bundle: true,
        platform: 'node',
        format: 'esm',
        // The oldest Node that runs it: developers' machines until they move to 24 (see README).
        target: 'node20.19',
        tsconfig: 'tsconfig.json',
        // Stacks point at the sources (the image runs with --enable-source-maps).
        sourcemap: true,
        // No keepNames: it wraps every closure made per request in a call that redefines its name (about 3 % of
        // the compiled gateway's ballots/s, docs/benchmarks.md). The only names the platform reads at run time
        // are classes' (GraphQL types, TypeORM entities and migrations): renamedClasses refuses a bundle where
        // esbuild renamed one.
        keepNames: false,
        logLevel: 'warning',
        plugins: [externalPackages, sourceRelativeUrls(`${out}.js`)],
        write: false,
        metafile: true,
      });
      for (const file of outputFiles) {
        const renamed = file.path.endsWith('.js') ? renamedClasses(file.text) : [];
        if (renamed.length)
          throw new Error(
            `${relative(ROOT, file.path)}: esbuild renamed ${renamed.join(', ')} (another top-level binding has ` +
              `the name). A class's name is its GraphQL type's, entity's or migration's: rename one of the two.`,
          );
        mkdirSync(dirname(file.path), { recursive: true });
        writeFileSync(`${file.path}.${process.pid}`, file.contents);
        renameSync(`${file.path}.${process.pid}`, file.path);
      }
      const imports = Object.values(metafile.outputs).flatMap((o) => o.imports);
      return [out, [...new Set(imports.filter((i) => i.external).map((i) => i.path))].sort()] as const;
    }),
  );
  return Object.fromEntries(bundles);
}

/**
 * Classes esbuild renamed to avoid a collision in the bundle's one scope: it appends a short number (`Unit2`).
 * Migrations' names end in a 13-digit timestamp, which no rename produces.
 */
export function renamedClasses(bundle: string): string[] {
  const classes = bundle.matchAll(/(?:^|[\s;(=,])(?:class\s+(\w+)|(\w+)\s*=\s*class\b)/g);
  const names = [...classes].map((m) => m[1] ?? m[2] ?? '');
  return [...new Set(names.filter((name) => /\D\d{1,4}$/.test(name)))].sort();
}

/**
 * What the image runs, copied into `dir` with the repository's layout: the bundles, the files they read, and the
 * manifests (root and workspaces, the lock) for `npm ci --omit=dev`. Nothing else: no sources, no tests.
 */
export function stageRuntime(dir: string): void {
  const manifests = ['package.json', 'package-lock.json'].concat(
    ...['packages', 'services'].map((parent) =>
      readdirSync(join(ROOT, parent)).map((name) => `${parent}/${name}/package.json`),
    ),
  );
  const bundles = Object.keys(ENTRY_POINTS).flatMap((out) => [`${out}.js`, `${out}.js.map`]);
  for (const path of [...manifests, ...bundles, ...Object.values(FILES_READ_AT_RUN_TIME).flat()])
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { stage: { type: 'string' } } });
  const started = Date.now();
  ensureWebBuild();
  await buildServices();
  if (values.stage) stageRuntime(values.stage);
  console.log(
    `Built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.keys(ENTRY_POINTS)
      .map((out) => `${out}.js`)
      .join(', ')} and services/web/dist${values.stage ? `; staged in ${values.stage}` : ''}`,
  );
}
