import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, ok, provinceId, type Account, type TestApp } from '@thidua/testing';
import { expectAccessible, pageAt, screenshot, startWebApp } from './browser';

/** Pages load lazily and the API answers on a shared machine: wait up to 15 s for what a person would see. */
const WAIT = { timeout: 15_000 };

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp());
  province = await provinceId(app.dataSource, '48'); // Đà Nẵng
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface Layout {
  paper: string;
  isDefault: boolean;
  fields: { field: string; x: number; y: number; size: number; bold: boolean }[];
}
const layoutOf = async () =>
  ok(
    await app.gql<{ certificateLayout: Layout }>(
      `{ certificateLayout { paper isDefault fields { field x y size bold } } }`,
      {},
      { token: admin.token, provinceId: province },
    ),
  ).certificateLayout;

describe('the certificate blank layout', () => {
  it(
    'the secretariat sets an A3 layout (bad numbers refused beside their field), finds it after a reload, and returns to the default only after confirming',
    { timeout: 240_000 },
    async () => {
      const page = await pageAt(browser, base, '/admin', admin.email);
      await page.getByRole('link', { name: 'Bố cục in bằng, giấy khen' }).click();
      await page.waitForURL(/\/province\/certificate$/);
      await expect
        .poll(() => page.getByText('Thành phố đang dùng bố cục mặc định của hệ thống').count(), WAIT)
        .toBe(1);
      expect(
        await page.getByText('Thành phố chưa có quyết định khen thưởng nào', { exact: false }).count(),
      ).toBe(1);
      // Before its first decision the province tries its blank with sample words.
      const sample = page.getByRole('group', { name: 'Bản in thử với dữ liệu mẫu' });
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        sample.getByRole('button', { name: 'Bản in thử với dữ liệu mẫu (PDF)' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
      expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
      // No reset while the default is in use.
      expect(await page.getByRole('button', { name: 'Trở về bố cục mặc định' }).count()).toBe(0);
      await screenshot(page, 'certificate-layout-1366');
      await expectAccessible(page, 'the certificate layout page');

      const recipient = page.getByRole('group', { name: 'Tên tập thể, cá nhân được khen' });
      const signer = page.getByRole('group', { name: 'Họ tên người ký' });
      expect(await recipient.getByLabel('Cách mép trái (mm)').inputValue()).toBe('148,5');

      // Numbers outside an A4 blank, a size too small, a field left empty: refused on the page, beside each.
      await recipient.getByLabel('Cách mép trái (mm)').fill('350');
      await recipient.getByLabel('Cỡ chữ (pt)').fill('3');
      await signer.getByLabel('Cách mép trên (mm)').fill('');
      await page.getByRole('button', { name: 'Lưu bố cục' }).click();
      const left = recipient.getByLabel('Cách mép trái (mm)');
      await expect.poll(() => left.getAttribute('aria-invalid'), WAIT).toBe('true');
      expect(await recipient.textContent()).toContain(
        'Nhập khoảng cách từ 0 đến 297 mm (phôi A4 nằm ngang rộng 297 mm).',
      );
      expect(await recipient.textContent()).toContain('Nhập cỡ chữ từ 6 đến 72 pt.');
      expect(await signer.textContent()).toContain(
        'Nhập khoảng cách từ 0 đến 210 mm (phôi A4 nằm ngang cao 210 mm).',
      );
      expect(await page.getByText('Có ô chưa đúng').count()).toBe(1);
      await screenshot(page, 'certificate-layout-errors-1366');
      await expectAccessible(page, 'the certificate layout with errors');
      expect((await layoutOf()).isDefault).toBe(true);

      // On an A3 blank 350 mm from the left fits; the rest corrected.
      await page.getByLabel('Khổ phôi').selectOption('A3');
      await recipient.getByLabel('Cỡ chữ (pt)').fill('26,5');
      await signer.getByLabel('Cách mép trên (mm)').fill('260');
      await page.getByRole('button', { name: 'Lưu bố cục' }).click();
      await expect.poll(() => page.getByText('Đã lưu bố cục.').count(), WAIT).toBe(1);
      await expect.poll(() => page.getByText('Thành phố đang dùng bố cục riêng').count(), WAIT).toBe(1);
      const saved = await layoutOf();
      expect(saved.paper).toBe('A3');
      expect(saved.isDefault).toBe(false);
      expect(saved.fields.find((f) => f.field === 'recipient')).toMatchObject({
        x: 350,
        size: 26.5,
        bold: true,
      });
      expect(saved.fields.find((f) => f.field === 'signer')).toMatchObject({ y: 260 });

      // Kept after a reload.
      await page.reload();
      await expect.poll(() => page.getByText('Thành phố đang dùng bố cục riêng').count(), WAIT).toBe(1);
      expect(await page.getByLabel('Khổ phôi').inputValue()).toBe('A3');
      expect(await recipient.getByLabel('Cách mép trái (mm)').inputValue()).toBe('350');
      expect(await recipient.getByLabel('Cỡ chữ (pt)').inputValue()).toBe('26,5');
      expect(await signer.getByLabel('Cách mép trên (mm)').inputValue()).toBe('260');

      // The reset says what is lost; cancelling keeps the layout.
      await page.getByRole('button', { name: 'Trở về bố cục mặc định' }).click();
      const dialog = page.getByRole('dialog', { name: 'Trở về bố cục mặc định của hệ thống?' });
      await expect.poll(() => dialog.textContent(), WAIT).toContain('sẽ bị xóa');
      expect(await dialog.textContent()).toContain('cả 7 mục');
      expect(await dialog.textContent()).toContain('A3 nằm ngang');
      await screenshot(page, 'certificate-layout-reset-1366');
      await expectAccessible(page, 'the reset dialog');
      await dialog.getByRole('button', { name: 'Không, quay lại' }).click();
      expect((await layoutOf()).isDefault).toBe(false);

      // The phone: the same page, one column.
      const p2 = await pageAt(browser, base, '/province/certificate', admin.email, 'phone');
      await expect.poll(() => p2.getByText('Thành phố đang dùng bố cục riêng').count(), WAIT).toBe(1);
      await screenshot(p2, 'certificate-layout-390');
      await expectAccessible(p2, 'the certificate layout on a phone');
      await p2.context().close();

      await page.getByRole('button', { name: 'Trở về bố cục mặc định' }).click();
      await dialog.getByRole('button', { name: 'Trở về bố cục mặc định' }).click();
      await expect
        .poll(() => page.getByText('Đã trở về bố cục mặc định của hệ thống.').count(), WAIT)
        .toBe(1);
      expect(await layoutOf()).toMatchObject({ paper: 'A4', isDefault: true });
      await expect.poll(() => page.getByLabel('Khổ phôi').inputValue(), WAIT).toBe('A4');
      await page.context().close();
    },
  );
});
