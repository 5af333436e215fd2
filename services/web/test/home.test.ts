import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conferenceSeasonYear } from '@thidua/db';
import { vietnamToday } from '@thidua/domain';
import {
  createAccount,
  createLockedBlock,
  createUnits,
  ok,
  ownerQuery,
  provinceId,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  pageAt,
  phone,
  screenshot,
  signInAt,
  startWebApp,
} from './browser';

/** The year whose conferences are held now: the home page shows it all season (with the next from January). */
const YEAR = conferenceSeasonYear(vietnamToday());

let app: TestApp;
let browser: Browser;
let base: string;
let admin: Account;
let province: string;
let locked: LockedBlock;
let draftBlockId: string;
let draftHeadUnitId: string;

/** The secretariat's call, its answer checked. */
const asAdmin = (q: string, v: Record<string, unknown> = {}) =>
  app.gql<Record<string, { id: string }>>(q, v, { token: admin.token, provinceId: province }).then(ok);

/** A block of `members`, each a member from `from` (YYYY-MM-DD). */
async function createBlock(name: string, members: { id: string }[], from: string): Promise<string> {
  const id = (
    await asAdmin(`mutation($n: String!) { createBlock(input: { name: $n, kind: BLOCK }) { id } }`, {
      n: name,
    })
  ).createBlock!.id;
  for (const u of members)
    await asAdmin(`mutation($v: BlockMemberInput!) { addBlockMember(input: $v) { id } }`, {
      v: { blockId: id, unitId: u.id, date: from },
    });
  return id;
}

/**
 * Khánh Hòa's blocks in the season: the departments' block scored and locked, the enterprises' block with
 * members but no year opened, and the culture and society block's year in draft, its theme and deputy missing.
 */
beforeAll(async () => {
  ({ app, browser, base } = await startWebApp());
  province = await provinceId(app.dataSource, '56');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  locked = await createLockedBlock(app, province, ['Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế'], admin, {
    year: YEAR,
  });
  const units = await createUnits(app.dataSource, province, [
    'Cảng vụ Hàng hải Nha Trang',
    'Công ty Cổ phần Yến sào Khánh Hòa',
    'Ban Dân tộc tỉnh',
    'Sở Văn hóa, Thể thao và Du lịch',
  ]);
  await createBlock('Khối các doanh nghiệp', units.slice(0, 2), `${YEAR}-01-01`);
  draftBlockId = await createBlock('Khối Văn hóa – Xã hội', units.slice(2), `${YEAR}-01-01`);
  await asAdmin(`mutation($v: OpenEmulationYearInput!) { openEmulationYear(input: $v) { id } }`, {
    v: { blockId: draftBlockId, year: YEAR, headUnitId: units[2]!.id },
  });
  draftHeadUnitId = units[2]!.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The rows of the overview, each as its text read in order. */
async function overviewRows(page: Page, title: string): Promise<string[]> {
  const region = page.getByRole('region', { name: title });
  await region.waitFor({ timeout: 20_000 });
  const items = region.getByRole('list', { name: /, xếp từ khối, cụm chậm nhất$/ }).getByRole('listitem');
  return (await items.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('the home page: where the blocks stand', () => {
  it('says when its tasks could not be gathered, and gathers them again when asked', async () => {
    const page = await pageAt(browser, base, '/account', admin.email);
    // The connection drops while the council's sessions are read, once.
    let dropped = false;
    await page.route('**/graphql', async (route) => {
      if (!dropped && route.request().postData()?.includes('query CouncilSessions')) {
        dropped = true;
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    await page.goto(`${base}/`);
    const alert = page.getByRole('alert').filter({ hasText: 'Không kết nối được máy chủ' });
    await alert.waitFor();
    // Nothing is shown as if it were all there is to do.
    expect(await page.getByText('Hiện không có việc nào đang chờ bạn.').count()).toBe(0);
    await screenshot(page, 'home-tasks-failed-1366');
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    expect(await overviewRows(page, `Các khối, cụm thi đua năm ${YEAR}`)).toHaveLength(3);
    await page.context().close();
  });

  it("shows the secretariat every block's year, furthest behind first, with what its next step needs", async () => {
    const page = await pageAt(browser, base, '/', admin.email);
    const title = `Các khối, cụm thi đua năm ${YEAR}`;
    const rows = await overviewRows(page, title);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(`Khối các doanh nghiệp Chưa mở năm ${YEAR} Mở năm thi đua cho khối`);
    expect(rows[1]).toBe(
      'Khối Văn hóa – Xã hội Dự thảo Bước tiếp theo: mở năm cho các thành viên ' +
        'Còn thiếu: chủ đề thi đua; phó khối và 1 mục khác ' +
        'Thành viên, chủ đề, trưởng khối, phó khối và bảng tiêu chí còn thiếu do Sở Nội vụ bổ sung. ' +
        'Bước này do đơn vị trưởng khối – Ban Dân tộc tỉnh – thực hiện.',
    );
    // Each row says whose step it is: the secretariat knows whom to call.
    expect(rows[2]).toMatch(
      /^Khối thi đua [\d-]+ Đã khóa điểm Bước tiếp theo: mở bỏ phiếu bình xét tại hội nghị Đã đủ điều kiện.* Bước này do đơn vị trưởng khối – Sở Tài chính \([^)]+\) – hoặc đơn vị phó khối – Sở Tư pháp \([^)]+\) – thực hiện\.$/,
    );
    const counts = page.getByRole('list', { name: 'Số khối, cụm theo giai đoạn' }).getByRole('listitem');
    expect((await counts.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      `Chưa mở năm ${YEAR} 1`,
      'Dự thảo 1',
      'Đã khóa điểm 1',
    ]);
    await expectAccessible(page, 'the home page with the overview');
    await screenshot(page, 'home-overview-admin-1366');
    // The secretariat's own work is in its menu: the council, and the year-end closing at hand.
    const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await menu.getByRole('link', { name: 'Hội đồng', exact: true }).getAttribute('href')).toBe(
      '/council',
    );
    expect(await menu.getByRole('link', { name: 'Đóng năm thi đua', exact: true }).getAttribute('href')).toBe(
      `/year-end/${YEAR}`,
    );
    // Its ten links on one row of a 1366-pixel screen, though a long page's scrollbar takes 15 of them.
    await page.setViewportSize({ width: 1351, height: 768 });
    const tops = await menu
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().top));
    expect(tops).toHaveLength(10);
    expect(new Set(tops).size).toBe(1);

    // From January the new year is listed too: the season's own list.
    await page
      .getByRole('region', { name: title })
      .getByRole('link', { name: 'Khối Văn hóa – Xã hội' })
      .click();
    await page.waitForURL((u) => u.pathname === `/blocks/${draftBlockId}/years/${YEAR}`);
    await page.context().close();
  });

  it("shows a unit's officer only the blocks its unit is in, on a phone", async () => {
    const page = await pageAt(browser, base, '/', locked.officers[2]!.email, 'phone');
    // The greeting says which unit the officer acts for.
    await expect
      .poll(() => page.locator('.page-subtitle').textContent())
      .toBe(`Xin chào, Nguyễn Văn Thử – cán bộ thi đua của ${locked.units[2]!.name}`);
    const rows = await overviewRows(page, `Khối, cụm thi đua của đơn vị – năm ${YEAR}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^Khối thi đua [\d-]+ Đã khóa điểm/);
    // The next step is the head or deputy unit's, and the officer's row says so.
    expect(rows[0]).toMatch(/Bước này do đơn vị trưởng khối – Sở Tài chính \([^)]+\) – hoặc đơn vị phó khối/);
    // An officer's menu has none of the secretariat's work.
    await page.getByRole('button', { name: 'Danh mục' }).click();
    const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await menu.getByRole('link', { name: 'Khối, cụm thi đua' }).count()).toBe(1);
    expect(await menu.getByRole('link', { name: 'Hội đồng' }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: 'Đóng năm thi đua' }).count()).toBe(0);
    // Signing out and the language are at the menu's foot on a phone, not a row of their own above every page.
    expect(await menu.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);
    await screenshot(page, 'home-menu-open-390');
    await page.getByRole('button', { name: 'Danh mục' }).click();
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(false);
    // Escape folds it too, from inside, and the keyboard is back at its button.
    await page.getByRole('button', { name: 'Danh mục' }).click();
    await menu.getByRole('link', { name: 'Khối, cụm thi đua' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Danh mục' }).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('menu-toggle');
    const middle = async (box: Promise<{ y: number; height: number } | null>) => {
      const b = (await box)!;
      return b.y + b.height / 2;
    };
    const brand = await middle(page.getByRole('link', { name: 'Thi đua – Khen thưởng' }).boundingBox());
    const provinceName = await middle(page.locator('.province-name').boundingBox());
    expect(Math.abs(brand - provinceName)).toBeLessThan(8);
    await expectNoSidewaysScroll(page, 'the home page on a phone');
    await expectAccessible(page, 'the home page on a phone');
    await screenshot(page, 'home-overview-officer-390');
    await page.context().close();
  });

  it('the head unit of a year in draft finds its covenant to write on its home page', async () => {
    const officer = await createAccount(app, 'UNIT_OFFICER', {
      provinceId: province,
      unitId: draftHeadUnitId,
    });
    const page = await pageAt(browser, base, '/', officer.email, 'phone');
    const task = page.getByRole('region', { name: /^Việc của Trưởng khối, Phó khối trong năm thi đua/ });
    await task.waitFor({ timeout: 20_000 });
    expect((await task.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([
      `Thực hiện: Khối Văn hóa – Xã hội – năm ${YEAR} · Soạn nội dung giao ước`,
    ]);
    expect(await page.getByText('Hiện không có việc nào đang chờ bạn.').count()).toBe(0);
    // Its year's row says which missing items are the secretariat's to set: the head unit takes the step, but
    // cannot set the theme or the deputy itself.
    const rows = await overviewRows(page, `Khối, cụm thi đua của đơn vị – năm ${YEAR}`);
    expect(rows.find((r) => r.startsWith('Khối Văn hóa – Xã hội'))).toContain(
      'Còn thiếu: chủ đề thi đua (việc của Sở Nội vụ); phó khối (việc của Sở Nội vụ) và 1 mục khác',
    );
    // So does the year's page, beside its step's greyed-out button.
    await page.goto(`${base}/blocks/${draftBlockId}/years/${YEAR}`);
    const missing = page.locator('ul.missing-list > li');
    await expect.poll(() => missing.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await missing.allInnerTexts()).toEqual(
      expect.arrayContaining(['chủ đề thi đua (việc của Sở Nội vụ)', 'phó khối (việc của Sở Nội vụ)']),
    );
    expect(await page.getByRole('button', { name: 'Mở năm cho các thành viên' }).isDisabled()).toBe(true);
    await screenshot(page, 'year-missing-by-secretariat-390');
    await page.goto(`${base}/`);
    await task.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/blocks/${draftBlockId}/years/${YEAR}/covenant`);
    await page.context().close();
  });

  it("from November it follows next year too: a member's officer finds next year's covenant to sign", async () => {
    // Next year is on the home page from November (homeYears). Outside November and December, the browser's
    // clock is set to last December; the server needs no clock of its own for this.
    const [thisYear, month] = vietnamToday().split('-').map(Number) as [number, number];
    const december = month >= 11 ? null : new Date(`${thisYear - 1}-12-10T09:00:00+07:00`);
    const next = (december ? thisYear - 1 : thisYear) + 1;
    const units = await createUnits(app.dataSource, province, [
      'Sở Nông nghiệp và Môi trường',
      'Sở Xây dựng',
      'Sở Công Thương',
    ]);
    const blockId = await createBlock('Khối kinh tế – kỹ thuật', units, `${next - 1}-01-01`);
    const yearId = (
      await asAdmin(`mutation($v: OpenEmulationYearInput!) { openEmulationYear(input: $v) { id } }`, {
        v: { blockId, year: next, headUnitId: units[0]!.id },
      })
    ).openEmulationYear!.id;
    await asAdmin(
      `mutation($id: ID!, $v: UpdateEmulationYearInput!) { updateEmulationYear(id: $id, input: $v) { id } }`,
      {
        id: yearId,
        v: { theme: 'Đoàn kết – Đổi mới – Hiệu quả', deputyUnitId: units[1]!.id },
      },
    );
    await asAdmin(
      `mutation($id: ID!, $items: [String!]!) { setCovenantItems(emulationYearId: $id, items: $items) { position } }`,
      { id: yearId, items: ['Hoàn thành 100% chỉ tiêu được giao', 'Không có cán bộ vi phạm kỷ luật'] },
    );
    await asAdmin(`mutation($id: ID!) { transitionEmulationYear(id: $id, to: OPEN) { id } }`, { id: yearId });
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: units[2]!.id });

    const context = await phone(browser);
    if (december) await context.clock.setFixedTime(december);
    const page = await context.newPage();
    await signInAt(page, base, '/', officer.email);
    const task = page.getByRole('region', { name: /^Giao ước thi đua cần ký/ });
    await task.waitFor({ timeout: 20_000 });
    expect((await task.getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([
      `Ký giao ước: Khối kinh tế – kỹ thuật – năm ${next}`,
    ]);
    // The block's next year has its own overview, after the season's.
    const rows = await overviewRows(page, `Khối, cụm thi đua của đơn vị – năm ${next}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^Khối kinh tế – kỹ thuật /);
    // The task leads to the signing itself.
    await task.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/blocks/${blockId}/years/${next}/sign`);
    await expect
      .poll(() => page.getByRole('button', { name: /^Ký giao ước/ }).count(), { timeout: 20_000 })
      .toBe(1);
    await screenshot(page, 'home-next-year-covenant-390');
    await context.close();
  });

  it("a year whose dossier went: the secretariat's next step leads to the year-end closing's page", async () => {
    await ownerQuery(
      app.db,
      province,
      `UPDATE emulation_year SET state = 'DOSSIER_SUBMITTED' WHERE id = '${locked.yearId}'`,
    );
    const page = await pageAt(browser, base, '/', admin.email);
    const next = page
      .getByRole('region', { name: `Các khối, cụm thi đua năm ${YEAR}` })
      .getByRole('link', { name: 'Bước tiếp theo: đóng năm thi đua' });
    await expect.poll(() => next.count(), { timeout: 20_000 }).toBe(1);
    expect(await next.getAttribute('href')).toBe(`/year-end/${YEAR}`);
    await page.context().close();
  });
});
