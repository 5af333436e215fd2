import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import { createAccount, createUnits, provinceId, type Account, type TestApp } from '@thidua/testing';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  expectTouchTargets,
  screenshot,
  startWebApp,
  pageAt,
} from './browser';

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;

const HEADER = ['Tên đơn vị', 'Tên viết tắt', 'Loại hình', 'Hiệu lực từ', 'Hiệu lực đến'];

async function workbook(rows: string[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Đơn vị');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Chooses a CSV file (UTF-8 with a BOM, as Excel saves it) and asks for its check. */
async function checkCsv(page: Page, name: string, csv: string) {
  await checkCsvAs(page, name, csv, { file: 'Tệp dữ liệu (.xlsx hoặc .csv)', check: 'Kiểm tra tệp' });
}

/** The same, the field and the button named in the page's language. */
async function checkCsvAs(page: Page, name: string, csv: string, labels: { file: string; check: string }) {
  await page
    .getByLabel(labels.file)
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
  await page.getByRole('button', { name: labels.check }).click();
}

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp());
  province = await provinceId(app.dataSource, '20');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  await createUnits(app.dataSource, province, ['Sở Tài chính']);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the import page', () => {
  it('checks a file, shows each problem by row and column, then imports the fixed file with its progress', async () => {
    const page = await pageAt(browser, base, '/import', admin.email);
    await expect.poll(() => page.getByRole('heading', { name: 'Nhập dữ liệu từ bảng tính' }).count()).toBe(1);
    const template = page.getByRole('link', { name: 'tải tệp Excel' });
    expect(await template.getAttribute('href')).toBe('/import/templates/units.xlsx');

    await page.getByLabel('Tệp dữ liệu (.xlsx hoặc .csv)').setInputFiles({
      name: 'don-vi.xlsx',
      mimeType: XLSX,
      buffer: await workbook([
        ['Văn phòng Tỉnh ủy', 'VPTU', 'Cơ quan Đảng', '01/07/2025', ''],
        ['Sở Tai chinh', '', 'Cơ quan nhà nước', '', ''],
        ['Báo Lạng Sơn', '', 'Báo chí', '30/02/2025', ''],
      ]),
    });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const table = page.getByRole('table', { name: 'Các lỗi theo dòng và cột' });
    await table.waitFor();
    await expect.poll(() => page.getByText('Tệp có 2 lỗi. Chưa có gì được ghi').count()).toBe(1);
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').slice(0, 2))).toEqual([
      ['3', 'Tên đơn vị'],
      ['4', 'Hiệu lực từ'],
    ]);
    expect(rows[1]).toContain('chỉ khác đơn vị đã có "Sở Tài chính" ở dấu');
    expect(await page.getByRole('button', { name: 'Xác nhận nhập' }).count()).toBe(0);
    await expectAccessible(page, 'the import page with problems');
    await screenshot(page, 'import-problems-desktop');

    await page.getByLabel('Tệp dữ liệu (.xlsx hoặc .csv)').setInputFiles({
      name: 'don-vi.xlsx',
      mimeType: XLSX,
      buffer: await workbook([
        ['Văn phòng Tỉnh ủy', 'VPTU', 'Cơ quan Đảng', '01/07/2025', ''],
        ['Sở Tài chính', 'STC', 'Cơ quan nhà nước', '', ''],
        ['Báo Lạng Sơn', '', 'Báo chí', '28/02/2025', ''],
      ]),
    });
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByText('Tệp không có lỗi. Nếu xác nhận: 2 thêm mới, 1 cập nhật, 0 không đổi.').waitFor();
    // The keyboard is taken to what the check found (the button pressed was disabled meanwhile).
    const focusedHeading = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await expect.poll(focusedHeading).toMatch(/^Tệp don-vi\.xlsx: 3 dòng dữ liệu/);
    await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
    await page.getByText('Đã nhập xong: 2 thêm mới, 1 cập nhật, 0 không đổi.').waitFor();
    await expect.poll(focusedHeading).toMatch(/don-vi\.xlsx/);
    await expectAccessible(page, 'the import page after the import');
    await screenshot(page, 'import-done-desktop');
    const names = await runInTenant(app.dataSource, province, async () =>
      (await currentManager()).query(`SELECT name FROM unit ORDER BY name`),
    );
    expect(names).toEqual([
      { name: 'Báo Lạng Sơn' },
      { name: 'Sở Tài chính' },
      { name: 'Văn phòng Tỉnh ủy' },
    ]);
    // After a reload the page's result is gone; the history keeps what was imported, when and by whom.
    await page.reload();
    const history = page.getByRole('table', { name: 'Các lần nhập gần đây' });
    await expect.poll(() => history.getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    const line = await history.getByRole('row').nth(1).innerText();
    for (const part of [
      'Đơn vị',
      'don-vi.xlsx',
      'Nguyễn Văn Thử',
      'Xong: 2 thêm mới, 1 cập nhật, 0 không đổi',
    ])
      expect(line).toContain(part);
    await expectAccessible(page, 'the import history');
    await screenshot(page, 'import-history-desktop');
    await page.context().close();
  });

  it('a file fixed on disk after its check is asked for again, not sent as a network failure; another kind forgets it', async () => {
    const page = await pageAt(browser, base, '/import', admin.email);
    const dir = await mkdtemp(join(tmpdir(), 'thidua-import-'));
    const path = join(dir, 'don-vi-sua.xlsx');
    await writeFile(path, await workbook([['Sở Tư pháp', '', 'Loại không có', '', '']]));
    const picker = page.getByLabel('Tệp dữ liệu (.xlsx hoặc .csv)');
    const check = page.getByRole('button', { name: 'Kiểm tra tệp' });
    await picker.setInputFiles(path);
    await check.click();
    await page.getByText('Tệp có 1 lỗi. Chưa có gì được ghi').waitFor();
    // Fixed and saved where it was: the browser will not send it again as chosen.
    await writeFile(path, await workbook([['Sở Tư pháp', '', 'Cơ quan nhà nước', '', '']]));
    await check.click();
    await page
      .getByText(
        'Không đọc được tệp “don-vi-sua.xlsx”: tệp đã được sửa, chuyển chỗ hoặc xóa sau khi chọn. Chọn lại tệp rồi bấm “Kiểm tra tệp”.',
      )
      .waitFor();
    // The old result is gone, and the picker has the focus, to choose the same file again.
    expect(await page.getByRole('table', { name: 'Các lỗi theo dòng và cột' }).count()).toBe(0);
    expect(await page.getByText('Không kết nối được máy chủ').count()).toBe(0);
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);
    await picker.setInputFiles(path);
    await check.click();
    await page.getByText('Tệp không có lỗi. Nếu xác nhận: 1 thêm mới, 0 cập nhật, 0 không đổi.').waitFor();
    await screenshot(page, 'import-rechecked-desktop');
    // Another kind: its address, and no file chosen for the units left behind.
    await page.getByLabel('Loại dữ liệu').selectOption({ label: '4. Cá nhân' });
    await expect.poll(() => new URL(page.url()).search).toBe('?kind=persons');
    await check.click();
    await page.getByText('Chọn tệp cần nhập.').waitFor();
    expect(await page.getByText(/^Tệp don-vi-sua\.xlsx/).count()).toBe(0);
    await page.context().close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes unit kinds as the unit form names them, and says what is wrong with an empty file or one that is not a workbook', async () => {
    const page = await pageAt(browser, base, '/import', admin.email);
    const file = page.getByLabel('Tệp dữ liệu (.xlsx hoặc .csv)');
    const check = page.getByRole('button', { name: 'Kiểm tra tệp' });
    // Each kind typed exactly as the unit form shows it (an en dash in "chính trị – xã hội").
    await file.setInputFiles({
      name: 'don-vi.xlsx',
      mimeType: XLSX,
      buffer: await workbook([
        ['Hội Liên hiệp Phụ nữ tỉnh', '', 'Tổ chức chính trị – xã hội', '', ''],
        ['Ủy ban nhân dân xã Đồng Đăng', '', 'Địa phương (xã, phường)', '', ''],
        ['Đài Phát thanh và Truyền hình tỉnh', '', 'Cơ quan báo chí', '', ''],
      ]),
    });
    await check.click();
    await page.getByText('Tệp không có lỗi. Nếu xác nhận: 3 thêm mới, 0 cập nhật, 0 không đổi.').waitFor();

    await file.setInputFiles({ name: 'don-vi.xlsx', mimeType: XLSX, buffer: Buffer.alloc(0) });
    await check.click();
    const refusal = page.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toBe('Tệp trống (0 byte): hãy chọn tệp đã điền dữ liệu.');
    await screenshot(page, 'import-empty-desktop');

    // A text (a list copied from an email) saved under a workbook's name.
    await file.setInputFiles({
      name: 'don-vi.xlsx',
      mimeType: XLSX,
      buffer: Buffer.from('Danh sách đơn vị gửi Sở Nội vụ\nSở Tài chính\n'),
    });
    await check.click();
    await expect
      .poll(() => refusal.textContent())
      .toMatch(
        /^Không đọc được tệp như một bảng tính Excel \(\.xlsx\): tệp hỏng hoặc không phải tệp Excel\./,
      );
    expect(await page.getByText(/Thiếu cột/).count()).toBe(0);
    await expectAccessible(page, 'the import page refusing a file');
    await screenshot(page, 'import-not-excel-desktop');
    await page.context().close();
  });

  it("says, before anything is written, whom a file makes a unit's head and whom that replaces", async () => {
    await runInTenant(app.dataSource, province, async () =>
      (await currentManager()).query(
        `INSERT INTO person (province_id, unit_id, full_name, full_name_search, gender, heads_unit)
         SELECT $1, id, 'Hoàng Văn Định', 'hoang van dinh', 'MALE', true FROM unit WHERE name = 'Sở Tài chính'`,
        [province],
      ),
    );
    const page = await pageAt(browser, base, '/import?kind=persons', admin.email);
    await expect.poll(() => page.getByLabel('Loại dữ liệu').inputValue()).toBe('persons');
    await checkCsv(
      page,
      'ca-nhan.csv',
      'Họ và tên,Đơn vị,Giới tính,Chức vụ,Thủ trưởng đơn vị\r\nLương Thị Hạnh,Sở Tài chính,Nữ,Giám đốc,Có\r\n',
    );
    await expect
      .poll(() => page.getByText('Tệp không có lỗi.', { exact: false }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(
      await page
        .getByRole('listitem')
        .filter({
          hasText: 'Sở Tài chính: Lương Thị Hạnh (dòng 2) sẽ là thủ trưởng đơn vị, thay Hoàng Văn Định.',
        })
        .count(),
    ).toBe(1);
    await screenshot(page, 'import-head-replaced-1366');
    await page.context().close();
  });

  it('reads on a phone', async () => {
    // Found from the people's list, with the kind already chosen.
    const page = await pageAt(browser, base, '/persons', admin.email, 'phone');
    // The page's own link (the empty list offers another, to the same place).
    await page.getByRole('link', { name: 'Nhập từ bảng tính' }).first().click();
    await expect.poll(() => page.getByLabel('Loại dữ liệu').inputValue()).toBe('persons');
    await expectTouchTargets(page.getByRole('link', { name: /^tải tệp (Excel|CSV)$/ }), 'the templates');
    await page.getByLabel('Loại dữ liệu').selectOption('memberships');
    await checkCsv(
      page,
      'thanh-vien.csv',
      'Khối,Đơn vị,Từ ngày\r\nKhối các cơ quan Đảng,Văn phòng Tỉnh ủy,01/01/2025\r\n',
    );
    await page.getByRole('table', { name: 'Các lỗi theo dòng và cột' }).waitFor();
    expect(
      await page
        .getByText(
          'Chưa có khối, cụm "Khối các cơ quan Đảng" trong danh sách: thêm khối, cụm đó trước, rồi nhập lại tệp.',
        )
        .count(),
    ).toBe(1);
    await expectAccessible(page, 'the import page on a phone');
    await screenshot(page, 'import-problems-phone');
    await expectNoSidewaysScroll(page, 'the import page with its history on a phone');
    await page.context().close();
  });

  it('in English, says the problems and the notes in English (the column as the template names it)', async () => {
    // An account of its own: English is kept with the account, and the other tests read the page in Vietnamese.
    const reader = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const page = await pageAt(browser, base, '/import', reader.email);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel('Data file (.xlsx or .csv)').setInputFiles({
      name: 'units.xlsx',
      mimeType: XLSX,
      buffer: await workbook([
        ['Sở Công Thương', '', 'Cơ quan nhà nước', '31/02/2025', ''],
        ['Sở tài chính', '', 'Cơ quan nhà nước', '', ''],
      ]),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const table = page.getByRole('table', { name: 'Problems by row and column' });
    await table.waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t'))).toEqual([
      ['2', 'Hiệu lực từ', '"31/02/2025" is not a valid date: write day/month/year, for example 01/07/2025.'],
      [
        '3',
        'Tên đơn vị',
        '"Sở tài chính" differs from the existing unit "Sở Tài chính" only in accents, capitals, spacing or ' +
          'look-alike characters: write it exactly as "Sở Tài chính".',
      ],
    ]);
    // Marked as English, the template's headers as Vietnamese (a screen reader reads each in its language).
    expect(await table.locator('tbody td[lang="en"]').count()).toBe(2);
    expect(await table.locator('tbody td[lang="vi"]').allInnerTexts()).toEqual(['Hiệu lực từ', 'Tên đơn vị']);
    await expectAccessible(page, 'the import page in English with problems');
    await screenshot(page, 'import-problems-english-desktop');

    // What the counts do not say, in English too.
    await page.getByLabel('What to import').selectOption('persons');
    await checkCsvAs(
      page,
      'people.csv',
      'Họ và tên,Đơn vị,Giới tính,Chức vụ,Thủ trưởng đơn vị\r\nLương Thị Hạnh,Sở Tài chính,Nữ,Giám đốc,Có\r\n',
      { file: 'Data file (.xlsx or .csv)', check: 'Check the file' },
    );
    const note = page.getByRole('listitem').filter({
      hasText: 'Sở Tài chính: Lương Thị Hạnh (row 2) will be the head of the unit, replacing Hoàng Văn Định.',
    });
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.getAttribute('lang')).toBe('en');
    await page.context().close();
  });
  it("says in the history why an import wrote nothing, in the reader's language: cut off by its server, or refused", async () => {
    const reader = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const failed = async (file: string, minutesAgo: number, error: string | null, english: string | null) =>
      runInTenant(app.dataSource, province, async () =>
        (await currentManager()).query(
          `INSERT INTO import_job (province_id, kind, file_name, checksum, size_bytes, content, total_rows, status,
                                   error, error_english, checked_by, confirmed_by, confirmed_at, updated_at)
           VALUES ($1, 'UNITS', $2, $3, 0, '', 1, $4, $5, $6, $7, $7,
                   now() - make_interval(mins => $8), now() - make_interval(mins => $8))`,
          [
            province,
            file,
            'a'.repeat(64),
            error ? 'FAILED' : 'RUNNING',
            error,
            english,
            reader.id,
            minutesAgo,
          ],
        ),
      );
    // Still RUNNING, not heard from for ten minutes: its gateway stopped, and its transaction with it.
    await failed('bi-gian-doan.xlsx', 10, null, null);
    await failed(
      'trung-lap.xlsx',
      8,
      'Dữ liệu vừa bị thay đổi cùng lúc (trùng hoặc chồng thời gian): kiểm tra lại tệp rồi nhập lại. Không có gì được ghi.',
      'The data was changed at the same time (a duplicate or overlapping dates): check the file again, then import it. Nothing was written.',
    );
    // Recorded before failures had their English.
    await failed(
      'loi-he-thong.xlsx',
      6,
      'Nhập không thành công vì lỗi hệ thống (đã ghi nhật ký). Không có gì được ghi; hãy thử lại.',
      null,
    );
    const page = await pageAt(browser, base, '/import', reader.email);
    const history = page.getByRole('table', { name: 'Các lần nhập gần đây' });
    // The row of a file, in the history whatever its language.
    const outcome = (file: string) => page.getByRole('row').filter({ hasText: file });
    await history.waitFor();
    await expect.poll(() => outcome('bi-gian-doan.xlsx').count(), { timeout: 10_000 }).toBe(1);
    expect(await outcome('bi-gian-doan.xlsx').innerText()).toContain(
      'Không thành công – Nhập bị gián đoạn vì máy chủ dừng giữa chừng; không có gì được ghi. Hãy kiểm tra lại tệp rồi nhập lại.',
    );
    expect(await outcome('trung-lap.xlsx').innerText()).toContain(
      'Không thành công – Dữ liệu vừa bị thay đổi cùng lúc',
    );

    await page.getByRole('button', { name: 'Switch to English' }).click();
    const english = page.getByRole('table', { name: 'Recent imports' });
    await expect.poll(() => english.count()).toBe(1);
    expect(await outcome('bi-gian-doan.xlsx').innerText()).toContain(
      'Failed – The import was interrupted: the server stopped part-way; nothing was written.',
    );
    expect(await outcome('trung-lap.xlsx').innerText()).toContain(
      'Failed – The data was changed at the same time (a duplicate or overlapping dates)',
    );
    // Only in Vietnamese, and marked so for a screen reader.
    const old = outcome('loi-he-thong.xlsx').locator('[lang="vi"]');
    expect(await old.innerText()).toBe(
      'Nhập không thành công vì lỗi hệ thống (đã ghi nhật ký). Không có gì được ghi; hãy thử lại.',
    );
    await expectAccessible(page, 'the import history in English with failures');
    await screenshot(page, 'import-history-failures-english');
    await page.context().close();
  });
});
