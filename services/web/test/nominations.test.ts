import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createFinishedBlock,
  keepDocument,
  ok,
  pdfText,
  provinceId,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';
import {
  dateFieldValue,
  desktop,
  expectAccessible,
  expectNoSidewaysScroll,
  fillDate,
  pageAt,
  phone,
  PHONE,
  screenshot,
  signInAt,
  startWebApp,
} from './browser';

const NAMES = [
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Sở Y tế',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Giáo dục và Đào tạo',
];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;
let otherAdmin: Account;
let council: Account[];
let block: LockedBlock;
let page: Page;

type Nomination = { id: string; form: string; status: string; unitId: string };
const nominations = async () =>
  ok(
    await app.gql<{ nominations: Nomination[] }>(
      `query($y: ID!) { nominations(emulationYearId: $y) { id form status unitId } }`,
      { y: block.yearId },
      { token: admin.token, provinceId: province },
    ),
  ).nominations;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true, queue: 'redis' }));
  province = await provinceId(app.dataSource, '01'); // Hà Nội
  const other = await provinceId(app.dataSource, '79'); // TP. Hồ Chí Minh
  [admin, otherAdmin, ...council] = await Promise.all([
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: province }),
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: other }),
    ...[1, 2, 3].map(() => createAccount(app, 'COUNCIL_MEMBER', { provinceId: province })),
  ]);
  // Set-up through the API: the block voted, the engine proposed, the head unit submitted the dossier.
  block = await createFinishedBlock(app, province, NAMES, admin);
  page = await (await desktop(browser)).newPage();
  await signInAt(page, base, '/nominations', admin.email);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Opens the step's dialog, checks it says what will happen, fills the reason when asked, confirms. */
async function step(button: string, title: string, says: string, reason?: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect.poll(() => dialog.textContent()).toContain(says);
  if (reason !== undefined) {
    const box = dialog.getByRole('textbox').last();
    // Enter in a note is a new line, not the confirmation (a dialog confirms on Enter in a one-line field only).
    const before = await box.inputValue();
    await box.press('Control+End');
    await box.press('Enter');
    expect(await box.inputValue()).toBe(`${before}\n`);
    await box.fill(reason);
  }
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

describe("the secretariat's nominations, council and decisions", () => {
  it(
    'works the queue: the explanation line by line, appraise, return with a reason, defer',
    { timeout: 120_000 },
    async () => {
      const all = await nominations();
      expect(all.map((n) => n.status)).toEqual(all.map(() => 'SUBMITTED'));
      const flag = all.find((n) => n.form === 'FLAG_PROVINCE')!;
      const [meritA, meritB] = all.filter((n) => n.form === 'MERIT_PROVINCE');

      // The queue, by state and form, filtered by the server.
      await page.getByRole('heading', { name: 'Hồ sơ đề nghị khen thưởng' }).waitFor();
      await expect.poll(() => page.locator('tbody tr').count()).toBe(all.length);
      // Each state's tab says how many it holds.
      const tabs = page.getByRole('navigation', { name: 'Trạng thái hồ sơ' });
      await expect
        .poll(() => tabs.getByRole('link', { name: `Đã gửi hồ sơ (${all.length})` }).count())
        .toBe(1);
      expect(await tabs.getByRole('link', { name: 'Trình Hội đồng (0)' }).count()).toBe(1);
      await screenshot(page, 'nominations-queue-1366');
      await expectAccessible(page, 'the nominations queue');
      await page.getByLabel('Hình thức').selectOption('FLAG_PROVINCE');
      await page.waitForURL(/form=FLAG_PROVINCE/);
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await expect.poll(() => tabs.getByRole('link', { name: 'Đã gửi hồ sơ (1)' }).count()).toBe(1);
      await page.getByRole('link', { name: new RegExp(NAMES[3]!) }).click();
      await page.waitForURL((u) => u.pathname === `/nominations/${flag.id}`);

      // The explanation, each line with the rule behind it in words.
      const explanation = page.getByRole('table', { name: /Giải trình của hệ thống/ });
      await expect.poll(() => explanation.locator('tbody tr').count()).toBeGreaterThan(0);
      await expect.poll(() => explanation.textContent()).toContain('R1');
      await expect.poll(() => explanation.textContent()).toContain('Đối tượng đề nghị Cờ thi đua');
      // The block's grounds: the votes against all members, the round, the score and rank, the minutes a click away.
      const grounds = page.getByRole('region', { name: 'Căn cứ từ Khối thi đua' });
      await expect
        .poll(() => grounds.textContent())
        .toMatch(/(\d+)\/\1 phiếu \(100% tổng số thành viên\), vòng 1/);
      expect(await grounds.textContent()).toMatch(/điểm, xếp thứ \d+\/\d+ đơn vị/);
      expect(await grounds.getByRole('link', { name: 'Xem biên bản kiểm phiếu' }).count()).toBe(1);
      await step('Bắt đầu thẩm định', 'Bắt đầu thẩm định hồ sơ?', 'Đang thẩm định');
      await expect.poll(() => page.locator('.facts .status').textContent()).toBe('Đang thẩm định');
      // The step's button is gone: the focus is not left on the page's body.
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toMatch(/^H[1-3]$/);
      await screenshot(page, 'nomination-appraisal-1366');
      await expectAccessible(page, 'the nomination in appraisal');
      // No achievement report is attached: the dialog says so before the proposal goes to the council.
      await step(
        'Trình Hội đồng',
        'Trình Hội đồng Thi đua – Khen thưởng?',
        'Hồ sơ chưa kèm báo cáo thành tích',
      );
      await expect.poll(() => page.locator('.facts .status').textContent()).toBe('Trình Hội đồng');
      // The way on is said: the council's session, opened on the council's page.
      await expect
        .poll(() => page.getByText(/^Hồ sơ đã trình Hội đồng\. Bước tiếp theo: mở phiên biểu quyết/).count())
        .toBe(1);
      expect(
        await page.getByRole('link', { name: 'Mở phiên biểu quyết ở trang Hội đồng' }).getAttribute('href'),
      ).toBe('/council');
      await screenshot(page, 'nomination-put-to-council-1366');
      // The unit follows its proposal from its home page (it has no list of the province's nominations).
      const officer = block.officers[block.units.findIndex((u) => u.id === flag.unitId)]!;
      const unitHome = await pageAt(browser, base, '/', officer.email, 'phone');
      const own = unitHome.getByRole('region', { name: /^Đề nghị khen thưởng của đơn vị/ });
      await expect
        .poll(() => own.getByRole('link').first().textContent(), { timeout: 15_000 })
        .toMatch(new RegExp(`^Xem: ${NAMES[3]}.* – Cờ thi đua của UBND thành phố · .+: Trình Hội đồng$`));
      expect(await own.getByRole('link').first().getAttribute('href')).toBe(`/nominations/${flag.id}`);
      await screenshot(unitHome, 'home-unit-proposals-390');
      await unitHome.context().close();

      // Return with a reason: without one the dialog refuses, beside the field.
      await page.goto(`${base}/nominations/${meritA!.id}`);
      await step('Bắt đầu thẩm định', 'Bắt đầu thẩm định hồ sơ?', 'Đang thẩm định');
      await page.getByRole('button', { name: 'Trả lại để bổ sung', exact: true }).click();
      const back = page.getByRole('dialog', { name: 'Trả lại hồ sơ để bổ sung?' });
      await back.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
      await expect.poll(() => back.getByText('Vui lòng ghi lý do (ít nhất 3 ký tự).').count()).toBe(1);
      await screenshot(page, 'nomination-return-dialog-1366');
      await expectAccessible(page, 'the return dialog with an error');
      await back
        .getByLabel('Lý do (gửi cho đơn vị)')
        .fill('Thiếu báo cáo thành tích có xác nhận của thủ trưởng');
      await back.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
      await expect.poll(() => page.getByText(/Thiếu báo cáo thành tích/).count()).toBe(1);
      await expect.poll(() => page.locator('.facts .status').textContent()).toBe('Trả lại để bổ sung');

      // Defer (R8): the open inspection is recorded on the unit in the same step.
      await page.goto(`${base}/nominations/${meritB!.id}`);
      await step('Bắt đầu thẩm định', 'Bắt đầu thẩm định hồ sơ?', 'Đang thẩm định');
      await page.getByRole('button', { name: 'Hoãn xét', exact: true }).click();
      const defer = page.getByRole('dialog', { name: 'Hoãn xét khen thưởng?' });
      await defer.getByLabel('Loại vụ việc đang mở').selectOption('INSPECTION');
      await defer.getByLabel(/Nội dung/).fill('Quyết định thanh tra số 45/QĐ-TTr ngày 03/6/2026');
      await defer.getByRole('button', { name: 'Hoãn xét' }).click();
      await expect.poll(() => page.locator('.facts .status').textContent()).toBe('Hoãn xét');
      const deferrals = ok(
        await app.gql<{ unit: { deferrals: { reason: string; note: string }[] } }>(
          `query($u: ID!) { unit(id: $u) { deferrals { reason note } } }`,
          { u: meritB!.unitId },
          { token: admin.token, provinceId: province },
        ),
      ).unit.deferrals;
      expect(deferrals).toEqual([
        { reason: 'INSPECTION', note: 'Quyết định thanh tra số 45/QĐ-TTr ngày 03/6/2026' },
      ]);
      // While the inspection is open, the appraisal does not resume: the page says where to close it.
      await page.getByRole('button', { name: 'Bắt đầu thẩm định', exact: true }).click();
      const resume = page.getByRole('dialog', { name: 'Bắt đầu thẩm định hồ sơ?' });
      await resume.getByRole('button', { name: 'Bắt đầu thẩm định', exact: true }).click();
      await expect.poll(() => resume.textContent()).toContain('chưa khép lại');
      await resume.getByRole('button', { name: 'Không, quay lại' }).click();
      // The unit's page lists the open matter; the secretariat closes it there.
      await page.goto(`${base}/units/${meritB!.unitId}`);
      const card = page.getByRole('region', { name: 'Hoãn xét và không đủ điều kiện khen thưởng' });
      // A unit's page is reached from the administration page: the menu says where the person is.
      await expect
        .poll(() =>
          page
            .getByRole('navigation', { name: 'Điều hướng chính' })
            .getByRole('link', { name: 'Quản trị' })
            .getAttribute('aria-current'),
        )
        .toBe('page');
      await expect
        .poll(() =>
          card
            .getByRole('cell', { name: 'Quyết định thanh tra số 45/QĐ-TTr ngày 03/6/2026', exact: true })
            .count(),
        )
        .toBe(1);
      await expect.poll(() => card.getByText('Đang mở', { exact: true }).count()).toBe(1);
      // Above, the block the unit is in, since when, and the way to its years' results.
      const blocks = page.getByRole('region', { name: 'Khối, cụm thi đua' });
      expect(await blocks.getByRole('link').getAttribute('href')).toBe(`/blocks/${block.blockId}`);
      expect(await blocks.getByRole('listitem').textContent()).toMatch(
        /^Khối thi đua .+ \(từ \d\d\/\d\d\/\d{4}\)$/,
      );
      await screenshot(page, 'unit-eligibility-1366');
      await expectAccessible(page, 'the unit page with its open matter');
      await card.getByRole('button', { name: 'Khép lại vụ việc' }).click();
      const closing = page.getByRole('dialog', { name: 'Khép lại vụ việc?' });
      await closing.getByRole('button', { name: 'Khép lại vụ việc' }).click();
      await expect.poll(() => card.getByText('Đang mở', { exact: true }).count()).toBe(0);
      // A disqualification is read back before it is recorded; one recorded by mistake is removed.
      const dq = card.getByRole('form', { name: 'Ghi nhận trường hợp không đủ điều kiện' });
      await dq.getByLabel('Loại').selectOption({ label: 'Người đứng đầu bị kỷ luật' });
      await dq.getByLabel('Năm', { exact: true }).fill('2024');
      await dq.getByLabel('Căn cứ').fill('Quyết định kỷ luật số 12/QĐ-UBND ngày 05/3/2024');
      await dq.getByRole('button', { name: 'Ghi nhận trường hợp không đủ điều kiện' }).click();
      const asked = page.getByRole('dialog', {
        name: 'Ghi nhận đơn vị không đủ điều kiện khen thưởng năm 2024?',
      });
      await expect
        .poll(() => asked.textContent())
        .toContain('Người đứng đầu bị kỷ luật: Quyết định kỷ luật số 12/QĐ-UBND ngày 05/3/2024');
      await screenshot(page, 'unit-disqualification-confirm-1366');
      await asked.getByRole('button', { name: 'Ghi nhận trường hợp không đủ điều kiện' }).click();
      await expect
        .poll(() => card.getByText('Đã ghi nhận; đề nghị của các năm chưa gửi hồ sơ được tính lại.').count())
        .toBe(1);
      const recorded = card.getByRole('row').filter({ hasText: 'Quyết định kỷ luật số 12/QĐ-UBND' });
      // The table is read again after the success is said: awaited.
      await expect
        .poll(() => recorded.getByRole('cell', { name: 'Người đứng đầu bị kỷ luật' }).count())
        .toBe(1);
      await recorded.getByRole('button', { name: 'Xóa' }).click();
      await page
        .getByRole('dialog', { name: 'Xóa trường hợp ghi nhầm?' })
        .getByRole('button', { name: 'Xóa' })
        .click();
      await expect.poll(() => recorded.count()).toBe(0);
      await page.goto(`${base}/nominations/${meritB!.id}`);
      await step('Bắt đầu thẩm định', 'Bắt đầu thẩm định hồ sơ?', 'Đang thẩm định');
      await expect.poll(() => page.locator('.facts .status').textContent()).toBe('Đang thẩm định');
      await step(
        'Hoãn xét',
        'Hoãn xét khen thưởng?',
        'Hoãn xét',
        'Quyết định thanh tra số 46/QĐ-TTr ngày 02/12/2026',
      );
      expect((await nominations()).map((n) => [n.id, n.status]).sort()).toEqual(
        [
          [flag.id, 'COUNCIL_REVIEW'],
          [meritA!.id, 'RETURNED'],
          [meritB!.id, 'DEFERRED'],
        ].sort(),
      );
    },
  );

  it(
    'opens the council vote, council members vote, the decision is issued with its number and annex, a revoke asks first',
    { timeout: 180_000 },
    async () => {
      const flag = (await nominations()).find((n) => n.form === 'FLAG_PROVINCE')!;
      await page.goto(`${base}/council`);
      await page.getByRole('heading', { name: 'Mở phiên biểu quyết của Hội đồng' }).waitFor();
      // Members vote from their offices: the default deadline is the next working day's close, never at night.
      expect(await dateFieldValue(page, 'Kết thúc biểu quyết lúc')).toMatch(/T17:00$/);
      // The quorum and the thresholds the session will apply, in figures (the province's rules, R10).
      await expect
        .poll(() =>
          page
            .getByText(
              /Phiên chỉ có giá trị khi có ít nhất 80% thành viên tham dự; Cờ thi đua cần từ 80%, Chiến sĩ thi đua thành phố từ 90%/,
            )
            .count(),
        )
        .toBe(1);
      await page.getByRole('button', { name: /Mở biểu quyết/ }).click();
      await expect.poll(() => page.getByText('Chọn ít nhất một hồ sơ.').count()).toBe(1);
      await page.getByRole('checkbox', { name: new RegExp(NAMES[3]!) }).check();
      await screenshot(page, 'council-open-1366');
      await expectAccessible(page, 'the council page');
      await page.getByRole('button', { name: 'Mở biểu quyết (1 hồ sơ)' }).click();
      // Every council member is notified at once: the page says so first.
      const opening = page.getByRole('dialog', { name: 'Mở phiên biểu quyết của Hội đồng?' });
      await expect.poll(() => opening.textContent()).toContain('1 hồ sơ được đưa ra biểu quyết.');
      await opening.getByRole('button', { name: 'Mở biểu quyết', exact: true }).click();
      await page.waitForURL(/\/voting-periods\/[^/]+$/);
      const periodId = new URL(page.url()).pathname.split('/')[2]!;
      // The secretariat runs the council's vote: it is told so, not that it is on no voting list.
      await page.getByText(/^Các thành viên Hội đồng bỏ phiếu trên điện thoại/).waitFor();
      expect(await page.getByText('Bạn không thuộc danh sách bỏ phiếu của phiên này.').count()).toBe(0);

      // A council member reads the block's grounds on the dossier the ballot links to.
      const reader = await (await phone(browser)).newPage();
      await signInAt(reader, base, `/nominations/${flag.id}`, council[0]!.email);
      await expect
        .poll(() => reader.getByRole('region', { name: 'Căn cứ từ Khối thi đua' }).textContent())
        .toMatch(/phiếu \(100% tổng số thành viên\), vòng 1/);
      await screenshot(reader, 'nomination-grounds-council-390');
      await reader.getByRole('link', { name: 'Xem biên bản kiểm phiếu' }).click();
      await expect.poll(() => reader.getByText(/100%/).count()).toBeGreaterThan(0);
      await screenshot(reader, 'nomination-grounds-minutes-390');
      await reader.context().close();

      // The council members approve on their phones (part 1's ballot page); attendance rises on the vote's page.
      for (const [i, member] of council.entries()) {
        const phonePage = await (await phone(browser)).newPage();
        await signInAt(phonePage, base, `/voting-periods/${periodId}/ballot`, member.email);
        if (i === 0) {
          // Not answering is not taken for a no: the question asks again.
          await phonePage.getByRole('button', { name: 'Xem lại phiếu' }).click();
          await expect
            .poll(() =>
              phonePage
                .getByRole('alert')
                .filter({ hasText: 'Vui lòng chọn Đồng ý hoặc Không đồng ý.' })
                .count(),
            )
            .toBe(1);
        }
        if (i === 0)
          // The question is the heading: what award, for whom.
          await expect
            .poll(() => phonePage.locator('fieldset.contest h2').textContent())
            .toMatch(/^Đề nghị tặng Cờ thi đua .+ cho /);
        if (i === 0)
          // The flag's own threshold (R10), not the session's half.
          await expect
            .poll(() => phonePage.locator('.contest-rules').first().textContent())
            .toBe('Cần từ 80% tổng số 3 thành viên (ít nhất 3 phiếu)');
        if (i === 0)
          // The block's grounds beside the question: its vote against all members, the score and the rank.
          await expect
            .poll(() => phonePage.getByText(/^Khối bình xét: /).textContent())
            .toMatch(/^Khối bình xét: (\d+)\/\1 phiếu \(100%\); điểm tổng kết [\d,]+, thứ \d+\/\d+\.$/);
        await phonePage.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
        await phonePage.getByRole('button', { name: 'Xem lại phiếu' }).click();
        if (i === 0) {
          // The review names what each answer is about.
          const review = phonePage.locator('dl.review');
          await expect
            .poll(() => review.locator('dt').first().textContent())
            .toMatch(/^Đề nghị tặng .+ cho /);
          expect(await review.locator('dd').first().textContent()).toContain('Đồng ý');
          await screenshot(phonePage, 'council-ballot-review-390');
        }
        await phonePage.getByRole('button', { name: 'Gửi phiếu' }).click();
        await phonePage.getByTestId('receipt-code').waitFor();
        await phonePage.context().close();
      }
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.getByRole('heading', { level: 1 }).waitFor();
            return page.getByText('3/3 đã bỏ phiếu').count();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Kết thúc phiên biểu quyết' }).click();
      await page
        .getByRole('dialog', { name: 'Kết thúc phiên biểu quyết ngay?' })
        .getByRole('button', { name: 'Kết thúc phiên biểu quyết' })
        .click();
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.getByRole('heading', { level: 1 }).waitFor();
            return page.getByRole('button', { name: 'Công bố kết quả' }).count();
          },
          { timeout: 30_000, interval: 1000 },
        )
        .toBe(1);
      // Before publication the secretariat, which runs the council's vote, reads the count: the banner names it,
      // not a head unit the council does not have.
      await page.goto(`${base}/voting-periods/${periodId}/results`);
      const preview = page.getByRole('status').filter({ hasText: 'Chưa công bố' });
      await expect
        .poll(() => preview.textContent())
        .toBe(
          'Chưa công bố: chỉ Sở Nội vụ (nơi tổ chức biểu quyết của Hội đồng) xem được bản này; thành viên Hội đồng xem kết quả khi đã công bố.',
        );
      expect(await page.getByText('Trưởng khối').count()).toBe(0);
      await screenshot(page, 'council-results-preview-1366');
      await page.goto(`${base}/voting-periods/${periodId}`);
      await page.getByRole('button', { name: 'Công bố kết quả' }).click();
      const publish = page.getByRole('dialog', { name: 'Công bố kết quả biểu quyết?' });
      await expect.poll(() => publish.textContent()).toContain('Hội đồng thông qua');
      // The secretariat reads each proposal's verdict before announcing it.
      await expect
        .poll(() => publish.locator('.publish-preview li').first().textContent())
        .toMatch(/^Đề nghị tặng Cờ thi đua .+ cho .+: Được Hội đồng thông qua\.$/);
      await publish.getByRole('button', { name: 'Công bố kết quả' }).click();
      await expect
        .poll(async () => (await nominations()).find((n) => n.id === flag.id)!.status, { timeout: 15_000 })
        .toBe('COUNCIL_APPROVED');
      // Published, the vote's page leads on to the decision.
      await expect
        .poll(() => page.getByRole('link', { name: 'Ban hành quyết định khen thưởng' }).getAttribute('href'))
        .toBe(`/award-decisions/new?session=${periodId}`);
      // …with the session's approved proposals already chosen.
      await page.getByRole('link', { name: 'Ban hành quyết định khen thưởng' }).click();
      await expect
        .poll(() => page.getByRole('checkbox', { name: new RegExp(NAMES[3]!) }).isChecked(), {
          timeout: 15_000,
        })
        .toBe(true);
      expect(await page.getByText(/đã chọn 1/).count()).toBeGreaterThan(0);
      // The council's results speak of a question approved, not of seats elected.
      await page.goto(`${base}/voting-periods/${periodId}/results`);
      const question = page.locator('.contest-result').first();
      await expect
        .poll(() => question.locator('h3').textContent())
        .toMatch(/^Đề nghị tặng Cờ thi đua .+ cho /);
      expect(await question.getByText('Được Hội đồng thông qua.').count()).toBe(1);
      expect(await question.locator('.elected-tag').textContent()).toBe('✓ Thông qua');
      expect(await page.getByText('Hội đồng đã biểu quyết xong tất cả các hồ sơ được trình.').count()).toBe(
        1,
      );
      // One session, one count: not "round 1".
      expect(
        await page.getByRole('heading', { level: 2, name: /^Kết quả biểu quyết của Hội đồng/ }).count(),
      ).toBe(1);
      expect(await question.getByText(/Chọn tối đa|vị trí chưa có đơn vị/).count()).toBe(0);
      expect(await question.getByText('Cần từ 80% tổng số 3 thành viên (ít nhất 3 phiếu)').count()).toBe(1);
      await screenshot(page, 'council-results-1366');
      // Beside the minutes, the Department's submission of what passed to the Chairman, ready to number and sign.
      const [submitted] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByRole('group', { name: 'Tờ trình Chủ tịch UBND thành phố' })
          .getByRole('button', { name: 'Tờ trình Chủ tịch UBND thành phố (PDF)' })
          .click(),
      ]);
      const file = await keepDocument('web-council-submission', await readFile((await submitted.path())!));
      const submission = (await pdfText(file)).replace(/\s+/g, ' ');
      expect(submission).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Hà Nội.');
      expect(submission).toContain('quyết định khen thưởng cho 1 tập thể đã được Hội đồng thông qua');
      expect(submission).toContain(NAMES[3]);

      // The city's own pages name it a city: its accounts, its secretariat's role, its rules.
      await page.goto(`${base}/users`);
      await page.getByRole('heading', { name: 'Tài khoản trong thành phố' }).waitFor();
      expect(
        await page.getByText('Cán bộ Sở Nội vụ (thường trực thi đua thành phố)').count(),
      ).toBeGreaterThan(0);
      expect(await page.getByText(/thường trực thi đua tỉnh/).count()).toBe(0);
      await page.goto(`${base}/province/rules`);
      await page.getByRole('heading', { name: 'Quy định khen thưởng của thành phố' }).waitFor();

      // The decision: number and annex with the prize money (8.0 × 2,530,000 since 1 July 2026).
      await page.goto(`${base}/award-decisions/new`);
      await page.getByRole('heading', { name: 'Hồ sơ đã được Hội đồng thông qua' }).waitFor();
      // Nothing chosen is the first thing to correct: the keyboard goes there, above the other fields.
      await page.getByRole('button', { name: 'Ban hành quyết định' }).click();
      await expect.poll(() => page.getByText('Chọn ít nhất một hồ sơ.').count()).toBe(1);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe('Chọn tất cả trên trang');
      await page.getByRole('checkbox', { name: new RegExp(NAMES[3]!) }).check();
      await page.getByLabel('Họ tên người ký').fill('Trần Sỹ Thanh');
      // The issuer as a decision writes it: a centrally-governed city is a "thành phố".
      await expect
        .poll(() => page.getByLabel('Cơ quan ban hành (ghi trên quyết định)').inputValue())
        .toBe('UBND thành phố Hà Nội');
      await screenshot(page, 'decision-issue-1366');
      await expectAccessible(page, 'the issue form');
      await page.getByRole('button', { name: 'Ban hành quyết định' }).click();
      const issue = page.getByRole('dialog', { name: 'Ban hành quyết định?' });
      // The number it will bear is said before it is taken.
      await expect
        .poll(() => issue.textContent())
        .toMatch(/sẽ mang số \d+\/QĐ-UBND \(số tiếp theo của sổ QĐ-UBND năm \d{4}\)/);
      // And the base salary its prizes will be counted on (dated today: the row from 1 July 2026).
      await expect
        .poll(() => issue.textContent())
        .toContain('Tiền thưởng tính theo mức lương cơ sở 2.530.000 đ/tháng (áp dụng từ ngày 01/07/2026).');
      // Without the register's number, the dialog warns that the platform's own series may clash with it.
      expect(await issue.getByText(/^Chưa nhập số theo sổ đăng ký văn bản của Văn phòng UBND/).count()).toBe(
        1,
      );
      await screenshot(page, 'decision-confirm-series-1366');
      await issue.getByRole('button', { name: 'Không, quay lại' }).click();
      // The committee's register gave the number (it numbers all its decisions): checked, then taken as given.
      const register = page.getByLabel('Số quyết định theo sổ đăng ký văn bản');
      await register.fill('15a');
      await page.getByRole('button', { name: 'Ban hành quyết định' }).click();
      await expect.poll(() => page.getByText('Số quyết định là số nguyên từ 1 đến 99999.').count()).toBe(1);
      await register.fill('1520');
      // It answers the Department's submission: its number without its date is refused beside the date.
      await page.getByLabel('Số tờ trình của Sở Nội vụ').fill('15/TTr-SNV');
      await page.getByRole('button', { name: 'Ban hành quyết định' }).click();
      await expect
        .poll(() => page.getByText('Vui lòng nhập ngày tờ trình, hoặc xóa số tờ trình.').count())
        .toBe(1);
      await fillDate(page, 'Ngày tờ trình', '2026-12-01');
      await page.getByRole('button', { name: 'Ban hành quyết định' }).click();
      await expect.poll(() => issue.textContent()).toContain('sẽ mang số 1520/QĐ-UBND');
      expect(await issue.getByText(/^Chưa nhập số theo sổ đăng ký/).count()).toBe(0);
      await issue.getByRole('button', { name: 'Ban hành', exact: true }).click();
      await page.waitForURL(/\/award-decisions\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Quyết định khen thưởng số 1520/QĐ-UBND' }).waitFor();
      const annex = page.getByRole('table', {
        name: /Danh sách khen thưởng kèm theo Quyết định số 1520\/QĐ-UBND/,
      });
      await expect.poll(() => annex.textContent()).toContain('20.240.000');
      expect(await page.getByText('Số 15/TTr-SNV ngày 01/12/2026').count()).toBe(1);
      // The page names the base salary the prizes were counted on, its decree folded beneath.
      expect(await page.getByText('2.530.000 đ/tháng, áp dụng từ ngày 01/07/2026').count()).toBe(1);
      await page.getByText('Căn cứ', { exact: true }).click();
      await expect.poll(() => page.getByText(/^Nghị định 161\/2026\/NĐ-CP/).isVisible()).toBe(true);
      await screenshot(page, 'decision-1366');
      await expectAccessible(page, 'the decision');
      const decisionPath = new URL(page.url()).pathname;
      // On a phone the annex reads as cards, the amounts whole, and the downloads stand apart.
      const small = await pageAt(browser, base, decisionPath, admin.email, 'phone');
      const cards = small.getByRole('table', { name: /^Danh sách khen thưởng kèm theo Quyết định số 1520/ });
      await expect.poll(() => cards.textContent()).toContain('20.240.000');
      await expectNoSidewaysScroll(small, 'the decision on a phone');
      await screenshot(small, 'decision-issued-390');
      await small.context().close();
      // Back at the session within the app (its cache kept), its link chooses nothing already decided.
      await page.evaluate((path) => history.pushState(null, '', path), `/voting-periods/${periodId}`);
      await page.getByRole('link', { name: 'Ban hành quyết định khen thưởng' }).click();
      await page
        .getByText('Không có hồ sơ nào đã được Hội đồng thông qua và chờ quyết định.')
        .waitFor({ timeout: 15_000 });
      expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(0);
      // Nothing approved is left to decide: the page says so, without a form to fill in for nothing.
      await page.goto(`${base}/award-decisions/new`);
      await page
        .getByText('Không có hồ sơ nào đã được Hội đồng thông qua và chờ quyết định.')
        .waitFor({ timeout: 15_000 });
      expect(await page.getByRole('button', { name: 'Ban hành quyết định' }).count()).toBe(0);
      expect(await page.getByLabel('Họ tên người ký').count()).toBe(0);
      // …and where proposals come from.
      expect(await page.getByRole('link', { name: 'Đến trang Hội đồng' }).getAttribute('href')).toBe(
        '/council',
      );
      await page.goto(`${base}${decisionPath}`);
      await expect
        .poll(() =>
          page.getByRole('group', { name: 'Cờ thi đua của UBND thành phố: in trên phôi (1 tờ)' }).count(),
        )
        .toBe(1);

      // Revoke: the dialog says what it does and wants a reason.
      await page.getByRole('button', { name: /^Thu hồi/ }).click();
      const revoke = page.getByRole('dialog', { name: 'Thu hồi khen thưởng?' });
      await expect.poll(() => revoke.textContent()).toContain('Không hoàn tác được');
      await revoke.getByRole('button', { name: 'Thu hồi khen thưởng' }).click();
      await expect
        .poll(() => revoke.getByText('Vui lòng ghi lý do thu hồi (ít nhất 3 ký tự).').count())
        .toBe(1);
      await screenshot(page, 'decision-revoke-dialog-1366');
      await expectAccessible(page, 'the revoke dialog');
      await revoke.getByLabel('Lý do thu hồi').fill('Phát hiện kê khai thành tích không đúng');
      await revoke.getByRole('button', { name: 'Thu hồi khen thưởng' }).click();
      await expect.poll(() => annex.textContent()).toContain('Đã thu hồi');
      // A revoked award has no certificate to print; the total says what is still awarded, and what was signed.
      await expect.poll(() => page.getByRole('group', { name: /: in trên phôi/ }).count()).toBe(0);
      expect(
        await page
          .getByText('0 đ, sau khi trừ 1 khen thưởng đã thu hồi (quyết định đã ký ghi 20.240.000 đ)')
          .count(),
      ).toBe(1);
      await page.goto(`${base}/units/${flag.unitId}/awards`);
      await expect.poll(() => page.getByRole('table').textContent()).toContain('Đã thu hồi');
      await expect.poll(() => page.getByRole('table').textContent()).toContain('1520/QĐ-UBND');
      await expectAccessible(page, 'the unit’s award history');
      // The queue opened without a state shows one that holds proposals, not the empty "sent" one.
      await page.goto(`${base}/nominations`);
      await page.waitForURL(/status=/);
      expect(new URL(page.url()).searchParams.get('status')).not.toBe('SUBMITTED');
      await expect
        .poll(() =>
          page
            .getByRole('navigation', { name: 'Trạng thái hồ sơ' })
            .locator('[aria-current="page"]')
            .textContent(),
        )
        .not.toMatch(/\(0\)$/);
      // The unit's home no longer lists it among the proposals to follow (its notice says it was revoked).
      const flagOfficer = block.officers[block.units.findIndex((u) => u.id === flag.unitId)]!;
      const flagHome = await pageAt(browser, base, '/', flagOfficer.email, 'phone');
      await expect.poll(() => flagHome.locator('.tasks').count(), { timeout: 15_000 }).toBe(1);
      expect(await flagHome.locator(`a[href="/nominations/${flag.id}"]`).count()).toBe(0);
      await flagHome.context().close();

      // On a phone the decision reads too.
      const phonePage = await (await phone(browser)).newPage();
      await signInAt(phonePage, base, decisionPath, admin.email);
      await expect.poll(() => phonePage.getByRole('table').first().textContent()).toContain('Đã thu hồi');
      await screenshot(phonePage, 'decision-390');
      await phonePage.goto(`${base}/nominations?status=COUNCIL_REVIEW`);
      await phonePage.getByRole('heading', { name: 'Hồ sơ đề nghị khen thưởng' }).waitFor();
      await screenshot(phonePage, 'nominations-queue-390');
      await phonePage.context().close();
    },
  );

  it(
    'the head unit completes a proposal returned for more material and sends it again, from its year page',
    { timeout: 90_000 },
    async () => {
      const returned = (await nominations()).find((n) => n.status === 'RETURNED')!;
      const head = await pageAt(
        browser,
        base,
        `/blocks/${block.blockId}/years/2026`,
        block.officers[0]!.email,
      );
      // The year page says the block's work is not done, and leads to the proposal.
      await expect
        .poll(() => head.getByText(/Sở Nội vụ đã trả lại 1 đề nghị của khối để bổ sung/).count(), {
          timeout: 20_000,
        })
        .toBe(1);
      await head.getByRole('link', { name: /^Bổ sung hồ sơ bị trả lại: / }).click();
      await head.waitForURL((u) => u.pathname === `/nominations/${returned.id}`);
      const card = head.getByRole('region', { name: 'Bổ sung và gửi lại hồ sơ' });
      await card.waitFor();
      expect(await head.getByText(/Thiếu báo cáo thành tích có xác nhận/).count()).toBe(1);
      // What was asked for is attached; then the dossier goes back to the secretariat.
      const files = head.getByRole('region', { name: 'Tệp kèm đề nghị (báo cáo thành tích)' });
      await files.locator('input[type=file]').setInputFiles({
        name: 'Báo cáo thành tích có xác nhận.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% Báo cáo có xác nhận\n%%EOF\n'),
      });
      await files.getByRole('button', { name: 'Tải lên' }).click();
      await expect
        .poll(() => files.getByRole('status').textContent(), { timeout: 20_000 })
        .toBe('Đã tải lên “Báo cáo thành tích có xác nhận.pdf”.');
      await screenshot(head, 'nomination-returned-1366');
      await expectAccessible(head, 'a returned proposal, to complete and send again');
      await card.getByRole('button', { name: 'Gửi lại hồ sơ' }).click();
      const ask = head.getByRole('dialog', { name: 'Gửi lại hồ sơ đề nghị?' });
      await expect.poll(() => ask.textContent()).toContain('Sở Nội vụ thẩm định');
      await ask.getByRole('button', { name: 'Gửi lại hồ sơ' }).click();
      await expect.poll(() => head.locator('.facts .status').textContent()).toBe('Đã gửi hồ sơ');
      expect(await card.count()).toBe(0);
      // The button is gone with its work done: the keyboard is at the page's title, not back at the top.
      await expect
        .poll(() => head.evaluate(() => document.activeElement?.textContent))
        .toBe('Hồ sơ đề nghị khen thưởng');
      // Back in the secretariat's queue.
      await expect
        .poll(async () => (await nominations()).find((n) => n.id === returned.id)!.status)
        .toBe('SUBMITTED');
      // The unit's award history says where the proposal is, not "no award decision yet".
      await head.goto(`${base}/units/${returned.unitId}/awards`);
      const pending = head.getByRole('table', { name: 'Đề nghị khen thưởng chưa có quyết định' });
      await expect.poll(() => pending.textContent(), { timeout: 15_000 }).toContain('Đã gửi hồ sơ');
      expect(await pending.getByRole('link').getAttribute('href')).toBe(`/nominations/${returned.id}`);
      await expectAccessible(head, 'a unit’s award history with a proposal on its way');
      await screenshot(head, 'unit-awards-proposal-1366');
      await head.setViewportSize(PHONE);
      await expectNoSidewaysScroll(head, 'a unit’s award history on a phone');
      await screenshot(head, 'unit-awards-proposal-390');
      await head.context().close();
    },
  );

  it(
    "another province's admin sees none of them, in the queue or by a typed address",
    { timeout: 60_000 },
    async () => {
      const [n] = await nominations();
      const elsewhere = await (await desktop(browser)).newPage();
      // The block's units carry this run's suffix: none of them may show, whatever the other province holds.
      const suffix = /\(([^)]+)\)$/.exec(block.units[0]!.name)![1]!;
      await signInAt(elsewhere, base, '/nominations?status=RETURNED', otherAdmin.email);
      for (const status of ['SUBMITTED', 'RETURNED', 'COUNCIL_REVIEW', 'DEFERRED', 'REVOKED']) {
        await elsewhere.goto(`${base}/nominations?status=${status}`);
        await elsewhere.getByRole('navigation', { name: 'Trạng thái hồ sơ' }).waitFor();
        await expect
          .poll(async () => (await elsewhere.locator('.empty, table').count()) > 0, { timeout: 15_000 })
          .toBe(true);
        expect(await elsewhere.getByText(suffix, { exact: false }).count()).toBe(0);
      }
      const theirs = await app.gql(
        `query($u: ID!) { unitProposals(unitId: $u) { id } }`,
        { u: n!.unitId },
        { token: otherAdmin.token, provinceId: await provinceId(app.dataSource, '79') },
      );
      expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await elsewhere.goto(`${base}/nominations/${n!.id}`);
      await expect.poll(() => elsewhere.getByText('Không tìm thấy dữ liệu được yêu cầu.').count()).toBe(1);
      expect(await elsewhere.getByText(suffix, { exact: false }).count()).toBe(0);
      await elsewhere.context().close();
    },
  );
});
