import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import { NOTIFICATION_EVENT_NAMES } from '@thidua/domain';
import {
  createAccount,
  createFinishedBlock,
  createUnits,
  ok,
  provinceId,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';
import { noticeContent } from '../../worker/src/jobs/notification-content';
import {
  desktop,
  expectAccessible,
  expectNoSidewaysScroll,
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
  'Sở Y tế',
  'Sở Xây dựng',
  'Sở Công Thương',
  'Sở Nông nghiệp và Môi trường',
];

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;
let viewer: Account;
let block: LockedBlock;
let periodId: string;

const as = <T>(who: Account, q: string, v?: Record<string, unknown>, p: string | undefined = province) =>
  app.gql<T>(q, v, { token: who.token, provinceId: p });

interface Notice {
  event: string;
  link: string;
  subjectId: string;
}
const inbox = async (who: Account) =>
  ok(
    await as<{ notifications: { nodes: Notice[] } }>(
      who,
      `{ notifications(first: 100) { nodes { event link subjectId } } }`,
    ),
  ).notifications.nodes;

/**
 * One province's year from the vote to the closing, through the API and the worker, so that every kind of
 * notification exists and the dashboards have figures: the block votes and publishes, the secretariat
 * appraises, a decision is issued, the year closes.
 */
beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true, queue: 'redis' }));
  province = await provinceId(app.dataSource, '31');
  [admin, viewer] = await Promise.all([
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: province }),
    createAccount(app, 'NATIONAL_VIEWER'),
  ]);
  block = await createFinishedBlock(app, province, NAMES, admin);
  periodId = ok(
    await as<{ votingPeriods: { id: string }[] }>(
      admin,
      `query($y: ID!) { votingPeriods(emulationYearId: $y) { id } }`,
      {
        y: block.yearId,
      },
    ),
  ).votingPeriods[0]!.id;

  const noms = ok(
    await as<{ nominations: { id: string; unitId: string; form: string; status: string }[] }>(
      admin,
      `query($y: ID!) { nominations(emulationYearId: $y) { id unitId form status } }`,
      { y: block.yearId },
    ),
  ).nominations;
  const appraise = (id: string, to: string) =>
    as(admin, `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`, {
      v: { id, to },
    }).then(ok);
  const flag = noms.find((n) => n.form === 'FLAG_PROVINCE')!;
  await appraise(flag.id, 'IN_APPRAISAL');
  await appraise(flag.id, 'COUNCIL_REVIEW');
  // The council's vote is exercised elsewhere: the nomination is approved on record, then decided.
  await runInTenant(app.dataSource, province, async () =>
    (await currentManager()).query(`UPDATE nomination SET status = 'COUNCIL_APPROVED' WHERE id = $1`, [
      flag.id,
    ]),
  );
  ok(
    await as(admin, `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { id } }`, {
      v: {
        issuerName: 'UBND thành phố Hải Phòng',
        decisionDate: '2027-01-15',
        signerName: 'Nguyễn Văn Tùng',
        nominationIds: [flag.id],
      },
    }),
  );
  ok(await as(admin, `mutation { startYearEndClosing(year: 2026) { state } }`));
  await vi.waitFor(
    async () => {
      const c = ok(
        await as<{ yearEndClosing: { state: string } | null }>(
          admin,
          `query($p: ID!) { yearEndClosing(provinceId: $p, year: 2026) { state } }`,
          { p: province },
        ),
      ).yearEndClosing;
      expect(c?.state).toBe('DONE');
    },
    { timeout: 60_000, interval: 250 },
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A page of the application that opened: a heading, no "not found", no error alert. */
async function expectPageOpened(page: Page, link: string) {
  await page.waitForURL((u) => u.pathname === link);
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 }).not.toMatch(/^$/);
  await expect.poll(() => page.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
  expect(await page.locator('h1').first().textContent()).not.toContain('Không tìm thấy trang');
  expect(await page.getByRole('alert').count()).toBe(0);
}

const slug = (link: string) => link.split('/').filter(Boolean)[0];

describe('notification links', () => {
  it(
    'every template renders a link, and every link a person received opens its page',
    { timeout: 180_000 },
    async () => {
      // Every event's content, rendered for real subjects (the reminder is only scheduled, so it is rendered here).
      const received = [
        ...(await vi.waitFor(
          async () => {
            const all = [
              ...(await inbox(block.officers[3]!)),
              ...(await inbox(block.officers[0]!)),
              ...(await inbox(admin)),
            ];
            const events = new Set(all.map((n) => n.event));
            for (const e of [
              'VOTING_OPENED',
              'VOTING_CLOSED',
              'VOTING_PUBLISHED',
              'NOMINATION_STATUS_CHANGED',
              'DECISION_ISSUED',
              'YEAR_DOSSIER_SUBMITTED',
              'YEAR_CLOSED',
              'YEAR_END_FINISHED',
            ])
              expect(events).toContain(e);
            return all;
          },
          { timeout: 30_000, interval: 250 },
        )),
      ];
      // Events not received here (the block's year was seeded past signing and scoring): the year, or the vote.
      const subjectOf = (event: string) =>
        received.find((n) => n.event === event.toUpperCase().replace('.', '_'))?.subjectId ??
        (event.startsWith('year.') ? block.yearId : periodId);
      const rendered = new Map<string, string>();
      for (const event of NOTIFICATION_EVENT_NAMES) {
        const content = await runInTenant(app.dataSource, province, () =>
          noticeContent({ provinceId: province, event, subjectId: subjectOf(event), occurrence: '2026' }),
        );
        // Said of an open council session only (council.test.ts renders it), and of an act entered for a unit
        // (named by its audit entry; emulation-year.test.ts and conference.test.ts render it): here, nothing.
        if (event === 'council.all_voted' || event === 'on_behalf.entered') {
          expect(content, event).toBeNull();
          continue;
        }
        expect(content, event).not.toBeNull();
        rendered.set(event, content!.link);
      }
      expect(new Set([...rendered.values()].map(slug))).toEqual(
        new Set(['voting-periods', 'nominations', 'award-decisions', 'blocks', 'year-end']),
      );
      // A member asked to sign or to score is led to the task, not to the year's page above it.
      expect(rendered.get('year.signing_opened')).toBe(`/blocks/${block.blockId}/years/2026/sign`);
      expect(rendered.get('year.scoring_opened')).toBe(`/blocks/${block.blockId}/years/2026/sheets`);
      // Results published lead to the results themselves.
      expect(rendered.get('voting.published')).toBe(
        `/voting-periods/${subjectOf('voting.published')}/results`,
      );

      // The head unit's officer opens each of their notifications from the inbox.
      const page = await pageAt(browser, base, '/notifications', block.officers[0]!.email);
      await expect.poll(() => page.getByRole('link', { name: /Xem chi tiết/ }).count()).toBeGreaterThan(3);
      await screenshot(page, 'inbox-1366');
      // Each notice is marked with the language it was written in (its reader's then).
      const bodies = await page.locator('ul.list > li > p').count();
      expect(bodies).toBeGreaterThan(3);
      expect(await page.locator('ul.list > li > p[lang="vi"]').count()).toBe(bodies);
      await expectAccessible(page, 'the inbox');
      // Read in English, those notices stay Vietnamese, and the page says why.
      expect(await page.getByText(/^Mỗi thông báo giữ ngôn ngữ lúc gửi/).count()).toBe(0);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText(/^Each notice keeps the language it was sent in/).waitFor();
      await page.getByRole('button', { name: 'Tiếng Việt' }).click();
      await page.getByRole('button', { name: 'English' }).waitFor();
      const officerLinks = [...new Set((await inbox(block.officers[0]!)).map((n) => n.link))];
      for (const link of officerLinks) {
        await page.goto(`${base}/notifications`);
        await page.locator(`a[href="${link}"]`).first().click();
        await expectPageOpened(page, link);
      }

      // The secretariat follows every rendered link (the reminder's included), on a desktop and a phone.
      const adminContext = await desktop(browser);
      const adminPage = await adminContext.newPage();
      await signInAt(adminPage, base, '/', admin.email);
      const phonePage = await (await phone(browser)).newPage();
      await signInAt(phonePage, base, '/', admin.email);
      for (const [event, link] of rendered) {
        for (const [p, size] of [
          [adminPage, 1366],
          [phonePage, 390],
        ] as const) {
          await p.goto(`${base}${link}`);
          await expectPageOpened(p, link);
          await screenshot(p, `link-${event.replace('.', '-')}-${size}`);
          await expectAccessible(p, `${link} (${event})`);
        }
      }
      await page.context().close();
      await adminContext.close();
      await phonePage.context().close();
    },
  );
});

describe('dashboards', () => {
  it(
    'a national viewer downloads the comparison as CSV and XLSX, and the files read back with the same figures',
    { timeout: 120_000 },
    async () => {
      const table = ok(
        await as<{
          provinceComparison: {
            metrics: string[];
            rows: { code: string; name: string; kind: string; values: (number | null)[] }[];
          };
        }>(
          viewer,
          `{ provinceComparison(year: 2026) { metrics rows { code name kind values } } }`,
          {},
          undefined,
        ),
      ).provinceComparison;
      const row = table.rows.find((r) => r.name)!;
      expect(row).toBeDefined();
      // A city is shown as one on the pages (the bare "Hồ Chí Minh" is the man's); the files keep the stored name,
      // by which the table is also sorted.
      const shownName = row.kind === 'CITY' ? `TP. ${row.name}` : row.name;
      // The pages and their files leave out how long the platform's closing job ran: the operators' figure.
      const operators = table.metrics.indexOf('CLOSING_SECONDS');
      expect(operators).toBeGreaterThanOrEqual(0);
      const shownValues = row.values.filter((_, i) => i !== operators);
      const shownMetrics = table.metrics.filter((_, i) => i !== operators);

      // The ministry's viewer, signing in, starts on the dashboards: it has no province and no tasks.
      const page = await pageAt(browser, base, '/', viewer.email);
      await page.waitForURL((u) => u.pathname === '/dashboards');
      await expect
        .poll(() => page.getByRole('rowheader', { name: shownName, exact: true }).count(), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);
      // Home is the dashboards: the menu offers them once, not as "Trang chủ" and "Số liệu" both.
      const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
      expect(await menu.getByRole('link', { name: 'Số liệu' }).count()).toBe(1);
      expect(await menu.getByRole('link', { name: 'Trang chủ' }).count()).toBe(0);
      await page.locator('figure svg').first().waitFor();
      // The charted figure is the first column after the name; the province's code comes last.
      const headers = await page.getByRole('columnheader').allTextContents();
      expect(headers[1]).toMatch(/^Tỷ lệ bỏ phiếu \(%\)/);
      expect(headers.at(-1)).toMatch(/^Mã tỉnh/);
      await screenshot(page, 'dashboard-comparison-1366');
      // Fifteen columns scroll sideways; the province's name stays in view while its figures move past.
      const compared = page.getByRole('region', { name: /^So sánh các tỉnh, thành phố, năm / });
      await compared.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      const nameCell = page.getByRole('rowheader', { name: shownName, exact: true }).first();
      await expect
        .poll(async () => (await nameCell.boundingBox())!.x - (await compared.boundingBox())!.x)
        .toBeLessThan(2);
      expect(await compared.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      await screenshot(page, 'dashboard-comparison-scrolled-1366');
      await expectAccessible(page, 'the comparison');

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tải CSV' }).click(),
      ]);
      const csvText = readFileSync((await csv.path())!, 'utf8');
      expect(csvText.charCodeAt(0)).toBe(0xfeff);
      // Read as a spreadsheet reads it: a heading with a comma ("Số khối, cụm") is quoted.
      const lines: string[][] = parse(csvText.slice(1), { record_delimiter: '\r\n' });
      expect(lines[0]!.slice(0, 3)).toEqual(['Mã tỉnh/thành', 'Tên', 'Số khối, cụm']);
      expect(lines[0]!.some((h) => h.startsWith('Thời gian hệ thống'))).toBe(false);
      const csvRow = lines.find((l) => l[1] === row.name)!;
      expect(csvRow.slice(2).map((v) => (v === '' ? null : Number(v)))).toEqual(shownValues);

      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tải Excel (XLSX)' }).click(),
      ]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile((await xlsx.path())!);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(2).value).toBe('Tên');
      let found: (number | null)[] | null = null;
      sheet.eachRow((r) => {
        if (r.getCell(2).value === row.name)
          found = shownMetrics.map((_, i) => {
            const v = r.getCell(3 + i).value;
            return v === null || v === undefined ? null : Number(v);
          });
      });
      expect(found).toEqual(shownValues);

      // The ministry's viewer, who works in no province, ranks a province's blocks by picking the province.
      await page.goto(`${base}/dashboards/ranking`);
      const picker = page.getByLabel('Tỉnh/thành');
      await picker.waitFor({ timeout: 15_000 });
      // It opens on a province with figures (the first compared in the latest year), not on an empty one, and
      // offers the former provinces too: their years before the 2025 mergers are theirs.
      await expect
        .poll(() => page.getByRole('cell', { name: /Khối thi đua/ }).count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      expect(
        await picker.locator('optgroup[label="Tỉnh, thành phố trước sáp nhập"] option').count(),
      ).toBeGreaterThan(0);
      expect(await picker.locator('option', { hasText: 'Lào Cai (tỉnh cũ, đến 30/06/2025)' }).count()).toBe(
        1,
      );
      await picker.selectOption({ label: 'TP. Hải Phòng' });
      await expect
        .poll(() => page.getByRole('cell', { name: new RegExp('Khối thi đua') }).count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await screenshot(page, 'dashboard-ranking-viewer-1366');
      await expectAccessible(page, 'the block ranking for a ministry viewer');

      // A province whose latest figures are older than this year (a year recorded from its documents, which writes
      // its rollups at once): its ranking opens on that year and says why, not on an empty year.
      const ngheAn = await provinceId(app.dataSource, '40');
      const units = await createUnits(app.dataSource, ngheAn, NAMES.slice(0, 3));
      const platformAdmin = await createAccount(app, 'PLATFORM_ADMIN');
      const pastBlock = 'Khối thi đua các sở, ngành Nghệ An';
      ok(
        await as(
          platformAdmin,
          `mutation($i: RecordPastYearInput!) { recordPastYear(input: $i) { id } }`,
          {
            i: {
              newBlock: { name: pastBlock, kind: 'BLOCK' },
              year: 2024,
              memberUnitIds: units.map((u) => u.id),
              headUnitId: units[0]!.id,
              deputyUnitId: units[1]!.id,
              conference: { heldOn: '2025-01-10', place: 'Hội trường UBND tỉnh Nghệ An' },
              contests: [
                { kind: 'FLAG', electedUnitIds: [units[0]!.id] },
                { kind: 'NEXT_HEAD', electedUnitIds: [units[1]!.id] },
              ],
              sourceReference: 'Biên bản hội nghị tổng kết ngày 10/01/2025 (giả định cho kiểm thử)',
            },
          },
          ngheAn,
        ),
      );
      const thisYear = new Intl.DateTimeFormat('en', {
        year: 'numeric',
        timeZone: 'Asia/Ho_Chi_Minh',
      }).format(new Date());
      await picker.selectOption({ label: 'Nghệ An' });
      await expect
        .poll(() => page.getByRole('cell', { name: pastBlock }).count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      // Every metric is a column, its heading wrapped to a few words a line: the ranking fits the screen.
      const region = page.getByRole('region', { name: /^Xếp hạng khối, cụm, năm 2024/ });
      expect(await region.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      expect(await page.getByText(/^Bảng rộng hơn màn hình: cuộn ngang/).count()).toBe(0);
      expect(await page.getByLabel('Năm', { exact: true }).inputValue()).toBe('2024');
      const note = await page.getByRole('status').filter({ hasText: 'đang hiển thị năm' }).textContent();
      expect(note).toContain(`Năm ${thisYear} chưa có số liệu`);
      expect(note).toContain('đang hiển thị năm 2024, năm gần nhất có số liệu.');
      // The year list says which years have no figures before anyone picks one.
      const years = page.getByLabel('Năm', { exact: true });
      await expect
        .poll(() => years.locator('option', { hasText: `${thisYear} (chưa có số liệu)` }).count())
        .toBe(1);
      expect(await years.locator('option', { hasText: /^2024$/ }).count()).toBe(1);
      // A former province without figures opens on the last year it ran (it left 2025 to its successor).
      await picker.selectOption({ label: 'An Giang (tỉnh cũ, đến 30/06/2025)' });
      await expect.poll(() => page.getByLabel('Năm', { exact: true }).inputValue()).toBe('2024');
      // Back to a province with this year's figures: this year again, without the note.
      await picker.selectOption({ label: 'TP. Hải Phòng' });
      await expect.poll(() => page.getByLabel('Năm', { exact: true }).inputValue()).toBe(thisYear);
      expect(await page.getByRole('status').filter({ hasText: 'đang hiển thị năm' }).count()).toBe(0);
      // A block's own dossier is on time or not: a yes or a no, not a count of blocks. Read once Hải Phòng's
      // ranking has replaced the last one (the year is set before its rows arrive).
      await expect
        .poll(
          async () =>
            (await page.getByRole('cell', { name: /Khối thi đua/ }).count()) > 0 &&
            (await page.getByRole('cell', { name: pastBlock }).count()) === 0 &&
            (await page.getByRole('columnheader', { name: /^Nộp hồ sơ đúng hạn/ }).count()) === 1,
          { timeout: 15_000 },
        )
        .toBe(true);
      const rankingHeaders = await page.getByRole('columnheader').allTextContents();
      const onTime = rankingHeaders.findIndex((h) => h.startsWith('Nộp hồ sơ đúng hạn'));
      expect(rankingHeaders[onTime]).not.toContain('số khối');
      const cells = await page
        .getByRole('row')
        .locator(`:nth-child(${onTime + 1})`)
        .allTextContents();
      expect(cells.slice(1).length).toBeGreaterThan(0);
      for (const cell of cells.slice(1)) expect(['Có', 'Không', '–']).toContain(cell.trim());
      // Charted, its text alternative says which blocks said yes and which no, not a highest 1 and a lowest 0.
      await page.getByLabel('Chỉ tiêu trên biểu đồ').selectOption('DOSSIERS_ON_TIME');
      // Read once drawn: the chart library must not put its own description in its place.
      await page.locator('.chart svg').first().waitFor();
      await expect
        .poll(() => page.locator('.chart').first().getAttribute('aria-label'))
        .toMatch(/^Biểu đồ Nộp hồ sơ đúng hạn: Có: \d+ khối, cụm \(.+\); Không: \d+ khối, cụm \(.+\)$/);

      // On a phone, the chooser showing a former province's long name stays within the screen: neither the
      // ranking nor the trend scrolls sideways.
      const phonePage = await pageAt(browser, base, '/dashboards/ranking', viewer.email, 'phone');
      for (const path of ['/dashboards/ranking', '/dashboards/trend']) {
        if (path !== '/dashboards/ranking') await phonePage.goto(`${base}${path}`);
        const phonePicker = phonePage.getByLabel('Tỉnh/thành');
        await phonePicker.waitFor({ timeout: 15_000 });
        // With figures: the charted figure is the table's first, beside the name, read without scrolling.
        await phonePage.locator('figure svg').first().waitFor({ timeout: 15_000 });
        expect((await phonePage.getByRole('columnheader').allTextContents())[2]).toMatch(
          path.endsWith('ranking') ? /^Điểm bình quân/ : /^Tỷ lệ bỏ phiếu \(%\)/,
        );
        await screenshot(phonePage, `dashboard-${path.split('/')[2]}-390`);
        // Each column's sort button is a full touch target.
        for (const sort of await phonePage.locator('.sort-button').all())
          expect((await sort.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        // The ministry receives each province's statutory forms: from the trend, for the province chosen.
        if (path.endsWith('trend')) {
          const forms = phonePage.getByRole('button', {
            name: /^Tải biểu thống kê 0601–0605 năm \d{4} của /,
          });
          const [download] = await Promise.all([phonePage.waitForEvent('download'), forms.click()]);
          expect(download.suggestedFilename()).toMatch(
            /^Thống kê TĐKT Hải Phòng \d{4} \(biểu 0601-0605\)\.xlsx$/,
          );
        }
        await phonePicker.selectOption({ label: 'Lào Cai (tỉnh cũ, đến 30/06/2025)' });
        await expect.poll(() => phonePage.locator('.loading').count(), { timeout: 15_000 }).toBe(0);
        await expectNoSidewaysScroll(phonePage, `${path} with a former province chosen`);
        await screenshot(phonePage, `dashboard-${path.split('/')[2]}-former-390`);
      }
      await phonePage.context().close();

      // The trend and the ranking, for the province's secretariat.
      const adminContext = await desktop(browser);
      const adminPage = await adminContext.newPage();
      await signInAt(adminPage, base, '/dashboards/ranking', admin.email);
      await expect
        .poll(() => adminPage.getByRole('cell', { name: new RegExp('Khối thi đua') }).count(), {
          timeout: 15_000,
        })
        .toBeGreaterThan(0);
      await adminPage.locator('figure svg').first().waitFor();
      await screenshot(adminPage, 'dashboard-ranking-1366');
      await expectAccessible(adminPage, 'the block ranking');
      // A year before the merger is the former provinces': the page says whose, and ranks one when it is chosen.
      const haiDuong = await provinceId(app.dataSource, '30', { former: true });
      await runInTenant(app.dataSource, haiDuong, async () => {
        const db = await currentManager();
        const [formerBlock] = (await db.query(
          `INSERT INTO block (province_id, kind, name, name_search)
           VALUES ($1, 'BLOCK', 'Khối các sở, ban, ngành', 'khoi cac so, ban, nganh') RETURNING id`,
          [haiDuong],
        )) as { id: string }[];
        await db.query(
          `INSERT INTO block_year_rollup (province_id, year, block_id, block_name, closing_status, dossier_on_time,
             member_units, eligible_votes, ballots_cast, rounds, flag_proposals, merit_proposals,
             council_approvals, decided_awards, mean_final_score)
           VALUES ($1, 2024, $2, 'Khối các sở, ban, ngành', 'CLOSED', true, 12, 12, 12, 1, 1, 4, 1, 5, 95.25)`,
          [haiDuong, formerBlock!.id],
        );
      });
      await adminPage.getByLabel('Năm', { exact: true }).selectOption('2024');
      // The figure charted is the person's choice, kept when the province changes below.
      await adminPage.getByLabel('Chỉ tiêu trên biểu đồ').selectOption('MEMBER_UNITS');
      await expect
        .poll(
          () =>
            adminPage
              .getByText(/^Các khối, cụm năm 2024 thuộc .*Hải Dương \(tỉnh cũ, đến 30\/06\/2025\)/)
              .count(),
          {
            timeout: 15_000,
          },
        )
        .toBe(1);
      await adminPage
        .getByLabel('Tỉnh/thành', { exact: true })
        .selectOption({ label: 'Hải Dương (tỉnh cũ, đến 30/06/2025)' });
      await expect
        .poll(() => adminPage.getByRole('cell', { name: 'Khối các sở, ban, ngành' }).count(), {
          timeout: 15_000,
        })
        .toBe(1);
      expect(await adminPage.getByText(/^Các khối, cụm năm 2024 thuộc/).count()).toBe(0);
      expect(await adminPage.getByLabel('Chỉ tiêu trên biểu đồ').inputValue()).toBe('MEMBER_UNITS');
      expect(await adminPage.getByLabel('Năm', { exact: true }).inputValue()).toBe('2024');
      expect(
        await adminPage
          .getByRole('table', { name: 'Xếp hạng khối, cụm – Hải Dương (tỉnh cũ, đến 30/06/2025), năm 2024' })
          .count(),
      ).toBe(1);
      await screenshot(adminPage, 'dashboard-ranking-former-1366');
      await adminPage.goto(`${base}/dashboards/trend`);
      await adminPage.locator('figure svg').first().waitFor({ timeout: 15_000 });
      // One closed year is a dot, not a line: the page says the line comes with the next years.
      expect(await adminPage.getByText(/^Mới có số liệu năm \d{4}: biểu đồ chỉ có một điểm/).count()).toBe(1);
      await screenshot(adminPage, 'dashboard-trend-1366');
      await expectAccessible(adminPage, 'the trend');
      const home = await adminContext.newPage();
      await home.goto(`${base}/`);
      await expect.poll(() => home.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
      await screenshot(home, 'home-admin-1366');
      await expectAccessible(home, 'the home page');
      await page.context().close();
      await adminContext.close();
    },
  );
  it("a merged province without figures of its own opens its ranking on its former province's, and says so", async () => {
    // Tuyên Quang (merged with Hà Giang in 2025) has closed no year on the platform; Hà Giang closed 2024.
    const tuyenQuang = await provinceId(app.dataSource, '08');
    const haGiang = await provinceId(app.dataSource, '02', { former: true });
    // Recorded from its documents (which writes its figures at once), by the platform's operator.
    const units = await createUnits(app.dataSource, haGiang, [
      'Văn phòng Tỉnh ủy Hà Giang',
      'Sở Tài chính Hà Giang',
    ]);
    ok(
      await as(
        await createAccount(app, 'PLATFORM_ADMIN'),
        `mutation($i: RecordPastYearInput!) { recordPastYear(input: $i) { id } }`,
        {
          i: {
            newBlock: { name: 'Khối các cơ quan tổng hợp', kind: 'BLOCK' },
            year: 2024,
            memberUnitIds: units.map((u) => u.id),
            headUnitId: units[0]!.id,
            deputyUnitId: units[1]!.id,
            conference: { heldOn: '2025-01-15', place: 'Hội trường Tỉnh ủy Hà Giang' },
            contests: [{ kind: 'FLAG', electedUnitIds: [units[0]!.id] }],
            sourceReference: 'Biên bản hội nghị tổng kết ngày 15/01/2025 (giả định cho kiểm thử)',
          },
        },
        haGiang,
      ),
    );
    const secretariat = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: tuyenQuang });
    const page = await pageAt(browser, base, '/dashboards/ranking', secretariat.email);
    await expect
      .poll(() => page.getByRole('cell', { name: 'Khối các cơ quan tổng hợp' }).count(), { timeout: 20_000 })
      .toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'chưa có số liệu năm nào' }).textContent()).toBe(
      'Tuyên Quang chưa có số liệu năm nào: đang hiển thị Hà Giang (tỉnh cũ, đến 30/06/2025), năm gần nhất có số ' +
        'liệu. Chọn nơi khác ở ô “Tỉnh/thành”.',
    );
    expect(await page.getByLabel('Tỉnh/thành', { exact: true }).inputValue()).toBe(haGiang);
    expect(await page.getByLabel('Năm', { exact: true }).inputValue()).toBe('2024');
    // A year recorded from paper has no scores: said instead of an empty frame of axes.
    expect(await page.locator('figure').first().innerText()).toBe(
      'Điểm bình quân\n\nKhông có giá trị “Điểm bình quân” nào để vẽ biểu đồ: bảng dưới ghi “–” ở chỗ chưa có số ' +
        'liệu. Chọn chỉ tiêu khác ở ô “Chỉ tiêu trên biểu đồ”.',
    );
    await screenshot(page, 'dashboard-ranking-opened-former-1366');
    await expectAccessible(page, 'the ranking opened on a former province');
    // Back to its own province by choice: its empty ranking, without the note.
    await page.getByLabel('Tỉnh/thành', { exact: true }).selectOption(tuyenQuang);
    await expect.poll(() => page.getByRole('cell', { name: 'Khối các cơ quan tổng hợp' }).count()).toBe(0);
    expect(await page.getByText(/chưa có số liệu năm nào/).count()).toBe(0);
    await page.context().close();
  });
});

describe('the council on the ballot page', () => {
  it(
    'a council member approves a nomination on their phone and gets a receipt; one deferred meanwhile is not on the ballot',
    { timeout: 120_000 },
    async () => {
      const members = await Promise.all(
        [1, 2, 3].map(() => createAccount(app, 'COUNCIL_MEMBER', { provinceId: province })),
      );
      const submitted = ok(
        await as<{ nominations: { id: string; form: string; status: string; unitId: string }[] }>(
          admin,
          `query($y: ID!) { nominations(emulationYearId: $y) { id form status unitId } }`,
          { y: block.yearId },
        ),
      ).nominations.filter((n) => n.status === 'SUBMITTED');
      const merit = submitted.find((n) => n.form === 'MERIT_PROVINCE')!;
      const other = submitted.find((n) => n.unitId !== merit.unitId)!;
      for (const n of [merit, other])
        for (const to of ['IN_APPRAISAL', 'COUNCIL_REVIEW'])
          ok(
            await as(
              admin,
              `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`,
              { v: { id: n.id, to } },
            ),
          );
      const period = ok(
        await as<{ openCouncilVote: { id: string } }>(
          admin,
          `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
          {
            v: {
              closesAt: new Date(Date.now() + 3600_000).toISOString(),
              nominationIds: [merit.id, other.id],
            },
          },
        ),
      ).openCouncilVote;
      // A complaint about the other unit arrives while the session is open (R8).
      ok(
        await as(
          admin,
          `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: COMPLAINT, note: "Đơn khiếu nại ngày 20/11/2026", openedOn: "2026-11-20" }) { id } }`,
          { u: other.unitId },
        ),
      );

      // The member is told of the session (the worker's notice, unread until the ballot is in).
      const unreadAboutIt = async () =>
        ok(
          await app.gql<{ notifications: { nodes: { subjectId: string }[] } }>(
            `{ notifications(first: 50, unreadOnly: true) { nodes { subjectId } } }`,
            {},
            { token: members[0]!.token, provinceId: province },
          ),
        ).notifications.nodes.filter((n) => n.subjectId === period.id).length;
      await expect.poll(unreadAboutIt).toBeGreaterThan(0);

      const page = await (await phone(browser)).newPage();
      await signInAt(page, base, '/', members[0]!.email);
      // The member's home page asks for the vote; the menu leads to the council's sessions, and from there to it.
      const session = /Phiên biểu quyết ngày \d{2}\/\d{2}\/\d{4}/;
      await expect
        .poll(() =>
          page
            .getByRole('link', {
              name: /^Bỏ phiếu: Hội đồng Thi đua – Khen thưởng · Phiên .* · Hạn chót: \d{2}:\d{2} /,
            })
            .count(),
        )
        .toBe(1);
      await page.getByRole('button', { name: 'Danh mục' }).click();
      await page
        .getByRole('navigation', { name: 'Điều hướng chính' })
        .getByRole('link', { name: 'Hội đồng' })
        .click();
      await page.getByRole('heading', { name: 'Các phiên biểu quyết' }).waitFor();
      const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: session }) });
      await expect.poll(() => item.textContent()).toContain('Bạn chưa bỏ phiếu.');
      expect(await item.textContent()).toContain('0/3 đã bỏ phiếu');
      expect(await page.getByRole('form').count()).toBe(0);
      await screenshot(page, 'council-sessions-member-390');
      await expectAccessible(page, "a council member's sessions");
      await item.getByRole('link', { name: 'Bỏ phiếu' }).click();
      await page.waitForURL((u) => u.pathname === `/voting-periods/${period.id}/ballot`);
      // One question left on the ballot; the deferred nomination is named above it, with the reason.
      const notice = page.getByRole('status').filter({ hasText: 'bị tạm hoãn xét sau khi mở phiên' });
      await expect
        .poll(() => notice.textContent(), { timeout: 15_000 })
        .toContain('Hoãn xét khen thưởng: đang có khiếu nại.');
      // The complaint's details are the unit's and the secretariat's, not the council's.
      expect(await notice.textContent()).not.toContain('Đơn khiếu nại ngày 20/11/2026');
      expect(await page.getByText('Nội dung 1/1', { exact: true }).count()).toBe(1);
      await expect
        .poll(() =>
          page
            .locator('fieldset')
            .getByText(/Đề nghị tặng Bằng khen của Chủ tịch UBND thành phố cho/)
            .count(),
        )
        .toBe(1);
      await page.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
      await screenshot(page, 'council-ballot-390');
      await expectAccessible(page, 'the council ballot');
      await page.getByRole('button', { name: 'Xem lại phiếu' }).click();
      await page.getByRole('button', { name: 'Gửi phiếu' }).click();
      await page.getByTestId('receipt-code').waitFor();
      await expect
        .poll(() => page.getByRole('heading', { name: 'Đã ghi nhận phiếu của bạn' }).count())
        .toBe(1);
      const receipt = ok(
        await app.gql<{ myBallotReceipt: { receiptCode: string } }>(
          `query($id: ID!) { myBallotReceipt(votingPeriodId: $id) { receiptCode } }`,
          { id: period.id },
          { token: members[0]!.token, provinceId: province },
        ),
      ).myBallotReceipt;
      expect((await page.getByTestId('receipt-code').textContent())!.trim()).toBe(receipt.receiptCode);
      // The ballot is in: the notice asking for it is read.
      await expect.poll(unreadAboutIt).toBe(0);
      // The sessions page now says the member voted (never what), and offers no second ballot.
      await page.goto(`${base}/council`);
      await expect.poll(() => item.textContent()).toContain('Bạn đã bỏ phiếu.');
      expect(await item.getByRole('link', { name: 'Bỏ phiếu' }).count()).toBe(0);
      // The session's page offers a member no projector screen: that is the secretariat's, running the session.
      await page.goto(`${base}/voting-periods/${period.id}`);
      await page.getByText(/^Đã bỏ phiếu lúc/).waitFor();
      expect(await page.getByRole('link', { name: 'Màn hình hội trường' }).count()).toBe(0);
      // A dossier the member reads leads back to its session.
      await page.goto(`${base}/nominations/${merit.id}`);
      await page.getByRole('link', { name: 'Đến phiên biểu quyết của Hội đồng' }).click();
      await page.waitForURL((u) => u.pathname === `/voting-periods/${period.id}`);

      // The other members vote; the secretariat counts and publishes: the member's home leads to the results.
      const { contests } = ok(
        await as<{ votingPeriod: { contests: { id: string; candidateUnitIds: string[] }[] } }>(
          admin,
          `query($id: ID!) { votingPeriod(id: $id) { contests { id candidateUnitIds } } }`,
          { id: period.id },
        ),
      ).votingPeriod;
      for (const member of members.slice(1))
        ok(
          await app.gql(
            `mutation($v: CastBallotInput!) { castBallot(input: $v) { voterId } }`,
            {
              v: {
                votingPeriodId: period.id,
                choices: contests.map((c) => ({ contestId: c.id, unitIds: c.candidateUnitIds })),
              },
            },
            { token: member.token, provinceId: province },
          ),
        );
      ok(await as(admin, `mutation($id: ID!) { closeVotingPeriod(id: $id) { status } }`, { id: period.id }));
      await expect
        .poll(
          async () =>
            ok(
              await as<{ votingPeriod: { status: string } }>(
                admin,
                `query($id: ID!) { votingPeriod(id: $id) { status } }`,
                { id: period.id },
              ),
            ).votingPeriod.status,
          { timeout: 20_000 },
        )
        .toBe('TALLIED');
      ok(await as(admin, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: period.id }));
      await page.goto(`${base}/`);
      const results = page.getByRole('link', {
        name: /^Xem kết quả: Hội đồng Thi đua – Khen thưởng · Phiên biểu quyết ngày /,
      });
      await results.waitFor();
      expect(
        await page.getByRole('heading', { name: /^Kết quả biểu quyết của Hội đồng đã công bố/ }).count(),
      ).toBe(1);
      await screenshot(page, 'council-member-home-results-390');
      await results.click();
      await page.waitForURL((u) => u.pathname === `/voting-periods/${period.id}/results`);
      await page.context().close();
    },
  );
});
