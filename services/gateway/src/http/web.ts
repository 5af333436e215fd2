import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build -w services/web` writes the web application. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * No inline script may run: every script is a file of the build. Styles allow inline attributes (the chart
 * library sets them); connections go to this origin only (the API and its WebSocket).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The web application's files, on the API's origin: hashed assets cached for a year, everything else
 * revalidated; any other GET path is a route of the single-page application and gets its index.html.
 * Precompressed .br/.gz files written by the build are sent when the browser accepts them.
 */
export async function serveWeb(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  root = WEB_DIST,
): Promise<void> {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'DENY');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.statusCode = 405;
    res.setHeader('allow', 'GET, HEAD');
    return void res.end();
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return notFound(res);
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..') || relative.includes('\0')) return notFound(res);

  const file = relative && extname(relative) ? await fileAt(join(root, relative)) : null;
  if (file) {
    const immutable = relative.startsWith(`assets${sep}`);
    return send(req, res, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  }
  // A missing file under assets/ (or any path with an extension) is a 404, not the application.
  if (relative.startsWith('assets') || extname(relative)) return notFound(res);
  const index = await fileAt(join(root, 'index.html'));
  if (!index) {
    res.statusCode = 503;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    return void res.end(
      'Ứng dụng web chưa được build. The web application is not built: run `npm run build -w services/web`.',
    );
  }
  return send(req, res, index, 'no-cache');
}

async function fileAt(path: string): Promise<{ path: string; size: number; mtime: Date } | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtime: s.mtime } : null;
  } catch {
    return null;
  }
}

async function send(
  req: IncomingMessage,
  res: ServerResponse,
  file: { path: string; size: number; mtime: Date },
  cacheControl: string,
): Promise<void> {
  const type = TYPES[extname(file.path)] ?? 'application/octet-stream';
  const accepts = String(req.headers['accept-encoding'] ?? '');
  let body = file;
  let encoding: string | null = null;
  if (/^(text\/|application\/json|image\/svg)/.test(type)) {
    res.setHeader('vary', 'accept-encoding');
    for (const [name, ext] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      if (!new RegExp(`\\b${name}\\b`).test(accepts)) continue;
      const compressed = await fileAt(file.path + ext);
      if (compressed) {
        body = compressed;
        encoding = name;
        break;
      }
    }
  }
  const etag = `"${file.size.toString(36)}-${file.mtime.getTime().toString(36)}${encoding ? `-${encoding}` : ''}"`;
  res.setHeader('content-type', type);
  res.setHeader('cache-control', cacheControl);
  res.setHeader('etag', etag);
  if (encoding) res.setHeader('content-encoding', encoding);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    return void res.end();
  }
  res.statusCode = 200;
  res.setHeader('content-length', String(body.size));
  if (req.method === 'HEAD') return void res.end();
  await new Promise<void>((resolve) => {
    const stream = createReadStream(body.path);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
}

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end('Not found');
}
