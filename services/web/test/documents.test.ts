import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createFinishedBlock,
  docxText,
  keepDocument,
  ok,
  pdfText,
  provinceId,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';
import { expectAccessible, screenshot, startWebApp, pageAt } from './browser';

const NAMES = [
  'Văn phòng Tỉnh ủy',
  'Báo Lào Cai',
  'Ban Tuyên giáo Tỉnh ủy',
  'Ban Nội chính Tỉnh ủy',
  'Ban Tổ chức Tỉnh ủy',
];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;
let block: LockedBlock;
let periodId: string;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true }));
  province = await provinceId(app.dataSource, '15');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  block = await createFinishedBlock(app, province, NAMES, admin);
  periodId = ok(
    await app.gql<{ votingPeriods: { id: string }[] }>(
      `query($y: ID!) { votingPeriods(emulationYearId: $y) { id } }`,
      { y: block.yearId },
      { token: admin.token, provinceId: province },
    ),
  ).votingPeriods[0]!.id;
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('generated documents on the pages', () => {
  it('a member downloads the vote-count minutes as PDF and as Word from the results page', async () => {
    const page = await pageAt(browser, base, `/voting-periods/${periodId}/results`, block.officers[2]!.email);
    const group = page.getByRole('group', { name: 'Biên bản kiểm phiếu' });
    const pdfButton = group.getByRole('button', { name: 'Biên bản kiểm phiếu (PDF)' });
    await expect.poll(() => pdfButton.isVisible(), { timeout: 20_000 }).toBe(true);
    await screenshot(page, 'documents-results');
    await expectAccessible(page, 'results page with document downloads');

    const [pdf] = await Promise.all([page.waitForEvent('download'), pdfButton.click()]);
    // Saved under the document's title, in Vietnamese.
    expect(pdf.suggestedFilename()).toMatch(/^Biên bản kiểm phiếu bình xét thi đua năm \d{4} – .+\.pdf$/);
    const file = await keepDocument('web-vote-minutes', await readFile((await pdf.path())!));
    const text = (await pdfText(file)).replace(/\s+/g, ' ');
    expect(text).toContain('BIÊN BẢN KIỂM PHIẾU');
    expect(text).toContain(`Trúng cử: ${block.units[3]!.name}.`);

    const [word] = await Promise.all([
      page.waitForEvent('download'),
      group.getByRole('button', { name: 'Biên bản kiểm phiếu (Word)' }).click(),
    ]);
    expect(word.suggestedFilename()).toMatch(/\.docx$/);
    expect(await docxText(await readFile((await word.path())!))).toContain('BIÊN BẢN KIỂM PHIẾU');
    await page.context().close();
  });

  it("the head unit prints the conference's minutes from the conference page, to sign in the hall", async () => {
    const page = await pageAt(
      browser,
      base,
      `/blocks/${block.blockId}/years/2026/conference`,
      block.officers[0]!.email,
      'phone',
    );
    const group = page.getByRole('group', { name: 'Biên bản hội nghị' });
    await expect.poll(() => group.isVisible(), { timeout: 20_000 }).toBe(true);
    await screenshot(page, 'documents-conference-phone');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      group.getByRole('button', { name: 'Biên bản hội nghị (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^Biên bản Hội nghị tổng kết thi đua, khen thưởng năm 2026 – .+\.pdf$/,
    );
    const file = await keepDocument('web-conference-minutes', await readFile((await download.path())!));
    // The vote is announced: the minutes say whom it chose.
    expect((await pdfText(file)).replace(/\s+/g, ' ')).toContain(
      `Đơn vị dẫn đầu khối (đề nghị Cờ thi đua của UBND tỉnh): ${block.units[3]!.name}.`,
    );
    await page.context().close();
  });

  it("a member prints the block's submission from the block year page on a phone", async () => {
    const other = await createAccount(app, 'UNIT_OFFICER', {
      provinceId: province,
      unitId: block.units[4]!.id,
    });
    const page = await pageAt(browser, base, `/blocks/${block.blockId}/years/2026`, other.email, 'phone');
    const group = page.getByRole('group', { name: 'Tờ trình đề nghị khen thưởng' });
    await expect.poll(() => group.isVisible(), { timeout: 20_000 }).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      group.getByRole('button', { name: 'Tờ trình đề nghị khen thưởng (PDF)' }).click(),
    ]);
    // The results are published: every member of the province may read the submission.
    const file = await keepDocument('web-submission', await readFile((await download.path())!));
    expect((await pdfText(file)).replace(/\s+/g, ' ')).toContain('TỜ TRÌNH');
    await screenshot(page, 'documents-block-year-phone');
    await page.context().close();
  });
});
