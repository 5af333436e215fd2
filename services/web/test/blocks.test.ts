import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createUnits, ok, provinceId, type Account, type TestApp } from '@thidua/testing';
import { createBlockOnPages, poll } from './block-pages';
import {
  desktop,
  expectAccessible,
  phone,
  screenshot,
  signInAt,
  startWebApp,
  dateFieldValue,
  fillDate,
} from './browser';

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let other: string;
let admin: Account;
let otherAdmin: Account;
const tag = `${process.pid}`;
const UNITS = ['Sở Tư pháp', 'Sở Tài chính', 'Sở Xây dựng', 'Sở Y tế', 'Thanh tra tỉnh'].map(
  (n) => `${n} ${tag}`,
);
const BLOCK = `Khối các cơ quan tổng hợp ${tag}`;
const JOINS_NEXT_YEAR = `Sở Ngoại vụ ${tag}`;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true, queue: 'redis' }));
  [province, other] = await Promise.all([provinceId(app.dataSource, '08'), provinceId(app.dataSource, '01')]);
  [admin, otherAdmin] = await Promise.all([
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: province }),
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: other }),
  ]);
  // The units page is another screen's work: the five units exist before the secretariat builds the block.
  await createUnits(app.dataSource, province, [...UNITS, JOINS_NEXT_YEAR]);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const rows = (page: Page) => page.getByRole('rowheader');

// A failed step leaves the page as it was for a person to look at.
let last: Page | null = null;
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && last)
    await screenshot(last, `failed-blocks-${ctx.task.name.slice(0, 30)}`);
});

/** The province's secretariat through the API, its answer's data (the call fails on any error). */
const gql = async <T>(query: string, variables: Record<string, unknown>) =>
  ok(await app.gql<T>(query, variables, { token: admin.token, provinceId: province }));

describe('blocks in the browser', () => {
  let blockId: string;
  let yearUrl: string;

  it(
    'a secretariat creates a block of five from nothing, sets its head and deputy, and finds it in the list',
    { timeout: 180_000 },
    async () => {
      const page = (last = await (await desktop(browser)).newPage());
      await signInAt(page, base, '/blocks', admin.email);
      await expectAccessible(page, 'the block list');

      // A form that is sent empty says what is wrong beside the field, before anything is sent.
      await page.getByRole('link', { name: 'Tạo khối, cụm thi đua' }).click();
      await page.getByRole('button', { name: 'Tạo khối thi đua' }).click();
      await poll(() => page.getByText('Vui lòng nhập tên khối.').count()).toBe(1);
      await poll(() => page.getByLabel('Tên khối').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Tên khối').fill('K');
      await page.getByRole('button', { name: 'Tạo khối thi đua' }).click();
      await poll(() => page.getByText('Tên khối cần từ 2 đến 200 ký tự.').count()).toBe(1);
      await expectAccessible(page, 'the block form with an error');
      await screenshot(page, 'block-form-error-1366');

      blockId = await createBlockOnPages(page, base, {
        name: BLOCK,
        units: UNITS,
        year: 2026,
        theme: 'Đoàn kết - Sáng tạo - Kỷ cương - Hiệu quả',
      });
      yearUrl = `/blocks/${blockId}/years/2026`;
      await poll(() => page.getByText('Dự thảo').first().count()).toBe(1);
      await poll(() => page.locator('dd', { hasText: UNITS[0]! }).count()).toBe(1);

      // The block page: five members since 01/01/2026, the year in its history with its head and deputy.
      await page.goto(`${base}/blocks/${blockId}`);
      await poll(() => rows(page).count()).toBe(6); // 5 members + 1 year
      await poll(() => page.getByRole('cell', { name: '01/01/2026' }).count()).toBe(5);
      const history = page.getByRole('region', { name: 'Các năm thi đua' }).first();
      await poll(() => history.getByRole('link', { name: '2026' }).count()).toBe(1);
      await poll(() => history.getByRole('cell', { name: UNITS[0]! }).count()).toBe(1);
      await poll(() => history.getByRole('cell', { name: UNITS[1]! }).count()).toBe(1);
      await expectAccessible(page, 'the block page');
      await screenshot(page, 'block-1366');

      // The same name again (other accents and capitals) is refused beside the name field.
      await page.goto(`${base}/blocks/new`);
      await page.getByLabel('Tên khối').fill(
        BLOCK.toUpperCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, ''),
      );
      await page.getByRole('button', { name: 'Tạo khối thi đua' }).click();
      await poll(() =>
        page.getByText(`Tên này trùng với khối “${BLOCK}” đã có`, { exact: false }).count(),
      ).toBe(1);

      // The list filters on the server: by name without accents, by kind, by year.
      await page.goto(`${base}/blocks`);
      await page.getByLabel('Tên khối, cụm (có dấu hoặc không dấu)').fill(`khoi cac co quan tong hop ${tag}`);
      await page.getByRole('button', { name: 'Lọc' }).click();
      await poll(() => rows(page).allTextContents()).toEqual([BLOCK]);
      await poll(() => page.getByRole('cell', { name: '5', exact: true }).count()).toBe(1);
      await page.getByLabel('Loại').selectOption('CLUSTER');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await poll(() => page.getByText('Không có khối, cụm nào khớp với điều kiện lọc.').count()).toBe(1);
      await page.getByLabel('Loại').selectOption('');
      await page.getByLabel('Có thành viên trong năm').fill('2024');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await poll(() => page.getByText('Không có khối, cụm nào khớp với điều kiện lọc.').count()).toBe(1);
      await page.getByLabel('Có thành viên trong năm').fill('2026');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await poll(() => rows(page).allTextContents()).toEqual([BLOCK]);
      await page.getByLabel('Có thành viên trong năm').fill('20x6');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await poll(() => page.getByText('Năm gồm 4 chữ số, từ 2000 đến 2100.').count()).toBe(1);
    },
  );

  it('pages through more blocks than one page holds', { timeout: 120_000 }, async () => {
    for (let i = 1; i <= 22; i++)
      await app.gql(
        `mutation($n: String!) { createBlock(input: { name: $n, kind: CLUSTER }) { id } }`,
        { n: `Cụm thi đua số ${String(i).padStart(2, '0')} ${tag}` },
        { token: admin.token, provinceId: province },
      );
    const page = (last = await (await desktop(browser)).newPage());
    await signInAt(page, base, '/blocks', admin.email);
    await page.getByLabel('Tên khối, cụm (có dấu hoặc không dấu)').fill(`cum thi dua so`);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await poll(() => rows(page).count()).toBe(20);
    await poll(() => page.getByText('Trang 1 · tổng 22 mục').count()).toBe(1);
    // The page turned, its list is read from its top once its rows have come: in view, with the keyboard's focus
    // (not left on the button at the bottom).
    const list = page.locator('.pager').locator('xpath=preceding-sibling::*[1]');
    const listFocused = () => list.evaluate((el) => el === document.activeElement);
    await page.getByRole('button', { name: 'Trang sau' }).click();
    await expect
      .poll(() => rows(page).allTextContents())
      .toEqual([`Cụm thi đua số 21 ${tag}`, `Cụm thi đua số 22 ${tag}`]);
    await poll(listFocused).toBe(true);
    await page.getByRole('button', { name: 'Trang trước' }).click();
    await poll(() => rows(page).count()).toBe(20);
    await poll(listFocused).toBe(true);
    const top = await list.evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(200);
  });

  it(
    'opens a year with the head and deputy its conference of the year before elected, offered as chosen',
    { timeout: 90_000 },
    async () => {
      const units = await createUnits(
        app.dataSource,
        province,
        ['Văn phòng Đoàn ĐBQH', 'Ban Dân tộc', 'Hội Nông dân tỉnh'].map((n) => `${n} ${tag}`),
      );
      const { createBlock } = await gql<{ createBlock: { id: string } }>(
        `mutation($n: String!) { createBlock(input: { name: $n, kind: BLOCK }) { id } }`,
        { n: `Khối các cơ quan dân cử ${tag}` },
      );
      for (const u of units)
        await gql(`mutation($i: BlockMemberInput!) { addBlockMember(input: $i) { id } }`, {
          i: { blockId: createBlock.id, unitId: u.id, date: '2025-01-01' },
        });
      // Its 2025 conference, recorded from its minutes: the third unit heads 2026, the first is its deputy.
      await gql(`mutation($i: RecordPastYearInput!) { recordPastYear(input: $i) { id } }`, {
        i: {
          blockId: createBlock.id,
          year: 2025,
          memberUnitIds: units.map((u) => u.id),
          headUnitId: units[0]!.id,
          deputyUnitId: units[1]!.id,
          conference: { heldOn: '2025-12-20', place: 'Hội trường Tỉnh ủy' },
          contests: [
            { kind: 'NEXT_HEAD', electedUnitIds: [units[2]!.id] },
            { kind: 'NEXT_DEPUTY', electedUnitIds: [units[0]!.id] },
          ],
          sourceReference: 'Biên bản số 07/BB-KDC ngày 20/12/2025',
        },
      });
      const page = (last = await (await desktop(browser)).newPage());
      await signInAt(page, base, `/blocks/${createBlock.id}`, admin.email);
      const open = page.getByRole('region', { name: 'Mở năm thi đua' });
      // 2026, whatever the day the test runs (the form starts at the first year not opened from this one).
      await open.getByLabel('Năm', { exact: true }).fill('2026');
      const head = open.getByLabel('Trưởng khối');
      await poll(() => head.locator('option:checked').textContent()).toBe(units[2]!.name);
      expect(await open.getByLabel('Phó khối').locator('option:checked').textContent()).toBe(units[0]!.name);
      expect(await open.textContent()).toContain(
        'Đã điền sẵn theo kết quả bầu tại hội nghị tổng kết năm 2025; có thể chọn lại.',
      );
      await screenshot(page, 'blocks-open-year-elected');
      await open.getByRole('button', { name: 'Mở năm thi đua' }).click();
      await page.waitForURL(new RegExp(`/blocks/${createBlock.id}/years/2026$`));
      await poll(() => page.locator('dd', { hasText: units[2]!.name }).count()).toBe(1);
    },
  );

  it(
    'a cluster\'s pages name its head and deputy "Trưởng cụm", "Phó cụm", and its head\'s home says so',
    { timeout: 120_000 },
    async () => {
      // This year in Vietnam, whatever the day the test runs: the head's home lists this year's steps.
      const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
      const communes = await createUnits(
        app.dataSource,
        province,
        ['UBND xã Tả Phìn', 'UBND xã Sa Pả', 'UBND xã Bản Hồ'].map((n) => `${n} ${tag}`),
      );
      const cluster = `Cụm thi đua các xã vùng cao ${tag}`;

      // Created on the form: once "Cụm thi đua" is chosen, the form speaks of a cluster.
      const page = (last = await (await desktop(browser)).newPage());
      await signInAt(page, base, '/blocks/new', admin.email);
      await page.getByLabel('Loại').selectOption({ label: 'Cụm thi đua' });
      await page.getByLabel('Tên cụm').fill(cluster);
      await page.getByRole('button', { name: 'Tạo cụm thi đua' }).click();
      await poll(() => new URL(page.url()).pathname).toMatch(/^\/blocks\/[0-9a-f-]{36}$/);
      const clusterId = new URL(page.url()).pathname.split('/')[2]!;
      // The same name again, as a block: refused, naming the cluster that has it.
      await page.goto(`${base}/blocks/new`);
      await page.getByLabel('Tên khối').fill(cluster.toLowerCase());
      await page.getByRole('button', { name: 'Tạo khối thi đua' }).click();
      await poll(() =>
        page.getByText(`Tên này trùng với cụm “${cluster}” đã có`, { exact: false }).count(),
      ).toBe(1);
      for (const u of communes)
        await gql(`mutation($i: BlockMemberInput!) { addBlockMember(input: $i) { id } }`, {
          i: { blockId: clusterId, unitId: u.id, date: `${year}-01-01` },
        });

      // The cluster's page: opening its year asks for its "Trưởng cụm" and "Phó cụm".
      await page.goto(`${base}/blocks/${clusterId}`);
      const open = page.getByRole('region', { name: 'Mở năm thi đua' });
      await open.getByLabel('Năm', { exact: true }).fill(String(year));
      await poll(() => open.getByLabel('Trưởng cụm').locator('option').count()).toBe(communes.length + 1);
      await open.getByLabel('Trưởng cụm').selectOption({ label: communes[0]!.name });
      await open.getByLabel('Phó cụm').selectOption({ label: communes[1]!.name });
      expect(await page.locator('main').textContent()).not.toMatch(/Trưởng khối|Phó khối/);
      await open.getByRole('button', { name: 'Mở năm thi đua' }).click();
      await page.waitForURL(new RegExp(`/blocks/${clusterId}/years/${year}$`));

      // Its year: "Trưởng cụm: UBND xã Tả Phìn", and back to the cluster's page, never "khối" for it.
      const head = page.locator('dt', { hasText: 'Trưởng cụm' });
      await poll(() => head.count()).toBe(1);
      expect(await head.locator('xpath=following-sibling::dd[1]').textContent()).toContain(communes[0]!.name);
      await poll(() => page.locator('dt', { hasText: 'Phó cụm' }).count()).toBe(1);
      await poll(() => page.getByRole('link', { name: 'Về trang cụm' }).count()).toBe(1);
      const words = (await page.locator('main').textContent()) ?? '';
      expect(words).not.toContain('Trưởng khối');
      expect(words).not.toContain('Phó khối');
      expect(words).not.toContain('Về trang khối');
      await expectAccessible(page, "a cluster's year");
      await screenshot(page, 'cluster-year-1366');

      // Reloaded, nothing cached: from the first paint on, the cluster's year never shows a block's words, not
      // even while the cluster's kind is still being read (held back here behind the page's own query; every
      // change of the page is looked at).
      const slowKind = async (route: Route) => {
        const request = route.request();
        if ((request.postData() ?? request.url()).includes('BlockKind'))
          await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      };
      await page.route('**/graphql*', slowKind);
      await page.addInitScript(() => {
        new MutationObserver(() => {
          if (/Trưởng khối|Phó khối/.test(document.body?.textContent ?? ''))
            (window as unknown as { sawBlockWords: boolean }).sawBlockWords = true;
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(`${base}/blocks/${clusterId}/years/${year}`);
      expect(await page.locator('main').textContent()).not.toMatch(/Trưởng khối|Phó khối/);
      await poll(() => page.locator('dt', { hasText: 'Trưởng cụm' }).count()).toBe(1);
      expect(
        await page.evaluate(() => (window as unknown as { sawBlockWords?: boolean }).sawBlockWords ?? false),
      ).toBe(false);
      await page.unroute('**/graphql*', slowKind);

      // The year-end closing's dry run says why the cluster cannot close yet (its year is a draft) in its words.
      await page.goto(`${base}/year-end/${year}`);
      await page.getByRole('button', { name: 'Chạy thử' }).click();
      const clusterRow = page.getByRole('row').filter({ hasText: cluster });
      await poll(() => clusterRow.count()).toBe(1);
      const reason = (await clusterRow.textContent()) ?? '';
      expect(reason).toContain('Cụm chưa mở năm thi đua này');
      expect(reason).toContain('Trưởng cụm hoặc Sở Nội vụ mở năm ở trang năm của cụm');
      expect(reason).not.toMatch(/Khối chưa|Trưởng khối|của khối/);
      await screenshot(page, 'cluster-year-end-dry-run-1366');

      // The cluster's year before, recorded from its minutes: its flag proposal reads "Cụm bình xét", "Năm thi đua
      // của cụm", the head and deputy "đơn vị trưởng cụm, đơn vị phó cụm", never a block's words.
      const { recordPastYear } = await gql<{ recordPastYear: { id: string } }>(
        `mutation($i: RecordPastYearInput!) { recordPastYear(input: $i) { id } }`,
        {
          i: {
            blockId: clusterId,
            year: year - 1,
            memberUnitIds: communes.map((u) => u.id),
            headUnitId: communes[0]!.id,
            deputyUnitId: communes[1]!.id,
            conference: { heldOn: `${year - 1}-12-18`, place: 'Hội trường UBND xã Tả Phìn' },
            contests: [
              {
                kind: 'FLAG',
                electedUnitIds: [communes[2]!.id],
                votes: [{ unitId: communes[2]!.id, votes: 3 }],
              },
            ],
            sourceReference: `Biên bản số 09/BB-CTĐ ngày 18/12/${year - 1}`,
          },
        },
      );
      const { nominations } = await gql<{ nominations: { id: string }[] }>(
        `query($y: ID!) { nominations(emulationYearId: $y) { id } }`,
        { y: recordPastYear.id },
      );
      expect(nominations).toHaveLength(1);
      await page.goto(`${base}/nominations/${nominations[0]!.id}`);
      await poll(() => page.locator('dt', { hasText: 'Năm thi đua của cụm' }).count()).toBe(1);
      await poll(() => page.getByRole('heading', { name: 'Căn cứ từ Cụm thi đua' }).count()).toBe(1);
      const proposal = (await page.locator('main').textContent()) ?? '';
      expect(proposal).toContain('Cụm bình xét');
      expect(proposal).not.toMatch(/khối/i);
      await expectAccessible(page, "a cluster's nomination");
      await screenshot(page, 'cluster-nomination-1366');

      // A block's year, in the same session, still reads "Trưởng khối" (the words follow each page's block).
      await page.goto(`${base}${yearUrl}`);
      await poll(() => page.locator('dt', { hasText: 'Trưởng khối' }).count()).toBe(1);
      await poll(() => page.getByRole('link', { name: 'Về trang khối' }).count()).toBe(1);

      // The head commune's officer: its home's steps are those of "Trưởng cụm, Phó cụm" (the covenant to write).
      const officer = await createAccount(app, 'UNIT_OFFICER', {
        provinceId: province,
        unitId: communes[0]!.id,
      });
      const home = (last = await (await desktop(browser)).newPage());
      await signInAt(home, base, '/', officer.email);
      await poll(() =>
        home.getByRole('heading', { name: /Việc của Trưởng cụm, Phó cụm trong năm thi đua/ }).count(),
      ).toBe(1);
      expect(await home.locator('main').textContent()).not.toContain('Trưởng khối');
      await screenshot(home, 'cluster-head-home-1366');
    },
  );

  it('ends a membership only after saying what will happen', { timeout: 60_000 }, async () => {
    const page = (last = await (await phone(browser)).newPage());
    await signInAt(page, base, `/blocks/${blockId}`, admin.email);
    await page.getByRole('button', { name: `Kết thúc: ${UNITS[4]}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Kết thúc tư cách thành viên?' });
    await poll(() => dialog.getByText(/sẽ không còn là thành viên/).count()).toBe(1);
    await fillDate(dialog, 'Ngày cuối là thành viên', '2025-12-31');
    await expectAccessible(page, 'the end-membership dialog');
    await screenshot(page, 'block-end-member-390');
    // The calendar opens above the modal dialog (inside it), in Vietnamese, and a day picked on it is the date.
    await dialog.getByRole('button', { name: /^Chọn ngày trên lịch/ }).click();
    const calendar = page.getByRole('dialog', { name: 'Ngày cuối là thành viên' });
    await poll(() => calendar.getByRole('heading').textContent()).toBe('tháng 12 năm 2025');
    await screenshot(page, 'block-end-member-calendar-390');
    await calendar.getByRole('gridcell', { name: '30' }).getByRole('button').click();
    await poll(() => dateFieldValue(dialog, 'Ngày cuối là thành viên')).toBe('2025-12-30');
    await dialog.getByRole('button', { name: 'Kết thúc thành viên' }).click();
    // Before the membership began: the page refuses it beside the date, and nothing is sent.
    await poll(() => dialog.getByText('Ngày kết thúc không được trước ngày bắt đầu.').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Không, quay lại' }).click();
    await poll(() => page.getByText('Đang là thành viên').count()).toBe(5);

    // A unit that joins on 1 January next year is not yet a member today: the page says so.
    await page.getByLabel('Tìm đơn vị theo tên').fill(JOINS_NEXT_YEAR);
    const select = page.getByLabel('Đơn vị', { exact: true });
    await poll(() => select.locator('option', { hasText: JOINS_NEXT_YEAR }).count()).toBe(1);
    await select.selectOption({ label: JOINS_NEXT_YEAR });
    // The first day offered is that of the emulation year being set up: next year's from November.
    const [y, m] = new Date(Date.now() + 7 * 3600_000).toISOString().split('-').map(Number) as [
      number,
      number,
    ];
    expect(await dateFieldValue(page, 'Là thành viên từ ngày')).toBe(`${m >= 11 ? y + 1 : y}-01-01`);
    // A date left with a part rubbed out is no date: the form says so instead of sending the one it had.
    const firstDay = page.getByRole('group', { name: 'Là thành viên từ ngày', exact: true });
    await firstDay.getByRole('spinbutton').first().click();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await select.focus();
    await page.getByRole('button', { name: 'Thêm vào khối' }).click();
    await poll(() => page.getByText('Vui lòng nhập ngày hợp lệ.').count()).toBe(1);
    const nextYear = new Date().getFullYear() + 1;
    await fillDate(page, 'Là thành viên từ ngày', `${nextYear}-01-01`);
    await page.getByRole('button', { name: 'Thêm vào khối' }).click();
    const joining = page.getByRole('row', { name: new RegExp(JOINS_NEXT_YEAR) });
    await poll(() => joining.getByRole('cell', { name: 'Chưa đến ngày vào khối' }).count()).toBe(1);
    // The form says what it did, by name: the list it changed may be off the phone's screen.
    expect(await page.getByText(new RegExp(`^Đã thêm ${JOINS_NEXT_YEAR}.* vào khối\\.$`)).count()).toBe(1);
    await poll(() => page.getByText('Đang là thành viên').count()).toBe(5);
    await screenshot(page, 'block-390');
  });

  it("a province admin never sees another province's block or year", { timeout: 90_000 }, async () => {
    const page = (last = await (await desktop(browser)).newPage());
    await signInAt(page, base, '/blocks', otherAdmin.email);
    // A province with no block yet says so, not that none matches a filter nobody set.
    await poll(() =>
      // Hà Nội is a city: it reads "Thành phố".
      page
        .getByText('Thành phố chưa có khối, cụm thi đua nào. Sở Nội vụ tạo từng khối, cụm bằng nút')
        .count(),
    ).toBe(1);
    expect(await page.getByText('Không có khối, cụm nào khớp với điều kiện lọc.').count()).toBe(0);
    await screenshot(page, 'blocks-none-yet-1366');
    await page.getByLabel('Tên khối, cụm (có dấu hoặc không dấu)').fill(`tong hop ${tag}`);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await poll(() => page.getByText('Không có khối, cụm nào khớp với điều kiện lọc.').count()).toBe(1);
    for (const path of [`/blocks/${blockId}`, yearUrl, `${yearUrl}/sign`, `/blocks/${blockId}/edit`]) {
      await page.goto(`${base}${path}`);
      // The block's pages say the data is not found; a year's pages head it as an unknown page (YearNotFound).
      await poll(() =>
        page
          .getByText(
            /^(Không tìm thấy dữ liệu được yêu cầu|Không tìm thấy khối thi đua hoặc năm thi đua này)/,
          )
          .count(),
      ).toBe(1);
      expect(await page.content()).not.toContain(BLOCK);
      for (const unit of UNITS) expect(await page.content()).not.toContain(unit);
    }
  });
});
