import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createLockedBlock,
  ok,
  openBlockVote,
  provinceId,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';
import { expectAccessible, expectNoSidewaysScroll, screenshot, startWebApp, pageAt } from './browser';

const NAMES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế', 'Sở Xây dựng'];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;
let block: LockedBlock;
let flagId: string;
const report = Buffer.from('%PDF-1.4\n% Báo cáo thành tích\ntrailer << >>\n%%EOF\n');

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true }));
  province = await provinceId(app.dataSource, '15');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  block = await createLockedBlock(app, province, NAMES, admin);
  const vote = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
  await castBlockBallots(app, province, block, vote, [[3]]);
  await closeBlockVote(app, province, block.officers[0]!, vote.id);
  const head = { token: block.officers[0]!.token, provinceId: province };
  flagId = await vi.waitFor(
    async () => {
      const { nominations } = ok(
        await app.gql<{ nominations: { id: string; form: string }[] }>(
          `query($y: ID!) { nominations(emulationYearId: $y) { id form } }`,
          { y: block.yearId },
          head,
        ),
      );
      expect(nominations.length).toBeGreaterThan(0);
      return nominations.find((n) => n.form === 'FLAG_PROVINCE')!.id;
    },
    { timeout: 20_000, interval: 100 },
  );
  ok(await app.gql(`mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: vote.id }, head));
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('attachments on the pages', () => {
  it('the head unit attaches an achievement report to a proposal, is told why a wrong file is refused, and downloads it', async () => {
    const page = await pageAt(browser, base, `/nominations/${flagId}`, block.officers[0]!.email);
    const files = page.getByRole('region', { name: 'Tệp kèm đề nghị (báo cáo thành tích)' });
    await expect.poll(() => files.getByText('Chưa có tệp nào.').isVisible(), { timeout: 20_000 }).toBe(true);

    // Sending nothing is answered; the picker's button and its "no file" are Vietnamese, whatever the browser's
    // language, and the button opens the browser's file chooser.
    await files.getByRole('button', { name: 'Tải lên' }).click();
    await expect.poll(() => files.getByRole('alert').textContent()).toBe('Chọn một tệp trước khi tải lên.');
    expect(await files.getByText('Chưa chọn tệp', { exact: true }).isVisible()).toBe(true);
    // The input lies over the drawn button: a click on the button is a click on the input.
    const input = files.getByLabel(/Chọn tệp PDF, DOCX, XLSX, JPEG hoặc PNG, tối đa 20 MB/);
    const [button, over] = await Promise.all([
      files.getByText('Chọn tệp…', { exact: true }).boundingBox(),
      input.boundingBox(),
    ]);
    expect(over).toEqual(button);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), input.click()]);
    await chooser.setFiles({
      name: 'trang.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('<html></html>'),
    });
    expect(await files.getByText('trang.pdf', { exact: true }).isVisible()).toBe(true);
    await files.getByRole('button', { name: 'Tải lên' }).click();
    await expect
      .poll(() => files.getByRole('alert').textContent(), { timeout: 20_000 })
      .toBe('Chỉ nhận tệp PDF, DOCX, XLSX, JPEG, PNG; nội dung tệp “trang.pdf” không thuộc các loại này.');

    await input.setInputFiles({
      name: 'Báo cáo thành tích.pdf',
      mimeType: 'application/pdf',
      buffer: report,
    });
    await files.getByRole('button', { name: 'Tải lên' }).click();
    await expect
      .poll(() => files.getByRole('status').textContent(), { timeout: 20_000 })
      .toBe('Đã tải lên “Báo cáo thành tích.pdf”.');
    // Sent, the picker is empty again for the next file.
    expect(await files.getByText('Chưa chọn tệp', { exact: true }).isVisible()).toBe(true);
    const link = files.getByRole('button', { name: 'Báo cáo thành tích.pdf', exact: true });
    await expect.poll(() => link.isVisible(), { timeout: 20_000 }).toBe(true);
    await screenshot(page, 'attachments-nomination-desktop');
    await expectAccessible(page, 'the nomination page with its files');
    // On a phone the file, its facts and its removal stay within the screen.
    const small = await pageAt(browser, base, `/nominations/${flagId}`, block.officers[0]!.email, 'phone');
    const onPhone = small.getByRole('region', { name: 'Tệp kèm đề nghị (báo cáo thành tích)' });
    const remove = onPhone.getByRole('button', { name: 'Xóa tệp – Báo cáo thành tích.pdf' });
    await remove.waitFor({ timeout: 20_000 });
    expect(await remove.evaluate((el) => el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
    await expectNoSidewaysScroll(small, 'the nomination page with its files on a phone');
    await screenshot(small, 'attachments-nomination-390');
    await small.context().close();

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Báo cáo thành tích.pdf');
    expect((await readFile((await download.path())!)).equals(report)).toBe(true);
    await page.context().close();
  });

  it("the block year's page lists the dossier's and the conference's files, and the secretariat may attach", async () => {
    const page = await pageAt(browser, base, `/blocks/${block.blockId}/years/2026`, admin.email);
    const dossier = page.getByRole('region', { name: 'Tệp trong hồ sơ của khối' });
    const conference = page.getByRole('region', { name: 'Tệp của hội nghị (biên bản quét, ảnh)' });
    await expect
      .poll(() => dossier.getByText('Chưa có tệp nào.').isVisible(), { timeout: 20_000 })
      .toBe(true);
    await expect
      .poll(() => conference.getByRole('button', { name: 'Tải lên' }).isVisible(), { timeout: 20_000 })
      .toBe(true);
    await screenshot(page, 'attachments-block-year-desktop');
    await page.context().close();
  });

  it('the secretariat downloads the statutory statistics from the year-end page', async () => {
    const page = await pageAt(browser, base, '/year-end/2026', admin.email);
    const button = page.getByRole('button', { name: 'Tải biểu thống kê 0601–0605 (XLSX)' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^Thống kê TĐKT .* 2026 \(biểu 0601-0605\)\.xlsx$/);
    await screenshot(page, 'statistics-year-end-desktop');
    // A year before today's Lào Cai began is its former provinces' to close and report: said, nothing offered.
    await page.goto(`${base}/year-end/2024`);
    await expect
      .poll(() =>
        page.getByText(/^Năm 2024 trước khi tỉnh Lào Cai hiện nay bắt đầu \(01\/07\/2025\)/).count(),
      )
      .toBe(1);
    expect(await page.getByRole('button', { name: /Bắt đầu đóng năm|Chạy thử|Tải biểu/ }).count()).toBe(0);
    await screenshot(page, 'year-end-before-province-desktop');
    await page.context().close();
  });
});
