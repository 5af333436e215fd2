import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createAccount,
  createUnits,
  Mailbox,
  ok,
  provinceId,
  textOf,
  type Account,
  type TestApp,
} from '@thidua/testing';
import { expectAccessible, fillDate, pageAt, phone, screenshot, startWebApp } from './browser';

/** Pages load lazily and the API answers on a shared machine: wait for what a person would see. */
const WAIT = { timeout: 20_000 };

let app: TestApp;
let browser: Browser;
let base: string;
let operator: Account;
let mailbox: Mailbox;

beforeAll(async () => {
  // A real SMTP server: a new province's first administrator is invited by e-mail.
  mailbox = await Mailbox.start();
  ({ app, browser, base } = await startWebApp({ worker: true, config: { SMTP_URL: mailbox.url } }));
  operator = await createAccount(app, 'PLATFORM_ADMIN');
  await createUnits(app.dataSource, await provinceId(app.dataSource, '01'), [
    'Sở Nội vụ thành phố Hà Nội (thử)',
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await mailbox?.stop();
});

describe('platform admin', () => {
  it(
    'opens the queue console from the admin page: the platform’s queues, in its own page',
    { timeout: 120_000 },
    async () => {
      const page = await pageAt(browser, base, '/admin', operator.email);
      await page.getByRole('button', { name: 'Hàng đợi công việc' }).click(WAIT);
      await page.waitForURL(`${base}/admin/queues`, WAIT);
      for (const queue of ['maintenance', 'voting', 'notifications', 'year-end'])
        await expect.poll(() => page.getByText(queue, { exact: true }).count(), WAIT).toBeGreaterThan(0);
      await screenshot(page, 'queue-console-1366');
      // Its way back to the application, in Vietnamese, in the menu at the header's end (bull-board's).
      await page.locator('header li').last().getByRole('button').click();
      await page
        .getByRole('menuitem', { name: 'Về trang Quản trị' })
        .or(page.getByRole('link', { name: 'Về trang Quản trị' }))
        .first()
        .click(WAIT);
      await page.waitForURL(`${base}/admin`, WAIT);
      await page.getByRole('button', { name: 'Hàng đợi công việc' }).waitFor(WAIT);
      await page.context().close();
    },
  );

  it(
    "reads the platform's own log from the admin page: sign-ins by account name, filtered, and its chain checked",
    { timeout: 120_000 },
    async () => {
      const page = await pageAt(browser, base, '/admin', operator.email);
      await page.getByRole('link', { name: 'Nhật ký của nền tảng' }).click(WAIT);
      await page.waitForURL(`${base}/platform/audit`, WAIT);
      const signIn = page.locator('tbody tr').filter({ hasText: 'Đăng nhập' }).first();
      await expect.poll(() => signIn.count(), WAIT).toBe(1);
      expect(await signIn.textContent()).toContain('Nguyễn Văn Thử');
      // Its filter offers the platform's actions, not a province's.
      const action = page.getByLabel('Thao tác', { exact: true });
      const options = await action.locator('option').allTextContents();
      expect(options).toContain('Đăng nhập');
      expect(options).not.toContain('Bỏ phiếu thay đơn vị');
      await action.selectOption({ label: 'Đăng nhập' });
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL(/\/platform\/audit\?action=auth\.login$/, WAIT);
      await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
      await expect
        .poll(() => page.getByText(/Chuỗi nhật ký toàn vẹn: đã kiểm tra \d+ sự kiện/).count(), WAIT)
        .toBe(1);
      await screenshot(page, 'platform-audit-1366');
      await expectAccessible(page, "the platform's log");
      await page.context().close();
    },
  );

  it(
    'offers no province’s pages to people who work in none, and no form to a role that cannot use it',
    { timeout: 120_000 },
    async () => {
      // The operator acts in no province: its pages are not in the menu, and reached by address they say why.
      const page = await pageAt(browser, base, '/', operator.email);
      const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
      await expect.poll(() => nav.getByRole('link', { name: 'Quản trị' }).count(), WAIT).toBe(1);
      expect(await nav.getByRole('link', { name: 'Thông báo' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Khối, cụm thi đua' }).count()).toBe(0);
      // Its home leads to its own work: the provinces, and onboarding one.
      const own = page.getByRole('region', { name: 'Quản trị nền tảng' });
      expect(await own.getByRole('link', { name: 'Tỉnh, thành phố' }).getAttribute('href')).toBe(
        '/platform/provinces',
      );
      expect(await own.getByRole('link', { name: 'Đưa tỉnh mới vào sử dụng' }).getAttribute('href')).toBe(
        '/platform/provinces/new',
      );
      await screenshot(page, 'home-platform-1366');
      for (const path of ['/blocks', '/notifications', '/year-end/2025']) {
        await page.goto(`${base}${path}`);
        await expect
          .poll(
            () => page.getByRole('heading', { name: 'Trang này thuộc công việc của một tỉnh' }).count(),
            WAIT,
          )
          .toBe(1);
      }
      await screenshot(page, 'no-province-1366');

      // The ministry reads the provinces but brings none in.
      const viewer = await createAccount(app, 'NATIONAL_VIEWER');
      const p2 = await pageAt(browser, base, '/platform/provinces', viewer.email);
      await expect.poll(() => p2.getByText(/tổng 34 mục/).count(), WAIT).toBe(1);
      expect(await p2.getByRole('link', { name: 'Đưa tỉnh mới vào sử dụng' }).count()).toBe(0);
      await p2.goto(`${base}/platform/provinces/new`);
      await expect
        .poll(
          () => p2.getByRole('heading', { name: 'Trang này không dành cho vai trò của bạn' }).count(),
          WAIT,
        )
        .toBe(1);
      expect(await p2.getByLabel('Mã').count()).toBe(0);
      // The ministry's viewer belongs to no province: it is sent to the platform's admins, not a province's.
      expect(
        await p2
          .getByText(/^Trang này dành cho: Quản trị nền tảng\. .*đề nghị quản trị nền tảng cấp quyền/)
          .count(),
      ).toBe(1);
      await expectAccessible(p2, 'a page refused to the role');
      await Promise.all([page.context().close(), p2.context().close()]);
    },
  );

  it(
    'reads the provinces with their mergers, records a base salary, and onboards a province whose admin then works in it alone',
    { timeout: 300_000 },
    async () => {
      const page = await pageAt(browser, base, '/platform/provinces', operator.email);
      await expect.poll(() => page.getByText(/tổng 34 mục/).count(), WAIT).toBe(1);
      await page.getByLabel('Tìm theo tên (có hoặc không dấu)').fill('lao cai');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect.poll(() => page.getByRole('rowheader', { name: 'Lào Cai' }).count(), WAIT).toBe(1);
      expect(await page.getByRole('row', { name: /Lào Cai/ }).textContent()).toContain('Hợp nhất từ:');
      // A former province, with the one it was merged into.
      await page.getByLabel('Tìm theo tên (có hoặc không dấu)').fill('Yên Bái');
      await page.getByLabel('Hiệu lực', { exact: true }).selectOption('false');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await expect
        .poll(() => page.getByRole('row', { name: /Yên Bái/ }).textContent(), WAIT)
        .toContain('Đã sáp nhập vào: Lào Cai');
      await screenshot(page, 'platform-provinces-1366');
      await expectAccessible(page, 'the provinces page');

      // The base salary: a date already recorded is refused by the API, beside its field.
      const salary = page.locator('form', {
        has: page.getByRole('heading', { name: 'Thêm mức lương cơ sở mới' }),
      });
      await fillDate(salary, 'Áp dụng từ', '2026-07-01');
      await salary.getByLabel('Mức (đồng/tháng)').fill('2600000');
      await salary.getByLabel('Căn cứ pháp lý').fill('Nghị định thử nghiệm về mức lương cơ sở');
      await salary.getByRole('button', { name: 'Ghi mức lương' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Ghi mức lương' }).click();
      await expect
        .poll(
          () =>
            salary
              .getByRole('group', { name: 'Áp dụng từ', exact: true })
              .getByRole('spinbutton')
              .first()
              .getAttribute('aria-invalid'),
          WAIT,
        )
        .toBe('true');
      await fillDate(salary, 'Áp dụng từ', '2027-07-01');
      await salary.getByRole('button', { name: 'Ghi mức lương' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ghi mức lương cơ sở mới?' });
      expect(await dialog.textContent()).toContain('Mức 2.600.000 đồng/tháng sẽ áp dụng từ ngày 01/07/2027');
      await dialog.getByRole('button', { name: 'Ghi mức lương' }).click();
      await expect
        .poll(() => page.getByRole('row', { name: /01\/07\/2027 2\.600\.000/ }).count(), WAIT)
        .toBe(1);
      const rows = ok(
        await app.gql<{ baseSalaries: { effectiveFrom: string; amountVnd: number }[] }>(
          `{ baseSalaries { effectiveFrom amountVnd } }`,
          undefined,
          { token: operator.token },
        ),
      ).baseSalaries;
      expect(rows.at(-1)).toEqual({ effectiveFrom: '2027-07-01', amountVnd: 2600000 });

      // Onboarding: the province and its first administrator, after a confirmation.
      await page.getByRole('link', { name: 'Đưa tỉnh mới vào sử dụng' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: 'Đưa tỉnh mới vào sử dụng' }).count(), WAIT)
        .toBe(1);
      await page.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      await expect.poll(() => page.getByText('Mã tỉnh gồm 2 chữ số, từ 01 đến 99.').count(), WAIT).toBe(1);
      // The person is taken to the first field to fix, above the button.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')))
        .toBe('true');
      expect(
        await page.getByLabel('Mã', { exact: true }).evaluate((el) => el === document.activeElement),
      ).toBe(true);
      await expectAccessible(page, 'the onboarding form with errors');
      // A code another province has: the refusal names it, beside the code.
      await page.getByLabel('Mã', { exact: true }).fill('01');
      // The name typed with its kind: letters would read "tỉnh Tỉnh Thử Nghiệm". Said beside the name.
      await page.getByLabel('Tên', { exact: true }).fill('Tỉnh Thử Nghiệm');
      await page.getByLabel('Họ và tên').fill('Trần Thị Quản Trị');
      await page.getByLabel('Thư điện tử').fill('quantri.thunghiem@thu.vn');
      await page.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      await expect
        .poll(() => page.getByText(/^Bỏ chữ “Tỉnh” hoặc “Thành phố” ở đầu tên/).count(), WAIT)
        .toBe(1);
      expect(await page.getByRole('dialog').count()).toBe(0);
      await page.getByLabel('Tên', { exact: true }).fill('Thử Nghiệm');
      await page.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      // A code in use is said beside the field before any confirmation of a province that cannot be created.
      await expect
        .poll(
          () => page.getByText('Mã 01 đã là mã của Hà Nội: mỗi tỉnh, thành phố có một mã riêng.').count(),
          WAIT,
        )
        .toBe(1);
      expect(await page.getByRole('dialog').count()).toBe(0);
      // A merger needs its date, within the platform's years; a predecessor must be in force on its eve.
      await page.getByLabel('Mã', { exact: true }).fill('99');
      // A city is named as one: the bare "Hồ Chí Minh" is the man's.
      expect(await page.getByRole('checkbox', { name: 'TP. Hồ Chí Minh (79)' }).count()).toBe(1);
      await page.getByRole('checkbox', { name: 'Lào Cai (15)' }).check();
      await page.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      await expect
        .poll(
          () => page.getByText('Nhập ngày tỉnh mới có hiệu lực: sáp nhập từ tỉnh khác cần ngày này.').count(),
          WAIT,
        )
        .toBe(1);
      await fillDate(page, 'Hiệu lực từ ngày (bắt buộc khi sáp nhập từ tỉnh khác)', '1990-01-01');
      await page.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      await expect
        .poll(() => page.getByText(/^Ngày hiệu lực phải từ 01\/01\/2000 đến/).count(), WAIT)
        .toBe(1);
      await fillDate(page, 'Hiệu lực từ ngày (bắt buộc khi sáp nhập từ tỉnh khác)', '2025-07-01');
      await page.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      const merger = page.getByRole('dialog', { name: 'Tạo tỉnh Thử Nghiệm?' });
      expect(await merger.textContent()).toContain('Lào Cai kết thúc hiệu lực ngày 30/06/2025');
      await merger.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      await expect
        .poll(
          () =>
            page
              .getByText('Lào Cai có hiệu lực từ 01/07/2025, không sớm hơn ngày tỉnh mới có hiệu lực.')
              .count(),
          WAIT,
        )
        .toBe(1);
      await screenshot(page, 'platform-onboard-merger-1366');
      await page.getByRole('checkbox', { name: 'Lào Cai (15)' }).uncheck();
      await fillDate(page, 'Hiệu lực từ ngày (bắt buộc khi sáp nhập từ tỉnh khác)', '');
      // A province in force of the same name, case and accents aside: said beside the name, nothing made.
      await page.getByLabel('Tên', { exact: true }).fill('lao cai');
      await page.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      await page
        .getByRole('dialog', { name: 'Tạo tỉnh lao cai?' })
        .getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' })
        .click();
      await expect
        .poll(
          () =>
            page
              .getByText('Đã có Lào Cai (mã 15) trong danh sách: không tạo lại một tỉnh, thành phố đang có.')
              .count(),
          WAIT,
        )
        .toBe(1);
      await page.getByLabel('Tên', { exact: true }).fill('Thử Nghiệm');
      const coded99 = async () =>
        ok(
          await app.gql<{ provinces: { nodes: unknown[] } }>(
            `{ provinces(filter: { code: "99" }) { nodes { id } } }`,
            {},
            { token: operator.token },
          ),
        ).provinces.nodes;
      expect(await coded99()).toEqual([]);
      await page.getByLabel('Thư điện tử').fill('quantri.thunghiem@thu.vn');
      await page.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      const confirm = page.getByRole('dialog', { name: 'Tạo tỉnh Thử Nghiệm?' });
      expect(await confirm.textContent()).toContain(
        'quantri.thunghiem@thu.vn nhận thư mời làm quản trị viên của tỉnh',
      );
      await screenshot(page, 'platform-onboard-confirm-1366');
      await confirm.getByRole('button', { name: 'Tạo tỉnh và gửi thư mời' }).click();
      await expect
        .poll(
          () =>
            page
              .getByText(
                'Đã tạo tỉnh Thử Nghiệm và gửi thư mời đến quantri.thunghiem@thu.vn. Người được mời mở liên kết trong thư: tự đặt mật khẩu nếu chưa có tài khoản, hoặc đăng nhập bằng mật khẩu đang dùng nếu đã có.',
              )
              .count(),
          WAIT,
        )
        .toBe(1);
      await screenshot(page, 'platform-onboarded-1366');

      expect(
        await page.getByRole('link', { name: 'Theo dõi thư mời của tỉnh Thử Nghiệm' }).getAttribute('href'),
      ).toMatch(/^\/platform\/provinces\/[0-9a-f-]{36}\/accounts$/);

      // The new administrator sets their own password from the e-mailed link on a phone, then works in the new
      // province only: no unit of another province shows.
      const address = 'quantri.thunghiem@thu.vn';
      await vi.waitFor(() => expect(mailbox.to(address).length).toBe(1), { timeout: 20_000, interval: 100 });
      const link = new URL(/(https?:\/\/\S+\/invitation\S+)/.exec(textOf(mailbox.to(address)[0]!.raw))![1]!);
      const small = await phone(browser);
      const p2 = await small.newPage();
      await p2.goto(`${base}${link.pathname}${link.search}`);
      await p2.getByLabel('Mật khẩu mới', { exact: true }).fill('Ruộng bậc thang Mù Cang Chải 2026');
      await p2.getByLabel('Nhập lại mật khẩu mới').fill('Ruộng bậc thang Mù Cang Chải 2026');
      await p2.getByRole('button', { name: 'Nhận lời mời' }).click();
      await p2.waitForURL((u) => u.pathname === '/', WAIT);
      // A province with nothing yet: the home page lists the steps that put it to work, the first one current.
      const start = p2.getByRole('region', { name: 'Đưa tỉnh vào sử dụng' });
      await expect
        .poll(() => start.getByRole('link').allTextContents(), WAIT)
        .toEqual([
          'Thêm các đơn vị của tỉnh',
          'Lập các khối, cụm thi đua và thành viên',
          'Mời cán bộ thi đua của các đơn vị',
          'Mời thành viên Hội đồng Thi đua – Khen thưởng tỉnh',
        ]);
      expect(
        await start.getByRole('link', { name: 'Thêm các đơn vị của tỉnh' }).getAttribute('aria-current'),
      ).toBe('step');
      await screenshot(p2, 'home-getting-started-390');
      await expectAccessible(p2, 'the new secretariat’s home page');
      // The council's step opens the invitation on the council's role, not on the officers' of the step before.
      await start.getByRole('link', { name: 'Mời thành viên Hội đồng Thi đua – Khen thưởng tỉnh' }).click();
      await p2.waitForURL((u) => u.pathname === '/users', WAIT);
      await expect
        .poll(() => p2.getByLabel('Vai trò', { exact: true }).inputValue(), WAIT)
        .toBe('COUNCIL_MEMBER');
      await p2.goto(`${base}/units`);
      // A new province has no unit yet: said so, with where units are added.
      await expect.poll(() => p2.getByText(/^Tỉnh chưa có đơn vị nào\./).count(), WAIT).toBe(1);
      // One province: the header names it, with nothing to choose.
      expect(await p2.getByText('Tỉnh/thành đang làm việc: Thử Nghiệm').count()).toBe(1);
      expect(await p2.locator('#province-switch').count()).toBe(0);
      expect(await p2.getByText('Sở Nội vụ thành phố Hà Nội (thử)').count()).toBe(0);
      await screenshot(p2, 'onboarded-admin-units-390');
      await expectAccessible(p2, 'the new admin on the units page');
      await p2.goto(`${base}/admin`);
      await expect
        .poll(() => p2.getByRole('link', { name: 'Quy định khen thưởng của tỉnh' }).count(), WAIT)
        .toBe(1);
      expect(await p2.getByRole('link', { name: 'Quản trị nền tảng' }).count()).toBe(0);
      await screenshot(p2, 'admin-390');
      await expectAccessible(p2, 'the administration page');
      await Promise.all([page.context().close(), small.close()]);
    },
  );

  it(
    'invites a city’s secretariat in the city’s words, on its accounts page and on the signed-out invitation',
    { timeout: 120_000 },
    async () => {
      const daNang = await provinceId(app.dataSource, '48');
      const page = await pageAt(browser, base, `/platform/provinces/${daNang}/accounts`, operator.email);
      await page.getByText(/^Mời cán bộ Sở Nội vụ của thành phố \(và các tài khoản khác/).waitFor(WAIT);
      const role = page.getByLabel('Vai trò');
      await expect
        .poll(() => role.locator('option:checked').textContent(), WAIT)
        .toBe('Cán bộ Sở Nội vụ (thường trực thi đua thành phố)');
      await page.getByLabel('Thư điện tử').fill('thiduakt.danang@thu.vn');
      await page.getByRole('button', { name: 'Gửi lời mời' }).click();
      await page.getByText('Đã gửi lời mời tới thiduakt.danang@thu.vn.').waitFor(WAIT);
      await screenshot(page, 'platform-city-accounts-1366');
      const address = 'thiduakt.danang@thu.vn';
      await vi.waitFor(() => expect(mailbox.to(address).length).toBe(1), { timeout: 20_000, interval: 100 });
      const link = new URL(/(https?:\/\/\S+\/invitation\S+)/.exec(textOf(mailbox.to(address)[0]!.raw))![1]!);
      const small = await phone(browser);
      const invited = await small.newPage();
      await invited.goto(`${base}${link.pathname}${link.search}`);
      await invited
        .getByText(
          'Bạn được mời tham gia hệ thống Thi đua – Khen thưởng với vai trò Cán bộ Sở Nội vụ (thường trực thi đua thành phố) – Đà Nẵng.',
        )
        .waitFor(WAIT);
      await screenshot(invited, 'invitation-city-390');
      await Promise.all([page.context().close(), small.close()]);
    },
  );
});
