import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vietnamDate } from '@thidua/domain';
import {
  createAccount,
  createLockedBlock,
  ok,
  provinceId,
  recordBlockConference,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';
import {
  dateFieldValue,
  DESKTOP,
  desktop,
  expectAccessible,
  fillDate,
  pageAt,
  phone,
  PHONE,
  screenshot,
  signInAt,
  startWebApp,
} from './browser';

/** Pages load lazily and the API answers on a shared machine: wait up to 15 s for what a person would see. */
const WAIT = { timeout: 15_000 };

const NAMES = ['Văn phòng Đoàn ĐBQH và HĐND tỉnh', 'Sở Tài chính', 'Sở Xây dựng'];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let online: LockedBlock;
let paper: LockedBlock;
let admin: Account;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true, queue: 'redis' }));
  province = await provinceId(app.dataSource, '31'); // Hải Phòng
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  online = await createLockedBlock(app, province, NAMES, admin);
  paper = await createLockedBlock(app, province, NAMES, admin);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const yearState = async (block: LockedBlock) =>
  ok(
    await app.gql<{ emulationYear: { state: string } }>(
      `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { state } }`,
      { b: block.blockId },
      { token: block.officers[0]!.token, provinceId: province },
    ),
  ).emulationYear.state;

/** Reloads until `check` finds what the worker has done meanwhile (a tally, the awards engine). */
async function reloadUntil(page: Page, check: () => Promise<number>, timeout = 45_000) {
  await expect
    .poll(
      async () => {
        if ((await check()) > 0) return true;
        await page.reload();
        await page.getByRole('heading', { level: 1 }).waitFor();
        return (await check()) > 0;
      },
      { timeout, interval: 1000 },
    )
    .toBe(true)
    .catch(async (e: unknown) => {
      await screenshot(page, 'failed-conference-reload');
      throw e;
    });
}

/** A member's ballot on part 1's ballot page: the flag to `flag`, next year's head to `head`. */
async function vote(page: Page, periodId: string, flag: number, head: number) {
  await page.goto(`${base}/voting-periods/${periodId}/ballot`);
  await page.getByRole('radio', { name: new RegExp(NAMES[flag]!) }).check();
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByRole('radio', { name: new RegExp(NAMES[head]!) }).check();
  await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
  await page.getByRole('button', { name: 'Gửi phiếu' }).click();
  await page.getByTestId('receipt-code').waitFor();
}

describe("the head unit's conference workspace", () => {
  it(
    'records the conference, opens an online vote, closes and publishes it after the members vote, and sends the dossier',
    { timeout: 240_000 },
    async () => {
      const context = await desktop(browser);
      const head = await context.newPage();
      const path = `/blocks/${online.blockId}/years/2026/conference`;
      await signInAt(head, base, path, online.officers[0]!.email);
      await head.getByRole('heading', { name: 'Biên bản hội nghị' }).waitFor();
      await expect.poll(() => head.getByText('Ghi nhận hội nghị trước khi mở bỏ phiếu').count()).toBe(1);

      // The record: today's date, the place, one member absent — first without a reason, which the page refuses.
      await fillDate(head, 'Ngày họp', vietnamDate(new Date()));
      await head.getByLabel('Địa điểm').fill('Hội trường Sở Tài chính, số 1 Hoàng Văn Thụ');
      await head.getByLabel('Đơn vị chủ trì').selectOption({ index: 1 });
      await head.getByLabel('Người chủ trì', { exact: true }).fill('Nguyễn Văn An');
      await head.getByLabel('Chức vụ người chủ trì').fill('Chánh Văn phòng');
      await head.getByLabel('Thư ký hội nghị', { exact: true }).fill('Trần Thị Bình');
      await head.getByLabel('Chức vụ của thư ký hội nghị').fill('Chuyên viên');
      await head.getByLabel(new RegExp(`^Người đại diện của ${NAMES[0]}`)).fill('Nguyễn Văn An; Lê Thị Hoa');
      await head.getByRole('checkbox', { name: new RegExp(`^${NAMES[2]}.*có mặt`) }).uncheck();
      await head.getByRole('button', { name: 'Thêm thành viên Ban kiểm phiếu' }).click();
      await head.getByLabel('Họ tên thành viên 1').fill('Phạm Văn Cường');
      await head.getByRole('button', { name: 'Ghi nhận hội nghị' }).click();
      const reason = head.getByLabel(new RegExp(`^Lý do vắng mặt của ${NAMES[2]}`));
      await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => head.getByText('Đơn vị vắng mặt cần ghi rõ lý do.').count()).toBe(1);
      // The refusal, below the fold of a long form, takes the person to the field to fix.
      await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await reason.isVisible()).toBe(true);
      await screenshot(head, 'conference-record-error-1366');
      await expectAccessible(head, 'the conference record with an error');
      await reason.fill('Đi công tác theo Kế hoạch số 12/KH-SXD');
      await head.getByRole('button', { name: 'Ghi nhận hội nghị' }).click();

      // Recorded: the facts, and round 1 may open.
      await head.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor();
      await expect.poll(() => head.getByText('Hội trường Sở Tài chính, số 1 Hoàng Văn Thụ').count()).toBe(1);
      await expect
        .poll(() => head.getByText(/vắng mặt \(Đi công tác theo Kế hoạch số 12\/KH-SXD\)/).count())
        .toBe(1);
      expect(await head.getByText('Trần Thị Bình, Chuyên viên').count()).toBe(1);
      expect(await head.getByText(/^Nguyễn Văn An, Chánh Văn phòng, /).count()).toBe(1);
      // Saved, the record read back says so, and the keyboard is on its heading, not at the top of the page.
      expect(await head.getByText('Đã lưu biên bản hội nghị.').count()).toBe(1);
      await expect.poll(() => head.evaluate(() => document.activeElement?.id)).toBe('conference-facts');
      await head.getByRole('checkbox', { name: 'Phó khối năm sau' }).uncheck();
      await screenshot(head, 'conference-open-vote-1366');
      await expectAccessible(head, 'the conference workspace with the vote form');
      await head.getByRole('button', { name: 'Mở bỏ phiếu trực tuyến' }).click();
      await head.waitForURL(/\/voting-periods\/[^/]+$/);
      const periodId = new URL(head.url()).pathname.split('/')[2]!;
      await head.getByRole('heading', { name: 'Điều hành vòng bỏ phiếu' }).waitFor();
      // The head unit closes early only when every member has voted.
      expect(await head.getByRole('button', { name: 'Kết thúc bỏ phiếu' }).isDisabled()).toBe(true);
      // It sees which units have not voted yet, to remind them (who voted is not secret; what, is).
      await expect
        .poll(() =>
          head
            .getByText(/^Đơn vị chưa bỏ phiếu \(3\): /)
            .filter({ visible: true })
            .count(),
        )
        .toBe(1);
      // Its own unit among them is marked as its own.
      expect(
        await head
          .getByText(new RegExp(`${NAMES[0]} \\([^)]+\\) \\(đơn vị của bạn\\)`))
          .filter({ visible: true })
          .count(),
      ).toBe(1);
      await screenshot(head, 'period-not-voted-1366');

      // The three members vote on their phones, on part 1's ballot page.
      for (const [i, officer] of online.officers.entries()) {
        const member = await (await phone(browser)).newPage();
        await signInAt(member, base, `/voting-periods/${periodId}`, officer.email);
        await vote(member, periodId, i === 1 ? 0 : 1, 0);
        await member.context().close();
      }

      // Close: the dialog says what happens; then the tally; then publication.
      await head.reload();
      const close = head.getByRole('button', { name: 'Kết thúc bỏ phiếu' });
      await expect.poll(() => close.isEnabled()).toBe(true);
      expect(await head.getByText('Tất cả đã bỏ phiếu.', { exact: true }).count()).toBe(1);
      // Nobody left to wait for: no extension is offered, only the close.
      expect(await head.getByRole('group', { name: 'Gia hạn bỏ phiếu đến', exact: true }).count()).toBe(0);
      await close.click();
      const dialog = head.getByRole('dialog', { name: 'Kết thúc bỏ phiếu ngay?' });
      await expect.poll(() => dialog.textContent()).toContain('Cả 3 đơn vị đã bỏ phiếu.');
      await screenshot(head, 'period-close-dialog-1366');
      await expectAccessible(head, 'the close dialog');
      await dialog.getByRole('button', { name: 'Kết thúc bỏ phiếu' }).click();
      // The count takes a moment; the page moves on to publishing by itself, without a reload.
      await expect
        .poll(() => head.getByRole('button', { name: 'Công bố kết quả' }).count(), { timeout: 15_000 })
        .toBe(1);
      await head.getByRole('button', { name: 'Công bố kết quả' }).click();
      const publish = head.getByRole('dialog', { name: 'Công bố kết quả bỏ phiếu?' });
      await expect.poll(() => publish.textContent()).toContain('Mọi đơn vị thành viên sẽ xem được');
      // What will be announced is read before the step that cannot be undone.
      await expect
        .poll(() => publish.locator('.publish-preview').textContent())
        .toMatch(/^Kết quả sẽ công bố:Đơn vị dẫn đầu khối \(đề nghị Cờ thi đua\): .+Trưởng khối năm sau: /);
      await screenshot(head, 'period-publish-dialog-1366');
      await publish.getByRole('button', { name: 'Công bố kết quả' }).click();
      await expect
        .poll(() => head.getByText('Đã công bố kết quả').count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
      await screenshot(head, 'period-published-1366');
      await expectAccessible(head, 'the published period with its controls');
      expect(await yearState(online)).toBe('RESULTS_RECORDED');

      // The dossier: the engine's proposals listed, then sent after a confirmation.
      await head.goto(`${base}${path}`);
      await reloadUntil(head, () => head.getByRole('link', { name: /Cờ thi đua/ }).count());
      await expect
        .poll(() => head.getByRole('link', { name: /Cờ thi đua/ }).textContent())
        .toContain(NAMES[1]);
      // No achievement report is attached yet: each proposal says so, and sending warns before it goes.
      expect(await head.getByText('chưa có tệp đính kèm (báo cáo thành tích)').count()).toBeGreaterThan(0);
      await head.getByRole('button', { name: 'Gửi hồ sơ lên Sở Nội vụ' }).click();
      const send = head.getByRole('dialog', { name: 'Gửi hồ sơ đề nghị?' });
      await expect.poll(() => send.textContent()).toContain('không sửa được nữa');
      expect(await send.textContent()).toMatch(/(\d+)\/\1 đề nghị chưa có tệp đính kèm/);
      await screenshot(head, 'conference-dossier-warning-1366');
      await send.getByRole('button', { name: 'Gửi hồ sơ lên Sở Nội vụ' }).click();
      await expect.poll(() => head.getByText(/Đã gửi hồ sơ lúc/).count(), { timeout: 10_000 }).toBe(1);
      expect(await yearState(online)).toBe('DOSSIER_SUBMITTED');
      await screenshot(head, 'conference-dossier-sent-1366');
      await expectAccessible(head, 'the conference workspace after the dossier');
      await context.close();
    },
  );

  it(
    'a paper round: the head unit enters the count, which the page checks; the deputy confirms it on a phone',
    { timeout: 180_000 },
    async () => {
      // The secretariat names a member's officer the conference's secretary, who may confirm the count too.
      await recordBlockConference(app, province, paper, { secretaryUserId: paper.officers[2]!.id }, admin);
      const headContext = await desktop(browser);
      const head = await headContext.newPage();
      await signInAt(head, base, `/blocks/${paper.blockId}/years/2026/conference`, paper.officers[0]!.email);
      await head.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor();
      await head.getByRole('radio', { name: /Bỏ phiếu trên giấy/ }).check();
      await head.getByRole('checkbox', { name: 'Phó khối năm sau' }).uncheck();
      await head.getByRole('button', { name: 'Mở vòng bỏ phiếu trên giấy' }).click();
      await head.waitForURL(/\/voting-periods\/[^/]+$/);
      const periodId = new URL(head.url()).pathname.split('/')[2]!;

      // A member votes in the hall: its home asks for no ballot, and the round's page offers none, with no
      // deadline and no online turnout ("0/3 đã bỏ phiếu") to mislead.
      const member = await pageAt(browser, base, '/', paper.officers[2]!.email, 'phone');
      // Its home has gathered its tasks (the block's overview is there) and asks for no ballot.
      await member.getByRole('region', { name: /^Khối, cụm thi đua của đơn vị – năm/ }).waitFor(WAIT);
      await expect.poll(() => member.locator('.loading').count(), WAIT).toBe(0);
      expect(await member.getByRole('region', { name: /^Bỏ phiếu/ }).count()).toBe(0);
      await member.goto(`${base}/voting-periods/${periodId}`);
      await member.getByText(/^Vòng này bỏ phiếu giấy tại hội nghị: Trưởng khối nhập kết quả/).waitFor(WAIT);
      expect(await member.getByRole('link', { name: 'Bỏ phiếu', exact: true }).count()).toBe(0);
      expect(await member.getByText(/^Hạn chót/).count()).toBe(0);
      expect(await member.getByText(/đã bỏ phiếu/).count()).toBe(0);
      await screenshot(member, 'paper-round-member-390');
      await member.context().close();
      // The secretariat, which sees no figures before they are published, learns whose step the count is.
      const secretariat = await pageAt(browser, base, `/voting-periods/${periodId}/paper-count`, admin.email);
      await expect
        .poll(() => secretariat.getByRole('status').filter({ hasText: 'Ban kiểm phiếu' }).textContent(), WAIT)
        .toBe(
          `Trưởng khối – ${paper.units[0]!.name} – nhập kết quả kiểm phiếu theo biên bản của Ban kiểm phiếu; Phó khối hoặc thư ký hội nghị xác nhận. Số liệu được công bố sau khi xác nhận.`,
        );
      // Its controls on the round's page offer no entry it could not make.
      await secretariat.goto(`${base}/voting-periods/${periodId}`);
      await secretariat.getByRole('heading', { name: 'Điều hành vòng bỏ phiếu' }).waitFor(WAIT);
      expect(await secretariat.getByRole('link', { name: 'Nhập kết quả kiểm phiếu' }).count()).toBe(0);
      await secretariat.context().close();
      // The head unit's home has the count to enter.
      await head.goto(`${base}/`);
      const toEnter = head.getByRole('region', { name: /^Kết quả kiểm phiếu giấy cần nhập/ });
      await toEnter.waitFor(WAIT);
      await head.goto(`${base}/voting-periods/${periodId}`);

      // The round's controls could not be read (the connection dropped): said, with a retry, not left out.
      await head.route('**/graphql', (route) =>
        route.request().postData()?.includes('query PeriodControls')
          ? route.abort('connectionreset')
          : route.fallback(),
      );
      await head.reload();
      await expect
        .poll(() => head.getByText('Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.').count())
        .toBe(1);
      await head.unroute('**/graphql');
      await head.getByRole('button', { name: 'Thử lại' }).click();
      await head.getByRole('link', { name: 'Nhập kết quả kiểm phiếu' }).click();
      await head.waitForURL(/\/paper-count$/);

      // The counting committee's figures; an inconsistent entry is refused on the page, beside its field.
      const flag = 'Đơn vị dẫn đầu khối (đề nghị Cờ thi đua)';
      // Sent as it opened, every valid ballot would read as blank: refused, each contest saying so.
      await head.getByRole('button', { name: 'Lưu kết quả kiểm phiếu' }).click();
      await expect
        .poll(() => head.getByText(/^Có 3 phiếu hợp lệ nhưng chưa đơn vị nào có phiếu/).count())
        .toBeGreaterThan(0);
      expect(await head.getByText('Kết quả đã nhập').count()).toBe(0);
      await head.getByLabel(`Phiếu không hợp lệ – ${flag}`).fill('1');
      await head
        .getByLabel(new RegExp(`^Số phiếu của ${NAMES[2]}.* – ${flag.replace(/[()]/g, '\\$&')}`))
        .fill('3');
      await head.getByLabel(new RegExp(`^Số phiếu của ${NAMES[0]}.* – Trưởng khối năm sau`)).fill('3');
      await head.getByRole('button', { name: 'Lưu kết quả kiểm phiếu' }).click();
      await expect
        .poll(() => head.getByText('Hợp lệ + không hợp lệ phải bằng số phiếu thu về (3).').count())
        .toBe(1);
      expect(await head.getByLabel(`Phiếu hợp lệ – ${flag}`).getAttribute('aria-invalid')).toBe('true');
      await screenshot(head, 'paper-count-error-1366');
      await expectAccessible(head, 'the paper count with an error');
      // One ballot was spoilt: the valid ones are one fewer, and so are the votes they carry.
      await head.getByLabel(`Phiếu hợp lệ – ${flag}`).fill('2');
      await head
        .getByLabel(new RegExp(`^Số phiếu của ${NAMES[2]}.* – ${flag.replace(/[()]/g, '\\$&')}`))
        .fill('2');
      await head.getByRole('button', { name: 'Lưu kết quả kiểm phiếu' }).click();
      await head.getByRole('heading', { name: 'Kết quả đã nhập' }).waitFor();
      // Saved, the form to enter it again stays folded under the count; opened, it takes the person there.
      expect(await head.getByLabel(`Phiếu phát ra – ${flag}`).count()).toBe(0);
      await head.getByRole('button', { name: 'Nhập lại (thay bản chưa xác nhận)' }).click();
      const again = head.getByRole('heading', { name: 'Nhập lại (thay bản chưa xác nhận)' });
      await expect.poll(() => again.evaluate((h) => h === document.activeElement)).toBe(true);
      expect(await head.getByLabel(`Phiếu hợp lệ – ${flag}`).inputValue()).toBe('2');
      // The one who entered it cannot confirm it.
      await expect.poll(() => head.getByText(/Chờ Phó khối hoặc thư ký hội nghị xác nhận/).count()).toBe(1);
      expect(await head.getByRole('button', { name: 'Xác nhận kết quả kiểm phiếu' }).count()).toBe(0);

      // The hall screen shows no online turnout for a paper round (it would read 0 of 3): the committee counts.
      await head.goto(`${base}/voting-periods/${periodId}/hall`);
      await head
        .getByText('Bỏ phiếu trên giấy: ban kiểm phiếu kiểm phiếu và nhập kết quả vào hệ thống.')
        .waitFor(WAIT);
      expect(await head.getByTestId('hall-turnout').count()).toBe(0);
      await head.goto(`${base}/voting-periods/${periodId}/paper-count`);

      // So does the conference's secretary, an officer of a member that neither enters nor confirms otherwise.
      const secretary = await pageAt(browser, base, '/', paper.officers[2]!.email, 'phone');
      await secretary
        .getByRole('region', { name: /^Kết quả kiểm phiếu giấy cần xác nhận/ })
        .getByRole('link', { name: /^Xác nhận: / })
        .waitFor(WAIT);
      await secretary.context().close();

      // The deputy finds the count to confirm on its home page.
      const deputy = await (await phone(browser)).newPage();
      await signInAt(deputy, base, '/', paper.officers[1]!.email);
      await deputy
        .getByRole('region', { name: /^Kết quả kiểm phiếu giấy cần xác nhận/ })
        .getByRole('link', { name: /^Xác nhận: / })
        .click(WAIT);
      await deputy.waitForURL(/\/paper-count$/);
      await deputy.getByRole('heading', { name: 'Kết quả đã nhập' }).waitFor();
      await expect.poll(() => deputy.getByRole('table').first().textContent()).toContain(NAMES[2]);
      await screenshot(deputy, 'paper-count-confirm-390');
      await expectAccessible(deputy, 'the paper count for the deputy');
      await deputy.getByRole('button', { name: 'Xác nhận kết quả kiểm phiếu' }).click();
      const dialog = deputy.getByRole('dialog', { name: 'Xác nhận kết quả kiểm phiếu?' });
      await expect.poll(() => dialog.textContent()).toContain('không sửa được nữa');
      await screenshot(deputy, 'paper-count-dialog-390');
      await dialog.getByRole('button', { name: 'Xác nhận kết quả kiểm phiếu' }).click();
      await expect.poll(() => deputy.getByText(/Đã xác nhận lúc/).count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => deputy.getByRole('link', { name: 'Kết quả và biên bản' }).count()).toBe(1);
      // The head unit reads the count before it publishes it: the committee's figures as entered, as the minutes
      // print them, the spoilt ballot too.
      await head.goto(`${base}/voting-periods/${periodId}/results`);
      await expect
        .poll(
          () =>
            head
              .getByText(/Phiếu phát ra: 3 · Phiếu thu về: 3 · Phiếu hợp lệ: 2 · Phiếu không hợp lệ: 1/)
              .count(),
          WAIT,
        )
        .toBe(1);
      await screenshot(head, 'paper-results-1366');
      await head.setViewportSize(PHONE);
      await screenshot(head, 'paper-results-390');
      await head.setViewportSize(DESKTOP);
      await deputy.context().close();
      await headContext.close();
    },
  );
  it(
    'the deputy unit runs the conference: it reads who is off the award ballots and why, opens the vote, and then cannot re-date the conference',
    { timeout: 180_000 },
    async () => {
      const block = await createLockedBlock(app, province, NAMES, admin);
      ok(
        await app.gql(
          `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: INSPECTION, note: "Quyết định thanh tra số 27/QĐ-TTr ngày 12/9/2026", openedOn: "2026-09-12" }) { id } }`,
          { u: block.units[2]!.id },
          { token: admin.token, provinceId: province },
        ),
      );
      await recordBlockConference(app, province, block, {}, block.officers[1]!);
      const path = `/blocks/${block.blockId}/years/2026/conference`;
      const deputy = await pageAt(browser, base, path, block.officers[1]!.email);
      await deputy.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor(WAIT);
      const off = deputy.getByRole('status').filter({ hasText: 'Không có tên trong phiếu bầu Cờ thi đua' });
      await expect.poll(() => off.textContent(), WAIT).toContain(NAMES[2]);
      // The kind of reason only: the inspection's details are the unit's and the secretariat's.
      expect(await off.textContent()).toContain('Hoãn xét khen thưởng: đang bị thanh tra.');
      expect(await off.textContent()).not.toContain('27/QĐ-TTr');
      // The engine's line is marked as Vietnamese (a screen reader set to English reads it so).
      expect(await off.locator('[lang="vi"]').filter({ hasText: 'đang bị thanh tra' }).count()).toBe(1);
      await screenshot(deputy, 'conference-open-vote-excluded-1366');
      await expectAccessible(deputy, 'the vote form with a unit left off the award ballots');
      await deputy.getByRole('checkbox', { name: 'Phó khối năm sau' }).uncheck();
      await deputy.getByRole('button', { name: 'Mở bỏ phiếu trực tuyến' }).click();
      await deputy.waitForURL(/\/voting-periods\/[^/]+$/);
      const periodId = new URL(deputy.url()).pathname.split('/')[2]!;
      const contests = ok(
        await app.gql<{ votingPeriod: { contests: { kind: string; candidateUnitIds: string[] }[] } }>(
          `query($id: ID!) { votingPeriod(id: $id) { contests { kind candidateUnitIds } } }`,
          { id: periodId },
          { token: block.officers[1]!.token, provinceId: province },
        ),
      ).votingPeriod.contests;
      const flag = contests.find((c) => c.kind === 'FLAG')!.candidateUnitIds;
      expect([...flag].sort()).toEqual(
        block.units
          .slice(0, 2)
          .map((u) => u.id)
          .sort(),
      );

      // Voting is open: the record may still be corrected, but not its dates (R13).
      await deputy.goto(`${base}${path}`);
      await deputy.getByRole('button', { name: 'Sửa biên bản hội nghị' }).click();
      const held = deputy.getByRole('group', { name: 'Ngày họp', exact: true }).getByRole('spinbutton');
      await expect.poll(() => held.first().getAttribute('aria-disabled'), WAIT).toBe('true');
      await expect
        .poll(() =>
          deputy
            .getByText('Đã cố định từ khi mở bỏ phiếu: hạn nộp hồ sơ tính từ ngày họp.', {
              exact: false,
            })
            .count(),
        )
        .toBe(1);
      await screenshot(deputy, 'conference-dates-fixed-1366');
      await deputy.context().close();
    },
  );
  it(
    "the vote form starts from the quotas: three merit certificates for a block of ten (30 %), the secretariat's two flags for the year",
    { timeout: 120_000 },
    async () => {
      const ten = [
        'Sở Nội vụ',
        'Sở Tư pháp',
        'Sở Công Thương',
        'Sở Y tế',
        'Sở Giáo dục và Đào tạo',
        'Sở Khoa học và Công nghệ',
        'Sở Ngoại vụ',
        'Sở Nông nghiệp và Môi trường',
        'Sở Văn hóa, Thể thao và Du lịch',
        'Thanh tra thành phố',
      ];
      const block = await createLockedBlock(app, province, ten, admin);
      await recordBlockConference(app, province, block, {}, block.officers[0]!);
      ok(
        await app.gql(
          `mutation($y: ID!) { setBlockYearQuota(emulationYearId: $y, reason: "Công văn số 45/SNV-TĐKT", flagSeats: 2) { flagQuotaOverride } }`,
          { y: block.yearId },
          { token: admin.token, provinceId: province },
        ),
      );
      const head = await pageAt(
        browser,
        base,
        `/blocks/${block.blockId}/years/2026/conference`,
        block.officers[0]!.email,
      );
      await head.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor(WAIT);
      const merit = head.getByLabel(/^Số đơn vị được chọn – Đề nghị Bằng khen/);
      await expect.poll(() => merit.inputValue(), WAIT).toBe('3');
      expect(await head.getByText('Chỉ tiêu theo quy định đang áp dụng: tối đa 3 đơn vị.').count()).toBe(1);
      expect(await head.getByLabel(/^Số đơn vị được chọn – Đơn vị dẫn đầu khối/).inputValue()).toBe('2');
      expect(await head.getByText('Chỉ tiêu Sở Nội vụ giao cho năm nay: tối đa 2 đơn vị.').count()).toBe(1);
      await screenshot(head, 'conference-open-vote-quotas-1366');
      await head.getByRole('button', { name: 'Mở bỏ phiếu trực tuyến' }).click();
      await head.waitForURL(/\/voting-periods\/[^/]+$/);
      const periodId = new URL(head.url()).pathname.split('/')[2]!;
      const contests = ok(
        await app.gql<{ votingPeriod: { contests: { kind: string; seats: number }[] } }>(
          `query($id: ID!) { votingPeriod(id: $id) { contests { kind seats } } }`,
          { id: periodId },
          { token: block.officers[0]!.token, provinceId: province },
        ),
      ).votingPeriod.contests;
      expect(contests.filter((c) => c.kind === 'FLAG' || c.kind === 'MERIT')).toEqual([
        { kind: 'FLAG', seats: 2 },
        { kind: 'MERIT', seats: 3 },
      ]);
      await head.context().close();
    },
  );
  it(
    "the secretariat gives one vote its own threshold and rounds (an audited exception); the head unit reads the province's",
    { timeout: 180_000 },
    async () => {
      const block = await createLockedBlock(app, province, NAMES, admin);
      await recordBlockConference(app, province, block, {}, block.officers[0]!);
      const path = `/blocks/${block.blockId}/years/2026/conference`;
      const own = 'Ngưỡng và số vòng riêng cho cuộc bỏ phiếu này (ngoại lệ)';

      const head = await pageAt(browser, base, path, block.officers[0]!.email);
      await head.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor(WAIT);
      await expect
        .poll(() =>
          // Hải Phòng is a city: its rules are the city's.
          head.getByText(/^Theo quy định của thành phố: Trúng cử khi được trên 50%.*Tối đa \d vòng/).count(),
        )
        .toBe(1);
      expect(await head.getByText(own).count()).toBe(0);
      await head.context().close();

      const page = await pageAt(browser, base, path, admin.email);
      await page.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor(WAIT);
      await page.getByText(own).click();
      const threshold = page.getByLabel('Ngưỡng trúng cử (R4), %');
      await threshold.fill('120');
      // The rounds are left at the province's: only what differs is sent, and audited as the exception.
      await page.getByLabel('Cách so ngưỡng').selectOption({ label: 'từ ngưỡng trở lên' });
      await page.getByRole('button', { name: 'Mở bỏ phiếu trực tuyến' }).click();
      await expect.poll(() => threshold.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => page.getByText('Nhập tỷ lệ từ 1 đến 100.').count()).toBe(1);
      await screenshot(page, 'conference-open-vote-own-rules-1366');
      await expectAccessible(page, "the vote form with the secretariat's exception");
      await threshold.fill('60');
      await page.getByRole('button', { name: 'Mở bỏ phiếu trực tuyến' }).click();
      await page.waitForURL(/\/voting-periods\/[^/]+$/);
      const periodId = new URL(page.url()).pathname.split('/')[2]!;
      const period = ok(
        await app.gql<{
          votingPeriod: { thresholdPercent: number; thresholdMode: string; maxRounds: number };
        }>(
          `query($id: ID!) { votingPeriod(id: $id) { thresholdPercent thresholdMode maxRounds } }`,
          { id: periodId },
          { token: admin.token, provinceId: province },
        ),
      ).votingPeriod;
      const province_ = ok(
        await app.gql<{ awardRuleSet: { rules: { maxRounds: number } } }>(
          `{ awardRuleSet(year: 2026) { rules { maxRounds } } }`,
          {},
          { token: admin.token, provinceId: province },
        ),
      ).awardRuleSet.rules;
      expect(period).toEqual({
        thresholdPercent: 60,
        thresholdMode: 'AT_LEAST',
        maxRounds: province_.maxRounds,
      });
      const events = ok(
        await app.gql<{
          auditEvents: { nodes: { action: string; entityId: string; after: Record<string, unknown> }[] };
        }>(
          `{ auditEvents(first: 50) { nodes { action entityId after } } }`,
          {},
          { token: admin.token, provinceId: province },
        ),
      ).auditEvents.nodes;
      const opened = events.find((e) => e.action === 'voting.open' && e.entityId === periodId)!;
      expect(opened.after).toMatchObject({ thresholdPercent: 60, thresholdMode: 'AT_LEAST' });
      expect(opened.after).not.toHaveProperty('maxRounds');
      // The members' ballot says the vote's own threshold.
      const member = await pageAt(
        browser,
        base,
        `/voting-periods/${periodId}/ballot`,
        block.officers[1]!.email,
        'phone',
      );
      await expect
        .poll(() => member.getByText(/Cần từ 60% tổng số 3 thành viên/).count(), WAIT)
        .toBeGreaterThan(0);
      await member.context().close();
      await page.context().close();
    },
  );
  it(
    "the secretariat links the secretary's account, found by a search on the server; the head unit's correction keeps it",
    { timeout: 180_000 },
    async () => {
      const block = await createLockedBlock(app, province, NAMES, admin);
      const secretary = block.officers[2]!;
      const secretaryOf = async () =>
        ok(
          await app.gql<{ emulationYear: { conference: { secretaryUserId: string | null; place: string } } }>(
            `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { conference { secretaryUserId place } } }`,
            { b: block.blockId },
            { token: admin.token, provinceId: province },
          ),
        ).emulationYear.conference;
      const path = `/blocks/${block.blockId}/years/2026/conference`;
      const page = await pageAt(browser, base, path, admin.email);
      await page.getByRole('heading', { name: 'Biên bản hội nghị' }).waitFor();
      await fillDate(page, 'Ngày họp', vietnamDate(new Date()));
      await page.getByLabel('Địa điểm').fill('Hội trường Sở Xây dựng');

      const picker = page.getByRole('group', { name: 'Tài khoản của thư ký hội nghị' });
      const search = picker.getByLabel('Tìm tài khoản theo họ tên hoặc thư điện tử');
      await search.fill('không có ai tên này');
      await search.press('Enter');
      await expect
        .poll(() => picker.getByText('Không có người dùng nào của thành phố khớp với').count(), WAIT)
        .toBe(1);
      // Every test account has the same name: the list says how many match and asks for more.
      await search.fill('Nguyễn Văn Thử');
      await picker.getByRole('button', { name: 'Tìm', exact: true }).click();
      await expect.poll(() => picker.getByText(/người dùng khớp, hiện 8 người đầu/).count(), WAIT).toBe(1);
      await search.fill(secretary.email);
      await search.press('Enter');
      const choose = picker.getByRole('button', { name: `Chọn Nguyễn Văn Thử (${secretary.email})` });
      await choose.waitFor(WAIT);
      await choose.click();
      await expect
        .poll(() => picker.getByText(`Tài khoản được gắn: Nguyễn Văn Thử (${secretary.email})`).count())
        .toBe(1);
      // The name goes into the minutes' secretary field when it was empty.
      expect(await page.getByLabel('Thư ký hội nghị', { exact: true }).inputValue()).toBe('Nguyễn Văn Thử');
      await screenshot(page, 'conference-secretary-picker-1366');
      await expectAccessible(page, 'the conference record with the secretary picker');
      await page.getByRole('button', { name: 'Ghi nhận hội nghị' }).click();
      await page.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor(WAIT);
      await expect
        .poll(() => page.getByText(/tài khoản của Nguyễn Văn Thử, xác nhận được kết quả kiểm phiếu/).count())
        .toBe(1);
      expect((await secretaryOf()).secretaryUserId).toBe(secretary.id);

      // The head unit corrects the record on a phone: it cannot search accounts, and the link stays.
      const head = await pageAt(browser, base, path, block.officers[0]!.email, 'phone');
      await head.getByRole('button', { name: 'Sửa biên bản hội nghị' }).click();
      const theirs = head.getByRole('group', { name: 'Tài khoản của thư ký hội nghị' });
      // Read back, the record names the linked account.
      await expect.poll(() => theirs.getByText('Tài khoản được gắn: Nguyễn Văn Thử').count(), WAIT).toBe(1);
      expect(await theirs.getByLabel('Tìm tài khoản theo họ tên hoặc thư điện tử').count()).toBe(0);
      await screenshot(head, 'conference-secretary-head-390');
      await expectAccessible(head, 'the conference correction for the head unit');
      await head.getByLabel('Địa điểm').fill('Hội trường Sở Xây dựng, tầng 3');
      await head.getByRole('button', { name: 'Lưu bản sửa' }).click();
      await expect.poll(async () => (await secretaryOf()).place, WAIT).toBe('Hội trường Sở Xây dựng, tầng 3');
      expect((await secretaryOf()).secretaryUserId).toBe(secretary.id);
      await Promise.all([head.context().close(), page.context().close()]);
    },
  );

  it("a head unit whose computer keeps another zone's time types the deadline in Vietnam's time", async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    await recordBlockConference(app, province, block);
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Europe/Paris',
    });
    const head = await context.newPage();
    await signInAt(head, base, `/blocks/${block.blockId}/years/2026/conference`, block.officers[0]!.email);
    await head.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor(WAIT);
    // Prefilled two hours from now as a clock in Hà Nội reads it, not one in Paris.
    const inVietnam = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 16);
    const prefilled = Date.parse(`${await dateFieldValue(head, 'Hạn chót bỏ phiếu')}Z`);
    expect(Math.abs(prefilled - Date.parse(`${inVietnam(Date.now() + 2 * 3600_000)}Z`))).toBeLessThan(
      5 * 60_000,
    );
    const tomorrow = vietnamDate(new Date(Date.now() + 86_400_000));
    await fillDate(head, 'Hạn chót bỏ phiếu', `${tomorrow}T17:00`);
    await head.getByRole('button', { name: 'Mở bỏ phiếu trực tuyến' }).click();
    await head.waitForURL(/\/voting-periods\/[^/]+$/);
    const periodId = new URL(head.url()).pathname.split('/')[2]!;
    const { closesAt } = ok(
      await app.gql<{ votingPeriod: { closesAt: string } }>(
        `query($id: ID!) { votingPeriod(id: $id) { closesAt } }`,
        { id: periodId },
        { token: block.officers[0]!.token, provinceId: province },
      ),
    ).votingPeriod;
    expect(new Date(closesAt).toISOString()).toBe(new Date(`${tomorrow}T17:00:00+07:00`).toISOString());
    const [y, m, d] = tomorrow.split('-');
    await expect.poll(() => head.getByText(`Hạn chót: 17:00 ${d}/${m}/${y}`).count(), WAIT).toBe(1);

    // Extending to nothing asks for the time, naming the deadline it must follow.
    await head.getByRole('button', { name: 'Gia hạn', exact: true }).click();
    await expect
      .poll(() => head.getByText(`Nhập thời điểm gia hạn (sau 17:00 ${d}/${m}/${y}).`).count(), WAIT)
      .toBe(1);
    // A later deadline's day picked on the calendar comes with the working day's close, not midnight.
    const extend = head.getByRole('group', { name: 'Gia hạn bỏ phiếu đến', exact: true });
    await extend.getByRole('button', { name: /^Chọn ngày trên lịch/ }).click();
    const calendar = head.getByRole('dialog', { name: 'Gia hạn bỏ phiếu đến' });
    await calendar.getByRole('button', { name: 'Tháng sau' }).click();
    await calendar.getByRole('gridcell', { name: '15' }).getByRole('button').click();
    await expect.poll(() => dateFieldValue(head, 'Gia hạn bỏ phiếu đến'), WAIT).toMatch(/-15T17:00$/);
    await context.close();
  });
});
