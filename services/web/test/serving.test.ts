import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createAccount,
  provinceId,
  startTestApp,
  TEST_PASSWORD,
  type Account,
  type TestApp,
} from '@thidua/testing';
import { WEB_DIR } from '../../../scripts/web-build';
import { origin } from './browser';

let app: TestApp;
let base: string;
let officer: Account;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  base = origin(app.gateway.url);
  officer = await createAccount(app, 'PROVINCE_ADMIN', {
    provinceId: await provinceId(app.dataSource, '04'),
  });
});
afterAll(() => app?.close());

const WEB = { 'content-type': 'application/json', 'x-thidua-web': '1' };
const login = (
  headers: Record<string, string> = WEB,
  body = { email: officer.email, password: TEST_PASSWORD },
) => fetch(`${base}/auth/login`, { method: 'POST', headers, body: JSON.stringify(body) });

describe('the web application on the gateway', () => {
  it('serves index.html for the routes, with a CSP that allows no inline script', async () => {
    for (const path of [
      '/',
      '/voting-periods/1b6e3c1e-1111-4111-8111-111111111111/ballot',
      '/dashboards/trend',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).toContain('<div id="root">');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file
    }
  });

  it('sends hashed assets compressed and cached for a year; unknown files are 404', async () => {
    const manifest = JSON.parse(readFileSync(join(WEB_DIR, 'dist/.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string; isEntry?: boolean }
    >;
    const entry = Object.values(manifest).find((m) => m.isEntry)!.file;
    const res = await fetch(`${base}/${entry}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect((await res.text()).length).toBeGreaterThan(1000); // fetch decodes it
    const etag = res.headers.get('etag')!;
    const again = await fetch(`${base}/${entry}`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}/assets/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${base}/assets/../../../package.json`)).status).not.toBe(200);
    expect((await fetch(`${base}/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
  });

  it('refuses cross-site form posts to the API: a simple content type never runs an operation', async () => {
    const before = await app.gql<{ unreadNotificationCount: number }>(`{ __typename }`);
    expect(before.status).toBe(200);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ query: 'mutation { logout }' }),
      });
      expect(res.status, type).toBe(400);
    }
    // A GET without a preflight header is refused too (Apollo's CSRF prevention).
    expect((await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`)).status).toBe(400);
  });

  it('signs in through /auth: the refresh token only in an HttpOnly SameSite=Strict cookie, rotated, ended by sign-out', async () => {
    expect((await login({ 'content-type': 'application/json' })).status).toBe(400); // no x-thidua-web header
    expect((await login({ 'content-type': 'text/plain', 'x-thidua-web': '1' })).status).toBe(400);
    expect((await login({ ...WEB, origin: 'https://evil.example' })).status).toBe(403);
    const wrong = await login(WEB, { email: officer.email, password: 'sai mật khẩu' });
    expect(wrong.status).toBe(401);
    expect(
      ((await wrong.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');
    const blank = await login(WEB, { email: '', password: '' });
    expect(
      ((await blank.json()) as { errors: { extensions: { fields: unknown[] } }[] }).errors[0]!.extensions
        .fields,
    ).toEqual([{ field: 'email', message: 'is required' }]);

    const res = await login();
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'accessTokenExpiresAt']);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^thidua_rt=[^;]+; Path=\/auth; HttpOnly; SameSite=Strict; Max-Age=\d+/);
    const rt = cookie.split(';')[0]!;

    const refresh = (c: string) =>
      fetch(`${base}/auth/refresh`, { method: 'POST', headers: { ...WEB, cookie: c }, body: '{}' });
    const r1 = await refresh(rt);
    expect(r1.status).toBe(200);
    const rt2 = r1.headers.get('set-cookie')!.split(';')[0]!;
    expect(rt2).not.toBe(rt);
    const { accessToken } = (await r1.json()) as { accessToken: string };
    const r2 = await refresh(rt2);
    expect(r2.status).toBe(200);
    const rt3 = r2.headers.get('set-cookie')!.split(';')[0]!;
    // The first cookie again, after its successor was used: refused, forgotten, and the whole session ends
    // (reuse detection; a cookie presented again before its successor was used is a lost answer, ballot.test.ts).
    const reused = await refresh(rt);
    expect(reused.status).toBe(401);
    expect(reused.headers.get('set-cookie')).toMatch(/^thidua_rt=; .*Max-Age=0/);
    expect((await refresh(rt3)).status).toBe(401);
    expect((await app.gql(`{ me { id } }`, {}, { token: accessToken })).status).toBe(401);

    // A fresh session, ended by signing out: its access token stops working at once.
    const again = await login();
    const token = ((await again.json()) as { accessToken: string }).accessToken;
    const out = await fetch(`${base}/auth/logout`, {
      method: 'POST',
      headers: { ...WEB, authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await app.gql(`{ me { id } }`, {}, { token })).status).toBe(401);
  });
});
