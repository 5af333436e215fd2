import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createLockedBlock,
  createUnits,
  ok,
  ownerQuery,
  provinceId,
  type Account,
  type TestApp,
} from '@thidua/testing';
import { createBlockOnPages, poll } from './block-pages';
import { desktop, expectAccessible, phone, screenshot, signInAt, startWebApp } from './browser';

const tag = `${process.pid}`;
const UNITS = [
  'Văn phòng UBND tỉnh',
  'Sở Nội vụ',
  'Sở Kế hoạch và Đầu tư',
  'Sở Giáo dục và Đào tạo',
  'Sở Văn hóa, Thể thao và Du lịch',
].map((n) => `${n} ${tag}`);
/** The default table's criteria (domain/scoring defaultScoringRules) and their maxima. */
const CRITERIA: [string, number][] = [
  ['NV1', 30],
  ['NV2', 10],
  ['TD1', 10],
  ['TD2', 10],
  ['TD3', 10],
  ['XD1', 10],
  ['XD2', 5],
  ['KT1', 10],
  ['KT2', 5],
];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;
let officers: Account[];
let unitIds: string[];
let yearPath: string;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true, queue: 'redis' }));
  province = await provinceId(app.dataSource, '08');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  // Units and their officers' accounts are the people-and-access screens' work: made here.
  const units = await createUnits(app.dataSource, province, UNITS);
  unitIds = units.map((u) => u.id);
  officers = await Promise.all(
    units.map((u) => createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: u.id })),
  );
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

let last: Page | null = null;
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && last)
    await screenshot(last, `failed-year-${ctx.task.name.slice(0, 30)}`);
});

async function officerPage(i: number, path: string, device: 'phone' | 'desktop' = 'phone'): Promise<Page> {
  const page = await (await (device === 'phone' ? phone(browser) : desktop(browser))).newPage();
  last = page;
  await signInAt(page, base, path, officers[i]!.email);
  return page;
}

const state = (page: Page) => page.locator('.status').first().textContent();

/** Takes the next step from the year page: the button, then the confirmation that says what will happen. */
async function takeStep(page: Page, button: string, newState: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.getByRole('button', { name: button }).click();
  await poll(() => state(page)).toBe(newState);
  // The button is gone with the step taken: the keyboard stays in the steps' section, not back at the page's top.
  await poll(() =>
    page.evaluate(
      () =>
        document.activeElement?.closest('section')?.getAttribute('aria-labelledby') ??
        document.activeElement?.tagName,
    ),
  ).toBe('steps');
}

/** A small but real PDF file (its header is what the gateway checks), named as a person would. */
const pdf = (name: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${name}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  ),
});

/** Presses Tab until the focused element satisfies `is` (at most `max` presses). */
async function tabTo(page: Page, is: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, is)) return;
  }
  throw new Error(`no focusable ${is} within ${max} tabs`);
}

/** Fills a sheet by clicks: every criterion at its maximum, less `off` points on NV1. */
async function fillSheet(page: Page, off: number) {
  for (const [code, max] of CRITERIA)
    await page.getByLabel(new RegExp(`^${code}\\. `)).fill(String(code === 'NV1' ? max - off : max));
  await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
  await page.waitForURL(/\/sheets\?unit=/);
}

describe('a block year in the browser', () => {
  it(
    'the head unit runs the year, the members sign, register and score on their own screens, the ranking shows',
    { timeout: 900_000 },
    async () => {
      // The secretariat: the block, its five members, the year with head and deputy; then the criteria.
      const adminPage = await (await desktop(browser)).newPage();
      last = adminPage;
      await signInAt(adminPage, base, '/blocks', admin.email);
      const blockId = await createBlockOnPages(adminPage, base, {
        name: `Khối các cơ quan tham mưu ${tag}`,
        units: UNITS,
        year: 2026,
        theme: 'Đoàn kết - Sáng tạo - Kỷ cương - Phát triển',
      });
      yearPath = `/blocks/${blockId}/years/2026`;
      // What the next step still needs, in words: the covenant's items.
      await poll(() => adminPage.getByText('nội dung giao ước (ít nhất một mục)').count()).toBe(1);
      // No scoring table yet: the year's overview says so, with the way to choose one.
      expect(await adminPage.getByText(/^Chưa chọn\. Chọn bảng tiêu chí$/).count()).toBe(1);
      expect(await adminPage.getByRole('link', { name: 'Chọn bảng tiêu chí' }).count()).toBe(1);
      await expectAccessible(adminPage, 'the year page in draft (secretariat)');
      await screenshot(adminPage, 'year-draft-1366');
      await adminPage.getByRole('link', { name: 'Bảng tiêu chí chấm điểm' }).click();
      await adminPage.waitForURL(/\/criteria$/);
      await adminPage.getByRole('button', { name: 'Tạo và dùng cho năm này' }).click();
      await poll(() =>
        adminPage.getByText(/^Đang dùng: Bảng chấm điểm năm 2026 \(phiên bản \d+\)$/).count(),
      ).toBe(1);
      await poll(() =>
        adminPage
          .getByRole('cell', { name: 'Hoàn thành các chỉ tiêu, nhiệm vụ chuyên môn trong năm' })
          .count(),
      ).toBe(1);
      await expectAccessible(adminPage, 'the criteria page');
      await screenshot(adminPage, 'year-criteria-1366');

      // The head unit's officer on a laptop: the covenant, then opens the year.
      const head = await officerPage(0, yearPath, 'desktop');
      await head.getByRole('link', { name: 'Soạn nội dung giao ước' }).click();
      await head.waitForURL(/\/covenant$/);
      await head.getByLabel('Mục 1').fill('Thực hiện tốt nhiệm vụ chính trị được giao');
      await head.getByRole('button', { name: 'Thêm mục' }).click();
      await head.getByRole('button', { name: 'Lưu giao ước' }).click();
      // An empty item is refused beside it before anything is sent.
      await poll(() => head.getByText('Mục này đang trống: nhập nội dung hoặc xóa mục.').count()).toBe(1);
      await expectAccessible(head, 'the covenant editor with an error');
      await head.getByLabel('Mục 2').fill('Đẩy mạnh cải cách hành chính, chuyển đổi số');
      await head.getByRole('button', { name: 'Thêm mục' }).click();
      // The item added has the keyboard: it is typed into next.
      await poll(() =>
        head.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.labels?.[0]?.textContent),
      ).toBe('Mục 3');
      await head.getByLabel('Mục 3').fill('Xây dựng tổ chức đảng, đoàn thể vững mạnh');
      // Items move up and down, keeping their text.
      await head.getByRole('button', { name: 'Đưa mục 3 lên' }).click();
      expect(await head.getByLabel('Mục 2').inputValue()).toBe('Xây dựng tổ chức đảng, đoàn thể vững mạnh');
      expect(await head.getByLabel('Mục 3').inputValue()).toBe('Đẩy mạnh cải cách hành chính, chuyển đổi số');
      await head.getByRole('button', { name: 'Đưa mục 2 xuống' }).click();
      expect(await head.getByLabel('Mục 3').inputValue()).toBe('Xây dựng tổ chức đảng, đoàn thể vững mạnh');
      await screenshot(head, 'year-covenant-1366');
      await head.getByRole('button', { name: 'Lưu giao ước' }).click();
      await head.waitForURL((u) => u.pathname === yearPath);
      await poll(() => head.getByText('Đã lưu giao ước (3 mục).').count()).toBe(1);
      await poll(() => head.getByText('Đã đủ điều kiện để chuyển sang bước này.').count()).toBe(1);
      await takeStep(head, 'Mở năm cho các thành viên', 'Đã mở');
      await poll(() => head.getByText('5/5 thành viên chưa ký giao ước').count()).toBe(1);

      // Unit 1 (the head) signs with the keyboard only: Tab to the commitment, Space, Tab, Enter.
      await head.goto(`${base}${yearPath}/sign`);
      await poll(() => head.getByText('Xây dựng tổ chức đảng, đoàn thể vững mạnh').count()).toBe(1);
      await tabTo(head, 'input[type=checkbox]');
      await head.keyboard.press('Space');
      await tabTo(head, 'button[type=submit]', 3);
      await head.keyboard.press('Enter');
      await poll(() => head.getByText(new RegExp(`${UNITS[0]} đã ký giao ước lúc`)).count()).toBe(1);
      // Signed, the screen still shows what was signed, read only, and who has signed so far.
      await poll(() => head.getByText('Xây dựng tổ chức đảng, đoàn thể vững mạnh').count()).toBe(1);
      expect(await head.getByText('Chữ ký (1/5 thành viên)').count()).toBe(1);
      expect(await head.getByRole('checkbox').count()).toBe(0);
      // The covenant's own screen, frozen by the signature, reads it too instead of a notice alone.
      await head.goto(`${base}${yearPath}/covenant`);
      await poll(() => head.getByText(/nội dung không sửa được nữa/).count()).toBe(1);
      await poll(() => head.getByText('Đẩy mạnh cải cách hành chính, chuyển đổi số').count()).toBe(1);
      expect(await head.getByRole('textbox').count()).toBe(0);
      // Headed as what it now is: the covenant, no longer one to write.
      expect(await head.getByRole('heading', { level: 1 }).textContent()).toBe('Giao ước thi đua');

      // Three members sign on their phones; the first tries without ticking the commitment.
      const unread = (i: number) =>
        app
          .gql<{
            notifications: { nodes: { event: string; readAt: string | null }[] };
          }>(
            `{ notifications(first: 20) { nodes { event readAt } } }`,
            {},
            {
              token: officers[i]!.token,
              provinceId: province,
            },
          )
          .then((r) => r.data!.notifications.nodes.filter((n) => !n.readAt).map((n) => n.event));
      for (const i of [1, 2, 3]) {
        // The notice asking the unit to sign waits unread until it signs (below).
        if (i === 2) await poll(() => unread(i)).toEqual(['YEAR_SIGNING_OPENED']);
        const page = await officerPage(i, yearPath);
        if (i === 1) {
          // No scores yet: the members are a list, and the page says when scores and ranks come.
          const members = page.getByRole('region', { name: 'Đơn vị thành viên' });
          await poll(async () => (await members.getByRole('listitem').allTextContents()).sort()).toEqual(
            [...UNITS].sort(),
          );
          expect(
            await members.getByText('Điểm và thứ hạng hiện ở đây khi Trưởng khối khóa điểm.').count(),
          ).toBe(1);
          expect(await members.getByRole('table').count()).toBe(0);
        }
        await page.getByRole('link', { name: 'Ký giao ước thi đua' }).click();
        await page.waitForURL(/\/sign$/);
        if (i === 1) {
          await page.getByRole('button', { name: 'Ký giao ước' }).click();
          await poll(() => page.getByText('Vui lòng đánh dấu cam kết trước khi ký.').count()).toBe(1);
          await expectAccessible(page, 'the signing screen with an error');
        }
        await page.getByLabel(/cam kết thực hiện đầy đủ/).check();
        // The box keeps its size beside two lines of commitment on a phone.
        if (i === 1)
          expect((await page.getByRole('checkbox').boundingBox())!.width).toBeGreaterThanOrEqual(20);
        if (i === 1) await screenshot(page, 'year-sign-390');
        await page.getByRole('button', { name: 'Ký giao ước' }).click();
        await poll(() => page.getByText(new RegExp(`${UNITS[i]} đã ký giao ước lúc`)).count()).toBe(1);
        // What comes next has the focus: registering the unit's titles.
        await poll(() => page.evaluate(() => document.activeElement?.textContent ?? null)).toBe(
          'Tiếp theo: đăng ký danh hiệu thi đua',
        );
        // Signed, the notice is done: read.
        if (i === 2) await poll(() => unread(i)).toEqual([]);
        if (i === 1) {
          await poll(() => page.getByText('Thực hiện tốt nhiệm vụ chính trị được giao').count()).toBe(1);
          await screenshot(page, 'year-signed-390');
          await expectAccessible(page, 'the signed screen');
        }
        await page.context().close();
      }
      // The fifth unit asked the secretariat in writing to sign for it.
      await adminPage.goto(`${base}${yearPath}/sign`);
      await adminPage.getByLabel('Đơn vị', { exact: true }).selectOption({ label: UNITS[4]! });
      await adminPage.getByLabel(/cam kết thực hiện đầy đủ/).check();
      await adminPage.getByRole('button', { name: 'Ký thay đơn vị' }).click();
      await poll(() => adminPage.getByText('Vui lòng ghi lý do (ít nhất 5 ký tự).').count()).toBe(1);
      await adminPage
        .getByLabel('Lý do làm thay đơn vị')
        .fill('Công văn số 12/CV của đơn vị đề nghị ký thay');
      await expectAccessible(adminPage, 'signing on behalf');
      await adminPage.getByRole('button', { name: 'Ký thay đơn vị' }).click();
      await poll(() => adminPage.getByText(new RegExp(`${UNITS[4]} đã ký giao ước lúc`)).count()).toBe(1);
      expect(
        await adminPage.getByRole('status').filter({ hasText: 'Sở Nội vụ ký thay, lý do:' }).count(),
      ).toBe(1);

      await head.goto(`${base}${yearPath}`);
      await poll(() => head.getByText(/Sở Nội vụ ký thay, lý do: Công văn số 12\/CV/).count()).toBe(1);
      await takeStep(head, 'Chốt giao ước', 'Đã ký giao ước');
      await takeStep(head, 'Bắt đầu chấm điểm', 'Đang chấm điểm');
      await expectAccessible(head, 'the year page while scoring');

      // The secretariat sets the last day to register titles: the member's home page asks it to register by then.
      const by = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('en-CA', {
        timeZone: 'Asia/Ho_Chi_Minh',
      });
      const byWords = by.split('-').reverse().join('/');
      const asAdmin = { token: admin.token, provinceId: province };
      const { emulationYear } = ok(
        await app.gql<{ emulationYear: { id: string } }>(
          `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { id } }`,
          { b: blockId },
          asAdmin,
        ),
      );
      ok(
        await app.gql(
          `mutation($id: ID!, $d: LocalDate!) { updateEmulationYear(id: $id, input: { registrationDeadline: $d }) { id } }`,
          { id: emulationYear.id, d: by },
          asAdmin,
        ),
      );
      const third = await officerPage(2, '/');
      const toRegister = third.getByRole('region', { name: /^Danh hiệu cần đăng ký/ });
      await poll(() => toRegister.getByRole('link').textContent()).toMatch(
        new RegExp(`^Đăng ký: .*2026 · hạn hết ngày ${byWords}$`),
      );
      // Scoring is open: the home page asks for the sheets it has not sent (a member that is neither head nor
      // deputy scores only itself under HEAD_AND_DEPUTY).
      const toScore = third.getByRole('region', { name: /^Phiếu chấm điểm cần nộp/ });
      await poll(() => toScore.getByRole('link').textContent()).toMatch(
        /^Chấm điểm: .*2026 · còn 1 phiếu chưa nộp$/,
      );
      expect(await toScore.getByRole('link').getAttribute('href')).toBe(
        `${yearPath}/sheets?unit=${unitIds[2]}`,
      );
      // A member registers a title on its phone, and withdraws another after the confirmation.
      await third.goto(`${base}${yearPath}`);
      // The block's dossier is the head unit's until the results: the member is told whose it is, and where its own
      // evidence goes.
      await poll(() =>
        third.getByText(/^Hồ sơ của khối \(tờ trình, biên bản, tài liệu kèm theo\) do Trưởng khối/).count(),
      ).toBe(1);
      expect(await third.getByRole('heading', { name: 'Danh hiệu đã đăng ký' }).count()).toBe(1);
      await third.getByRole('link', { name: 'Đăng ký danh hiệu' }).click();
      await third.waitForURL(/\/titles\?unit=/);
      await poll(() => third.getByText(`Hạn đăng ký danh hiệu: đến hết ngày ${byWords}.`).count()).toBe(1);
      await third.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      await poll(() => third.getByText('Vui lòng chọn danh hiệu.').count()).toBeGreaterThan(0);
      // An individual title for a unit with nobody on record: the page says so and leads to the unit's page.
      await third.getByLabel('Danh hiệu', { exact: true }).selectOption({ label: 'Chiến sĩ thi đua cơ sở' });
      // The choice made, the refusal of no choice is gone.
      await poll(() => third.getByText('Vui lòng chọn danh hiệu.').count()).toBe(0);
      await poll(() =>
        third
          .getByText(/^Đơn vị chưa có cá nhân nào trong hệ thống: thêm cá nhân ở trang của đơn vị/)
          .count(),
      ).toBe(1);
      expect(await third.getByRole('link', { name: 'Thêm cá nhân của đơn vị' }).count()).toBe(1);
      await third
        .getByLabel('Danh hiệu', { exact: true })
        .selectOption({ label: 'Tập thể lao động xuất sắc' });
      await third.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      await poll(() =>
        third.getByRole('listitem').filter({ hasText: 'Tập thể lao động xuất sắc' }).count(),
      ).toBe(1);
      expect(await third.getByText('Đã đăng ký “Tập thể lao động xuất sắc”.').count()).toBe(1);
      // The keyboard stays where it was: on the button, disabled while sending, not on the page's body.
      await poll(() => third.evaluate(() => document.activeElement?.textContent)).toBe('Đăng ký');
      // The other grade of the same title is refused beside the choice, saying what to do.
      await third
        .getByLabel('Danh hiệu', { exact: true })
        .selectOption({ label: 'Tập thể lao động tiên tiến' });
      await third.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      await poll(() =>
        third
          .getByText(
            'Đơn vị đã đăng ký “Tập thể lao động xuất sắc”: mỗi năm chỉ đăng ký một trong hai danh hiệu đó. Muốn đăng ký “Tập thể lao động tiên tiến”, hãy rút đăng ký kia trước.',
          )
          .count(),
      ).toBe(1);
      await third
        .getByLabel('Danh hiệu', { exact: true })
        .selectOption({ label: 'Cờ thi đua của UBND tỉnh' });
      await third.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      const flag = third.getByRole('listitem').filter({ hasText: 'Cờ thi đua của UBND tỉnh' });
      await poll(() => flag.count()).toBe(1);
      await flag.getByRole('button', { name: 'Rút đăng ký Cờ thi đua của UBND tỉnh' }).click();
      const withdraw = third.getByRole('dialog', { name: 'Rút đăng ký danh hiệu?' });
      await poll(() => withdraw.getByText(/sẽ bị rút và không còn được xét/).count()).toBe(1);
      await screenshot(third, 'year-titles-withdraw-390');
      await withdraw.getByRole('button', { name: 'Rút đăng ký' }).click();
      await poll(() => flag.count()).toBe(0);
      // A person not yet on record: added on the unit's page, which leads back with the title and the person chosen.
      await third.getByLabel('Danh hiệu', { exact: true }).selectOption({ label: 'Chiến sĩ thi đua cơ sở' });
      await third.getByRole('link', { name: 'Thêm cá nhân của đơn vị' }).click();
      await third.waitForURL(/\/units\/[^?]+\?titles=/);
      const fullName = third.getByLabel('Họ và tên');
      await poll(() => fullName.evaluate((el) => el === document.activeElement)).toBe(true);
      await fullName.fill('Nguyễn Thị Mai');
      await third.getByLabel('Giới tính').selectOption({ label: 'Nữ' });
      await third.getByRole('button', { name: 'Thêm cá nhân' }).click();
      await poll(() => third.getByText('Đã thêm Nguyễn Thị Mai.').count()).toBe(1);
      await screenshot(third, 'unit-person-for-titles-390');
      await third.getByRole('link', { name: 'Quay lại đăng ký danh hiệu cho Nguyễn Thị Mai' }).click();
      await third.waitForURL(/\/titles\?unit=.+&title=CSTD_BASE&person=/);
      await poll(() => third.getByLabel('Cá nhân đăng ký').inputValue()).not.toBe('');
      expect(await third.getByLabel('Danh hiệu', { exact: true }).inputValue()).toBe('CSTD_BASE');
      expect(
        await third
          .getByLabel('Cá nhân đăng ký')
          .evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text),
      ).toBe('Nguyễn Thị Mai');
      // With people on record, the link to add another stays.
      expect(
        await third.getByRole('link', { name: /^Người cần đăng ký chưa có trong danh sách\?/ }).count(),
      ).toBe(1);
      await screenshot(third, 'year-titles-back-390');
      // An individual title names its person, in the unit's list and on the year's page, after a reload too.
      await third.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      const mai = 'Chiến sĩ thi đua cơ sở – Nguyễn Thị Mai';
      await poll(() => third.getByText(`Đã đăng ký “${mai}”.`).count()).toBe(1);
      // What was carried back is spent: a reload does not fill the form again.
      await third.waitForURL(/\/titles\?unit=[^&]+$/);
      await third.reload();
      await poll(() => third.getByRole('listitem').filter({ hasText: mai }).count()).toBe(1);
      await third.goto(`${base}${yearPath}`);
      const onYear = third.getByRole('region', { name: 'Danh hiệu đã đăng ký' }).first();
      await poll(() => onYear.getByRole('cell', { name: mai }).count()).toBe(1);
      await third.goBack();
      // Withdrawn again (the rest of the year goes on without it): its button names the person too.
      await third.getByRole('button', { name: `Rút đăng ký ${mai}` }).click();
      await third
        .getByRole('dialog', { name: 'Rút đăng ký danh hiệu?' })
        .getByRole('button', { name: 'Rút đăng ký' })
        .click();
      await poll(() => third.getByRole('listitem').filter({ hasText: mai }).count()).toBe(0);

      // A unit with more people than the list holds (the first 100 by given name): searched by name, without
      // diacritics, and the person found stays chosen when the search changes.
      const given = [
        'An',
        'Bình',
        'Cường',
        'Dung',
        'Giang',
        'Hà',
        'Hùng',
        'Khoa',
        'Lan',
        'Minh',
        'Nam',
        'Oanh',
        'Phúc',
        'Quân',
        'Sơn',
        'Tâm',
        'Thảo',
        'Trang',
        'Tuấn',
        'Uyên',
        'Vân',
      ];
      const people = ['Nguyễn Văn', 'Trần Thị', 'Lê Minh', 'Phạm Thu', 'Hoàng Đức'].flatMap((family) =>
        given.map((g) => `${family} ${g}`),
      );
      for (const fullName of [...people, 'Vũ Thị Yến'])
        ok(
          await app.gql(
            `mutation($v: CreatePersonInput!) { createPerson(input: $v) { id } }`,
            { v: { unitId: unitIds[2], fullName, gender: 'FEMALE' } },
            { token: officers[2]!.token, provinceId: province },
          ),
        );
      await third.reload();
      await third.getByLabel('Danh hiệu', { exact: true }).selectOption({ label: 'Chiến sĩ thi đua cơ sở' });
      const search = third.getByLabel('Tìm cá nhân theo tên (có hoặc không dấu)');
      await poll(() => search.count()).toBe(1);
      expect(
        await third.getByText('Đơn vị có 107 cá nhân; danh sách hiện 100 người đầu: gõ tên để tìm.').count(),
      ).toBe(1);
      const person = third.getByLabel('Cá nhân đăng ký');
      expect(await person.getByRole('option', { name: 'Vũ Thị Yến' }).count()).toBe(0);
      await search.fill('vu thi yen');
      await poll(() => person.getByRole('option', { name: 'Vũ Thị Yến' }).count()).toBe(1);
      await person.selectOption({ label: 'Vũ Thị Yến' });
      await search.fill('');
      await poll(() => person.getByRole('option').count()).toBe(102);
      expect(await person.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)).toBe(
        'Vũ Thị Yến',
      );
      await screenshot(third, 'year-titles-search-person-390');
      await third.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      const yen = 'Chiến sĩ thi đua cơ sở – Vũ Thị Yến';
      await poll(() => third.getByText(`Đã đăng ký “${yen}”.`).count()).toBe(1);
      await third.getByRole('button', { name: `Rút đăng ký ${yen}` }).click();
      await third
        .getByRole('dialog', { name: 'Rút đăng ký danh hiệu?' })
        .getByRole('button', { name: 'Rút đăng ký' })
        .click();
      await poll(() => third.getByRole('listitem').filter({ hasText: yen }).count()).toBe(0);
      await expectAccessible(third, 'the titles screen');
      await screenshot(third, 'year-titles-390');

      // The third unit's self-assessment with the keyboard only, from its own screen.
      await third.goto(`${base}${yearPath}/sheets/${unitIds[2]}/${unitIds[2]}`);
      await poll(() => third.getByRole('heading', { name: 'Phiếu tự chấm điểm' }).count()).toBe(1);
      for (const [code, max] of CRITERIA) {
        await tabTo(third, `input[aria-describedby]:not([type=url])`);
        const label = await third.evaluate(
          () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '',
        );
        expect(label.startsWith(`${code}. `), label).toBe(true);
        await third.keyboard.type(String(code === 'NV1' ? max - 3 : max));
        // The criterion's evidence opens with Enter on its summary; a link without http:// is refused.
        if (code === 'NV1') {
          await third.keyboard.press('Tab');
          await third.keyboard.press('Enter');
          await third.keyboard.press('Tab');
          await third.keyboard.type('Báo cáo tổng kết năm 2026 của đơn vị');
          await third.keyboard.press('Tab');
          await third.keyboard.type('https://vanban.example.vn/bao-cao-2026.pdf');
          // A file as evidence, chosen and sent from the keyboard: kept at once, before the sheet is sent.
          await third.getByLabel(/^Thêm tệp minh chứng NV1 /).waitFor();
          await tabTo(third, 'input[type=file]', 1);
          // On a loaded machine (CI) the chooser once never came: the field is reached again from the link,
          // still by the keyboard, and the failure says what had the focus.
          let chooser = await Promise.all([
            third.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => null),
            third.keyboard.press('Space'),
          ]).then(([c]) => c);
          if (!chooser) {
            const focused = await third.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
            console.warn(`no file chooser; the focus was on ${focused}`);
            await third.getByLabel('Đường dẫn minh chứng NV1').focus();
            await tabTo(third, 'input[type=file]', 1);
            [chooser] = await Promise.all([third.waitForEvent('filechooser'), third.keyboard.press('Space')]);
          }
          await chooser.setFiles(pdf('Báo cáo tổng kết 2026.pdf'));
          await third.keyboard.press('Tab');
          await third.keyboard.press('Enter');
          await poll(() =>
            third
              .getByText('Đã lưu tệp “Báo cáo tổng kết 2026.pdf”. Tệp được lưu ngay, không chờ nộp phiếu.')
              .count(),
          ).toBe(1);
          await screenshot(third, 'year-sheet-evidence-file-390');
        }
      }
      await tabTo(third, 'button[type=submit]', 40);
      await screenshot(third, 'year-sheet-390');
      await expectAccessible(third, 'the score sheet');
      await third.keyboard.press('Enter');
      await third.waitForURL(/\/sheets\?unit=/);
      await poll(() => third.getByRole('link', { name: /Tự chấm điểm – đã nộp lúc/ }).count()).toBe(1);
      // Sent: said, with what can still be done.
      expect(
        await third
          .getByRole('status')
          .filter({ hasText: 'Đã nộp phiếu tự chấm điểm. Có thể sửa và nộp lại đến khi khóa điểm.' })
          .count(),
      ).toBe(1);
      await expectAccessible(third, 'the sheets list');
      // Sent: the home page no longer asks for it.
      await third.goto(`${base}/`);
      // Once the tasks are gathered (the list replaces "loading").
      await poll(() => third.locator('.tasks').count()).toBe(1);
      expect(await toScore.count()).toBe(0);
      await third.context().close();

      // The secretariat opening the unit's sheet reads it as sent, with its file, and writes on the unit's behalf
      // only when it asks to: then with the reason the record keeps.
      await adminPage.goto(`${base}${yearPath}/sheets`);
      await adminPage.getByLabel('Đơn vị', { exact: true }).selectOption({ label: UNITS[2] });
      // The unit chosen is in the address: a reload keeps it.
      await adminPage.waitForURL((u) => u.searchParams.get('unit') === unitIds[2]);
      await adminPage.reload();
      await poll(() =>
        adminPage
          .getByLabel('Đơn vị', { exact: true })
          .evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text),
      ).toBe(UNITS[2]);
      await adminPage.getByRole('link', { name: /^Tự chấm điểm – đã nộp lúc/ }).click();
      await adminPage.waitForURL(/\/sheets\/[^/]+\/[^/]+$/);
      const rewrite = adminPage.getByRole('button', { name: 'Sửa phiếu thay đơn vị' });
      await rewrite.waitFor();
      await screenshot(adminPage, 'year-sheet-secretariat-reads-1366');
      await poll(() =>
        adminPage.getByRole('button', { name: 'Báo cáo tổng kết 2026.pdf', exact: true }).count(),
      ).toBe(1);
      expect(await adminPage.getByRole('textbox').count()).toBe(0);
      expect(await adminPage.getByRole('button', { name: /^Xóa tệp/ }).count()).toBe(0);
      await expectAccessible(adminPage, "the secretariat reading a unit's sheet");
      await rewrite.click();
      // Asked first: a file added or removed for the unit goes at once, with the reason (the unit is told).
      const reason = adminPage.getByLabel('Lý do làm thay đơn vị');
      await reason.waitFor();
      const removeFile = adminPage.getByRole('button', { name: 'Xóa tệp – Báo cáo tổng kết 2026.pdf' });
      expect(await removeFile.count()).toBe(0);
      const reasonFirst =
        'Hãy ghi lý do làm thay đơn vị (ở đầu phiếu) trước khi thêm hoặc xóa tệp minh chứng của đơn vị.';
      expect(await adminPage.getByText(reasonFirst).count()).toBeGreaterThan(0);
      await reason.fill('Đơn vị đề nghị bằng văn bản số 15/VP');
      await poll(() => removeFile.count()).toBe(1);
      await screenshot(adminPage, 'year-sheet-secretariat-writes-1366');
      // A file added for the unit and removed again, each sent with the reason: the log keeps both, and why.
      await adminPage.getByLabel(/^Thêm tệp minh chứng NV1 /).setInputFiles(pdf('Công văn đề nghị.pdf'));
      await poll(() => adminPage.getByText(/^Đã lưu tệp “Công văn đề nghị\.pdf”/).count()).toBe(1);
      await adminPage.getByRole('button', { name: 'Xóa tệp – Công văn đề nghị.pdf' }).click();
      await adminPage
        .getByRole('dialog', { name: 'Xóa tệp đính kèm?' })
        .getByRole('button', { name: 'Xóa tệp' })
        .click();
      await poll(() => adminPage.getByText('Đã xóa tệp “Công văn đề nghị.pdf”.').count()).toBe(1);
      const onBehalf = ok(
        await app.gql<{
          auditEvents: { nodes: { action: string; after: { onBehalfReason?: string } | null }[] };
        }>(
          `{ auditEvents(first: 50) { nodes { action after } } }`,
          {},
          { token: admin.token, provinceId: province },
        ),
      ).auditEvents.nodes.filter(
        (e) => e.action.startsWith('attachment.') && e.action.endsWith('_on_behalf'),
      );
      expect(onBehalf.map((e) => [e.action, e.after?.onBehalfReason]).sort()).toEqual([
        ['attachment.delete_on_behalf', 'Đơn vị đề nghị bằng văn bản số 15/VP'],
        ['attachment.upload_on_behalf', 'Đơn vị đề nghị bằng văn bản số 15/VP'],
      ]);

      // The head unit's year page says who is yet to send which sheet, and the lock waits for them.
      await head.goto(`${base}${yearPath}`);
      await poll(() =>
        head
          .getByText(
            `${UNITS[2]} còn thiếu: phiếu chấm chéo của ${UNITS[0]}; phiếu chấm chéo của ${UNITS[1]}`,
          )
          .count(),
      ).toBe(1);
      expect(
        await head.getByText(`${UNITS[0]} còn thiếu: phiếu tự chấm; phiếu chấm chéo của ${UNITS[1]}`).count(),
      ).toBe(1);
      expect(await head.getByRole('button', { name: 'Khóa điểm' }).isDisabled()).toBe(true);
      await screenshot(head, 'year-sheets-missing-1366');

      // The other self sheets by click; an evidence link that is no address is refused beside it first.
      for (const i of [0, 1, 3, 4]) {
        const page = await officerPage(i, `${yearPath}/sheets`);
        await page.getByRole('link', { name: /Tự chấm điểm – chưa nộp/ }).click();
        await page.waitForURL(/\/sheets\/[^/]+\/[^/]+$/);
        if (i === 1) {
          await page.getByText('Minh chứng cho NV2').click();
          await page.getByLabel('Nội dung minh chứng NV2').fill('Kế hoạch cải cách hành chính');
          // An address copied without its scheme gets https:// on leaving the field; words are not an address.
          const link = page.getByLabel('Đường dẫn minh chứng NV2');
          // Kept with the gateway as it will be sent, the scheme added there too.
          const typed = page.waitForResponse(
            (r) => !!r.request().postData()?.includes('SaveScoreSheetDraft'),
          );
          await link.fill('vanban.example.vn/ke-hoach');
          const draftSaved = await typed;
          expect(draftSaved.request().postData()).toContain('https://vanban.example.vn/ke-hoach');
          await link.blur();
          await poll(() => link.inputValue()).toBe('https://vanban.example.vn/ke-hoach');
          await link.fill('Kế hoạch số 12');
          // A file that is not what its name says is refused beside it; a real one is kept, and can be removed.
          // A file is stored as it is chosen: none is left behind, chosen and unsent, when the sheet is sent.
          const evidenceFile = page.getByLabel(/^Thêm tệp minh chứng NV2 /);
          await evidenceFile.setInputFiles({
            name: 'Kế hoạch.pdf',
            mimeType: 'application/pdf',
            buffer: Buffer.from('Kế hoạch cải cách hành chính (văn bản thường)'),
          });
          await poll(() =>
            page.getByText(/^Chỉ nhận tệp PDF, DOCX, XLSX, JPEG, PNG; nội dung tệp “Kế hoạch\.pdf”/).count(),
          ).toBe(1);
          await evidenceFile.setInputFiles(pdf('Kế hoạch cải cách hành chính.pdf'));
          const removeFile = page.getByRole('button', { name: 'Xóa tệp – Kế hoạch cải cách hành chính.pdf' });
          await poll(() => removeFile.count()).toBe(1);
          await screenshot(page, 'year-sheet-evidence-390');
          await removeFile.click();
          const removal = page.getByRole('dialog', { name: 'Xóa tệp đính kèm?' });
          await removal.getByRole('button', { name: 'Xóa tệp' }).click();
          await poll(() => page.getByText('Đã xóa tệp “Kế hoạch cải cách hành chính.pdf”.').count()).toBe(1);
          await poll(() => removeFile.count()).toBe(0);
          await page.getByLabel(/^NV1\. /).fill('31');
          await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
          await poll(() => page.getByText('Đường dẫn phải bắt đầu bằng http:// hoặc https://.').count()).toBe(
            1,
          );
          await poll(() => page.getByText('Điểm từ 0 đến 30.').count()).toBe(1);
          await screenshot(page, 'year-sheet-errors-390');
          await page.getByLabel('Đường dẫn minh chứng NV2').fill('https://vanban.example.vn/ke-hoach');
          // Words where points go are refused as such; the running total counts only points within bounds.
          await page.getByLabel(/^NV2\. /).fill('mười');
          await page.getByLabel('Điểm thưởng đề nghị').fill('15');
          // A sheet refused keeps what was typed with the gateway at once, not only in this browser.
          const kept = page.waitForResponse((r) => !!r.request().postData()?.includes('SaveScoreSheetDraft'));
          await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
          await poll(() => page.getByText('Điểm phải là một số, ví dụ 8 hoặc 8,5.').count()).toBe(1);
          expect(await page.getByText('Tổng điểm tiêu chí: 0/100').count()).toBe(1);
          // A bonus over the table's cap is taken, and the page says how much of it counts.
          expect(
            await page.getByText('Chỉ 10 điểm được tính: bảng tiêu chí tính tối đa 10 điểm thưởng.').count(),
          ).toBe(1);
          expect(
            await page.getByText(/^Tổng điểm của phiếu: 10 \(điểm thưởng được tính 10, điểm trừ 0\)/).count(),
          ).toBe(1);
          expect((await (await kept).json()).data.saveScoreSheetDraft).toBeTruthy();
          await poll(() => page.getByText(/^Đã lưu bản nhập dở lúc \d\d:\d\d \(chưa nộp\)/).count()).toBe(1);
          await screenshot(page, 'year-sheet-saved-390');
          // Said as it is typed: "1e1" is no number, points over the maximum are refused at once, and a valid
          // number clears the message left by the refused send.
          const nv2 = page.getByLabel(/^NV2\. /);
          const notNumber = () => page.getByText('Điểm phải là một số, ví dụ 8 hoặc 8,5.').count();
          await nv2.fill('1e1');
          await poll(notNumber).toBe(1);
          await nv2.fill('12');
          await poll(() => page.getByText('Điểm từ 0 đến 10.').count()).toBe(1);
          // A negative figure is a number below the range: said as the range.
          await nv2.fill('-5');
          await poll(() => page.getByText('Điểm từ 0 đến 10.').count()).toBe(1);
          expect(await notNumber()).toBe(0);
          await nv2.fill('8,5');
          await poll(notNumber).toBe(0);
          expect(await page.getByText('Điểm từ 0 đến 10.').count()).toBe(0);
          await nv2.fill('mười');
          // The same person on another device (a computer) finds what was typed on the phone.
          const computer = await officerPage(i, new URL(page.url()).pathname, 'desktop');
          await computer.getByText(/^Đã khôi phục điểm bạn nhập dở lúc/).waitFor();
          expect(await computer.getByLabel(/^NV1\. /).inputValue()).toBe('31');
          expect(await computer.getByLabel('Điểm thưởng đề nghị').inputValue()).toBe('15');
          // What is typed there after the restore is kept by the gateway too (and found back on the phone).
          await computer.getByLabel(/^NV1\. /).fill('32');
          await computer.getByText(/^Đã lưu bản nhập dở lúc \d\d:\d\d \(chưa nộp\)/).waitFor();
          expect(await computer.getByText(/^Chưa lưu được bản nhập dở/).count()).toBe(0);
          await computer.context().close();
          // Leaving the page loses nothing typed: back on it, the sheet is as it was last left, and says so.
          await page.reload();
          await page.getByText(/^Đã khôi phục điểm bạn nhập dở lúc/).waitFor();
          expect(await page.getByLabel(/^NV1\. /).inputValue()).toBe('32');
          expect(await page.getByLabel('Điểm thưởng đề nghị').inputValue()).toBe('15');
          expect(await page.getByLabel('Nội dung minh chứng NV2').inputValue()).toBe(
            'Kế hoạch cải cách hành chính',
          );
          await screenshot(page, 'year-sheet-draft-390');
          // The list says that the sheet has changes typed and not sent.
          await page.goto(`${base}${yearPath}/sheets`);
          const self = page.getByRole('link', { name: /^Tự chấm điểm – chưa nộp/ });
          await poll(() => self.textContent()).toBe('Tự chấm điểm – chưa nộp · có thay đổi chưa nộp');
          await self.click();
          await page.getByText(/^Đã khôi phục điểm bạn nhập dở lúc/).waitFor();
          await page.getByLabel('Điểm thưởng đề nghị').fill('0');
        }
        await fillSheet(page, i);
        // Head and deputy cross-score every other member (the table's HEAD_AND_DEPUTY).
        if (i <= 1)
          for (const target of [0, 1, 2, 3, 4].filter((t) => t !== i)) {
            await page
              .getByRole('link', { name: new RegExp(`Chấm chéo ${rx(UNITS[target]!)} – chưa nộp`) })
              .click();
            await page.waitForURL(/\/sheets\/[^/]+\/[^/]+$/);
            // Each criterion shows what the member gave itself, and its evidence, to check against.
            if (i === 0 && target === 2) {
              await poll(() => page.locator('.own-score p').first().textContent()).toBe(
                `${UNITS[2]} tự chấm: 27 điểm. Minh chứng: Báo cáo tổng kết năm 2026 của đơn vị Mở minh chứng NV1`,
              );
              // Its evidence file too, which the head unit opens as it was sent.
              const file = page
                .locator('.own-score')
                .first()
                .getByRole('button', { name: 'Báo cáo tổng kết 2026.pdf' });
              const download = page.waitForEvent('download');
              await file.click();
              const saved = await download;
              expect(saved.suggestedFilename()).toBe('Báo cáo tổng kết 2026.pdf');
              expect(
                (await readFile((await saved.path())!)).equals(pdf('Báo cáo tổng kết 2026.pdf').buffer),
              ).toBe(true);
              // And the bonus it claimed, beside the scorer's own (not a claim: no "đề nghị" in its name).
              expect(await page.getByText(`${UNITS[2]} tự đề nghị: 0 điểm thưởng.`).count()).toBe(1);
              expect(await page.getByLabel('Điểm thưởng', { exact: true }).inputValue()).toBe('0');
              await screenshot(page, 'year-cross-sheet-own-390');
            }
            if (i === 0 && target === 1)
              await poll(() =>
                page.getByText(/^.+ chưa nộp phiếu tự chấm: chưa có điểm tự chấm/).count(),
              ).toBe(1);
            await fillSheet(page, target);
          }
        // The head unit reads a member's own sheet as sent, while scoring is still open.
        if (i === 0) {
          await page.goto(`${base}${yearPath}/sheets/${unitIds[2]}/${unitIds[2]}`);
          await poll(() => page.getByText(`Phiếu tự chấm của ${UNITS[2]}`).count()).toBe(1);
          // Its evidence file beside the criterion (its list loads after the sheet).
          await poll(() =>
            page.getByRole('cell').getByRole('button', { name: 'Báo cáo tổng kết 2026.pdf' }).count(),
          ).toBe(1);
          expect(await page.getByRole('button', { name: 'Nộp phiếu chấm' }).count()).toBe(0);
        }
        await page.context().close();
      }

      // Every sheet is in: the head locks the scores and the ranking shows, best first.
      await head.goto(`${base}${yearPath}`);
      await poll(() => head.getByText('Đã đủ điều kiện để chuyển sang bước này.').count()).toBe(1);
      await takeStep(head, 'Khóa điểm', 'Đã khóa điểm');
      const ranking = head.getByRole('region', { name: 'Bảng xếp hạng' }).last();
      await poll(() => ranking.getByRole('rowheader').allTextContents()).toEqual(UNITS);
      // The final score follows the unit (the columns after it may scroll off a phone): the mean of the cross
      // sheets (head and deputy), 100 − the offset given.
      await poll(() => ranking.locator('tbody tr td:nth-of-type(2)').allTextContents()).toEqual([
        '100',
        '99',
        '98',
        '97',
        '96',
      ]);
      // Under it, how the final score is made, in the table's terms (cross-scored by the head and deputy).
      expect(await head.getByRole('region', { name: 'Bảng xếp hạng' }).first().textContent()).toContain(
        'điểm cuối cùng là trung bình của các phiếu chấm chéo của Trưởng khối và Phó khối',
      );
      await expectAccessible(head, 'the year page with the ranking');
      await screenshot(head, 'year-ranking-1366');
      // A member's phone shows the same ranking.
      const member = await officerPage(4, yearPath);
      await poll(() =>
        member.getByRole('region', { name: 'Bảng xếp hạng' }).last().getByRole('rowheader').allTextContents(),
      ).toEqual(UNITS);
      await screenshot(member, 'year-ranking-390');
      // Scores locked: the titles registered are read, no longer registered or withdrawn.
      const registered = await officerPage(2, `${yearPath}/titles`);
      await poll(() => registered.getByText(/Năm thi đua đã qua bước chấm điểm/).count()).toBe(1);
      await poll(() =>
        registered.getByRole('listitem').filter({ hasText: 'Tập thể lao động xuất sắc' }).count(),
      ).toBe(1);
      expect(await registered.getByRole('button', { name: 'Đăng ký', exact: true }).count()).toBe(0);
      expect(await registered.getByRole('button', { name: 'Rút đăng ký' }).count()).toBe(0);
      // …and the sheets sent are read as they were sent, no longer written, a tap away on the year's page.
      await registered.goto(`${base}${yearPath}`);
      await registered.getByRole('link', { name: 'Xem phiếu chấm điểm của đơn vị' }).click();
      await registered.waitForURL(/\/sheets\?unit=/);
      await poll(() =>
        registered.getByText('Điểm đã khóa: các phiếu đã nộp chỉ để xem, không sửa được nữa.').count(),
      ).toBe(1);
      // Below them, how the others cross-scored the unit: the head and the deputy, 98 each; each sheet a tap away.
      const received = registered.getByRole('region', { name: /^Điểm chấm chéo .* nhận được$/ });
      await poll(() => received.getByRole('link', { name: / chấm: 98 điểm tiêu chí$/ }).count()).toBe(2);
      await screenshot(registered, 'year-sheets-received-390');
      await registered.getByRole('link', { name: /^Tự chấm điểm – đã nộp lúc/ }).click();
      await poll(() => registered.getByRole('heading', { name: /^Phiếu tự chấm của / }).count()).toBe(1);
      expect(await registered.getByText('Tổng điểm tiêu chí').count()).toBe(1);
      expect(await registered.getByRole('button', { name: 'Nộp phiếu chấm' }).count()).toBe(0);
      await expectAccessible(registered, 'a score sheet read after the lock');
      await screenshot(registered, 'year-sheet-read-390');
      // The table the sheets were scored against is a member's to read too, from the year's facts.
      await registered.goto(`${base}${yearPath}`);
      await registered.getByRole('link', { name: /\(phiên bản \d+\)$/ }).click();
      await registered.waitForURL(/\/criteria$/);
      await poll(() => registered.getByRole('cell', { name: 'NV1', exact: true }).count()).toBe(1);
      // What the API holds is what the pages showed.
      const read = ok(
        await app.gql<{
          emulationYear: { state: string; members: { score: { final: number; rank: number } }[] };
        }>(
          `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { state members { score { final rank } } } }`,
          { b: blockId },
          { token: admin.token, provinceId: province },
        ),
      ).emulationYear;
      expect(read.state).toBe('SCORES_LOCKED');
      expect(read.members.map((m) => [m.score.rank, m.score.final])).toEqual([
        [1, 100],
        [2, 99],
        [3, 98],
        [4, 97],
        [5, 96],
      ]);
    },
  );
});

describe('a sheet sent from two places', () => {
  it('the second to send is told the sheet was sent meanwhile, keeps what it typed, and replaces it knowingly', async () => {
    // A year of 2027 (its scoring deadline ahead), with its sheets, taken back to scoring.
    const block = await createLockedBlock(app, province, ['Sở Tư pháp', 'Sở Y tế', 'Sở Xây dựng'], admin, {
      year: 2027,
    });
    await ownerQuery(app.db, province, `UPDATE emulation_year SET state = 'SCORING' WHERE id = $1`, [
      block.yearId,
    ]);
    const unit = block.units[2]!.id;
    const officer = block.officers[2]!;
    const page = await (await phone(browser)).newPage();
    last = page;
    await signInAt(page, base, `/blocks/${block.blockId}/years/2027/sheets/${unit}/${unit}`, officer.email);
    await page.getByLabel(/^NV1\. /).waitFor();
    // Meanwhile the same sheet is sent from a computer: version 2.
    const SUBMIT = `mutation($v: SubmitScoreSheetInput!) { submitScoreSheet(input: $v) { version } }`;
    const points = (nv1: number) =>
      CRITERIA.map(([code, max]) => ({ code, points: code === 'NV1' ? nv1 : max }));
    ok(
      await app.gql(
        SUBMIT,
        {
          v: {
            emulationYearId: block.yearId,
            kind: 'SELF',
            scorerUnitId: unit,
            targetUnitId: unit,
            scores: points(25),
            bonus: 0,
            expectedVersion: 1,
          },
        },
        { token: officer.token, provinceId: province },
      ),
    );
    await page.getByLabel(/^NV1\. /).fill('28');
    await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
    const notice = page.getByText(/^Phiếu này vừa được nộp từ nơi khác \(lần 2, lúc /);
    await poll(() => notice.count()).toBe(1);
    expect(await page.getByLabel(/^NV1\. /).inputValue()).toBe('28');
    await screenshot(page, 'sheet-sent-meanwhile-390');
    // Sent again, knowingly: it replaces version 2.
    await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
    await page.waitForURL(/\/sheets\?unit=/);
    const [sheet] = await ownerQuery<{ version: number; nv1: string }>(
      app.db,
      province,
      `SELECT version, content->'scores'->0->>'points' AS nv1 FROM score_sheet
        WHERE emulation_year_id = $1 AND kind = 'SELF' AND scorer_unit_id = $2`,
      [block.yearId, unit],
    );
    expect(sheet).toEqual({ version: 3, nv1: '28' });
    await page.context().close();
  });
});

describe('a block year that is not there', () => {
  it('an unknown block, or a year that is not one, is headed as not found, on its tasks too', async () => {
    const page = await (await desktop(browser)).newPage();
    last = page;
    await signInAt(page, base, '/blocks/00000000-0000-4000-8000-000000000000/years/2026', admin.email);
    const notFound = () => page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang này.' }).count();
    await poll(notFound).toBe(1);
    expect(await page.getByText(/Không tìm thấy khối thi đua hoặc năm thi đua này/).count()).toBe(1);
    expect(
      await page.getByRole('link', { name: 'Về danh sách khối, cụm thi đua' }).getAttribute('href'),
    ).toBe('/blocks');
    expect(await page.title()).toBe('Không tìm thấy trang này. · Thi đua – Khen thưởng');
    await expectAccessible(page, 'a block year not found');
    await screenshot(page, 'year-not-found-1366');
    await page.goto(`${base}/blocks/not-a-block/years/twenty`);
    await poll(notFound).toBe(1);
    // A task's page of such a year too (TaskPage), not the task's title over a general error.
    await page.goto(`${base}/blocks/00000000-0000-4000-8000-000000000000/years/2026/sign`);
    await poll(notFound).toBe(1);
    // An unknown unit's award history: a title without a dangling dash, and no retry that would find nothing.
    await page.goto(`${base}/units/00000000-0000-4000-8000-000000000000/awards`);
    await poll(() => page.getByText('Không tìm thấy dữ liệu được yêu cầu.').count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lịch sử khen thưởng');
    expect(await page.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
    expect(await page.getByRole('alert').getByRole('link', { name: 'Trang chủ' }).count()).toBe(1);
    await page.context().close();
  });
});

const rx = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
