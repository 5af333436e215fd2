import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  castBlockBallots,
  createAccount,
  createFinishedBlock,
  createLockedBlock,
  finishBlockVote,
  ok,
  openBlockVote,
  provinceId,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';
import { desktop, expectAccessible, phone, screenshot, signInAt, startWebApp, pageAt } from './browser';

/** Pages load lazily and the API answers on a shared machine: wait for what a person would see. */
const WAIT = { timeout: 20_000 };

const NAMES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế', 'Sở Xây dựng'];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let other: string;
let admin: Account;
let otherAdmin: Account;
let finished: LockedBlock;
let locked: LockedBlock;
let theirs: LockedBlock;

const blockName = (id: string, who: Account, p: string) =>
  app
    .gql<{ block: { name: string } }>(
      `query($id: ID!) { block(id: $id) { name } }`,
      { id },
      { token: who.token, provinceId: p },
    )
    .then((r) => ok(r).block.name);

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true, queue: 'redis' }));
  [province, other] = await Promise.all([provinceId(app.dataSource, '22'), provinceId(app.dataSource, '08')]);
  otherAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: other });
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  // One block ready to close, one whose scores are only locked, and a block of another province.
  finished = await createFinishedBlock(app, province, NAMES, admin);
  locked = await createLockedBlock(app, province, NAMES, admin);
  theirs = await createFinishedBlock(app, other, NAMES, otherAdmin);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const row = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });
/** The last cell of a block's row: next year's head and deputy, one a line. */
const nextLeaders = (page: Page, name: string) => row(page, name).getByRole('cell').last().innerText();

describe('the year-end workspace', () => {
  it(
    'sets the schedule, dry-runs, starts the closing and watches it finish, then resumes it for the block that could not close',
    { timeout: 240_000 },
    async () => {
      const [finishedName, lockedName, theirName] = await Promise.all([
        blockName(finished.blockId, admin, province),
        blockName(locked.blockId, admin, province),
        blockName(theirs.blockId, admin, other).catch(() => 'Khối thi đua của tỉnh khác'),
      ]);
      // The browser's clock in December 2026, so that the next run is January 2027's, which closes 2026 (the
      // year closed below) whatever day the test runs; the server needs no clock of its own for this.
      const context = await desktop(browser);
      await context.clock.setFixedTime(new Date('2026-12-10T03:00:00Z'));
      const page = await context.newPage();
      await signInAt(page, base, '/year-end/2026', admin.email);
      await expect.poll(() => page.getByText('Năm này chưa được đóng.').count(), WAIT).toBe(1);
      await expectAccessible(page, 'the year-end page before the closing');
      // What the closing does, and that the proposals on their way go on, said before its button.
      expect(
        await page
          .getByText(/^Việc đóng năm sẽ khóa sổ năm 2026 .*không bị ảnh hưởng và vẫn tiếp tục\.$/)
          .count(),
      ).toBe(1);

      // The schedule: a day left out or impossible is refused on the page, beside its field, before anything is
      // sent, each in its own words.
      await page.getByLabel('Ngày', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Lưu lịch' }).click();
      await expect.poll(() => page.getByText('Vui lòng nhập ngày.').count(), WAIT).toBe(1);
      await page.getByLabel('Ngày', { exact: true }).fill('31');
      await page.getByLabel('Tháng', { exact: true }).fill('2');
      await page.getByLabel(/^Giờ/).fill('08:00');
      await page.getByRole('button', { name: 'Lưu lịch' }).click();
      await expect
        .poll(() => page.getByLabel('Ngày', { exact: true }).getAttribute('aria-invalid'), WAIT)
        .toBe('true');
      expect(await page.getByText('Ngày không có trong tháng đã chọn.').count()).toBe(1);
      await page.getByLabel('Ngày', { exact: true }).fill('20');
      await page.getByLabel('Tháng', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Lưu lịch' }).click();
      await expect.poll(() => page.getByText('Đã lưu lịch đóng năm.').count(), WAIT).toBe(1);
      await expect
        .poll(() => page.getByText('Bắt đầu lúc 08:00 ngày 20/1 hằng năm (giờ Việt Nam).').count(), WAIT)
        .toBe(1);
      // And which year its next run closes: a January run closes the year before.
      const runYear = 2027;
      const nextRun = `Lần chạy tới: 08:00 20/01/${runYear}, đóng năm thi đua ${runYear - 1}.`;
      await expect.poll(() => page.getByText(nextRun).count(), WAIT).toBe(1);
      const schedule = ok(
        await app.gql<{ yearEndSchedule: unknown }>(`{ yearEndSchedule { month day time } }`, undefined, {
          token: admin.token,
          provinceId: province,
        }),
      ).yearEndSchedule;
      expect(schedule).toEqual({ month: 1, day: 20, time: '08:00:00' });

      // The dry run: which block would close, and why the other cannot; nothing of another province.
      await page.getByRole('button', { name: 'Chạy thử' }).click();
      await expect
        .poll(() => page.getByText(/^1 khối, cụm sẽ được đóng, 1 chưa thể đóng/).count(), WAIT)
        .toBe(1);
      expect(await row(page, finishedName).textContent()).toContain('Sẽ đóng');
      // With the head and deputy it would open next year with (those its vote chose); none for a block not closing.
      expect(await page.getByRole('columnheader', { name: 'Trưởng, Phó khối, cụm năm 2027' }).count()).toBe(
        1,
      );
      const finishedNext = `Trưởng khối: ${finished.units[1]!.name}\nPhó khối: ${finished.units[4]!.name}`;
      expect(await nextLeaders(page, finishedName)).toBe(finishedNext);
      expect(await nextLeaders(page, lockedName)).toBe('');
      expect(await row(page, lockedName).textContent()).toContain(
        'Năm thi đua đang ở giai đoạn “Đã khóa điểm”: còn bình xét tại hội nghị tổng kết và Trưởng khối gửi hồ sơ đề nghị.',
      );
      expect(await page.getByText(theirName).count()).toBe(0);
      await screenshot(page, 'year-end-dry-run-1366');
      await expectAccessible(page, 'the dry run');

      // Starting asks first and says what will happen.
      await page.getByRole('button', { name: 'Bắt đầu đóng năm thi đua 2026' }).click();
      const dialog = page.getByRole('dialog', { name: 'Bắt đầu đóng năm thi đua 2026?' });
      await expect.poll(() => dialog.isVisible(), WAIT).toBe(true);
      expect(await dialog.textContent()).toContain('không thể hoàn tác');
      // …and what the dry run just found, again.
      expect(await dialog.textContent()).toMatch(
        /Theo lần chạy thử lúc \d{2}:\d{2}(:\d{2})?: 1 khối, cụm sẽ được đóng, 1 chưa thể đóng/,
      );
      await expectAccessible(page, 'the confirmation before the closing');
      await screenshot(page, 'year-end-confirm-1366');
      await dialog.getByRole('button', { name: 'Bắt đầu đóng năm' }).click();

      // The progress is re-read until it is done, without reloading the page.
      await expect.poll(() => page.getByText('Đã chạy xong').count(), { timeout: 60_000 }).toBe(1);
      expect(await row(page, finishedName).textContent()).toContain('Đã đóng');
      expect(await nextLeaders(page, finishedName)).toBe(finishedNext);
      expect(await row(page, lockedName).textContent()).toContain('Chưa thể đóng');
      expect(await page.getByText('Đã xử lý 2/2 khối, cụm').count()).toBe(1);
      // Processed is not closed: the outcome says how many closed, and that one could not.
      expect(
        await page
          .getByText(
            'Kết quả: 1/2 khối, cụm đã đóng năm; 1 chưa thể đóng (xem lý do từng khối, cụm bên dưới).',
          )
          .count(),
      ).toBe(1);
      // The next run finds this closing started: it closes nothing, and takes up none of the blocks not closed.
      const nothing = `Lần chạy tới: 08:00 20/01/${runYear}, sẽ không đóng gì: việc đóng năm thi đua 2026 đã được bắt đầu trước đó.`;
      const notResumed =
        'Lần chạy tự động không đóng lại 1 khối, cụm năm 2026 chưa đóng được: Sở Nội vụ chạy lại việc đóng năm trên trang đóng năm 2026.';
      const after = `Lần chạy sau đó: 08:00 20/01/${runYear + 1}, đóng năm thi đua ${runYear}.`;
      await expect.poll(() => page.getByText(notResumed, { exact: false }).count(), WAIT).toBe(1);
      expect(await page.getByText(nothing).count()).toBe(1);
      expect(await page.getByText(after).count()).toBe(1);
      expect(await page.getByText(nextRun).count()).toBe(0);
      await screenshot(page, 'year-end-done-1366');
      await expectAccessible(page, 'the finished closing');

      // The locked block finishes its year meanwhile (its own pages are tested elsewhere) …
      const vote = await openBlockVote(app, province, locked, [
        { kind: 'FLAG', seats: 1 },
        { kind: 'NEXT_HEAD', seats: 1 },
        { kind: 'NEXT_DEPUTY', seats: 1 },
      ]);
      await castBlockBallots(app, province, locked, vote, [[2], [0], [1]]);
      await finishBlockVote(app, province, locked, vote.id);

      // … and the secretariat runs the closing again for it.
      await page.getByRole('button', { name: 'Chạy lại cho các khối, cụm chưa đóng' }).click();
      const again = page.getByRole('dialog', { name: 'Chạy lại việc đóng năm 2026?' });
      expect(await again.textContent()).toContain('1 khối, cụm chưa đóng sẽ được xử lý lại');
      await again.getByRole('button', { name: 'Chạy lại cho các khối, cụm chưa đóng' }).click();
      await expect
        .poll(() => page.getByText('Mọi khối, cụm của năm này đã được đóng.').count(), { timeout: 60_000 })
        .toBe(1);
      expect(await row(page, lockedName).textContent()).toContain('Đã đóng');
      expect(await nextLeaders(page, lockedName)).toBe(
        `Trưởng khối: ${locked.units[0]!.name}\nPhó khối: ${locked.units[1]!.name}`,
      );
      expect(await page.getByText('Lượt 2').count()).toBe(1);
      await expect.poll(() => page.getByText(notResumed, { exact: false }).count(), WAIT).toBe(0);
      expect(await page.getByText(nothing).count()).toBe(1);
      expect(await page.getByText(after).count()).toBe(1);
      await vi.waitFor(
        async () => {
          const y = ok(
            await app.gql<{ emulationYear: { state: string } }>(
              `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { state } }`,
              { b: locked.blockId },
              { token: admin.token, provinceId: province },
            ),
          ).emulationYear;
          expect(y.state).toBe('CLOSED');
        },
        { timeout: 20_000, interval: 100 },
      );

      // On a phone, the same page.
      const small = await phone(browser);
      const p2 = await small.newPage();
      await signInAt(p2, base, '/year-end/2026', admin.email);
      await expect.poll(() => p2.getByText('Mọi khối, cụm của năm này đã được đóng.').count(), WAIT).toBe(1);
      expect(await p2.getByText(/^Kết quả: /).count()).toBe(0);
      await screenshot(p2, 'year-end-done-390');
      await expectAccessible(p2, 'the year-end page on a phone');
      await Promise.all([page.context().close(), small.close()]);
    },
  );

  it('in English, counts a closing of one block in the singular and names its next head and deputy', async () => {
    // The other province closes its one block; English is kept with the account, which no other test reads.
    ok(
      await app.gql(`mutation { startYearEndClosing(year: 2026) { state } }`, undefined, {
        token: otherAdmin.token,
        provinceId: other,
      }),
    );
    const page = await pageAt(browser, base, '/year-end/2026', otherAdmin.email);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect
      .poll(() => page.getByText('1 of 1 block or cluster processed').count(), { timeout: 60_000 })
      .toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Head and deputy for 2027' }).count()).toBe(1);
    const theirName = await blockName(theirs.blockId, otherAdmin, other);
    await expect
      .poll(() => nextLeaders(page, theirName), WAIT)
      .toBe(`Head: ${theirs.units[1]!.name}\nDeputy: ${theirs.units[4]!.name}`);
    await screenshot(page, 'year-end-done-en-1366');
    await page.context().close();
  }, 120_000);
});
