import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Writes .br and .gz beside every text file of the build, for the gateway to send as they are. */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'thidua-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const walk = async (dir: string): Promise<string[]> =>
        (await readdir(dir, { withFileTypes: true })).flatMap((e) =>
          e.isDirectory() ? [] : [join(dir, e.name)],
        );
      const files = [...(await walk(outDir)), ...(await walk(join(outDir, 'assets')).catch(() => []))];
      const br = promisify(brotliCompress);
      const gz = promisify(gzip);
      // In parallel on libuv's threads: brotli at its best quality is slow on the large chunks.
      await Promise.all(
        files
          .filter((f) => /\.(js|css|html|svg|json)$/.test(f))
          .map(async (file) => {
            const body = await readFile(file);
            if (body.length < 512) return;
            await writeFile(`${file}.gz`, await gz(body, { level: 9 }));
            await writeFile(
              `${file}.br`,
              await br(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            );
          }),
      );
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    // React Aria's date field carries its words in some 30 languages; the pages need Vietnamese and English.
    { ...optimizeLocales.vite({ locales: ['en-US'] }), enforce: 'pre' },
    precompress(),
  ],
  build: {
    target: 'es2022',
    // The chart and spreadsheet libraries are large but load only when a dashboard needs them.
    chunkSizeWarningLimit: 1200,
    manifest: true,
    // The precompression above takes its time on purpose; no timing report for it.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/auth': 'http://127.0.0.1:4000',
    },
  },
});
