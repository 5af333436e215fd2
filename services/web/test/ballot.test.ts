import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createLockedBlock,
  ok,
  openBlockVote,
  provinceId,
  TEST_PASSWORD,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';
import {
  DESKTOP,
  expectAccessible,
  expectNoSidewaysScroll,
  PHONE,
  phone,
  screenshot,
  signInAt,
  startWebApp,
  pageAt,
} from './browser';

const NAMES = [
  'Sở Nội vụ',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Thanh tra tỉnh',
  'Sở Xây dựng',
  'Sở Y tế',
  'Sở Giáo dục và Đào tạo',
];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;
let block: LockedBlock;

/** Each test votes in a block year of its own (one vote per year). */
async function freshBlock() {
  block = await createLockedBlock(app, province, NAMES, admin);
}

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp());
  province = await provinceId(app.dataSource, '11');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const turnout = async (id: string) =>
  ok(
    await app.gql<{ votingPeriod: { turnout: { cast: number } } }>(
      `query($id: ID!) { votingPeriod(id: $id) { turnout { cast } } }`,
      { id },
      { token: block.officers[0]!.token, provinceId: province },
    ),
  ).votingPeriod.turnout.cast;

const receiptOf = async (officer: number, id: string) =>
  ok(
    await app.gql<{ myBallotReceipt: { receiptCode: string } | null }>(
      `query($id: ID!) { myBallotReceipt(votingPeriodId: $id) { receiptCode } }`,
      { id },
      { token: block.officers[officer]!.token, provinceId: province },
    ),
  ).myBallotReceipt;

describe('the ballot on a phone', () => {
  it('a response lost on the way back: the page reads the receipt and shows the vote as cast, once', async () => {
    await freshBlock();
    const period = await openBlockVote(app, province, block, [{ kind: 'MERIT', seats: 2 }]);
    const page = await (await phone(browser)).newPage();
    await signInAt(page, base, `/voting-periods/${period.id}/ballot`, block.officers[1]!.email);

    // Two seats: a third choice is refused before anything is sent.
    await expect.poll(() => page.getByText('Chọn tối đa 2 đơn vị').count()).toBe(1);
    // Whose ballot it is, on the ballot and on its receipt.
    const whose = page.getByText(`Phiếu của đơn vị: ${NAMES[1]!}`);
    expect(await whose.count()).toBe(1);
    // Nothing chosen is not taken for a blank vote: the page asks, and blank is a choice of its own.
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    const ask = 'Vui lòng chọn đơn vị, hoặc chọn “Để trống (không chọn)” nếu không bầu đơn vị nào.';
    await expect.poll(() => page.getByRole('alert').filter({ hasText: ask }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Kiểm tra trước khi gửi' }).count()).toBe(0);
    // The refusal is in sight on the phone, and the keyboard is at the first choice, which reads it out.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: ask }).isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByRole('alert')
          .filter({ hasText: ask })
          .evaluate(
            (e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= innerHeight,
          ),
      )
      .toBe(true);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
      .toBe('checkbox');
    const blank = page.getByRole('checkbox', { name: 'Để trống (không chọn)' });
    await blank.check();
    // A unit ticked after it takes the blank back.
    await page.getByRole('checkbox', { name: new RegExp(NAMES[2]!) }).check();
    expect(await blank.isChecked()).toBe(false);
    await page.getByRole('checkbox', { name: new RegExp(NAMES[2]!) }).uncheck();
    await page.getByRole('checkbox', { name: new RegExp(NAMES[2]!) }).check();
    await page.getByRole('checkbox', { name: new RegExp(NAMES[3]!) }).check();
    expect(await page.getByRole('checkbox', { name: new RegExp(NAMES[0]!) }).isDisabled()).toBe(true);
    // Units chosen are not cleared by a tick on blank: it waits until they are unticked, and says so.
    const locked = page.getByRole('checkbox', {
      name: /^Để trống \(không chọn\) \(muốn để trống, hãy bỏ chọn các đơn vị đã chọn\)$/,
    });
    expect(await locked.isDisabled()).toBe(true);
    await expect.poll(() => page.getByText('Đã chọn đủ 2 đơn vị').count()).toBe(1);
    await screenshot(page, 'ballot-two-seats-390');
    await expectAccessible(page, 'the ballot with two seats full');
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();

    // The request reaches the gateway and the ballot is recorded; the answer never reaches the phone.
    let lost = 0;
    await page.route('**/graphql', async (route) => {
      if (route.request().postData()?.includes('castBallot')) {
        await route.fetch();
        lost++;
        return route.abort('connectionreset');
      }
      return route.fallback();
    });
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.getByTestId('receipt-code').waitFor();
    expect(lost).toBe(1);
    const shown = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect(shown).toBe((await receiptOf(1, period.id))!.receiptCode);
    expect(await whose.count()).toBe(1);
    expect(await turnout(period.id)).toBe(1);
    await screenshot(page, 'ballot-after-lost-response-390');

    // Back on the ballot later (a reload, a second tap): the receipt again, never a second ballot.
    await page.unroute('**/graphql');
    await page.goto(`${base}/voting-periods/${period.id}/ballot`);
    await page.getByTestId('receipt-code').waitFor();
    expect((await page.getByTestId('receipt-code').textContent())!.trim()).toBe(shown);
    expect(await turnout(period.id)).toBe(1);
    await page.context().close();
  });

  it('with the keyboard alone: sign in, choose, review and cast', async () => {
    await freshBlock();
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const page = await (await phone(browser)).newPage();
    /** Tab (only Tab) until the element has the focus, as a person without a mouse would. */
    const tabTo = async (target: Locator) => {
      for (let i = 0; i < 60; i++) {
        if (await target.evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`could not reach ${target.toString()} with Tab`);
    };
    await page.goto(`${base}/voting-periods/${period.id}/ballot`);
    await page.waitForURL(/\/sign-in/);
    await tabTo(page.getByLabel('Thư điện tử'));
    await page.keyboard.type(block.officers[4]!.email);
    await tabTo(page.getByLabel('Mật khẩu'));
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/voting-periods/${period.id}/ballot`);
    // A radio group is one Tab stop; the arrow keys move within it, choosing as they go.
    const choice = page.getByRole('radio', { name: new RegExp(NAMES[1]!) });
    await tabTo(page.getByRole('radio').first());
    for (let i = 0; i < NAMES.length && !(await choice.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    expect(await choice.isChecked()).toBe(true);
    await tabTo(page.getByRole('button', { name: 'Xem lại phiếu' }));
    await page.keyboard.press('Enter');
    await tabTo(page.getByRole('button', { name: 'Gửi phiếu' }));
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-code').waitFor();
    expect((await page.getByTestId('receipt-code').textContent())!.trim()).toBe(
      (await receiptOf(4, period.id))!.receiptCode,
    );
    await page.context().close();
  });

  it('one unit as next year’s head and deputy is stopped before the review; one chosen for the flag and merit is pointed out on it', async () => {
    await freshBlock();
    const period = await openBlockVote(app, province, block, [
      { kind: 'FLAG', seats: 1 },
      { kind: 'MERIT', seats: 2 },
      { kind: 'NEXT_HEAD', seats: 1 },
      { kind: 'NEXT_DEPUTY', seats: 1 },
    ]);
    const page = await (await phone(browser)).newPage();
    await signInAt(page, base, `/voting-periods/${period.id}/ballot`, block.officers[4]!.email);
    const pick = (i: number) =>
      page
        .getByRole('radio', { name: new RegExp(NAMES[i]!) })
        .or(page.getByRole('checkbox', { name: new RegExp(NAMES[i]!) }));
    await pick(1).check();
    await page.getByRole('button', { name: 'Tiếp theo' }).click();
    await pick(1).check();
    await pick(2).check();
    await page.getByRole('button', { name: 'Tiếp theo' }).click();
    await pick(3).check();
    await page.getByRole('button', { name: 'Tiếp theo' }).click();
    await pick(3).check();
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    await expect
      .poll(() =>
        page
          .getByText(
            'Trưởng khối và Phó khối năm sau phải là hai đơn vị khác nhau: hãy chọn đơn vị khác cho Phó khối.',
          )
          .count(),
      )
      .toBe(1);
    // The keyboard is at the choice to change, not at the list's first unit.
    await expect.poll(() => pick(3).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('heading', { name: 'Kiểm tra trước khi gửi' }).count()).toBe(0);
    await pick(2).check();
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    await expect
      .poll(() =>
        page.getByText(new RegExp(`^${NAMES[1]}[^;]*: được chọn cho cả Cờ thi đua và Bằng khen\\.`)).count(),
      )
      .toBe(1);
    await screenshot(page, 'ballot-flag-and-merit-390');
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.getByTestId('receipt-code').waitFor();
    await page.context().close();
  });

  it('a second phone of the same unit that sends after the first shows the first ballot as cast, not an error', async () => {
    await freshBlock();
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const [a, b] = await Promise.all([1, 2].map(async () => (await phone(browser)).newPage()));
    for (const page of [a!, b!]) {
      await signInAt(page, base, `/voting-periods/${period.id}/ballot`, block.officers[2]!.email);
      await page.getByRole('radio', { name: new RegExp(NAMES[0]!) }).check();
      await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    }
    await a!.getByRole('button', { name: 'Gửi phiếu' }).click();
    await a!.getByTestId('receipt-code').waitFor();
    await b!.getByRole('button', { name: 'Gửi phiếu' }).click();
    await b!.getByTestId('receipt-code').waitFor();
    expect(await b!.getByTestId('receipt-code').textContent()).toBe(
      await a!.getByTestId('receipt-code').textContent(),
    );
    expect(await b!.getByRole('alert').count()).toBe(0);
    expect(await turnout(period.id)).toBe(1);
    await a!.context().close();
    await b!.context().close();
  });

  it('the session expired meanwhile: sign-in brings the person back to the ballot', async () => {
    await freshBlock();
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const page = await pageAt(
      browser,
      base,
      `/voting-periods/${period.id}/ballot`,
      block.officers[3]!.email,
      'phone',
    );
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).waitFor();
    // The session ends (signed out elsewhere): the refresh cookie no longer works.
    await page.context().clearCookies();
    await page.reload();
    await page.waitForURL(/\/sign-in\?next=/);
    await signInAt(page, base, `/voting-periods/${period.id}/ballot`, block.officers[3]!.email);
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).waitFor();
    await page.context().close();
  });

  it('a reload while the session was being renewed: the answer never arrived, the person stays signed in', async () => {
    await freshBlock();
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const path = `/voting-periods/${period.id}/ballot`;
    const page = await pageAt(browser, base, path, block.officers[4]!.email, 'phone');
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).waitFor();
    // The gateway spends the cookie's token and answers, but the answer is lost (the page went away, the
    // network dropped): the browser keeps the spent token.
    let spent = 0;
    await page.route('**/auth/refresh', async (route) => {
      // Sent by Node, not route.fetch(), which would store the answer's cookie in the browser.
      const sent = await fetch(route.request().url(), {
        method: 'POST',
        headers: await route.request().allHeaders(),
        body: route.request().postData(),
      });
      expect(sent.status).toBe(200);
      spent++;
      await route.abort('connectionaborted');
    });
    await page.reload();
    await expect.poll(() => spent).toBe(1);
    await page.unroute('**/auth/refresh');
    await page.reload();
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
    await page.context().close();
  });

  it('the gateway cannot answer as the page loads: the page says so, signs no one out, and goes on when tried again', async () => {
    await freshBlock();
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const path = `/voting-periods/${period.id}/ballot`;
    const page = await pageAt(browser, base, path, block.officers[6]!.email, 'phone');
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).waitFor();
    await page.route('**/auth/refresh', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ errors: [{ message: 'down', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
      }),
    );
    await page.reload();
    await page.getByRole('heading', { name: 'Chưa kết nối được với máy chủ' }).waitFor();
    // Not the sign-in page: the address is kept, and nothing asks for a password.
    expect(new URL(page.url()).pathname).toBe(path);
    expect(await page.getByLabel('Mật khẩu').count()).toBe(0);
    await screenshot(page, 'unreachable-at-load-390');
    await expectAccessible(page, 'the page saying the server cannot be reached');
    await page.unroute('**/auth/refresh');
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
    await page.context().close();
  });

  it('the gateway cannot renew the session for a moment: the ballot says to send again, and it goes, still signed in', async () => {
    await freshBlock();
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const path = `/voting-periods/${period.id}/ballot`;
    const page = await pageAt(browser, base, path, block.officers[5]!.email, 'phone');
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).check();
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    // The access token refused (as when it has expired), then the refresh answered 503 (the database failing).
    await page.route('**/graphql', (route) =>
      route.request().postData()?.includes('castBallot')
        ? route.fulfill({
            status: 401,
            contentType: 'application/json',
            body: JSON.stringify({
              errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }],
            }),
          })
        : route.fallback(),
    );
    await page.route('**/auth/refresh', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ errors: [{ message: 'down', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
      }),
    );
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    // Told as a connection problem, never as a session that ended.
    await expect
      .poll(() => page.getByText('Phiếu chưa được ghi nhận. Kiểm tra kết nối rồi gửi lại.').count())
      .toBe(1);
    expect(await page.getByText(/Phiên đăng nhập/).count()).toBe(0);
    await screenshot(page, 'ballot-refresh-unavailable-390');
    expect(new URL(page.url()).pathname).toBe(path);
    expect(await turnout(period.id)).toBe(0);
    await page.unroute('**/graphql');
    await page.unroute('**/auth/refresh');
    await page.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByTestId('receipt-code').waitFor();
    expect(await turnout(period.id)).toBe(1);
    await page.context().close();
  });

  it('sign-in errors in the person’s language, beside the field they concern; English is a switch', async () => {
    const page = await (await phone(browser)).newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const email = page.getByLabel('Thư điện tử');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Vui lòng nhập thư điện tử.');
    // A name typed without its "@…" is said to be no address, not a wrong password.
    await email.fill(admin.email.split('@')[0]!);
    await page.getByLabel('Mật khẩu').fill('không phải mật khẩu');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect
      .poll(() => page.locator(`[id="${describedBy}"]`).textContent())
      .toBe('Địa chỉ thư điện tử cần có dạng ten@donvi.gov.vn.');
    await email.fill(admin.email);
    await page.getByLabel('Mật khẩu').fill('không phải mật khẩu');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Thư điện tử hoặc mật khẩu không đúng.');
    // The keyboard is back at the password, to type it again (the button that waited had lost it).
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('password');
    await screenshot(page, 'sign-in-error-390');
    await expectAccessible(page, 'the sign-in page with an error');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong email or password.');
    // Close to the lock (five failures), the page says how many tries are left before it.
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe(
        'Thư điện tử hoặc mật khẩu không đúng. Còn 2 lần thử: nếu vẫn sai, phải chờ 15 phút mới đăng nhập lại được. Quên mật khẩu thì chọn “Quên mật khẩu?” để đặt lại.',
      );
    await screenshot(page, 'sign-in-attempts-390');
    await page.context().close();
  });
});

describe('the secretariat enters the ballots of units without an account', () => {
  it('on each unit’s behalf with a reason: named on the review and the receipt, counted, then the next unit', async () => {
    // No member has an account: without the secretariat the round would wait for its deadline.
    block = await createLockedBlock(app, province, NAMES, admin, { officers: false });
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }], admin, {
      allowSelfVote: false,
    });
    const cast = async () =>
      ok(
        await app.gql<{ votingPeriod: { turnout: { cast: number } } }>(
          `query($id: ID!) { votingPeriod(id: $id) { turnout { cast } } }`,
          { id: period.id },
          { token: admin.token, provinceId: province },
        ),
      ).votingPeriod.turnout.cast;
    const sent = block.units[2]!;
    const entered = block.units[3]!;
    const other = block.units[4]!;
    const next = block.units[5]!;

    // The vote's page leads the secretariat there while the vote is open.
    const page = await pageAt(browser, base, `/voting-periods/${period.id}`, admin.email);
    const toBallot = page.getByRole('link', { name: 'Nhập phiếu thay đơn vị (theo ủy quyền)' });
    await toBallot.waitFor();
    await screenshot(page, 'voting-period-secretariat');
    await toBallot.click();
    await page.waitForURL((url) => url.pathname === `/voting-periods/${period.id}/ballot`);
    const unit = page.getByLabel('Nhập phiếu thay cho đơn vị');
    const reason = page.getByLabel('Lý do nhập phiếu thay');
    const errorOf = async (field: typeof unit) =>
      page
        .locator(`[id="${(await field.getAttribute('aria-describedby'))!.split(' ').pop()!}"]`)
        .textContent();

    // Chosen before the unit it now votes for: the unit is unchosen on its own ballot (no self-votes here), said so.
    await page.getByRole('radio', { name: new RegExp(NAMES[2]!) }).check();
    await unit.selectOption(sent.id);
    await expect.poll(() => page.getByText(/đơn vị đang bỏ phiếu nên đã được bỏ chọn/).count()).toBe(1);
    expect(await page.getByRole('radio', { name: new RegExp(NAMES[2]!) }).isDisabled()).toBe(true);
    await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).check();

    // Without the reason the page refuses, in Vietnamese beside the field, and sends nothing.
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    await expect.poll(() => reason.getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf(reason)).toBe('Vui lòng ghi lý do (ít nhất 5 ký tự).');
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('heading', { name: 'Kiểm tra trước khi gửi' }).count()).toBe(0);
    await screenshot(page, 'ballot-on-behalf-reason-required');
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page, 'the ballot entered on a unit’s behalf');
    await screenshot(page, 'ballot-on-behalf-reason-required-390');
    await page.setViewportSize(DESKTOP);
    expect(await cast()).toBe(0);

    const why = 'Đơn vị chưa có tài khoản; phiếu do Sở Nội vụ nhập theo ủy quyền của đơn vị';
    await reason.fill(why);
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    // The review says whose ballot it is, entered on its behalf, and why.
    const forSent = `Phiếu của đơn vị ${sent.name}, do Sở Nội vụ nhập thay theo ủy quyền.`;
    await page.getByText(forSent).waitFor();
    expect(await page.getByText(`Lý do: ${why}`).count()).toBe(1);
    await expectAccessible(page, 'the review of a ballot entered on a unit’s behalf');
    await screenshot(page, 'ballot-on-behalf-review');
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();

    // The receipt names the unit; the ballot counts, and is the unit's own once it has an account.
    await page.getByTestId('receipt-code').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Đã ghi nhận phiếu nhập thay đơn vị',
    );
    expect(await page.getByTestId('receipt-unit').textContent()).toBe(forSent);
    const code = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect(await cast()).toBe(1);
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: sent.id });
    expect(
      ok(
        await app.gql<{ myBallotReceipt: { receiptCode: string } | null }>(
          `query($id: ID!) { myBallotReceipt(votingPeriodId: $id) { receiptCode } }`,
          { id: period.id },
          { token: officer.token, provinceId: province },
        ),
      ).myBallotReceipt?.receiptCode,
    ).toBe(code);
    // The unit's officer reads on the round's page that the ballot was entered for the unit, and why.
    const own = await pageAt(browser, base, `/voting-periods/${period.id}`, officer.email, 'phone');
    await own.getByText(`Phiếu do Sở Nội vụ nhập thay đơn vị. Lý do: ${why}`, { exact: false }).waitFor();
    await screenshot(own, 'ballot-on-behalf-unit-390');
    await own.context().close();
    await screenshot(page, 'ballot-on-behalf-receipt');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'ballot-on-behalf-receipt-390');
    await page.setViewportSize(DESKTOP);

    // Meanwhile another unit's ballot was entered elsewhere (a second computer at the conference).
    ok(
      await app.gql(
        `mutation($i: CastBallotInput!) { castBallot(input: $i) { receiptCode } }`,
        { i: { votingPeriodId: period.id, unitId: entered.id, onBehalfReason: why } },
        { token: admin.token, provinceId: province },
      ),
    );

    // The next unit without a reload: a blank ballot, the unit just entered marked, the reason kept.
    const pageLoads: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && pageLoads.push(f.url()));
    await page.getByRole('button', { name: 'Nhập phiếu cho đơn vị khác' }).click();
    expect(await unit.inputValue()).toBe('');
    expect(await reason.inputValue()).toBe(why);
    const sentOption = page.locator(`option[value="${sent.id}"]`);
    expect(await sentOption.textContent()).toBe(`${sent.name} (đã có phiếu)`);
    expect(await sentOption.isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: new RegExp(NAMES[1]!) }).isChecked()).toBe(false);

    // The unit entered elsewhere: the API's refusal is said beside the unit, in Vietnamese; nothing counts twice.
    await unit.selectOption(entered.id);
    await page.getByRole('radio', { name: new RegExp(NAMES[0]!) }).check();
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await expect.poll(() => unit.getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf(unit)).toBe('Đơn vị này đã bỏ phiếu trong phiên này: mỗi đơn vị chỉ có một phiếu.');
    expect(await page.getByTestId('receipt-code').count()).toBe(0);
    expect(await cast()).toBe(2);
    await page.getByText('2/7 đã bỏ phiếu').waitFor();
    await screenshot(page, 'ballot-on-behalf-already-voted');

    // Another unit instead: the marks of the refused paper are not carried over to it (a blank ballot, marked
    // again from its own paper); recorded, and the turnout on the page counts it.
    await unit.selectOption(other.id);
    expect(await page.getByRole('button', { name: 'Gửi phiếu' }).count()).toBe(0);
    expect(await page.getByRole('radio', { name: new RegExp(NAMES[0]!) }).isChecked()).toBe(false);
    await page.getByRole('radio', { name: new RegExp(NAMES[0]!) }).check();
    await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
    await page.getByRole('button', { name: 'Gửi phiếu' }).click();
    await page.getByTestId('receipt-code').waitFor();
    expect(await page.getByTestId('receipt-unit').textContent()).toBe(
      `Phiếu của đơn vị ${other.name}, do Sở Nội vụ nhập thay theo ủy quyền.`,
    );
    expect(await cast()).toBe(3);
    await page.getByRole('button', { name: 'Nhập phiếu cho đơn vị khác' }).click();
    await page.getByText('3/7 đã bỏ phiếu').waitFor();
    await unit.selectOption(next.id);
    expect(pageLoads).toEqual([]);

    // Opened again (another day, another computer): every unit the round already counts is marked, the one
    // entered elsewhere included, before anyone fills a ballot for it.
    await page.reload();
    await unit.waitFor();
    await expect
      .poll(async () =>
        (
          await unit.locator('option:disabled').evaluateAll((options) => options.map((o) => o.textContent))
        ).sort(),
      )
      .toEqual([sent, entered, other].map((u) => `${u.name} (đã có phiếu)`).sort());
    await page.context().close();
  });
});
