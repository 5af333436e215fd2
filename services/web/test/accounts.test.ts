import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createAccount,
  createUnits,
  Mailbox,
  ok,
  provinceId,
  TEST_PASSWORD,
  textOf,
  type Account,
  type TestApp,
} from '@thidua/testing';
import {
  desktop,
  expectAccessible,
  expectNoSidewaysScroll,
  phone,
  screenshot,
  signInAt,
  watch,
  startWebApp,
} from './browser';

// Issue 16 through the pages: the secretariat invites an officer, who accepts on a phone from the emailed link;
// a person who forgot their password resets it from the emailed link and signs in with the new one.

const NEW_PASSWORD = 'Hoa phượng đỏ sân trường 2026';
/** Answers take seconds on a busy machine: poll for that long, not vitest's default second. */
const POLL = { timeout: 15_000 };

let app: TestApp;
let mailbox: Mailbox;
let browser: Browser;
let base: string;
let province: string;
let adminAccount: Account;

beforeAll(async () => {
  mailbox = await Mailbox.start();
  ({ app, browser, base } = await startWebApp({ worker: true, config: { SMTP_URL: mailbox.url } }));
  province = await provinceId(app.dataSource, '15');
  await createUnits(app.dataSource, province, ['Sở Tài chính', 'Sở Y tế', 'Báo Lào Cai']);
  adminAccount = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await mailbox?.stop();
});

/** The emailed link of the `n`th email to `address`, on the test gateway's origin. */
async function emailedLink(address: string, n: number, path: string): Promise<string> {
  await vi.waitFor(() => expect(mailbox.to(address).length).toBeGreaterThanOrEqual(n), {
    timeout: 20_000,
    interval: 100,
  });
  const text = textOf(mailbox.to(address)[n - 1]!.raw);
  const link = new URL(new RegExp(`(https?://\\S+${path}\\S+)`).exec(text)![1]!);
  return `${base}${link.pathname}${link.search}`;
}

/** The invitation e-mailed to `address`, opened from its link on a phone. */
async function invitationOnPhone(address: string): Promise<Page> {
  const link = await emailedLink(address, 1, '/invitation');
  const mobile = await phone(browser);
  mobile.setDefaultTimeout(15_000);
  const invitee = await mobile.newPage();
  watch(invitee);
  await invitee.goto(link);
  await invitee.getByRole('heading', { name: 'Nhận lời mời' }).waitFor();
  return invitee;
}

const fieldError = (page: Page | Locator, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) => {
    const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });

describe('accounts in the web application', () => {
  it('the secretariat invites an officer; the officer accepts on a phone from the email and is signed in', async () => {
    const email = 'nguyen.van.binh@syt.laocai.gov.vn';
    const ctx = await desktop(browser);
    ctx.setDefaultTimeout(15_000);
    const page = await ctx.newPage();
    await signInAt(page, base, '/users', adminAccount.email);
    // An address mistyped and no unit chosen: both said at once, beside their fields.
    await page.getByLabel('Thư điện tử', { exact: true }).fill('nguyen.van.binh');
    await page.getByRole('button', { name: 'Gửi lời mời' }).click();
    await expect
      .poll(() => fieldError(page, 'Thư điện tử'), POLL)
      .toContain('Thư điện tử chưa đúng dạng, ví dụ nguyenvana@snv.laocai.gov.vn.');
    expect(await fieldError(page, 'Đơn vị')).toContain('Vui lòng chọn đơn vị');
    // Each error goes as its field is corrected, not at the next sending; the other field's stays until then.
    await page.getByLabel('Thư điện tử', { exact: true }).fill(email);
    expect(await fieldError(page, 'Thư điện tử')).toBe('');
    expect(await page.getByLabel('Thư điện tử', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await fieldError(page, 'Đơn vị')).toContain('Vui lòng chọn đơn vị');
    await page.getByLabel('Họ và tên (không bắt buộc)').fill('Nguyễn Văn Bình');
    await page.getByLabel('Vai trò', { exact: true }).selectOption('UNIT_OFFICER');
    // A search that leaves one unit chooses it.
    await page.getByLabel('Tìm đơn vị').fill('y te');
    const unit = page.getByLabel('Đơn vị', { exact: true });
    await expect
      .poll(() => unit.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent), POLL)
      .toBe('Sở Y tế');
    expect(await fieldError(page, 'Đơn vị')).toBe('1 đơn vị phù hợp');
    // A search that finds one other unit chooses that one instead.
    await page.getByLabel('Tìm đơn vị').fill('tài chính');
    await expect
      .poll(() => unit.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent), POLL)
      .toBe('Sở Tài chính');
    // A search that no longer lists it drops the choice: what is sent is what the list shows.
    await page.getByLabel('Tìm đơn vị').fill('Sở Không Có');
    await expect.poll(() => unit.inputValue(), POLL).toBe('');
    await page.getByLabel('Tìm đơn vị').fill('y te');
    await expect
      .poll(() => unit.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent), POLL)
      .toBe('Sở Y tế');
    await screenshot(page, 'accounts-invite-corrected-desktop');
    await page.getByRole('button', { name: 'Gửi lời mời' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Đã gửi lời mời' }).count(), POLL)
      .toBe(1);
    await screenshot(page, 'accounts-users-desktop');
    const row = page.getByRole('row').filter({ hasText: email });
    await expect.poll(() => row.textContent(), POLL).toMatch(/Cán bộ thi đua của đơn vị.*Sở Y tế.*Đang chờ/);
    await expectAccessible(page, 'the users page');
    await screenshot(page, 'accounts-users-desktop');

    // The revoke button asks first, saying what will happen.
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Liên kết trong thư mời sẽ không còn dùng được ngay');
    await screenshot(page, 'accounts-revoke-dialog');
    await dialog.getByRole('button', { name: 'Không, quay lại' }).click();
    await ctx.close();

    const invitee = await invitationOnPhone(email);
    expect(await invitee.textContent('main')).toContain(
      'với vai trò Cán bộ thi đua của đơn vị – Sở Y tế, Lào Cai',
    );
    expect(await invitee.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Văn Bình');
    await expectAccessible(invitee, 'the invitation page');
    await screenshot(invitee, 'accounts-invitation-phone');

    // A common password: refused beside the field, in Vietnamese, with the policy.
    await invitee.getByLabel('Mật khẩu mới', { exact: true }).fill('matkhau12345');
    await invitee.getByLabel('Nhập lại mật khẩu mới').fill('matkhau12345');
    await invitee.getByRole('button', { name: 'Nhận lời mời' }).click();
    await expect
      .poll(() => fieldError(invitee, 'Mật khẩu mới'), POLL)
      .toContain('Đây là một mật khẩu phổ biến, dễ bị đoán.');
    await screenshot(invitee, 'accounts-invitation-weak-phone');

    await invitee.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await invitee.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await invitee.getByRole('button', { name: 'Nhận lời mời' }).click();
    await invitee.waitForURL((url) => url.pathname === '/');
    await invitee.getByRole('heading', { level: 1 }).waitFor();
    expect(await invitee.textContent('header')).toContain('Nguyễn Văn Bình');
    await invitee.context().close();
  }, 180_000);

  it("on a phone the users page stays within the screen; the platform admin's reads as every province's accounts", async () => {
    const ctx = await phone(browser);
    ctx.setDefaultTimeout(15_000);
    const page = await ctx.newPage();
    await signInAt(page, base, '/users', adminAccount.email);
    // The longest role's name in the select widened the page past the screen (417 px).
    await page.getByLabel('Vai trò', { exact: true }).selectOption('COUNCIL_MEMBER');
    await page.getByRole('heading', { name: 'Tài khoản trong tỉnh' }).waitFor();
    expect(await page.locator('.page-subtitle').textContent()).toContain('tài khoản của tỉnh');
    await expectNoSidewaysScroll(page, 'the users page');
    await screenshot(page, 'accounts-users-phone');
    await ctx.close();

    // The platform admin sees every province's accounts: the page and the administration page say so.
    const operator = await createAccount(app, 'PLATFORM_ADMIN');
    const opCtx = await phone(browser);
    opCtx.setDefaultTimeout(15_000);
    const op = await opCtx.newPage();
    await signInAt(op, base, '/admin', operator.email);
    await expect
      .poll(() => op.locator('.page-subtitle').textContent(), POLL)
      .toBe(
        'Quản trị nền tảng: tỉnh/thành, sáp nhập, mức lương cơ sở, tài khoản của mọi tỉnh/thành, hàng đợi công việc.',
      );
    await expectNoSidewaysScroll(op, 'the administration page');
    await op.getByRole('link', { name: 'Người dùng và lời mời' }).click();
    await op.getByRole('heading', { name: 'Tài khoản trên toàn nền tảng' }).waitFor();
    expect(await op.locator('.page-subtitle').textContent()).toBe(
      'Tài khoản của mọi tỉnh/thành trên nền tảng: tìm, khóa hoặc mở lại tài khoản.',
    );
    expect(await op.getByText('Tài khoản trong tỉnh').count()).toBe(0);
    // Lào Cai's secretary is among them, its role naming the province it is held in.
    await op.getByLabel('Tìm theo tên hoặc thư điện tử').fill(adminAccount.email);
    const secretary = op.getByRole('row').filter({ hasText: adminAccount.email });
    await secretary.waitFor();
    expect(await secretary.textContent()).toContain('Cán bộ Sở Nội vụ (thường trực thi đua tỉnh) – Lào Cai');
    await expectNoSidewaysScroll(op, "the platform admin's users page");
    await expectAccessible(op, "the platform admin's users page");
    await screenshot(op, 'accounts-users-platform-phone');
    await opCtx.close();
  }, 120_000);

  it("the platform's operator brings a province on the list into use by inviting its secretariat", async () => {
    const operator = await createAccount(app, 'PLATFORM_ADMIN');
    const email = 'tran.thi.mai@snv.camau.gov.vn';
    const ctx = await desktop(browser);
    ctx.setDefaultTimeout(15_000);
    const page = await ctx.newPage();
    watch(page);
    await signInAt(page, base, '/platform/provinces', operator.email);
    await page.getByLabel('Tìm theo tên (có hoặc không dấu)').fill('ca mau');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.getByRole('link', { name: /^Mời cán bộ.*Cà Mau$/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Tài khoản của .*Cà Mau$/ }).waitFor();
    // The secretariat's role is the one offered first; the person sets their own password from the e-mail.
    expect(await page.getByLabel('Vai trò', { exact: true }).inputValue()).toBe('PROVINCE_ADMIN');
    await page.getByLabel('Thư điện tử').fill(email);
    await page.getByLabel('Họ và tên (không bắt buộc)').fill('Trần Thị Mai');
    await page.getByRole('button', { name: 'Gửi lời mời' }).click();
    await page.getByText(`Đã gửi lời mời tới ${email}.`).waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: email }).count(), POLL).toBe(1);
    await expectAccessible(page, "a province's accounts for the operator");
    await screenshot(page, 'accounts-platform-invite-1366');
    await ctx.close();

    const invitee = await invitationOnPhone(email);
    expect(await invitee.textContent('main')).toMatch(/với vai trò Cán bộ Sở Nội vụ.*Cà Mau/);
    await invitee.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await invitee.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await invitee.getByRole('button', { name: 'Nhận lời mời' }).click();
    await invitee.waitForURL((url) => url.pathname === '/');
    // Signed in as Cà Mau's secretariat: the menu has its work.
    await invitee.getByRole('button', { name: 'Danh mục' }).click();
    const menu = invitee.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect.poll(() => menu.getByRole('link', { name: 'Quản trị' }).count(), POLL).toBe(1);
    expect(await invitee.textContent('header')).toContain('Cà Mau');
    await invitee.context().close();
  }, 180_000);

  it('a person who forgot their password resets it on a phone from the emailed link', async () => {
    const person = await createAccount(app, 'NATIONAL_VIEWER');
    const ctx = await phone(browser);
    ctx.setDefaultTimeout(15_000);
    const page = await ctx.newPage();
    watch(page);
    await page.goto(`${base}/sign-in`);
    // The address typed on the sign-in page comes along.
    await page.getByLabel('Thư điện tử').fill(person.email);
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await page.waitForURL(/\/forgot-password$/); // not in the address, which the history keeps
    expect(await page.getByLabel('Thư điện tử').inputValue()).toBe(person.email);
    await page.getByRole('button', { name: 'Gửi liên kết đặt lại mật khẩu' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'liên kết đặt lại mật khẩu đã được gửi' });
    await sent.waitFor();
    expect(await sent.textContent()).toContain(`Nếu ${person.email} là thư điện tử của một tài khoản`);
    await expectAccessible(page, 'the forgotten password page');
    await screenshot(page, 'accounts-forgot-phone');

    await page.goto(await emailedLink(person.email, 1, '/reset-password'));
    await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor();
    await expectAccessible(page, 'the reset page');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(`${NEW_PASSWORD}!`);
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await expect
      .poll(() => fieldError(page, 'Nhập lại mật khẩu mới'), POLL)
      .toContain('Hai lần nhập mật khẩu chưa giống nhau');
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đặt mật khẩu mới' }).waitFor();
    // The form gone, the keyboard is at the next step.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Đăng nhập');
    await screenshot(page, 'accounts-reset-done-phone');

    // The old session of the person has ended; the new password signs in.
    const old = await app.gql(`{ me { id } }`, {}, { token: person.token });
    expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await page.getByRole('link', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Thư điện tử').fill(person.email);
    await page.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // The link works once: opened again, it says so at once, with no form to fill in vain, and offers a new one.
    await page.goto(await emailedLink(person.email, 1, '/reset-password'));
    await page.getByRole('alert').filter({ hasText: 'đã hết hạn hoặc đã được dùng' }).waitFor();
    expect(await page.getByLabel('Mật khẩu mới', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Yêu cầu liên kết mới' }).count()).toBe(1);
    await screenshot(page, 'accounts-reset-used-phone');
    // A link cut by a mail program (its line broken) is said to be incomplete, not used: the whole one may work.
    const cut = (await emailedLink(person.email, 1, '/reset-password')).slice(0, -10);
    for (const address of [cut, cut.replace(/\?token=.*$/, ''), `${base}/invitation?token=abc`]) {
      await page.goto(address);
      await page.getByRole('alert').filter({ hasText: 'Liên kết chưa đầy đủ' }).waitFor();
    }
    await ctx.close();
  }, 180_000);

  it('a person changes their password on the account page; the secretariat disables an account after a confirmation', async () => {
    const person = await createAccount(app, 'UNIT_OFFICER', {
      provinceId: province,
      unitId: (await createUnits(app.dataSource, province, ['Sở Nội vụ']))[0]!.id,
    });
    const ctx = await phone(browser);
    ctx.setDefaultTimeout(15_000);
    const page = await ctx.newPage();
    await signInAt(page, base, '/account', person.email);
    // Nothing typed: asked for, not called too short.
    await page.getByLabel('Mật khẩu hiện tại').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect.poll(() => fieldError(page, 'Mật khẩu mới'), POLL).toContain('Vui lòng nhập mật khẩu mới.');
    // The person's own name: refused for that reason (not as a common password), the policy said once, as the hint.
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Nguyễn Văn Thử 2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Nguyễn Văn Thử 2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect
      .poll(() => fieldError(page, 'Mật khẩu mới'), POLL)
      .toContain('Mật khẩu không được chứa hoặc chỉ gồm thư điện tử, họ tên của bạn.');
    const said = await fieldError(page, 'Mật khẩu mới');
    expect(said).not.toContain('phổ biến, dễ bị đoán');
    expect(said.split('Mật khẩu cần ít nhất 10 ký tự').length).toBe(2);
    await screenshot(page, 'accounts-password-name-phone');
    await page.getByLabel('Mật khẩu hiện tại').fill('không phải mật khẩu này');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect
      .poll(() => fieldError(page, 'Mật khẩu hiện tại'), POLL)
      .toContain('Mật khẩu hiện tại không đúng');
    await page.getByLabel('Mật khẩu hiện tại').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu' }).waitFor();
    await expectAccessible(page, 'the account page');
    await screenshot(page, 'accounts-change-password-phone');
    await ctx.close();

    const admin = await desktop(browser);
    admin.setDefaultTimeout(15_000);
    const users = await admin.newPage();
    await signInAt(users, base, '/users', adminAccount.email);
    await users.getByLabel('Tìm theo tên hoặc thư điện tử').fill(person.email);
    const row = users.getByRole('row').filter({ hasText: person.email });
    // An officer is listed with the unit they work for.
    await expect.poll(() => row.textContent(), POLL).toContain('Cán bộ thi đua của đơn vị · Sở Nội vụ');
    // The officer joins the council in one step: no invitation, the officer's role ends as the new one starts.
    await row
      .getByRole('button', { name: 'Đổi vai trò Cán bộ thi đua của đơn vị · Sở Nội vụ – Nguyễn Văn Thử' })
      .click();
    const change = users.getByRole('dialog');
    expect(await change.textContent()).toContain('Vai trò hiện tại: Cán bộ thi đua của đơn vị · Sở Nội vụ.');
    await change.getByRole('button', { name: 'Đổi vai trò' }).click();
    await expect.poll(() => fieldError(change, 'Đơn vị'), POLL).toContain('Vui lòng chọn đơn vị');
    // Enter in the unit's search searches; it does not send the change.
    await change.getByLabel('Tìm đơn vị').fill('nội vụ');
    await change.getByLabel('Tìm đơn vị').press('Enter');
    await expect
      .poll(
        () =>
          change.getByLabel('Đơn vị', { exact: true }).evaluate((s: HTMLSelectElement) => s.options.length),
        POLL,
      )
      .toBe(2);
    expect(await change.isVisible()).toBe(true);
    await change.getByLabel('Đơn vị', { exact: true }).selectOption({ label: 'Sở Nội vụ' });
    await change.getByRole('button', { name: 'Đổi vai trò' }).click();
    await expect
      .poll(() => change.textContent(), POLL)
      .toContain('Người này đang giữ đúng vai trò đó: hãy chọn vai trò hoặc đơn vị khác.');
    await change.getByLabel('Vai trò').selectOption({ label: 'Thành viên Hội đồng Thi đua – Khen thưởng' });
    await expectAccessible(users, 'the change-role dialog');
    await screenshot(users, 'accounts-change-role');
    await change.getByRole('button', { name: 'Đổi vai trò' }).click();
    // The role's cell (the dialogs sit in the row too).
    await expect
      .poll(() => row.getByRole('cell').first().textContent(), POLL)
      .toBe('Thành viên Hội đồng Thi đua – Khen thưởng');
    expect(
      await app.dataSource.query(`SELECT role FROM role_assignment WHERE user_id = $1`, [person.id]),
    ).toEqual([{ role: 'COUNCIL_MEMBER' }]);
    await row.getByRole('button', { name: 'Khóa' }).click();
    const dialog = users.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Mọi phiên đăng nhập của người này kết thúc ngay');
    await dialog.getByRole('button', { name: 'Khóa' }).click();
    await expect.poll(() => fieldError(users, 'Lý do'), POLL).toContain('Vui lòng nhập lý do');
    await dialog.getByLabel('Lý do').fill('Chuyển công tác');
    await expectAccessible(users, 'the disable dialog');
    await screenshot(users, 'accounts-disable-dialog');
    await dialog.getByRole('button', { name: 'Khóa' }).click();
    await expect.poll(() => row.textContent(), POLL).toContain('Đã khóa từ');
    // Its button, named for its person, is now the way back; removing its last role here would lose that way.
    expect(await row.getByRole('button', { name: 'Mở lại Nguyễn Văn Thử' }).count()).toBe(1);
    await row.getByRole('button', { name: /^Gỡ vai trò/ }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent(), POLL)
      .toBe(
        'Tài khoản này đang bị khóa và đây là vai trò cuối cùng của nó trong tỉnh: gỡ rồi thì tài khoản không còn ' +
          'trong danh sách của tỉnh, người này không nhận được lời mời mới, và chỉ quản trị nền tảng mở khóa được. Nếu người này còn ' +
          'làm việc trong tỉnh, hãy mở lại tài khoản trước.',
      );
    await screenshot(users, 'accounts-remove-last-role-locked');
    await dialog.getByRole('button', { name: 'Không, quay lại' }).click();

    // A council member here who is Hà Nội's secretariat: the lock would reach Hà Nội too, so it is refused and the
    // page says what to do instead; removing the role here ends the person's access to this province only.
    const haNoi = await createAccount(app, 'PROVINCE_ADMIN', {
      provinceId: await provinceId(app.dataSource, '01'),
    });
    ok(
      await app.gql(
        `mutation($u: ID!) { assignRole(input: { userId: $u, role: COUNCIL_MEMBER }) { id } }`,
        { u: haNoi.id },
        { token: adminAccount.token, provinceId: province },
      ),
    );
    await users.getByLabel('Tìm theo tên hoặc thư điện tử').fill(haNoi.email);
    const member = users.getByRole('row').filter({ hasText: haNoi.email });
    await member.getByRole('button', { name: 'Khóa' }).click();
    await dialog.getByLabel('Lý do').fill('Thôi làm thành viên Hội đồng');
    await dialog.getByRole('button', { name: 'Khóa' }).click();
    await expect
      .poll(() => dialog.textContent(), POLL)
      .toContain('Tài khoản này còn có vai trò ngoài tỉnh: chỉ quản trị nền tảng khóa hoặc mở khóa được');
    await screenshot(users, 'accounts-disable-elsewhere');
    await dialog.getByRole('button', { name: 'Không, quay lại' }).click();
    await member
      .getByRole('button', {
        name: 'Gỡ vai trò Thành viên Hội đồng Thi đua – Khen thưởng – Nguyễn Văn Thử',
      })
      .click();
    await dialog.getByRole('button', { name: 'Gỡ vai trò', exact: true }).click();
    await expect.poll(() => member.count(), POLL).toBe(0);
    expect(ok(await app.gql(`{ me { id } }`, {}, { token: haNoi.token }))).toBeTruthy();
    await admin.close();

    // Signing in now says the account is disabled, in Vietnamese.
    const again = await (await phone(browser)).newPage();
    await again.goto(`${base}/sign-in`);
    await again.getByLabel('Thư điện tử').fill(person.email);
    await again.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await again.getByRole('button', { name: 'Đăng nhập' }).click();
    await again.getByRole('alert').filter({ hasText: 'Tài khoản này đã bị khóa' }).waitFor();
    await screenshot(again, 'accounts-disabled-sign-in-phone');
    await again.context().close();
  }, 180_000);

  it("on a phone each lock starts empty and Enter in its reason locks; a role's buttons are short, named in full for a screen reader", async () => {
    const [paper] = await createUnits(app.dataSource, province, ['Báo và Phát thanh, Truyền hình Lào Cai']);
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: paper!.id });
    const member = await createAccount(app, 'COUNCIL_MEMBER', { provinceId: province });
    // A namesake in the same role and unit: the two are told apart by their addresses.
    const twin = await createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: paper!.id });
    for (const [who, name, folded] of [
      [officer, 'Lò Thị Xuân', 'lo thi xuan'],
      [twin, 'Lò Thị Xuân', 'lo thi xuan'],
      [member, 'Vàng A Sử', 'vang a su'],
    ] as const)
      await app.dataSource.query(`UPDATE app_user SET full_name = $2, full_name_search = $3 WHERE id = $1`, [
        who.id,
        name,
        folded,
      ]);
    const ctx = await phone(browser);
    ctx.setDefaultTimeout(15_000);
    const page = await ctx.newPage();
    await signInAt(page, base, '/users', adminAccount.email);
    const officerRow = page.getByRole('row').filter({ hasText: officer.email });
    const memberRow = page.getByRole('row').filter({ hasText: member.email });
    await officerRow.waitFor();

    // The role cell says which role and unit: the buttons beside it only say what they do, and a screen reader
    // hears the role, the unit and the person too (with the address, beside a namesake).
    const role = 'Cán bộ thi đua của đơn vị · Báo và Phát thanh, Truyền hình Lào Cai';
    const change = officerRow.getByRole('button', {
      name: `Đổi vai trò ${role} – Lò Thị Xuân (${officer.email})`,
      exact: true,
    });
    const remove = officerRow.getByRole('button', {
      name: `Gỡ vai trò ${role} – Lò Thị Xuân (${officer.email})`,
      exact: true,
    });
    const twinRow = page.getByRole('row').filter({ hasText: twin.email });
    expect(
      await twinRow.getByRole('button', { name: `Khóa Lò Thị Xuân (${twin.email})`, exact: true }).count(),
    ).toBe(1);
    const shown = (button: Locator) =>
      button.evaluate((b) =>
        [...b.childNodes]
          .filter((n) => !(n instanceof Element && n.classList.contains('visually-hidden')))
          .map((n) => n.textContent)
          .join(''),
      );
    expect(await shown(change)).toBe('Đổi vai trò');
    expect(await shown(remove)).toBe('Gỡ vai trò');
    expect(
      await memberRow
        .getByRole('button', { name: 'Gỡ vai trò Thành viên Hội đồng Thi đua – Khen thưởng – Vàng A Sử' })
        .count(),
    ).toBe(1);
    await expectNoSidewaysScroll(page, 'the accounts list');
    await expectAccessible(page, 'the accounts list');
    await screenshot(page, 'accounts-list-actions-phone');

    // A reason typed for one person, then cancelled, is not carried to the next person's lock.
    const dialog = page.getByRole('dialog');
    await officerRow.getByRole('button', { name: 'Khóa' }).click();
    await dialog.getByRole('button', { name: 'Khóa' }).click();
    await expect.poll(() => fieldError(dialog, 'Lý do'), POLL).toContain('Vui lòng nhập lý do');
    await dialog.getByLabel('Lý do').fill('Nhầm người');
    await dialog.getByRole('button', { name: 'Không, quay lại' }).click();
    await memberRow.getByRole('button', { name: 'Khóa' }).click();
    expect(await dialog.getByRole('heading').textContent()).toBe('Khóa tài khoản của Vàng A Sử?');
    expect(await dialog.getByLabel('Lý do').inputValue()).toBe('');
    expect(await fieldError(dialog, 'Lý do')).toBe('');
    // Enter in the reason confirms, as it sends a form.
    await dialog.getByLabel('Lý do').fill('Thôi làm thành viên Hội đồng');
    await dialog.getByLabel('Lý do').press('Enter');
    await expect.poll(() => memberRow.textContent(), POLL).toContain('Đã khóa từ');
    expect(await dialog.count()).toBe(0);
    expect(await officerRow.textContent()).toContain('Đang hoạt động');
    expect(
      await app.dataSource.query(
        `SELECT disabled_at IS NOT NULL AS disabled FROM app_user WHERE id = ANY($1) ORDER BY id = $2`,
        [[officer.id, member.id], member.id],
      ),
    ).toEqual([{ disabled: false }, { disabled: true }]);
    await ctx.close();
  }, 120_000);
});
