import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestAppOptions } from '@thidua/testing';

/** Debian's Chromium, driven by playwright-core 1.64 (the release whose bundled Chromium matches it). */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/web/', import.meta.url));

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 768 };

/** A phone: small viewport, touch, a mobile user agent's density. */
export function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}

export function desktop(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

/** The gateway's origin, where the web application is served. */
export const origin = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

export interface WebApp {
  app: TestApp;
  browser: Browser;
  /** The origin the pages are opened at. */
  base: string;
}

/**
 * The real gateway (with the worker when asked) serving the built application on a database of its own, and
 * Chromium, started together. A browser sends many requests in a test: the rate limit is lifted unless set.
 */
export async function startWebApp(
  options: Omit<TestAppOptions, 'template' | 'database'> = {},
): Promise<WebApp> {
  const [app, browser] = await Promise.all([
    startTestApp({
      ...options,
      template: inject('templateDatabase'),
      config: { RATE_LIMIT_PER_MINUTE: '100000', ...options.config },
    }),
    launch(),
  ]);
  return { app, browser, base: origin(app.gateway.url) };
}

/**
 * Opens a page of the application signed out, signs in on the form it is sent to, and checks that it comes
 * back to the page it asked for.
 */
export async function signInAt(page: Page, base: string, path: string, email: string): Promise<void> {
  watch(page);
  await page.goto(`${base}${path}`);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
}

/** A new desktop (or phone) page signed in as `email` and opened at `path`. */
export async function pageAt(
  browser: Browser,
  base: string,
  path: string,
  email: string,
  size: 'desktop' | 'phone' = 'desktop',
): Promise<Page> {
  const context = await (size === 'phone' ? phone(browser) : desktop(browser));
  const page = await context.newPage();
  await signInAt(page, base, path, email);
  return page;
}

/** The page at both sizes is written under test-results/web/ (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it stands: no serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `accessibility of ${what}`,
  ).toEqual([]);
}

/** Nothing on the page is wider than its window: a phone's page never scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const width = page.viewportSize()!.width;
  expect(
    await page.evaluate(() => document.scrollingElement!.scrollWidth),
    `${what} scrolls sideways`,
  ).toBeLessThanOrEqual(width);
}

/** Each of these links or buttons is a full touch target: at least 44 px tall (docs/web.md, Accessibility). */
export async function expectTouchTargets(targets: Locator, what: string): Promise<void> {
  const all = await targets.all();
  expect(all.length, `no ${what} found`).toBeGreaterThan(0);
  for (const t of all)
    expect((await t.boundingBox())!.height, `${what}: ${await t.textContent()}`).toBeGreaterThanOrEqual(44);
}

/** Errors in the page reach the test's output. */
export function watch(page: Page): void {
  page.on('response', async (r) => {
    if (!r.url().endsWith('/graphql') && !r.url().includes('/auth/')) return;
    const body = await r.text().catch(() => '');
    // A GraphQL error comes with 200: a part of a page that renders nothing on error would hide it.
    if (r.status() >= 400 || body.includes('"errors"'))
      console.error(`[${new URL(r.url()).pathname} ${r.status()}] ${page.url()}: ${body.slice(0, 300)}`);
  });
  page.on('pageerror', (e) => console.error(`[page error] ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      console.error(`[console] ${page.url()}: ${m.text()}`);
  });
}

/**
 * Types a date ("2026-12-03") or a date and time ("2026-12-03T17:00") into the date field labelled `label`, as a
 * person does, part by part (day, month, year, hours, minutes: ui/DateField.tsx); '' clears it.
 */
export async function fillDate(scope: Page | Locator, label: string, value: string): Promise<void> {
  const field = scope.getByRole('group', { name: label, exact: true });
  // The picker loads with the first form that shows a date: wait for it.
  await field.waitFor({ timeout: 20_000 });
  if (!value) {
    // Cleared part by part, as with the keyboard.
    for (const part of await field.getByRole('spinbutton').all()) {
      await part.click();
      for (let i = 0; i < 4; i++) await part.press('Backspace');
    }
    return;
  }
  const [date, time = ''] = value.split('T');
  const [year, month, day] = date!.split('-');
  const [hour, minute] = time.split(':');
  const typed: Record<string, string | undefined> = { year, month, day, hour, minute };
  // Each part where the language puts it (Vietnamese writes a time before its day: 17:00 03/12/2026).
  for (const part of await field.getByRole('spinbutton').all())
    await part.pressSequentially(typed[(await part.getAttribute('data-type'))!] ?? '');
}

/** What the date field labelled `label` holds, as the API takes it ("2026-12-03", "2026-12-03T17:00"). */
export async function dateFieldValue(scope: Page | Locator, label: string): Promise<string> {
  const field = scope.getByRole('group', { name: label, exact: true });
  await field.waitFor({ timeout: 20_000 });
  const parts = Object.fromEntries(
    await field
      .getByRole('spinbutton')
      .evaluateAll((segments) =>
        segments.map((s) => [s.dataset.type, s.getAttribute('aria-valuenow') ?? '']),
      ),
  ) as Record<string, string>;
  const two = (n: string | undefined) => (n ?? '').padStart(2, '0');
  const date = `${parts.year}-${two(parts.month)}-${two(parts.day)}`;
  return parts.hour === undefined ? date : `${date}T${two(parts.hour)}:${two(parts.minute)}`;
}
