import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, ok, provinceId, type Account, type TestApp } from '@thidua/testing';
import { vietnamToday } from '@thidua/domain';
import { desktop, expectAccessible, phone, screenshot, signInAt, startWebApp, pageAt } from './browser';

/** Pages load lazily and the API answers on a shared machine: wait up to 15 s for what a person would see. */
const WAIT = { timeout: 15_000 };
/** This year in Vietnam, which the rules page opens on. */
const THIS_YEAR = Number(vietnamToday().slice(0, 4));

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let other: string;
let admin: Account;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp());
  [province, other] = await Promise.all([provinceId(app.dataSource, '79'), provinceId(app.dataSource, '01')]);
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const rulesOf = async (p: string, who: Account, year: number) =>
  ok(
    await app.gql<{
      awardRuleSet: {
        effectiveYear: number | null;
        rules: { flagQuota: unknown; runoffCandidates: string; dossierDeadline: unknown };
      };
    }>(
      `query($y: Int!) { awardRuleSet(year: $y) { effectiveYear rules { flagQuota { kind value } runoffCandidates
         dossierDeadline { kind days month day yearOffset } } } }`,
      { y: year },
      { token: who.token, provinceId: p },
    ),
  ).awardRuleSet;

describe('province settings: the award rules', () => {
  it(
    'explains each rule in words, and a new version edited on the page (quota, run-off, a fixed deadline) applies from its year',
    { timeout: 300_000 },
    async () => {
      const page = await pageAt(browser, base, '/province/rules', admin.email);
      await expect
        .poll(
          () => page.getByRole('heading', { name: `Quy định áp dụng cho năm ${THIS_YEAR}` }).count(),
          WAIT,
        )
        .toBe(1);
      const meaning = (rule: string) =>
        page
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: rule, exact: true }) })
          .textContent();
      expect(await page.getByText('Thành phố chưa ban hành phiên bản nào').count()).toBe(1);
      expect(await meaning('R2')).toContain('Mỗi khối, cụm đề nghị tối đa 1 đơn vị nhận Cờ thi đua.');
      expect(await meaning('R3')).toContain('tối đa 30% số thành viên (làm tròn xuống)');
      expect(await meaning('R4')).toContain(
        'Trúng cử khi được trên 50% tổng số thành viên của khối, cụm bầu',
      );
      expect(await meaning('R5')).toContain(
        'chỉ gồm các đơn vị bằng phiếu; sau vòng cuối, Trưởng, Phó khối, cụm quyết định.',
      );
      expect(await meaning('R13')).toContain(
        'Hồ sơ đề nghị nộp chậm nhất 15 ngày sau hội nghị tổng kết của khối, cụm.',
      );
      expect(await page.getByRole('row', { name: /Cờ thi đua của UBND thành phố 8/ }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /2\.530\.000/ }).count()).toBe(1);
      await screenshot(page, 'province-rules-1366');
      await expectAccessible(page, 'the rules page');

      // A new version from 2027: two flags per block, the run-off among all remaining, a fixed deadline.
      const form = page.locator('section', {
        has: page.getByRole('heading', { name: 'Ban hành phiên bản mới' }),
      });
      await form.getByLabel('Có hiệu lực từ năm').fill('2027');
      await form
        .getByRole('group', { name: 'Số Cờ thi đua mỗi khối, cụm (R2)' })
        .getByLabel('Giá trị')
        .fill('2');
      await form
        .getByRole('group', { name: 'Số Bằng khen mỗi khối, cụm (R3)' })
        .getByLabel('Giá trị')
        .fill('-1');
      await form.getByLabel('Vòng sau khi hòa (R5)').selectOption('ALL_REMAINING');
      await form
        .getByRole('group', { name: 'Hồ sơ đề nghị gửi Sở Nội vụ' })
        .getByRole('combobox')
        .first()
        .selectOption('FIXED_DAY');
      await form.getByLabel('Ngày', { exact: true }).fill('29');
      await form.getByLabel('Tháng', { exact: true }).fill('2');
      await form.getByRole('button', { name: 'Ban hành' }).click();
      // Nothing is sent: each problem beside its field.
      await expect.poll(() => form.getByText('Ngày này không có trong tháng đã chọn.').count(), WAIT).toBe(1);
      expect(await form.getByText('Nhập tỷ lệ từ 1 đến 100.').count()).toBe(1);
      expect(await form.getByLabel('Ngày', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'the rules form with errors');
      expect((await rulesOf(province, admin, 2027)).effectiveYear).toBeNull();

      await form
        .getByRole('group', { name: 'Số Bằng khen mỗi khối, cụm (R3)' })
        .getByLabel('Giá trị')
        .fill('30');
      await form.getByLabel('Ngày', { exact: true }).fill('10');
      await form.getByLabel('Tháng', { exact: true }).fill('12');
      await form.getByRole('button', { name: 'Ban hành' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ban hành quy định từ năm 2027?' });
      expect(await dialog.textContent()).toContain('áp dụng cho năm 2027 và các năm sau');
      await dialog.getByRole('button', { name: 'Ban hành' }).click();
      await expect
        .poll(() => page.getByText('Đã ban hành quy định áp dụng từ năm 2027.').count(), WAIT)
        .toBe(1);
      // Brought into view: the form the person issued from is far below it.
      const issued = page.getByText('Đã ban hành quy định áp dụng từ năm 2027.');
      const inView = () =>
        issued.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        });
      await expect.poll(inView, WAIT).toBe(true);

      // The page now shows 2027 from its version, in words.
      await expect
        .poll(() => page.getByRole('heading', { name: 'Quy định áp dụng cho năm 2027' }).count(), WAIT)
        .toBe(1);
      await expect
        .poll(() => page.getByText('Theo phiên bản có hiệu lực từ năm 2027.').count(), WAIT)
        .toBe(1);
      expect(await meaning('R2')).toContain('Mỗi khối, cụm đề nghị tối đa 2 đơn vị nhận Cờ thi đua.');
      expect(await meaning('R5')).toContain('vòng sau gồm mọi đơn vị chưa trúng cử');
      expect(await meaning('R13')).toContain('Hồ sơ đề nghị nộp chậm nhất ngày 10/12 của năm thi đua.');
      expect(await page.getByRole('button', { name: 'Xem năm 2027' }).count()).toBe(1);
      await screenshot(page, 'province-rules-2027-1366');

      expect(await rulesOf(province, admin, 2027)).toEqual({
        effectiveYear: 2027,
        rules: {
          flagQuota: { kind: 'COUNT', value: 2 },
          runoffCandidates: 'ALL_REMAINING',
          dossierDeadline: { kind: 'FIXED_DAY', days: null, month: 12, day: 10, yearOffset: 0 },
        },
      });
      // 2026 keeps the defaults, and another province is untouched.
      expect((await rulesOf(province, admin, 2026)).effectiveYear).toBeNull();
      const otherAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: other });
      expect((await rulesOf(other, otherAdmin, 2027)).effectiveYear).toBeNull();

      // Another province's secretariat sees its own (default) rules and no version of this one.
      const theirs = await (await desktop(browser)).newPage();
      await signInAt(theirs, base, '/province/rules', otherAdmin.email);
      await expect
        .poll(() => theirs.getByText('Thành phố chưa ban hành phiên bản nào').count(), WAIT)
        .toBe(1);
      expect(await theirs.getByText('Chưa có phiên bản nào.').count()).toBe(1);

      const small = await phone(browser);
      const p2 = await small.newPage();
      await signInAt(p2, base, '/province/rules', admin.email);
      await expect.poll(() => p2.getByRole('button', { name: 'Xem năm 2027' }).count(), WAIT).toBe(1);
      await screenshot(p2, 'province-rules-390');
      await expectAccessible(p2, 'the rules page on a phone');
      await Promise.all([page.context().close(), small.close(), theirs.context().close()]);
    },
  );
  it(
    'a new version with its tie-break order and disqualifications edited on the page is explained in words',
    { timeout: 300_000 },
    async () => {
      const page = await pageAt(browser, base, '/province/rules', admin.email);
      const form = page.locator('section', {
        has: page.getByRole('heading', { name: 'Ban hành phiên bản mới' }),
      });
      const ties = form.getByRole('group', { name: 'Thứ tự phân định khi bằng nhau (R6)' });
      const dq = form.getByRole('group', { name: 'Không xét khen thưởng khi (R9)' });
      await ties.waitFor(WAIT);
      const women = 'ưu tiên nữ (thủ trưởng là nữ hoặc từ 70% là nữ)';
      expect(await ties.getByRole('listitem').allTextContents()).toEqual([
        expect.stringContaining('Điểm tổng kết'),
        expect.stringContaining('Điểm thưởng trừ điểm trừ'),
        expect.stringContaining('Ưu tiên nữ'),
      ]);

      // The women rule first, the net bonus dropped; the sentence the rules page will show follows each change.
      await form.getByLabel('Có hiệu lực từ năm').fill('2028');
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      await ties.getByRole('button', { name: `Lên trước – ${women}` }).click();
      // The focus follows the moved item; at the top, to its other button.
      await expect.poll(focused).toBe(`Lên trước – ${women}`);
      await ties.getByRole('button', { name: `Lên trước – ${women}` }).click();
      await expect.poll(focused).toBe(`Xuống sau – ${women}`);
      await ties.getByRole('button', { name: 'Bỏ – điểm thưởng trừ điểm trừ' }).click();
      expect(await ties.getByRole('listitem').allTextContents()).toEqual([
        expect.stringContaining('Ưu tiên nữ'),
        expect.stringContaining('Điểm tổng kết'),
      ]);
      expect(await ties.textContent()).toContain(
        `Khi bằng nhau, xét lần lượt: ${women}, điểm tổng kết; vẫn bằng thì bỏ phiếu thêm vòng.`,
      );
      expect(await ties.getByRole('button', { name: 'Thêm: điểm thưởng trừ điểm trừ' }).count()).toBe(1);

      // A minimum score as a reason, without its figure: refused beside the field; a late dossier no longer counts.
      await dq.getByRole('checkbox', { name: 'Điểm dưới mức tối thiểu' }).check();
      await dq.getByRole('checkbox', { name: 'Nộp hồ sơ trễ hạn' }).uncheck();
      await form.getByRole('button', { name: 'Ban hành' }).click();
      const minimum = dq.getByLabel('Điểm tối thiểu');
      await expect.poll(() => minimum.getAttribute('aria-invalid'), WAIT).toBe('true');
      expect(await dq.getByText('Nhập điểm từ 0 đến 200.').count()).toBe(1);
      await minimum.fill('80,5');
      expect(await dq.textContent()).toContain('điểm dưới 80,5');
      expect(await dq.textContent()).not.toContain('nộp hồ sơ trễ hạn');
      await screenshot(page, 'province-rules-ties-1366');
      await expectAccessible(page, 'the rules form with tie-breaks and disqualifications');

      await form.getByRole('button', { name: 'Ban hành' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ban hành quy định từ năm 2028?' });
      await dialog.getByRole('button', { name: 'Ban hành' }).click();
      await expect
        .poll(() => page.getByRole('heading', { name: 'Quy định áp dụng cho năm 2028' }).count(), WAIT)
        .toBe(1);
      const meaning = (rule: string) =>
        page
          .locator('section', { has: page.getByRole('heading', { name: 'Quy định áp dụng cho năm 2028' }) })
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: rule, exact: true }) })
          .textContent();
      await expect.poll(() => meaning('R6'), WAIT).toContain(`xét lần lượt: ${women}, điểm tổng kết;`);
      expect(await meaning('R9')).toBe(
        'R9Không xét khen thưởng khi: tập thể bị kỷ luật trong năm; người đứng đầu bị kỷ luật; vi phạm giao ước thi đua; điểm dưới 80,5.',
      );
      const saved = ok(
        await app.gql<{ awardRuleSet: { rules: Record<string, unknown> } }>(
          `{ awardRuleSet(year: 2028) { rules { tieBreaks disqualifications minimumScore } } }`,
          {},
          { token: admin.token, provinceId: province },
        ),
      ).awardRuleSet.rules;
      expect(saved).toEqual({
        tieBreaks: ['WOMEN', 'SCORE'],
        disqualifications: ['UNIT_DISCIPLINED', 'HEAD_DISCIPLINED', 'COVENANT_BREACH', 'SCORE_BELOW_MINIMUM'],
        minimumScore: 80.5,
      });

      const p2 = await pageAt(browser, base, '/province/rules', admin.email, 'phone');
      const phoneTies = p2.getByRole('group', { name: 'Thứ tự phân định khi bằng nhau (R6)' });
      await phoneTies.waitFor(WAIT);
      await screenshot(p2, 'province-rules-ties-390');
      await expectAccessible(p2, 'the rules form on a phone');
      await Promise.all([page.context().close(), p2.context().close()]);
    },
  );
});
