import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '@thidua/domain';
import { createAccount, createUnits, ok, provinceId, type Account, type TestApp } from '@thidua/testing';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  expectTouchTargets,
  phone,
  screenshot,
  signInAt,
  startWebApp,
  pageAt,
  fillDate,
} from './browser';

/** Pages load lazily and the API answers on a shared machine: wait for what a person would see. */
const WAIT = { timeout: 20_000 };

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let other: string;
let admin: Account;
let theirUnit: { id: string; name: string };
let receiver: Server;
let answer = 503;
/** While true the receiver keeps its answers (a send in progress); `release` gives them. */
let hold = false;
const held: (() => void)[] = [];
const release = () => {
  hold = false;
  for (const answerNow of held.splice(0)) answerNow();
};

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({
    worker: true,
    queue: 'redis',
    // Private (and plain http://) receivers allowed, as in development: the receiver is on this machine. A send
    // held by the receiver is not given up while the page is looked at.
    config: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_TIMEOUT_MS: '60000' },
  }));
  [province, other] = await Promise.all([provinceId(app.dataSource, '38'), provinceId(app.dataSource, '46')]);
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  theirUnit = (await createUnits(app.dataSource, other, ['Sở Văn hóa, Thể thao và Du lịch tỉnh khác']))[0]!;
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answerNow = () => {
        res.statusCode = answer;
        res.end();
      };
      if (hold) held.push(answerNow);
      else answerNow();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
}, 120_000);

afterAll(async () => {
  release();
  await browser?.close();
  await app?.close();
  await new Promise((r) => receiver?.close(r));
});

const rowOf = (page: Page | Locator, text: string) => page.getByRole('row').filter({ hasText: text });

describe('people and access', () => {
  it(
    'a unit is created, found by a search without diacritics, given a person and an achievement, then ended after a confirmation',
    { timeout: 300_000 },
    async () => {
      const page = await pageAt(browser, base, '/units', admin.email);
      // The section is named, and its button says what it does: not the same words twice.
      await expect
        .poll(() => page.getByRole('heading', { level: 2, name: 'Đơn vị mới' }).count(), WAIT)
        .toBe(1);
      expect(await page.getByRole('heading', { name: 'Thêm đơn vị' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
      // A name too short is refused on the page, beside its field.
      await page.getByLabel('Tên đơn vị').fill('S');
      await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
      await expect.poll(() => page.getByText('Tên đơn vị cần từ 2 đến 200 ký tự.').count(), WAIT).toBe(1);
      await page.getByLabel('Tên đơn vị').fill('Sở Khoa học và Công nghệ');
      await page.getByLabel('Tên viết tắt').fill('SKHCN');
      await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
      await expect
        .poll(() => page.getByText('Đã tạo đơn vị Sở Khoa học và Công nghệ.').count(), WAIT)
        .toBe(1);
      await expectAccessible(page, 'the units page');

      // The list is searched by the API, with or without diacritics.
      await page.getByLabel('Tìm theo tên (có hoặc không dấu)').fill('khoa hoc va cong nghe');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect
        .poll(() => page.getByRole('link', { name: 'Sở Khoa học và Công nghệ' }).count(), WAIT)
        .toBe(1);
      await expect.poll(() => page.getByText(/tổng 1 mục/).count(), WAIT).toBe(1);
      await screenshot(page, 'units-1366');
      await page.getByRole('link', { name: 'Sở Khoa học và Công nghệ' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: 'Sở Khoa học và Công nghệ' }).count(), WAIT)
        .toBe(1);
      const unitUrl = page.url();

      // A person (the women rule reads them) and an achievement recorded from its decision.
      // No gender is chosen beforehand: the form asks for it.
      await page.getByLabel('Họ và tên').fill('Nguyễn Thị Lan');
      await page.getByLabel('Chức vụ').fill('Giám đốc');
      await page.getByRole('button', { name: 'Thêm cá nhân' }).click();
      await expect.poll(() => page.getByText('Hãy chọn giới tính.').count(), WAIT).toBe(1);
      await page.getByLabel('Giới tính').selectOption('FEMALE');
      await page.getByRole('button', { name: 'Thêm cá nhân' }).click();
      await expect.poll(() => rowOf(page, 'Nguyễn Thị Lan').count(), WAIT).toBe(1);
      expect(await rowOf(page, 'Nguyễn Thị Lan').textContent()).toContain('Nữ');
      await page.getByLabel('Danh hiệu, hình thức').selectOption('COLL_EXCELLENT');
      // The unit's page also records disqualified years: the year of the achievement's own form.
      await page
        .getByRole('form', { name: 'Ghi nhận thành tích' })
        .getByLabel('Năm', { exact: true })
        .fill('2024');
      await page.getByLabel('Quyết định', { exact: true }).fill('Quyết định số 45/QĐ-UBND ngày 15/01/2025');
      await page.getByRole('button', { name: 'Ghi nhận thành tích' }).click();
      await expect.poll(() => rowOf(page, 'Quyết định số 45/QĐ-UBND').count(), WAIT).toBe(1);
      expect(await rowOf(page, 'Quyết định số 45/QĐ-UBND').textContent()).toContain(
        'Tập thể lao động xuất sắc',
      );
      expect(await page.getByText('Đã ghi nhận thành tích.').count()).toBe(1);
      // The same title and year again: its decision is corrected, and the page says no row was added.
      const form = page.getByRole('form', { name: 'Ghi nhận thành tích' });
      await form.getByLabel('Năm', { exact: true }).fill('2024');
      await page.getByLabel('Quyết định', { exact: true }).fill('Quyết định số 46/QĐ-UBND ngày 15/01/2025');
      await page.getByRole('button', { name: 'Ghi nhận thành tích' }).click();
      await expect.poll(() => rowOf(page, 'Quyết định số 46/QĐ-UBND').count(), WAIT).toBe(1);
      expect(await page.getByText(/^Thành tích này \(cùng danh hiệu, cùng năm\) đã có/).count()).toBe(1);
      expect(await rowOf(page, 'Quyết định số 45/QĐ-UBND').count()).toBe(0);
      await expectAccessible(page, 'the unit page');

      // Ending it asks first and says what happens; cancelling changes nothing.
      // Enter in the date sends its form, as in any field; with a part rubbed out the date is not sent.
      const endOn = page.getByRole('group', { name: 'Ngày cuối cùng đơn vị tồn tại', exact: true });
      await fillDate(page, 'Ngày cuối cùng đơn vị tồn tại', '2026-06-30');
      await endOn.getByRole('spinbutton').first().press('Backspace');
      await endOn.getByRole('spinbutton').first().press('Backspace');
      await endOn.getByRole('spinbutton').last().press('Enter');
      await expect.poll(() => page.getByText('Chọn một ngày.').count(), WAIT).toBe(1);
      await fillDate(page, 'Ngày cuối cùng đơn vị tồn tại', '2026-06-30');
      await endOn.getByRole('spinbutton').last().press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Kết thúc đơn vị Sở Khoa học và Công nghệ?' });
      await expect.poll(() => dialog.isVisible(), WAIT).toBe(true);
      expect(await dialog.textContent()).toContain('Từ sau ngày 30/06/2026');
      await expectAccessible(page, 'the confirmation before ending a unit');
      await screenshot(page, 'unit-end-confirm-1366');
      await dialog.getByRole('button', { name: 'Không, quay lại' }).click();
      await expect.poll(() => dialog.isVisible(), WAIT).toBe(false);
      await page.getByRole('button', { name: 'Kết thúc đơn vị' }).click();
      await dialog.getByRole('button', { name: 'Kết thúc đơn vị' }).click();
      await expect.poll(() => page.getByText('Đơn vị đã kết thúc ngày 30/06/2026.').count(), WAIT).toBe(1);
      await screenshot(page, 'unit-1366');

      const id = unitUrl.split('/').at(-1)!;
      const unit = ok(
        await app.gql<{ unit: { validTo: string } }>(
          `query($id: ID!) { unit(id: $id) { validTo } }`,
          { id },
          {
            token: admin.token,
            provinceId: province,
          },
        ),
      ).unit;
      expect(unit.validTo).toBe('2026-06-30');

      // Ended units leave the default list, and come back with "include former".
      await page.goto(`${base}/units`);
      await page.getByLabel('Tìm theo tên (có hoặc không dấu)').fill('Khoa học');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect.poll(() => page.getByText('Không có đơn vị nào khớp bộ lọc.').count(), WAIT).toBe(1);
      await page.getByLabel('Gồm cả đơn vị đã kết thúc').check();
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect.poll(() => page.getByText('Đã kết thúc ngày 30/06/2026').count(), WAIT).toBe(1);

      // Another province's unit is neither listed nor opened by its address.
      await page.getByLabel('Tìm theo tên (có hoặc không dấu)').fill('tỉnh khác');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect.poll(() => page.getByText('Không có đơn vị nào khớp bộ lọc.').count(), WAIT).toBe(1);
      await page.goto(`${base}/units/${theirUnit.id}`);
      await expect
        .poll(() => page.getByText('Không tìm thấy đơn vị này trong tỉnh đang làm việc.').count(), WAIT)
        .toBe(1);
      expect(await page.getByText(theirUnit.name).count()).toBe(0);

      const small = await phone(browser);
      const p2 = await small.newPage();
      await signInAt(p2, base, new URL(unitUrl).pathname, admin.email);
      await expect.poll(() => p2.getByText('Đơn vị đã kết thúc ngày 30/06/2026.').count(), WAIT).toBe(1);
      await screenshot(p2, 'unit-390');
      await expectAccessible(p2, 'the unit page on a phone');
      await Promise.all([page.context().close(), small.close()]);
    },
  );

  it(
    'the audit log reads in words: filtered by an action chosen in words, a record followed to its page and its history',
    { timeout: 180_000 },
    async () => {
      const page = await pageAt(browser, base, '/audit', admin.email);
      const rows = page.locator('tbody tr');
      await expect.poll(() => rowOf(page, 'Sửa đơn vị').count(), WAIT).toBeGreaterThan(0);
      // Read in words, by whom: not developer codes, record ids and account ids.
      expect(await page.getByRole('cell', { name: 'unit.update' }).count()).toBe(0);
      expect(await rowOf(page, 'Sửa đơn vị').first().textContent()).toContain('Nguyễn Văn Thử');

      // The action is chosen among words, "all" first, in Vietnamese alphabetical order; the API gets the code.
      const action = page.getByLabel('Thao tác', { exact: true });
      const options = await action.locator('option').allTextContents();
      expect(options[0]).toBe('Tất cả');
      expect(options).toContain('Bỏ phiếu thay đơn vị');
      expect(options.filter((o) => /^[a-z_]+(\.[a-z_]+)+$/.test(o))).toEqual([]);
      expect(options.slice(1)).toEqual([...options.slice(1)].sort((a, b) => a.localeCompare(b, 'vi')));
      expect(await page.getByLabel('Loại đối tượng').locator('option').allTextContents()).toContain(
        'Vòng bỏ phiếu',
      );
      await action.selectOption({ label: 'Tạo đơn vị' });
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await expect.poll(() => rowOf(page, 'Sửa đơn vị').count(), WAIT).toBe(0);
      await expect.poll(() => rows.count(), WAIT).toBe(1);
      expect(await rowOf(page, 'Tạo đơn vị').count()).toBe(1);
      await screenshot(page, 'audit-filtered-1366');
      // The record is its unit, named and linked, not a bare id.
      const unitLink = rowOf(page, 'Tạo đơn vị').getByRole('link', { name: 'Sở Khoa học và Công nghệ' });
      await expect.poll(() => unitLink.count(), WAIT).toBe(1);
      const unitPath = await unitLink.getAttribute('href');
      expect(unitPath).toMatch(/^\/units\/[0-9a-f-]{36}$/);
      const unitId = unitPath!.split('/').at(-1)!;
      expect(await rowOf(page, 'Tạo đơn vị').locator('td').nth(1).textContent()).not.toContain(unitId);

      // A person's record names them and their unit in the change, in words, beside the JSON as recorded.
      await action.selectOption({ label: 'Thêm cá nhân' });
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await expect.poll(() => rowOf(page, 'Thêm cá nhân').count(), WAIT).toBe(1);
      expect(await rows.count()).toBe(1);
      const added = rowOf(page, 'Thêm cá nhân');
      // The person is named, not "a person" and an id.
      expect(await added.getByRole('link', { name: 'Nguyễn Thị Lan' }).getAttribute('href')).toMatch(
        /^\/persons\//,
      );
      await added.getByText('Xem', { exact: true }).click();
      const fact = added.locator('dl > div').filter({ has: page.locator('dt', { hasText: /^Đơn vị$/ }) });
      await expect.poll(() => fact.locator('dd').textContent(), WAIT).toBe('Sở Khoa học và Công nghệ');
      // The record as kept, keys and ids, folded away under the words.
      const raw = added.locator('details.audit-raw');
      expect(await raw.count()).toBe(1);
      expect(await raw.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await added.getByText('Dữ liệu gốc (kỹ thuật)').click();
      expect(await added.locator('pre').textContent()).toContain(`"unitId": "${unitId}"`);
      await screenshot(page, 'audit-details-1366');

      // One record's history: every action on the unit, and only on it.
      await page.getByRole('button', { name: 'Bỏ lọc' }).click();
      await expect.poll(() => rowOf(page, 'Sửa đơn vị').count(), WAIT).toBeGreaterThan(0);
      // The unit's end, in the change's words: its last day as a date, not an ISO string.
      const ended = rowOf(page, 'Sửa đơn vị');
      await ended.getByText('Xem', { exact: true }).click();
      const until = ended.locator('dl > div').filter({ has: page.locator('dt', { hasText: /^Đến ngày$/ }) });
      await expect.poll(() => until.locator('dd').allTextContents(), WAIT).toEqual(['30/06/2026']);
      await rowOf(page, 'Tạo đơn vị').getByRole('button', { name: 'Chỉ xem đối tượng này' }).click();
      await expect
        .poll(
          () =>
            page.getByText('Đang xem lịch sử của một đối tượng (Đơn vị: Sở Khoa học và Công nghệ).').count(),
          WAIT,
        )
        .toBe(1);
      await expect.poll(() => rowOf(page, 'Sửa đơn vị').count(), WAIT).toBeGreaterThan(0);
      expect(await rowOf(page, 'Thêm cá nhân').count()).toBe(0);
      expect(await rows.count()).toBe(await rows.filter({ hasText: 'Sở Khoa học và Công nghệ' }).count());
      // The banner names the record; its id stays in the address only.
      expect(new URL(page.url()).searchParams.get('entityId')).toBe(unitId);
      expect(await action.inputValue()).toBe('');

      // Followed to the unit's page, and Back to the same history.
      await rowOf(page, 'Tạo đơn vị').getByRole('link', { name: 'Sở Khoa học và Công nghệ' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: 'Sở Khoa học và Công nghệ' }).count(), WAIT)
        .toBe(1);
      expect(new URL(page.url()).pathname).toBe(unitPath);
      await page.goBack();
      await expect
        .poll(
          () =>
            page.getByText('Đang xem lịch sử của một đối tượng (Đơn vị: Sở Khoa học và Công nghệ).').count(),
          WAIT,
        )
        .toBe(1);
      await page.getByRole('button', { name: 'Xem lại toàn bộ nhật ký' }).click();
      await expect.poll(() => rowOf(page, 'Thêm cá nhân').count(), WAIT).toBeGreaterThan(0);

      expect(await page.getByRole('heading', { level: 2, name: 'Tính toàn vẹn của nhật ký' }).count()).toBe(
        1,
      );
      expect(await page.getByRole('heading', { name: 'Kiểm tra tính toàn vẹn' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
      await expect
        .poll(() => page.getByText(/Chuỗi nhật ký toàn vẹn: đã kiểm tra \d+ sự kiện/).count(), WAIT)
        .toBe(1);
      await screenshot(page, 'audit-1366');
      await expectAccessible(page, 'the audit log');

      // On a phone: the page never scrolls sideways (the table scrolls in its own region).
      const p2 = await pageAt(browser, base, '/audit', admin.email, 'phone');
      await expect.poll(() => rowOf(p2, 'Sửa đơn vị').count(), WAIT).toBeGreaterThan(0);
      await expectTouchTargets(rowOf(p2, 'Sửa đơn vị').getByText('Xem', { exact: true }), '“Xem” a change');
      await expectTouchTargets(
        rowOf(p2, 'Sửa đơn vị').getByRole('button', { name: 'Chỉ xem đối tượng này' }),
        'following one record',
      );
      await rowOf(p2, 'Sửa đơn vị').getByText('Xem', { exact: true }).click();
      // The record as kept, ids and all, opened too: still within the screen.
      const raws = await rowOf(p2, 'Sửa đơn vị').getByText('Dữ liệu gốc (kỹ thuật)').all();
      expect(raws.length).toBeGreaterThan(0);
      for (const raw of raws) await raw.click();
      await expect.poll(() => rowOf(p2, 'Sửa đơn vị').locator('pre').first().isVisible(), WAIT).toBe(true);
      await expectNoSidewaysScroll(p2, 'the audit log on a phone');
      await screenshot(p2, 'audit-390');
      await expectAccessible(p2, 'the audit log on a phone');
      await Promise.all([page.context().close(), p2.context().close()]);
    },
  );

  it(
    'a webhook receiver is added, its failed delivery stops, and a retry from the page delivers it',
    { timeout: 300_000 },
    async () => {
      const port = (receiver.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}/hooks/thidua`;
      // The same receiver written https://: it speaks plain http, so the secure connection fails (EPROTO).
      const tlsUrl = `https://127.0.0.1:${port}/hooks/thidua`;
      const page = await pageAt(browser, base, '/webhooks', admin.email);
      const address = page.getByLabel('Địa chỉ nhận (URL)');
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          const described = el?.getAttribute('aria-describedby');
          return {
            label: el?.closest('label')?.textContent ?? el?.labels?.[0]?.textContent ?? null,
            invalid: el?.getAttribute('aria-invalid') ?? null,
            description: described
              ? described
                  .split(' ')
                  .map((id) => document.getElementById(id)?.textContent)
                  .join(' ')
              : null,
          };
        });
      // Nothing filled in: the address is asked for, and the keyboard is taken to it.
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await expect
        .poll(() => page.getByText('Nhập địa chỉ nhận, bắt đầu bằng https://.').count(), WAIT)
        .toBe(1);
      await expect.poll(() => page.getByText('Chọn ít nhất một sự kiện.').count(), WAIT).toBe(1);
      expect((await focused()).label).toBe('Địa chỉ nhận (URL)');
      // An address but no event: the first event's box has the focus and reads the error out (a screen reader
      // says it on arriving there), every box marked invalid.
      await address.fill(url);
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await expect.poll(focused, WAIT).toEqual({
        label: 'Mở ký giao ước thi đua',
        invalid: 'true',
        description: 'Chọn ít nhất một sự kiện.',
      });
      expect(await page.getByText('Nhập địa chỉ nhận').count()).toBe(0);
      await screenshot(page, 'webhooks-no-event-1366');

      // A name no server has (.invalid never resolves) is refused with the reason, beside the address.
      // Every event in one press, and none in another.
      const boxes = page.getByRole('group', { name: 'Sự kiện' }).getByRole('checkbox');
      await page.getByRole('button', { name: 'Chọn tất cả sự kiện' }).click();
      await expect
        .poll(() => boxes.evaluateAll((b) => b.every((x) => (x as HTMLInputElement).checked)))
        .toBe(true);
      expect(await boxes.count()).toBe(13);
      await page.getByRole('button', { name: 'Bỏ chọn tất cả' }).click();
      await expect
        .poll(() => boxes.evaluateAll((b) => b.some((x) => (x as HTMLInputElement).checked)))
        .toBe(false);
      await address.fill('https://he-thong-nhan.invalid/hooks');
      await page.getByLabel('Đóng năm thi đua toàn tỉnh').check();
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await expect
        .poll(
          () => page.getByText(/^Không tìm thấy máy chủ có tên miền này: kiểm tra lại địa chỉ/).count(),
          WAIT,
        )
        .toBe(1);
      await address.fill(url);
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      // The key is shown once, in a message naming the address it signs for, with a button that copies it.
      const added = page.getByRole('status').filter({ hasText: `Đã thêm địa chỉ nhận ${url}.` });
      await expect.poll(() => added.count(), WAIT).toBe(1);
      expect(await added.textContent()).toContain('Khóa ký của địa chỉ này (chỉ hiện một lần');
      const key = (await added.locator('code').textContent())!;
      expect(key).toMatch(/^[\w-]{43}$/);
      // The form is emptied for the next address; the key is not inside it.
      expect(await address.inputValue()).toBe('');
      expect(await page.getByRole('form', { name: 'Thêm địa chỉ nhận' }).getByText(key).count()).toBe(0);
      await expect.poll(() => rowOf(page, url).count(), WAIT).toBeGreaterThan(0);
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      await added.getByRole('button', { name: 'Sao chép' }).click();
      await expect.poll(() => added.getByText('Đã sao chép khóa ký.').count(), WAIT).toBe(1);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
      // A browser that refuses the clipboard: the page says so and selects the key for copying by hand.
      await page.evaluate(() => {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
      });
      await added.getByRole('button', { name: 'Sao chép' }).click();
      await expect
        .poll(
          () => added.getByText(/^Trình duyệt không cho sao chép tự động: khóa đã được chọn sẵn/).count(),
          WAIT,
        )
        .toBe(1);
      expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(key);
      await screenshot(page, 'webhooks-added-1366');

      // A second receiver, the same one written https://: its key is said to be that address's.
      await address.fill(tlsUrl);
      await page.getByLabel('Đóng năm thi đua toàn tỉnh').check();
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await expect
        .poll(
          () =>
            page
              .getByRole('status')
              .filter({ hasText: `Đã thêm địa chỉ nhận ${tlsUrl}.` })
              .count(),
          WAIT,
        )
        .toBe(1);
      expect(await page.getByText(`Đã thêm địa chỉ nhận ${url}.`).count()).toBe(0);

      // The event happens: the secretariat runs the province's year-end closing (no block here, so it ends at
      // once) and its notice goes to both receivers, which keep failing.
      await page.goto(`${base}/year-end/2026`);
      await page.getByRole('button', { name: 'Bắt đầu đóng năm thi đua 2026' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Bắt đầu đóng năm' }).click();
      await expect.poll(() => page.getByText('Đã chạy xong').count(), { timeout: 60_000 }).toBe(1);
      await page.goto(`${base}/webhooks`);
      await page.getByLabel('Trạng thái').selectOption('DEAD');
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: 'Tải lại danh sách' }).click();
            return page.getByRole('button', { name: 'Gửi lại' }).count();
          },
          { timeout: 60_000, interval: 1000 },
        )
        .toBe(2);
      // Each says why in words; the error as raised is there for IT staff, folded away.
      const deliveries = page.getByRole('region', { name: 'Các lần gửi' });
      const dead = rowOf(deliveries, url);
      const tlsDead = rowOf(deliveries, tlsUrl);
      expect(await dead.textContent()).toContain('Hệ thống nhận trả lời lỗi HTTP 503');
      expect(await tlsDead.textContent()).toContain(
        'Lỗi kết nối bảo mật (TLS): địa chỉ https:// có thể đang trỏ tới máy chủ không dùng https',
      );
      const raw = tlsDead.getByText(/EPROTO/);
      expect(await raw.isVisible()).toBe(false);
      await tlsDead.getByText('Chi tiết kỹ thuật').click();
      await expect.poll(() => raw.isVisible(), WAIT).toBe(true);
      // The long text wraps: the page fits a 1366 px screen, every retry button whole within it.
      await expectNoSidewaysScroll(page, 'the webhooks page at 1366 px');
      for (const button of await page.getByRole('button', { name: 'Gửi lại' }).all()) {
        const box = (await button.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(1366);
      }
      await screenshot(page, 'webhooks-dead-1366');
      await expectAccessible(page, 'the webhooks page');

      // On a phone each delivery is a card: nothing scrolls sideways, the retry button a full touch target.
      const onPhone = await pageAt(browser, base, '/webhooks', admin.email, 'phone');
      await onPhone.getByLabel('Trạng thái').selectOption('DEAD');
      await expect.poll(() => onPhone.getByRole('button', { name: 'Gửi lại' }).count(), WAIT).toBe(2);
      await rowOf(onPhone.getByRole('region', { name: 'Các lần gửi' }), tlsUrl)
        .getByText('Chi tiết kỹ thuật')
        .click();
      await expectNoSidewaysScroll(onPhone, 'the webhooks page on a phone');
      await expectTouchTargets(onPhone.getByRole('button', { name: 'Gửi lại' }), 'retry buttons');
      expect(await onPhone.getByText(/^Bảng rộng hơn màn hình/).count()).toBe(0);
      await screenshot(onPhone, 'webhooks-dead-390');
      await expectAccessible(onPhone, 'the webhooks page on a phone');
      await onPhone.context().close();

      // Sent again: until the receiver answers, the row says a new send is queued and that the error shown is
      // the previous send's.
      answer = 204;
      hold = true;
      await dead.getByRole('button', { name: 'Gửi lại' }).click();
      await expect.poll(() => page.getByText('Đã xếp lịch gửi lại.').count(), WAIT).toBe(1);
      await page.getByLabel('Trạng thái').selectOption('');
      await expect
        .poll(async () => (await dead.textContent()) ?? '', WAIT)
        .toMatch(
          /Đã xếp lịch gửi lại, đang chờ gửi.*Lần gửi trước \([^)]+\): Hệ thống nhận trả lời lỗi HTTP 503/,
        );
      expect(await dead.textContent()).not.toContain('Số lần thử: 0');
      await screenshot(page, 'webhooks-queued-1366');
      release();
      await page.getByLabel('Trạng thái').selectOption('DELIVERED');
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: 'Tải lại danh sách' }).click();
            return rowOf(deliveries, 'Đã nhận').count();
          },
          { timeout: 60_000, interval: 1000 },
        )
        .toBe(1);
      expect(await rowOf(deliveries, 'Đã nhận').textContent()).toContain('Hệ thống nhận đã nhận (HTTP 204)');
      await screenshot(page, 'webhooks-delivered-1366');

      // A test sent from the receiver's row: said so, and listed among the deliveries as a test, received.
      await page.getByRole('button', { name: `Gửi thử tới ${url}` }).click();
      await expect
        .poll(() => page.getByText(`Đã gửi thử một sự kiện tới ${url}.`, { exact: false }).count(), WAIT)
        .toBe(1);
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: 'Tải lại danh sách' }).click();
            return rowOf(deliveries, 'Sự kiện thử').count();
          },
          { timeout: 60_000, interval: 1000 },
        )
        .toBe(1);
      expect(await rowOf(deliveries, 'Sự kiện thử').textContent()).toContain(
        'Hệ thống nhận đã nhận (HTTP 204)',
      );
      await screenshot(page, 'webhooks-test-sent-1366');
      await page.context().close();
    },
  );

  it('an officer on a phone stops the e-mails of scoring opening, and keeps the in-app notice', async () => {
    const unit = (await createUnits(app.dataSource, province, ['Sở Nông nghiệp và Môi trường']))[0]!;
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: unit.id });
    const page = await pageAt(browser, base, '/notifications/preferences', officer.email, 'phone');
    const email = page.getByRole('checkbox', { name: /^Mở chấm điểm thi đua.*Thư điện tử$/ });
    await email.waitFor(WAIT);
    // Every event of the year an officer hears of is listed, from the covenant to the block's closing, each on by
    // default; the secretariat's own (the council all voted, a dossier in, the province's closing) are not.
    expect(await page.getByRole('rowheader').allTextContents()).toEqual([
      'Mở ký giao ước thi đua',
      'Mở chấm điểm thi đua',
      'Mở bỏ phiếu',
      'Nhắc bỏ phiếu',
      'Kết thúc bỏ phiếu',
      'Công bố kết quả',
      'Hồ sơ đề nghị khen thưởng thay đổi',
      'Quyết định khen thưởng',
      'Kết thúc năm thi đua của khối, cụm',
      'Sở Nội vụ nhập thay đơn vị',
    ]);
    expect(await email.isChecked()).toBe(true);
    // Each checkbox's label is a finger's target (44 px), though the box itself is drawn smaller.
    const target = await page.locator('td > label.check').first().boundingBox();
    expect(Math.min(target!.width, target!.height)).toBeGreaterThanOrEqual(44);
    await email.uncheck();
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(() => page.getByText('Đã lưu cài đặt.').count(), WAIT).toBe(1);
    await expectNoSidewaysScroll(page, 'the notification settings');
    await screenshot(page, 'notification-preferences-390');
    await expectAccessible(page, 'the notification settings');

    await page.reload();
    await email.waitFor(WAIT);
    expect(await email.isChecked()).toBe(false);
    expect(
      await page.getByRole('checkbox', { name: /^Mở chấm điểm thi đua.*Trong ứng dụng$/ }).isChecked(),
    ).toBe(true);
    const stored = ok(
      await app.gql<{ notificationPreferences: { event: string; channel: string; enabled: boolean }[] }>(
        `{ notificationPreferences { event channel enabled } }`,
        {},
        { token: officer.token, provinceId: province },
      ),
    ).notificationPreferences;
    expect(stored.filter((p) => !p.enabled)).toEqual([
      { event: 'YEAR_SCORING_OPENED', channel: 'EMAIL', enabled: false },
    ]);
    await page.context().close();

    // English chosen on a desktop is kept with the account (its notices and e-mails are written in it), and a
    // device where the language was never switched, the phone, opens in it.
    const desk = await pageAt(browser, base, '/notifications/preferences', officer.email);
    await desk.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => desk.locator('html').getAttribute('lang')).toBe('en');
    const localeOf = async () =>
      ok(await app.gql<{ me: { locale: string } }>(`{ me { locale } }`, {}, { token: officer.token })).me
        .locale;
    await expect.poll(localeOf, WAIT).toBe('en');
    await desk.context().close();
    const phonePage = await pageAt(browser, base, '/notifications/preferences', officer.email, 'phone');
    await expect.poll(() => phonePage.locator('html').getAttribute('lang'), WAIT).toBe('en');
    await phonePage.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor(WAIT);
    await phonePage.context().close();

    // The secretariat's own: the council all voted, a dossier in, a proposal sent again, the province's closing.
    const secretariat = await pageAt(browser, base, '/notifications/preferences', admin.email, 'phone');
    await secretariat.getByRole('rowheader').first().waitFor(WAIT);
    expect(await secretariat.getByRole('rowheader').allTextContents()).toEqual([
      'Hội đồng đã biểu quyết đủ',
      'Khối, cụm gửi hồ sơ đề nghị khen thưởng',
      'Hồ sơ đề nghị khen thưởng thay đổi',
      'Quyết định khen thưởng',
      'Kết thúc năm thi đua của khối, cụm',
      'Đóng năm thi đua toàn tỉnh',
    ]);
    await secretariat.context().close();

    // The ministry's viewer hears of nothing: the page says so instead of a table of notices never sent.
    const viewer = await createAccount(app, 'NATIONAL_VIEWER');
    const viewing = await pageAt(browser, base, '/notifications/preferences', viewer.email, 'phone');
    await viewing.getByText(/^Tài khoản của bạn không nhận thông báo nào/).waitFor(WAIT);
    expect(await viewing.getByRole('checkbox').count()).toBe(0);
    await viewing.context().close();

    // The unsubscribe link of an email, opened on the phone without signing in: it asks first, then says what
    // stopped and where to turn it on again.
    const token = unsubscribeToken(
      { userId: officer.id, event: 'voting.opened', channel: 'EMAIL' },
      app.config.UNSUBSCRIBE_SECRET,
      new Date(Date.now() + 86_400_000),
    );
    const mail = await (await phone(browser)).newPage();
    await mail.goto(`${base}/unsubscribe?token=${token}`);
    await mail.getByRole('heading', { name: 'Ngừng nhận thư thông báo' }).waitFor(WAIT);
    await expectNoSidewaysScroll(mail, 'the unsubscribe question');
    await expectTouchTargets(mail.getByRole('button'), 'the unsubscribe button');
    await screenshot(mail, 'unsubscribe-ask-390');
    await mail.getByRole('button', { name: 'Ngừng nhận loại thư này' }).click();
    await mail.getByRole('heading', { name: 'Đã ngừng nhận thư' }).waitFor(WAIT);
    expect(await mail.getByText('Bạn sẽ không nhận thư điện tử về “Mở bỏ phiếu” nữa.').count()).toBe(1);
    await screenshot(mail, 'unsubscribe-done-390');
    await expectAccessible(mail, 'the unsubscribe page');
    await mail.context().close();
  });
  it("a unit's officer adds its people on its own page, for the titles they register; another unit's page offers no form", async () => {
    const [own, next] = await createUnits(app.dataSource, province, [
      'Sở Tư pháp (cá nhân)',
      'Sở Y tế (cá nhân)',
    ]);
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: own!.id });
    const page = await pageAt(browser, base, `/units/${own!.id}`, officer.email, 'phone');
    await page.getByRole('heading', { name: 'Thêm cá nhân' }).waitFor(WAIT);
    await page.getByLabel('Họ và tên').fill('Trần Thị Mai');
    await page.getByLabel('Giới tính').selectOption('FEMALE');
    await page.getByRole('button', { name: 'Thêm cá nhân' }).click();
    await expect.poll(() => page.getByText('Đã thêm Trần Thị Mai.').count(), WAIT).toBe(1);
    await page.goto(`${base}/units/${next!.id}`);
    await page.getByRole('heading', { name: 'Cá nhân', exact: true }).waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Thêm cá nhân' }).count()).toBe(0);
    await page.context().close();
  });
});
