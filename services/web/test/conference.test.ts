import type { Browser, Page } from 'playwright-core';
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
import {
  dateFieldValue,
  DESKTOP,
  desktop,
  expectAccessible,
  expectNoSidewaysScroll,
  fillDate,
  PHONE,
  screenshot,
  signInAt,
  startWebApp,
  pageAt,
} from './browser';

const NAMES = ['Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Báo Tuyên Quang'];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let block: LockedBlock;
let admin: Account;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true, queue: 'redis' }));
  province = await provinceId(app.dataSource, '08');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  block = await createLockedBlock(app, province, NAMES, admin);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const periodState = async (id: string) =>
  ok(
    await app.gql<{ votingPeriod: { status: string; resultsPublishedAt: string | null } }>(
      `query($id: ID!) { votingPeriod(id: $id) { status resultsPublishedAt } }`,
      { id },
      { token: block.officers[0]!.token, provinceId: province },
    ),
  ).votingPeriod;

/** One officer's ballot on the phone: the flag to `flag`, the next head to `head` (indexes into NAMES). */
async function voteOnPhone(page: Page, flag: number, head: number, shots: string | null) {
  await page.getByRole('link', { name: 'Bỏ phiếu' }).click();
  await page.waitForURL(/\/ballot$/);
  // Contest 1: the flag, one seat, the threshold in words.
  await expect
    .poll(() => page.getByRole('heading', { level: 2 }).first().textContent())
    .toContain('Cờ thi đua');
  await expect.poll(() => page.getByText('Chọn tối đa 1 đơn vị').count()).toBe(1);
  await expect
    .poll(() => page.getByText(/Cần trên 50% tổng số 3 thành viên \(ít nhất 2 phiếu\)/).count())
    .toBe(1);
  await page.getByRole('radio', { name: new RegExp(NAMES[flag]!) }).check();
  if (shots) {
    await screenshot(page, `${shots}-ballot-390`);
    await expectAccessible(page, 'the ballot');
  }
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  // Contest 2: the next head.
  await page.getByRole('radio', { name: new RegExp(NAMES[head]!) }).check();
  await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Kiểm tra trước khi gửi' }).count()).toBe(1);
  if (shots) {
    await screenshot(page, `${shots}-review-390`);
    await expectAccessible(page, 'the ballot review');
  }
  await page.getByRole('button', { name: 'Gửi phiếu' }).click();
  await page.getByTestId('receipt-code').waitFor();
  if (shots) {
    await screenshot(page, `${shots}-receipt-390`);
    await expectAccessible(page, 'the receipt');
  }
  return (await page.getByTestId('receipt-code').textContent())!.trim();
}

/** When a year's round 2 closes, as the API has it (ms since the epoch). */
async function round2ClosesAt(yearId: string): Promise<number> {
  const rounds = ok(
    await app.gql<{ votingPeriods: { round: number; closesAt: string }[] }>(
      `query($y: ID!) { votingPeriods(emulationYearId: $y) { round closesAt } }`,
      { y: yearId },
      { token: admin.token, provinceId: province },
    ),
  ).votingPeriods;
  return new Date(rounds.find((r) => r.round === 2)!.closesAt).getTime();
}

describe('the conference in the browser', () => {
  it(
    'three officers vote on their phones while the hall screen shows turnout rising, then the published results',
    { timeout: 180_000 },
    async () => {
      const period = await openBlockVote(app, province, block, [
        { kind: 'FLAG', seats: 1 },
        { kind: 'NEXT_HEAD', seats: 1 },
      ]);

      // The head unit's laptop on the projector.
      const hallContext = await desktop(browser);
      const hall = await hallContext.newPage();
      await signInAt(hall, base, `/voting-periods/${period.id}/hall`, block.officers[0]!.email);
      const turnout = hall.getByTestId('hall-turnout');
      await expect.poll(() => turnout.textContent()).toBe('0/3');
      await expect.poll(() => hall.getByText('Trực tiếp').count(), { timeout: 10_000 }).toBe(1);
      // The room reads what it votes on in this round.
      expect(
        await hall
          .getByText(
            'Vòng này bầu: Đơn vị dẫn đầu khối (đề nghị Cờ thi đua) – 1 đơn vị; Trưởng khối năm sau – 1 đơn vị.',
          )
          .count(),
      ).toBe(1);
      await screenshot(hall, 'hall-open-1366');
      await expectAccessible(hall, 'the hall screen');

      // Three officers, three phones; each comes through the notification's link and signs in.
      const phones: Page[] = [];
      for (const officer of block.officers) {
        const page = await pageAt(browser, base, `/voting-periods/${period.id}`, officer.email, 'phone');
        phones.push(page);
      }
      // The first officer's home page says what needs them: this vote, with its count, one tap away.
      const first = phones[0]!;
      await first.goto(`${base}/`);
      await expect
        .poll(() => first.getByRole('heading', { name: /Bỏ phiếu đang mở cho đơn vị của bạn/ }).count(), {
          timeout: 15_000,
        })
        .toBe(1);
      expect(await first.locator('.task-count').first().textContent()).toBe('1');
      // The head unit that runs the vote follows its turnout from home, until everyone has voted.
      expect(await first.getByRole('heading', { name: /Bỏ phiếu của khối đang diễn ra/ }).count()).toBe(1);
      expect(await first.getByRole('link', { name: /^Theo dõi: / }).textContent()).toMatch(
        /Vòng 1 · 0\/3 đã bỏ phiếu$/,
      );
      await screenshot(first, 'home-officer-390');
      await expectAccessible(first, 'the officer’s home page');
      // A member's year page says who moves the year on, not that the step is taken on pages that are not theirs.
      const member = phones[2]!;
      await member.goto(`${base}/blocks/${block.blockId}/years/2026`);
      await member.getByRole('link', { name: 'Mở trang hội nghị' }).waitFor();
      expect(await member.getByText(/^Bước này được thực hiện ở trang/).count()).toBe(0);
      await member.goto(`${base}/voting-periods/${period.id}`);
      // The task says until when, and opens the ballot itself.
      expect(await first.getByRole('link', { name: /^Bỏ phiếu: / }).textContent()).toMatch(
        /Vòng 1 · Hạn chót: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/,
      );
      await first.getByRole('link', { name: /^Bỏ phiếu: / }).click();
      await first.waitForURL((u) => u.pathname === `/voting-periods/${period.id}/ballot`);
      await first.goto(`${base}/voting-periods/${period.id}`);
      await first.getByRole('link', { name: 'Bỏ phiếu' }).waitFor();
      await screenshot(phones[0]!, 'period-390');
      await expectAccessible(phones[0]!, 'the voting period page');
      // An online round has no paper count to enter, not even for the head unit that enters a paper one.
      await first.goto(`${base}/voting-periods/${period.id}/paper-count`);
      await first.getByText('Vòng này bỏ phiếu trực tuyến: phiếu do hệ thống kiểm.').waitFor();
      expect(await first.getByRole('heading', { name: 'Nhập kết quả của Ban kiểm phiếu' }).count()).toBe(0);
      await first.goto(`${base}/voting-periods/${period.id}`);
      await first.getByRole('link', { name: 'Bỏ phiếu' }).waitFor();

      // The secretariat's home page follows the province's votes under way, with their turnout.
      const secretariat = await pageAt(browser, base, '/', admin.email);
      await expect
        .poll(() => secretariat.getByRole('heading', { name: /Bỏ phiếu đang diễn ra trong tỉnh/ }).count(), {
          timeout: 15_000,
        })
        .toBe(1);
      const follow = secretariat.getByRole('link', { name: /^Theo dõi: / });
      expect(await follow.textContent()).toMatch(/Vòng 1 · 0\/3 đã bỏ phiếu$/);
      await screenshot(secretariat, 'home-secretariat-1366');
      await follow.click();
      await secretariat.waitForURL((u) => u.pathname === `/voting-periods/${period.id}`);
      await secretariat.close();

      const receipts: string[] = [];
      for (const [i, page] of phones.entries()) {
        // Everyone but unit 1 votes unit 2 for the flag; all vote unit 0 to head next year.
        receipts.push(await voteOnPhone(page, i === 2 ? 1 : 2, 0, i === 0 ? 'conference' : null));
        await expect.poll(() => turnout.textContent(), { timeout: 10_000 }).toBe(`${i + 1}/3`);
      }
      expect(new Set(receipts).size).toBe(3);
      await screenshot(hall, 'hall-all-voted-1366');

      // The head unit's home page says what is theirs to do next, step by step.
      const headHome = phones[0]!;
      const headTask = async (action: string) => {
        await headHome.goto(`${base}/`);
        await headHome.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
        await expect
          .poll(() => headHome.getByRole('link', { name: new RegExp(`^${action}: `) }).count(), {
            timeout: 20_000,
          })
          .toBe(1);
      };
      await headTask('Kết thúc bỏ phiếu');
      expect(await headHome.getByRole('link', { name: /^Theo dõi: / }).count()).toBe(0);
      await screenshot(headHome, 'home-head-all-voted-390');

      // No counts on the projector before publication, even for the head unit that may see them.
      await closeBlockVote(app, province, block.officers[0]!, period.id);
      await vi.waitFor(async () => expect((await periodState(period.id)).status).toBe('TALLIED'), {
        timeout: 20_000,
      });
      await expect
        .poll(() => hall.getByText('Kết quả sẽ hiển thị khi được công bố').count(), { timeout: 10_000 })
        .toBe(1);
      expect(await hall.locator('.hall-results').count()).toBe(0);
      expect(await hall.getByText(/\d+ phiếu/).count()).toBe(0);
      await headTask('Công bố kết quả');
      // The deputy unit runs the round too, but only the head, who chairs the count, announces it.
      const deputyHome = phones[1]!;
      await deputyHome.goto(`${base}/`);
      await deputyHome.getByRole('heading', { name: 'Việc cần làm' }).waitFor();
      await expect.poll(() => deputyHome.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
      expect(await deputyHome.getByRole('link', { name: /^Công bố kết quả: / }).count()).toBe(0);

      ok(
        await app.gql(
          `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`,
          { id: period.id },
          { token: block.officers[0]!.token, provinceId: province },
        ),
      );
      await expect
        .poll(() => hall.getByRole('heading', { name: 'Kết quả bỏ phiếu' }).count(), { timeout: 10_000 })
        .toBe(1);
      const flag = hall.locator('.hall-contest').first();
      await expect.poll(() => flag.locator('li.elected').textContent()).toContain(NAMES[2]);
      await expect.poll(() => flag.locator('li.elected').textContent()).toContain('2 phiếu');
      // Its bar is its share of all 3 members, as the threshold counts, not a full bar for the leader.
      expect(await flag.locator('li.elected .hall-votebar span').getAttribute('style')).toContain(
        'width: 66.67%',
      );
      // Its share reads as the minutes print it, to hundredths.
      expect(await flag.locator('li.elected').textContent()).toContain('66,67%');
      // A unit nobody voted for is named in one line under the count, not given a row and an empty bar.
      expect(await flag.locator('.hall-candidates li').count()).toBe(2);
      expect(await flag.locator('.hall-unvoted').textContent()).toMatch(
        new RegExp(`^Không có phiếu: ${NAMES[0]} \\([\\d-]+\\)\\.$`),
      );
      // Above the counts, what the hall waits for: who was elected, one line a contest, readable from afar.
      const summary = hall.locator('.hall-summary li').first();
      expect(await summary.textContent()).toMatch(
        new RegExp(`^Đơn vị dẫn đầu khối \\(đề nghị Cờ thi đua\\): ${NAMES[2]} \\([\\d-]+\\)$`),
      );
      // Whoever runs the projector gets back to the round's page from the screen itself.
      expect(await hall.getByRole('link', { name: 'Thoát màn hình chiếu' }).getAttribute('href')).toBe(
        `/voting-periods/${period.id}`,
      );
      await screenshot(hall, 'hall-published-1366');
      await expectAccessible(hall, 'the hall screen with results');
      // The round's page, where the announcement's notification leads, offers the results first.
      const reader = await pageAt(
        browser,
        base,
        `/voting-periods/${period.id}`,
        block.officers[2]!.email,
        'phone',
      );
      const results = reader.getByRole('link', { name: 'Kết quả và biên bản' });
      await expect.poll(() => results.getAttribute('class')).toContain('button-primary');
      // Every seat filled: the vote is over, and the page says what comes next and where.
      expect(await reader.getByText(/^Bỏ phiếu bình xét của khối đã xong\. Tiếp theo: /).count()).toBe(1);
      expect(
        await reader.getByRole('link', { name: 'Đến trang hội nghị tổng kết' }).getAttribute('href'),
      ).toBe(`/blocks/${block.blockId}/years/2026/conference`);
      await screenshot(reader, 'period-block-done-390');
      await reader.context().close();
      await headTask('Gửi hồ sơ');
      // R13: the task says by when (the conference was held today: 15 days from now, by default).
      const dueDate = new Intl.DateTimeFormat('vi-VN', {
        timeZone: 'Asia/Ho_Chi_Minh',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(new Date(Date.now() + 15 * 86_400_000));
      const dossierTask = headHome.getByRole('link', { name: /^Gửi hồ sơ: / });
      // And how many proposals still lack their achievement report (the head sees all, not only its own).
      expect(await dossierTask.textContent()).toMatch(
        new RegExp(`\\(hạn ${dueDate}; còn [1-9]\\d* đề nghị chưa có báo cáo thành tích\\)$`),
      );
      await dossierTask.click();
      await headHome.waitForURL(/\/years\/\d+\/conference$/);
      await expect
        .poll(() => headHome.getByRole('button', { name: 'Gửi hồ sơ lên Sở Nội vụ' }).count())
        .toBe(1);
      const dueLine = `Hạn gửi hồ sơ lên Sở Nội vụ: ${dueDate} (còn 15 ngày).`;
      // Above the button (the dialog, closed, says it again).
      await headHome.getByText(dueLine).first().waitFor();
      await headHome.getByRole('button', { name: 'Gửi hồ sơ lên Sở Nội vụ' }).click();
      expect(await headHome.getByRole('dialog').textContent()).toContain(dueLine);
      await screenshot(headHome, 'dossier-due-390');
      await headHome.getByRole('button', { name: 'Không, quay lại' }).click();

      // Past a fixed deadline (yesterday), the head unit cannot send; the secretariat accepts it late, with a reason.
      const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000);
      const setDeadline = (rule: string) =>
        app.gql(
          `mutation { setAwardRuleSet(effectiveYear: ${new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()}, input: { dossierDeadline: ${rule} }) { effectiveYear } }`,
          {},
          { token: admin.token, provinceId: province },
        );
      ok(
        await setDeadline(
          `{ kind: FIXED_DAY, month: ${yesterday.getUTCMonth() + 1}, day: ${yesterday.getUTCDate()}, yearOffset: 0 }`,
        ),
      );
      await headHome.reload();
      await headHome
        .getByText(/^Đã quá hạn gửi hồ sơ \(\d{2}\/\d{2}\/\d{4}\)\. Hồ sơ chỉ gửi được khi Sở Nội vụ/)
        .first()
        .waitFor();
      expect(await headHome.getByRole('button', { name: 'Gửi hồ sơ lên Sở Nội vụ' }).isDisabled()).toBe(true);
      const office = await pageAt(browser, base, new URL(headHome.url()).pathname, admin.email);
      await office.getByRole('button', { name: 'Chấp nhận hồ sơ nộp muộn' }).click();
      const late = office.getByRole('dialog', { name: 'Chấp nhận hồ sơ nộp muộn?' });
      await late.getByRole('button', { name: 'Chấp nhận hồ sơ nộp muộn' }).click();
      await late.getByText('Vui lòng ghi lý do chấp nhận (ít nhất 3 ký tự).').waitFor();
      await late.getByLabel('Lý do chấp nhận').fill('Khối có công văn xin gia hạn do hội nghị lùi lịch');
      await expectAccessible(office, 'the late acceptance dialog');
      await late.getByRole('button', { name: 'Chấp nhận hồ sơ nộp muộn' }).click();
      await office
        .getByText(/^Sở Nội vụ đã chấp nhận hồ sơ nộp muộn/)
        .first()
        .waitFor();
      await office.context().close();
      await headHome.reload();
      await headHome
        .getByText(/^Sở Nội vụ đã chấp nhận hồ sơ nộp muộn/)
        .first()
        .waitFor();
      expect(await headHome.getByRole('button', { name: 'Gửi hồ sơ lên Sở Nội vụ' }).isDisabled()).toBe(
        false,
      );
      ok(await setDeadline('{ kind: DAYS_AFTER_CONFERENCE, days: 15 }'));

      // The minutes, on a phone and on a desktop.
      const minutes = phones[1]!;
      await minutes.goto(`${base}/voting-periods/${period.id}/results`);
      await expect
        .poll(() => minutes.getByRole('heading', { name: 'Kết quả và biên bản kiểm phiếu' }).count())
        .toBe(1);
      await expect.poll(() => minutes.locator('tr.row-elected').first().textContent()).toContain(NAMES[2]);
      expect(await minutes.getByText('66,67%').count()).toBeGreaterThan(0);
      await screenshot(minutes, 'results-390');
      await expectNoSidewaysScroll(minutes, 'the results on a phone');
      // Each contest's four columns fit the card: no table of four columns to scroll sideways.
      expect(
        await minutes
          .locator('.contest-result .table-wrap')
          .evaluateAll((wraps) => wraps.every((w) => w.scrollWidth <= w.clientWidth + 1)),
      ).toBe(true);
      await expectAccessible(minutes, 'the results page');
      await hall.goto(`${base}/voting-periods/${period.id}/results`);
      await expect.poll(() => hall.locator('tr.row-elected').count()).toBe(2);
      await screenshot(hall, 'results-1366');
      // The year's page leads to the conference's record from its list of rounds.
      await hall.goto(`${base}${new URL(headHome.url()).pathname.replace(/\/conference$/, '')}`);
      await hall.getByRole('link', { name: 'Hội nghị tổng kết và biên bản' }).click();
      await hall.waitForURL(/\/years\/\d+\/conference$/);

      await hallContext.close();
      for (const p of phones) await p.context().close();
    },
  );
  it('equal votes for the flag: the results say which unit the tie-break order chose, and why', async () => {
    const tied = await createLockedBlock(app, province, NAMES, admin);
    // A threshold of its own for this vote: the secretariat's exception to R4.
    const period = await openBlockVote(app, province, tied, [{ kind: 'FLAG', seats: 1 }], admin, {
      thresholdPercent: 30,
    });
    // One vote each for the first two units (33,33 % each, over the 30 %); the seeded scores rank unit 0 first.
    for (const [voter, pick] of [
      [0, [1]],
      [1, [0]],
      [2, []],
    ] as const)
      await castBlockBallots(app, province, tied, period, [[...pick]], [tied.officers[voter]!]);
    await closeBlockVote(app, province, tied.officers[0]!, period.id);
    await vi.waitFor(async () => expect((await periodState(period.id)).status).toBe('TALLIED'), {
      timeout: 20_000,
    });
    ok(
      await app.gql(
        `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`,
        { id: period.id },
        { token: tied.officers[0]!.token, provinceId: province },
      ),
    );
    const page = await pageAt(
      browser,
      base,
      `/voting-periods/${period.id}/results`,
      tied.officers[2]!.email,
      'phone',
    );
    // The candidates as the count lists them: equal votes in the order of their ids.
    const among = [tied.units[0]!, tied.units[1]!].sort((a, b) => (a.id < b.id ? -1 : 1)).map((u) => u.name);
    const first = tied.units[0]!.name;
    await expect
      .poll(() => page.locator('p.tie-break').textContent())
      .toBe(
        `${among.join('; ')} bằng số phiếu ở suất cuối cùng; ${first} được chọn theo thứ tự phân định khi bằng nhau: điểm tổng kết.`,
      );
    expect(await page.locator('tr.row-elected').count()).toBe(1);
    await screenshot(page, 'results-tie-break-390');
    await page.context().close();
    // The hall screen says it too: the room sees two units with the same votes and one elected.
    const hall = await pageAt(browser, base, `/voting-periods/${period.id}/hall`, tied.officers[0]!.email);
    await expect
      .poll(() => hall.locator('p.hall-tie').textContent())
      .toBe(
        `${among.join('; ')} bằng số phiếu ở suất cuối cùng; ${first} được chọn theo thứ tự phân định khi bằng nhau: điểm tổng kết.`,
      );
    await screenshot(hall, 'hall-tie-break-1366');
    await hall.context().close();
  });
  it('nobody over the threshold: the published round leads to round 2, and each page names the block and the year', async () => {
    const split = await createLockedBlock(app, province, NAMES, admin);
    // The third unit is headed by a woman: R6's women rule favours it, and the decision page says so.
    ok(
      await app.gql(
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
        {
          input: {
            unitId: split.units[2]!.id,
            fullName: 'Lê Thị Hồng',
            gender: 'FEMALE',
            headsUnit: true,
            position: 'Giám đốc',
          },
        },
        { token: admin.token, provinceId: province },
      ),
    );
    const period = await openBlockVote(app, province, split, [{ kind: 'FLAG', seats: 1 }]);
    // One vote each: nobody has more than half of 3.
    for (const voter of [0, 1, 2])
      await castBlockBallots(app, province, split, period, [[voter]], [split.officers[voter]!]);
    await closeBlockVote(app, province, split.officers[0]!, period.id);
    await vi.waitFor(async () => expect((await periodState(period.id)).status).toBe('TALLIED'), {
      timeout: 20_000,
    });
    const page = await pageAt(browser, base, `/voting-periods/${period.id}`, split.officers[0]!.email);
    const blockName = ok(
      await app.gql<{ block: { name: string } }>(
        `query($id: ID!) { block(id: $id) { name } }`,
        { id: split.blockId },
        { token: admin.token, provinceId: province },
      ),
    ).block.name;
    await expect
      .poll(() => page.locator('.page-subtitle').textContent())
      .toBe(`${blockName}, năm 2026 · Đã kiểm phiếu`);
    // Closed, the round says when it closed, not a deadline as if still to meet.
    expect(await page.getByText(/^Kết thúc lúc \d\d:\d\d \d\d\/\d\d\/\d{4}$/).count()).toBe(1);
    expect(await page.getByText(/^Hạn chót:/).count()).toBe(0);
    await page.getByRole('button', { name: 'Công bố kết quả' }).click();
    const dialog = page.getByRole('dialog', { name: 'Công bố kết quả bỏ phiếu?' });
    // Opened on the question, not in its first field: a phone would cover the question with its keyboard.
    await expect.poll(() => dialog.evaluate((el) => el === document.activeElement)).toBe(true);
    // The head reads what it announces: nobody elected, and a second round for the flag.
    await expect
      .poll(() => dialog.locator('.publish-preview').textContent())
      .toBe(
        'Kết quả sẽ công bố:Đơn vị dẫn đầu khối (đề nghị Cờ thi đua): Không có đơn vị trúng cử.' +
          'Bỏ phiếu vòng tiếp theo cho: Đơn vị dẫn đầu khối (đề nghị Cờ thi đua).',
      );
    // Round 2 is held in the hall: the head gives it a deadline minutes away, not round 1's hour.
    expect(await dateFieldValue(dialog, 'Vòng 2 kết thúc lúc')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    const inHalfAnHour = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 30 * 60_000);
    await fillDate(
      dialog,
      'Vòng 2 kết thúc lúc',
      new Date(inHalfAnHour.getTime() + 7 * 3600_000).toISOString().slice(0, 16),
    );
    await screenshot(page, 'publish-next-round-deadline-1366');
    await dialog.getByRole('button', { name: 'Công bố kết quả' }).click();
    const next = page.getByRole('link', { name: 'Đến vòng 2' });
    await expect.poll(() => next.count(), { timeout: 15_000 }).toBe(1);
    // A full touch target, though it stands in a sentence.
    expect((await next.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await round2ClosesAt(split.yearId)).toBe(inHalfAnHour.getTime());
    expect(await page.getByText('Chưa đủ đơn vị đạt ngưỡng: vòng 2 đã được mở.').count()).toBe(1);
    await screenshot(page, 'period-next-round-1366');
    await expectAccessible(page, 'a published round leading to round 2');
    // The minutes of round 1 lead there too.
    await page.goto(`${base}/voting-periods/${period.id}/results`);
    const fromMinutes = page.getByRole('link', { name: 'Xem vòng tiếp theo' });
    await expect.poll(() => fromMinutes.count(), { timeout: 15_000 }).toBe(1);
    expect((await fromMinutes.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    // The minutes name the post the next round is for.
    expect(await page.locator('p.outcome').textContent()).toMatch(
      /^Bỏ phiếu vòng tiếp theo cho: Đơn vị dẫn đầu khối \(đề nghị Cờ thi đua\)\. Xem vòng tiếp theo$/,
    );
    // So does the hall screen, under the line that says no unit was elected.
    await page.goto(`${base}/voting-periods/${period.id}/hall`);
    await expect
      .poll(() => page.locator('.hall-summary li').first().textContent())
      .toBe('Đơn vị dẫn đầu khối (đề nghị Cờ thi đua): Không có đơn vị trúng cử.');
    expect(await page.locator('.hall-outcome').textContent()).toBe(
      'Bỏ phiếu vòng tiếp theo cho: Đơn vị dẫn đầu khối (đề nghị Cờ thi đua).',
    );
    await page.goto(`${base}/voting-periods/${period.id}/results`);
    await fromMinutes.click();
    await expect.poll(() => new URL(page.url()).pathname).not.toBe(`/voting-periods/${period.id}/results`);
    await page.goto(`${base}/voting-periods/${period.id}`);
    await next.click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Bình xét thi đua · Vòng 2');

    // Round 2, the last the rules allow, splits the same way: the head and the deputy decide the seat (R5).
    const round2 = {
      id: new URL(page.url()).pathname.split('/')[2]!,
      contests: [] as { id: string; candidateUnitIds: string[] }[],
    };
    round2.contests = ok(
      await app.gql<{ votingPeriod: { contests: { id: string; candidateUnitIds: string[] }[] } }>(
        `query($id: ID!) { votingPeriod(id: $id) { contests { id candidateUnitIds } } }`,
        { id: round2.id },
        { token: split.officers[0]!.token, provinceId: province },
      ),
    ).votingPeriod.contests;
    for (const voter of [0, 1, 2])
      await castBlockBallots(app, province, split, round2, [[voter]], [split.officers[voter]!]);
    await closeBlockVote(app, province, split.officers[0]!, round2.id);
    await vi.waitFor(async () => expect((await periodState(round2.id)).status).toBe('TALLIED'), {
      timeout: 20_000,
    });
    // Both units' home pages ask for the decision; neither offers to publish a count still undecided.
    const deputy = await pageAt(browser, base, '/', split.officers[1]!.email, 'phone');
    for (const home of [page, deputy]) {
      await home.goto(`${base}/`);
      const decide = home.getByRole('link', { name: /^Quyết định: .* · Vòng 2$/ });
      await expect.poll(() => decide.count(), { timeout: 20_000 }).toBe(1);
      expect(await home.getByRole('link', { name: /^Công bố kết quả: / }).count()).toBe(0);
    }
    await screenshot(deputy, 'home-deputy-round-decision-390');
    // The secretariat, which neither decides nor sees the count before it is published, is told whose step it is.
    const secretariat = await pageAt(browser, base, `/voting-periods/${round2.id}`, admin.email);
    await expect
      .poll(
        () => secretariat.getByText(/^Các vòng bỏ phiếu chưa bầu đủ số đơn vị: chờ Trưởng khối – /).count(),
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    expect(await secretariat.getByRole('button', { name: 'Công bố kết quả' }).count()).toBe(0);
    // Its decision page does not claim there is nothing to decide: it says what it cannot show before publication.
    await secretariat.goto(`${base}/voting-periods/${round2.id}/decision`);
    await secretariat
      .getByText(/^Trước khi kết quả được công bố, chỉ Trưởng khối và Phó khối xem được các vị trí còn trống/)
      .waitFor();
    expect(await secretariat.getByText('Không có vị trí nào cần quyết định.').count()).toBe(0);
    await secretariat.context().close();
    await page.getByRole('link', { name: /^Quyết định: / }).click();
    await page.waitForURL((u) => u.pathname === `/voting-periods/${round2.id}/decision`);
    // One seat to fill: one unit is chosen (radio buttons), and sending none says so in plain words.
    await page.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await expect.poll(() => page.getByText('Chọn 1 đơn vị.', { exact: true }).count()).toBe(1);
    // Equal counts are listed in the ballot's order.
    const choices = page.getByRole('radio');
    await expect.poll(() => choices.count()).toBe(3);
    const ballotOrder = round2.contests[0]!.candidateUnitIds.map(
      (id) => split.units.find((u) => u.id === id)!.name,
    );
    const listed = await choices.evaluateAll((boxes) =>
      boxes.map((b) => b.closest('label')?.textContent ?? ''),
    );
    expect(listed.map((text) => ballotOrder.findIndex((name) => text.startsWith(name)))).toEqual([0, 1, 2]);
    // Beside the votes, the scores R6 would read to break a tie: the head weighs them before choosing.
    for (const text of listed)
      expect(text).toMatch(
        text.startsWith(split.units[2]!.name)
          ? /\(\d+ phiếu · điểm [\d.,]+ · thưởng [\d.,]+ · trừ [\d.,]+ · ưu tiên nữ: thủ trưởng là nữ\)$/
          : /\(\d+ phiếu · điểm [\d.,]+ · thưởng [\d.,]+ · trừ [\d.,]+\)$/,
      );
    await screenshot(page, 'round-decision-choose-1366');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'round-decision-choose-390');
    await page.setViewportSize(DESKTOP);
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).check();
    await page.getByRole('button', { name: 'Gửi đề xuất' }).click();
    const [headName, chosenName] = [split.units[0]!.name, split.units[1]!.name];
    await expect.poll(() => page.getByText(`Đề xuất của ${headName}: ${chosenName}`).count()).toBe(1);
    // The head waits for the deputy: nothing to send again until it changes its choice.
    expect(await page.getByText(/^Đã gửi đề xuất của đơn vị bạn: chờ bên kia xác nhận/).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Gửi đề xuất/ }).count()).toBe(0);
    await deputy.goto(`${base}/voting-periods/${round2.id}/decision`);
    // Agreeing is final: asked first.
    await deputy.getByRole('button', { name: 'Xác nhận đề xuất' }).click();
    const agree = deputy.getByRole('dialog', { name: 'Xác nhận quyết định?' });
    await expect.poll(() => agree.textContent()).toContain(`${chosenName}. Hai bên đã chọn giống nhau`);
    await agree.getByRole('button', { name: 'Xác nhận đề xuất' }).click();
    await expect.poll(() => deputy.getByText(`Đã thống nhất: ${chosenName}`).count()).toBe(1);
    await screenshot(deputy, 'round-decision-confirmed-390');
    await expectAccessible(deputy, 'the head and deputy decision');
    // Decided, the count is the head unit's to publish.
    await page.goto(`${base}/`);
    await expect
      .poll(() => page.getByRole('link', { name: /^Công bố kết quả: .* · Vòng 2$/ }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    // What it announces names the unit decided, not an empty seat: the results under the count, and the dialog.
    await page.getByRole('link', { name: /^Công bố kết quả: .* · Vòng 2$/ }).click();
    await page.getByRole('button', { name: 'Công bố kết quả' }).click();
    const publish = page.getByRole('dialog', { name: 'Công bố kết quả bỏ phiếu?' });
    await expect
      .poll(() => publish.locator('.publish-preview').textContent())
      .toContain(
        `Đơn vị dẫn đầu khối (đề nghị Cờ thi đua): Trưởng khối và Phó khối quyết định: ${chosenName}`,
      );
    await publish.getByRole('button', { name: 'Không, quay lại' }).click();
    await page.goto(`${base}/voting-periods/${round2.id}/results`);
    await expect
      .poll(() => page.getByText(`Trưởng khối và Phó khối quyết định: ${chosenName}`).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    // Round 2's seat was filled by the decision: only round 1 still reads as short of a unit.
    const round2Minutes = page.getByRole('region', { name: /^Vòng 2/ });
    expect(await round2Minutes.getByText(/vị trí chưa có đơn vị đạt ngưỡng/).count()).toBe(0);
    expect(await round2Minutes.getByText(`Trưởng khối và Phó khối quyết định: ${chosenName}`).count()).toBe(
      1,
    );
    await deputy.context().close();
    await page.context().close();
  });

  it("the secretariat publishing a count it cannot read is told so, and gives round 2's deadline in case one follows", async () => {
    const blind = await createLockedBlock(app, province, NAMES, admin);
    const period = await openBlockVote(app, province, blind, [{ kind: 'FLAG', seats: 1 }]);
    // One vote each: nobody has more than half of 3, so a round 2 follows (which the secretariat cannot know).
    for (const voter of [0, 1, 2])
      await castBlockBallots(app, province, blind, period, [[voter]], [blind.officers[voter]!]);
    await closeBlockVote(app, province, admin, period.id);
    const status = async () =>
      ok(
        await app.gql<{ votingPeriod: { status: string } }>(
          `query($id: ID!) { votingPeriod(id: $id) { status } }`,
          { id: period.id },
          { token: admin.token, provinceId: province },
        ),
      ).votingPeriod.status;
    await vi.waitFor(async () => expect(await status()).toBe('TALLIED'), { timeout: 20_000, interval: 100 });
    const page = await pageAt(browser, base, `/voting-periods/${period.id}`, admin.email);
    const publish = page.getByRole('button', { name: 'Công bố kết quả' });
    await publish.waitFor({ timeout: 20_000 });
    await publish.click();
    const dialog = page.getByRole('dialog', { name: 'Công bố kết quả bỏ phiếu?' });
    await expect
      .poll(() => dialog.textContent(), { timeout: 15_000 })
      .toContain('Sở Nội vụ không xem trước được kết quả của khối');
    expect(await dialog.locator('.publish-preview').count()).toBe(0);
    // Nor does the dialog say whether a round follows: it asks when one would close, if there is one.
    expect(await dialog.getByText('Bỏ phiếu vòng tiếp theo').count()).toBe(0);
    const field = 'Nếu có vòng 2: vòng 2 kết thúc lúc';
    expect(await dateFieldValue(dialog, field)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(await dialog.textContent()).toContain('nếu đã bầu đủ, giờ này không được dùng');
    const inFortyMinutes = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 40 * 60_000);
    // Typed in Vietnam's time (UTC+7).
    await fillDate(
      dialog,
      field,
      new Date(inFortyMinutes.getTime() + 7 * 3600_000).toISOString().slice(0, 16),
    );
    await screenshot(page, 'publish-unseen-secretariat-1366');
    await expectAccessible(page, "the secretariat's publish dialog");
    await dialog.getByRole('button', { name: 'Công bố kết quả' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: 'Đến vòng 2' }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(await round2ClosesAt(blind.yearId)).toBe(inFortyMinutes.getTime());
    await page.context().close();
  });
});
