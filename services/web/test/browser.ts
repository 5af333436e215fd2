import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '@thidua/testing';

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

/**
 * The block's year-end conference on record, which the API asks for before a vote opens (while the helpers
 * in packages/testing do not record it themselves; recording it again only corrects the record).
 */
export async function recordConference(
  app: {
    gql: (
      q: string,
      v?: Record<string, unknown>,
      o?: { token?: string; provinceId?: string },
    ) => Promise<{ errors?: { message: string }[] }>;
  },
  province: string,
  yearId: string,
  token: string,
): Promise<void> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const res = await app.gql(
    `mutation($c: RecordConferenceInput!) { recordConference(input: $c) { id } }`,
    { c: { emulationYearId: yearId, heldOn: today, place: 'Hội trường Tỉnh ủy' } },
    { token, provinceId: province },
  );
  // Before the conference record exists in the schema there is nothing to record.
  if (res.errors?.length && !/Unknown type|Cannot query field/.test(res.errors[0]!.message))
    throw new Error(`recordConference: ${JSON.stringify(res.errors)}`);
}

/** Errors in the page reach the test's output. */
export function watch(page: Page): void {
  page.on('pageerror', (e) => console.error(`[page error] ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`[console] ${page.url()}: ${m.text()}`);
  });
}
