import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { personRepository, runInTenant } from '@thidua/db';
import {
  createAccount,
  createUnits,
  ok,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';
import {
  desktop,
  expectAccessible,
  expectTouchTargets,
  launch,
  origin,
  phone,
  screenshot,
  signInAt,
} from './browser';

/** Pages load lazily and the API answers on a shared machine: wait for what a person would see. */
const WAIT = { timeout: 20_000 };
const NAME = 'Nguyễn Thị Hồng Nhung';
/** The years the test records, the two before this one in Vietnam: the streak reads them as consecutive. */
const YEAR = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 4),
);

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;
let person: string;
let theirs: { id: string; fullName: string };

const as = <T>(q: string, v: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: admin.token, provinceId: province });

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startTestApp({ template: inject('templateDatabase'), config: { RATE_LIMIT_PER_MINUTE: '100000' } }),
    launch(),
  ]);
  base = origin(app.gateway.url);
  const other = await provinceId(app.dataSource, '56');
  province = await provinceId(app.dataSource, '15');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  const [office, press] = await createUnits(app.dataSource, province, ['Văn phòng Tỉnh ủy', 'Báo Lào Cai']);
  const create = `mutation($v: CreatePersonInput!) { createPerson(input: $v) { id } }`;
  person = ok(
    await as<{ createPerson: { id: string } }>(create, {
      v: { unitId: office!.id, fullName: NAME, gender: 'FEMALE', position: 'Chuyên viên' },
    }),
  ).createPerson.id;
  ok(
    await as(create, {
      v: { unitId: press!.id, fullName: 'Nguyễn Văn Hùng', gender: 'MALE', position: 'Phóng viên' },
    }),
  );
  ok(
    await as(`mutation($i: [AchievementInput!]!) { recordAchievements(input: $i) { id } }`, {
      i: [YEAR - 2, YEAR - 1].map((year) => ({
        subjectKind: 'PERSON',
        subjectId: person,
        title: 'CSTD_BASE',
        year,
        decisionRef: `Quyết định số ${year - 2000}/QĐ-UBND ngày 15/01/${year + 1}`,
      })),
    }),
  );
  // Khánh Hòa's person, with a name the search would find if the list crossed provinces.
  const [theirUnit] = await createUnits(app.dataSource, other, ['Văn phòng Tỉnh ủy Khánh Hòa']);
  theirs = await runInTenant(app.dataSource, other, () =>
    personRepository.create({
      unitId: theirUnit!.id,
      fullName: 'Nguyễn Thị Hồng Nhung Khánh Hòa',
      gender: 'FEMALE',
      position: null,
    }),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const rowOf = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).count();

describe('persons', () => {
  it(
    'the secretariat finds a person by name, opens them, corrects the position, and reads their record',
    { timeout: 300_000 },
    async () => {
      const context = await desktop(browser);
      const page = await context.newPage();
      await signInAt(page, base, '/admin', admin.email);
      await page.getByRole('link', { name: 'Danh sách cá nhân' }).click();
      await page.waitForURL(`${base}/persons`);
      await expect.poll(() => page.getByText(/tổng 2 mục/).count(), WAIT).toBe(1);

      // Searched by the API, without diacritics; another province's namesake is not in the list.
      await page.getByLabel('Tìm theo họ tên (có hoặc không dấu)').fill('hong nhung');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await expect.poll(() => page.getByText(/tổng 1 mục/).count(), WAIT).toBe(1);
      expect(await page.getByRole('link', { name: NAME, exact: true }).count()).toBe(1);
      expect(await page.getByText(theirs.fullName).count()).toBe(0);
      expect(await rowOf(page, NAME).textContent()).toContain('Văn phòng Tỉnh ủy');

      // A search that finds nobody says so as "no match", not as an empty province.
      await page.getByLabel('Tìm theo họ tên (có hoặc không dấu)').fill('không có ai tên này');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await expect.poll(() => page.getByText('Không có cá nhân nào khớp bộ lọc.').count(), WAIT).toBe(1);
      expect(await page.getByText(/Tỉnh chưa có cá nhân nào/).count()).toBe(0);

      // And by unit, found by its name in the unit box.
      await page.getByLabel('Tìm theo họ tên (có hoặc không dấu)').fill('');
      await page.getByLabel('Tìm đơn vị (có hoặc không dấu)').fill('bao lao cai');
      const unitChoice = page.getByLabel('Đơn vị công tác');
      await expect.poll(() => unitChoice.locator('option', { hasText: 'Báo Lào Cai' }).count(), WAIT).toBe(1);
      await unitChoice.selectOption({ label: 'Báo Lào Cai' });
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      // Awaited on what the unit filter brings: the search before it already showed nobody.
      await expect.poll(() => page.getByRole('link', { name: 'Nguyễn Văn Hùng' }).count(), WAIT).toBe(1);
      expect(await page.getByRole('link', { name: NAME }).count()).toBe(0);
      await screenshot(page, 'persons-1366');
      await expectAccessible(page, 'the persons page');

      await page.getByLabel('Đơn vị công tác').selectOption({ label: 'Tất cả đơn vị' });
      await page.getByLabel('Tìm theo họ tên (có hoặc không dấu)').fill('Nhung');
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.getByRole('link', { name: NAME, exact: true }).click();
      await page.waitForURL(`${base}/persons/${person}`);
      await expect.poll(() => heading(page, NAME), WAIT).toBe(1);

      // The achievements on record, the streak they make, and the way to the award history.
      await expect.poll(() => rowOf(page, `Quyết định số ${YEAR - 2001}/QĐ-UBND`).count(), WAIT).toBe(1);
      expect(await rowOf(page, `Quyết định số ${YEAR - 2001}/QĐ-UBND`).textContent()).toContain(
        'Chiến sĩ thi đua cơ sở',
      );
      await expect.poll(() => page.getByText('Chưa đủ: 2/3 năm').count(), WAIT).toBe(1);
      expect(await page.getByText(`Các năm đã tính: ${YEAR - 2}, ${YEAR - 1}.`).count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Lịch sử khen thưởng' }).getAttribute('href')).toBe(
        `/persons/${person}/awards`,
      );

      // A name left empty is refused beside its field; a name the API refuses is shown there too.
      const fullName = page.getByLabel('Họ và tên', { exact: true });
      await fullName.fill('');
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      await expect.poll(() => page.getByText('Nhập họ và tên (2 đến 200 ký tự).').count(), WAIT).toBe(1);
      await fullName.fill('Nguyễn Thị Hồng\u00ad Nhung');
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      await expect.poll(() => page.getByText('Họ và tên không hợp lệ.').count(), WAIT).toBe(1);
      expect(await fullName.getAttribute('aria-invalid')).toBe('true');

      await fullName.fill(NAME);
      await page.getByLabel('Chức vụ', { exact: true }).fill('Phó Chánh Văn phòng');
      // She heads her unit (the women tie-break, R6, reads it).
      await page.getByRole('checkbox', { name: 'Là thủ trưởng (người đứng đầu) đơn vị' }).check();
      await page.getByRole('button', { name: 'Lưu thông tin' }).click();
      await expect.poll(() => page.getByText(`Đã lưu thông tin của ${NAME}.`).count(), WAIT).toBe(1);
      await page.reload();
      await expect
        .poll(() => page.getByText('Phó Chánh Văn phòng – Văn phòng Tỉnh ủy').count(), WAIT)
        .toBe(1);
      expect(await page.getByLabel('Chức vụ', { exact: true }).inputValue()).toBe('Phó Chánh Văn phòng');
      const saved = ok(
        await as<{ person: { position: string; fullName: string; headsUnit: boolean } }>(
          `query($id: ID!) { person(id: $id) { fullName position headsUnit } }`,
          { id: person },
        ),
      ).person;
      expect(saved).toEqual({ fullName: NAME, position: 'Phó Chánh Văn phòng', headsUnit: true });
      const heads = page.locator('.facts div').filter({ hasText: 'Thủ trưởng đơn vị' });
      await expect.poll(() => heads.locator('dd').textContent(), WAIT).toBe('Có');
      await expect.poll(() => page.getByText('Chưa đủ: 2/3 năm').count(), WAIT).toBe(1);
      await screenshot(page, 'person-1366');
      await expectAccessible(page, 'the person page');

      await page.getByRole('link', { name: 'Lịch sử khen thưởng' }).click();
      await page.waitForURL(`${base}/persons/${person}/awards`);
      // Named, with the awards recorded from decisions outside the platform beside those issued on it, and a way back.
      await expect.poll(() => heading(page, `Lịch sử khen thưởng – ${NAME}`), WAIT).toBe(1);
      expect(await page.getByText('Chưa có quyết định khen thưởng nào trên hệ thống.').count()).toBe(1);
      await expect.poll(() => rowOf(page, `Quyết định số ${YEAR - 2001}/QĐ-UBND`).count(), WAIT).toBe(1);
      expect(await rowOf(page, `Quyết định số ${YEAR - 2001}/QĐ-UBND`).textContent()).toContain(
        'Chiến sĩ thi đua cơ sở',
      );
      await screenshot(page, 'person-awards-1366');
      await page.getByRole('link', { name: '← Về trang cá nhân' }).click();
      await page.waitForURL(`${base}/persons/${person}`);

      // Another province's person, by an address typed by hand.
      await page.goto(`${base}/persons/${theirs.id}`);
      await expect
        .poll(() => page.getByText('Không tìm thấy cá nhân này trong tỉnh đang làm việc.').count(), WAIT)
        .toBe(1);
      expect(await page.getByText(theirs.fullName).count()).toBe(0);
      await context.close();
    },
  );

  it('a province with nobody on record says so and where people are added, not "no match"; its units and log too', async () => {
    // Hà Nội: this test's database has no person there.
    const empty = await createAccount(app, 'PROVINCE_ADMIN', {
      provinceId: await provinceId(app.dataSource, '01'),
    });
    const context = await desktop(browser);
    const page = await context.newPage();
    await signInAt(page, base, '/persons', empty.email);
    await expect
      .poll(() => page.getByText(/^Thành phố chưa có cá nhân nào trong danh sách\./).count(), WAIT)
      .toBe(1);
    expect(await page.getByText('Không có cá nhân nào khớp bộ lọc.').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Mở danh sách đơn vị' }).getAttribute('href')).toBe('/units');
    // The page's own link and the empty list's both open the import with people chosen.
    const imports = page.getByRole('link', { name: 'Nhập từ bảng tính' });
    expect(await imports.evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '/import?kind=persons',
      '/import?kind=persons',
    ]);
    await screenshot(page, 'persons-empty-1366');
    await expectAccessible(page, 'the persons page with nobody yet');
    // Its units and its audit log, empty too, say so rather than "no match" to a filter nobody set.
    await page.goto(`${base}/units`);
    await expect.poll(() => page.getByText(/^Thành phố chưa có đơn vị nào\./).count(), WAIT).toBe(1);
    await page.getByLabel('Tìm theo tên (có hoặc không dấu)').fill('sở');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect.poll(() => page.getByText('Không có đơn vị nào khớp bộ lọc.').count(), WAIT).toBe(1);
    await page.goto(`${base}/audit`);
    await expect.poll(() => page.getByText(/^Nhật ký chưa có sự kiện nào/).count(), WAIT).toBe(1);
    await context.close();
  });

  it('the list and a person read on a phone', { timeout: 180_000 }, async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await signInAt(page, base, '/persons', admin.email);
    await expect.poll(() => page.getByRole('link', { name: NAME, exact: true }).count(), WAIT).toBe(1);
    await screenshot(page, 'persons-390');
    await expectTouchTargets(
      page.getByRole('link', { name: NAME, exact: true }),
      'a person’s name in the list',
    );
    await expectAccessible(page, 'the persons page on a phone');
    await page.getByRole('link', { name: NAME, exact: true }).click();
    await expect.poll(() => heading(page, NAME), WAIT).toBe(1);
    await expect.poll(() => page.getByText('Chưa đủ: 2/3 năm').count(), WAIT).toBe(1);
    await screenshot(page, 'person-390');
    await expectAccessible(page, 'the person page on a phone');
    await context.close();
  });
});
