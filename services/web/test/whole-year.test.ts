import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { createBlockOnPages, poll } from './block-pages';
import { desktop, expectAccessible, fillDate, phone, screenshot, signInAt, startWebApp } from './browser';

/**
 * Issue 14's whole year on the pages: a province secretariat creates five units and a block of them, the head
 * unit runs the year, each member signs, registers and scores on its own screen, the conference votes (online
 * in this block, on paper in a second one), both dossiers are sent, the secretariat appraises, the council
 * votes, the decision is issued and the year-end closing closes both blocks. The test calls the API only to
 * read what it checks. Accounts are made with the harness's createAccount: inviting people by email is
 * another flow (accounts.test.ts), and the second block (the paper vote) starts from its locked scores
 * (conference-workspace.test.ts and block-year.test.ts cover those steps on its pages).
 */
const tag = `${process.pid}`;
const UNITS = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế', 'Sở Giáo dục và Đào tạo'].map(
  (n) => `${n} ${tag}`,
);
const BLOCK = `Khối các cơ quan quản lý nhà nước ${tag}`;
const PAPER = ['Sở Công Thương', 'Sở Xây dựng', 'Sở Khoa học và Công nghệ'];
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
/** The worker counts votes and runs the awards engine: generous on a busy machine. */
const WORKER = { timeout: 60_000, interval: 1000 };

let app: TestApp;
let browser: Browser;
let base: string;
let province: string;
let admin: Account;
let council: Account[];
let officers: Account[];
let unitIds: string[];
let blockId: string;
let yearPath: string;
let paper: LockedBlock;
let adminPage: Page;

beforeAll(async () => {
  ({ app, browser, base } = await startWebApp({ worker: true, queue: 'redis' }));
  province = await provinceId(app.dataSource, '08');
  [admin, ...council] = await Promise.all([
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: province }),
    ...[1, 2, 3].map(() => createAccount(app, 'COUNCIL_MEMBER', { provinceId: province })),
  ]);
  paper = await createLockedBlock(app, province, PAPER, admin);
  await recordBlockConference(app, province, paper);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

let last: Page | null = null;
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && last && !last.isClosed())
    await screenshot(last, `failed-whole-year-${ctx.task.name.slice(0, 30)}`);
});

/** Reads as the secretariat (the test's only use of the API). */
const read = async <T>(query: string, variables?: Record<string, unknown>) =>
  ok(await app.gql<T>(query, variables, { token: admin.token, provinceId: province }));

const yearState = async (block: string) =>
  (
    await read<{ emulationYear: { state: string } }>(
      `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { state } }`,
      { b: block },
    )
  ).emulationYear.state;

async function signedIn(who: Account, path: string, device: 'phone' | 'desktop' = 'phone'): Promise<Page> {
  const page = await (await (device === 'phone' ? phone(browser) : desktop(browser))).newPage();
  last = page;
  await signInAt(page, base, path, who.email);
  return page;
}

const state = (page: Page) => page.locator('.status').first().textContent();

/** The year page's next step: its button, then the confirmation that says what the step freezes. */
async function takeStep(page: Page, button: string, newState: string) {
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('dialog', { name: button }).getByRole('button', { name: button }).click();
  await poll(() => state(page)).toBe(newState);
}

/** A sheet by clicks: every criterion at its maximum, less `off` points on NV1; then back to the list. */
async function fillSheet(page: Page, off: number) {
  for (const [code, max] of CRITERIA)
    await page.getByLabel(new RegExp(`^${code}\\. `)).fill(String(code === 'NV1' ? max - off : max));
  await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
  await page.waitForURL(/\/sheets\?unit=/);
}

/**
 * Reloads until `check` finds what the worker has done meanwhile (a tally, the awards engine). When it never
 * does, the failure says where the jobs stood (sent or not, failed or waiting), not only that a link is missing.
 */
async function reloadUntil(page: Page, check: () => Promise<number>) {
  try {
    await expect
      .poll(async () => {
        if ((await check()) > 0) return true;
        await page.reload();
        await page.getByRole('heading', { level: 1 }).waitFor();
        return (await check()) > 0;
      }, WORKER)
      .toBe(true);
  } catch (e) {
    const shown = `${page.url()}: ${(
      await page
        .locator('main')
        .first()
        .innerText()
        .catch(() => '')
    ).slice(0, 600)}`;
    throw new Error(`${(e as Error).message}\nThe page: ${shown}\nThe worker's jobs: ${await jobsTrace()}`, {
      cause: e,
    });
  }
}

async function jobsTrace(): Promise<string> {
  const outbox = await app.dataSource.query(
    `SELECT job_id, created_at, sent_at, attempts, last_error FROM outbox ORDER BY id DESC LIMIT 8`,
  );
  const failed = await app.dataSource.query(`SELECT job_id, error, attempts FROM job_failure`);
  const voting = await app.queueBackend.queue('voting').getJobCounts();
  return JSON.stringify({ outbox, failed, voting }, null, 1);
}

/** On the period page: publish the counted results after the dialog (a council's session says "biểu quyết"). */
async function publish(page: Page, council = false) {
  await reloadUntil(page, () => page.getByRole('button', { name: 'Công bố kết quả' }).count());
  await page.getByRole('button', { name: 'Công bố kết quả' }).click();
  await page
    .getByRole('dialog', { name: council ? 'Công bố kết quả biểu quyết?' : 'Công bố kết quả bỏ phiếu?' })
    .getByRole('button', { name: 'Công bố kết quả' })
    .click();
  await poll(() => page.getByText('Đã công bố kết quả').count()).toBeGreaterThan(0);
}

/** On the conference page: the engine's proposals listed, then the dossier sent after its dialog. */
async function sendDossier(page: Page, path: string, flagUnit: string) {
  await page.goto(`${base}${path}`);
  await reloadUntil(page, () => page.getByRole('link', { name: /Cờ thi đua/ }).count());
  await poll(() => page.getByRole('link', { name: /Cờ thi đua/ }).textContent()).toContain(flagUnit);
  const send = 'Gửi hồ sơ lên Sở Nội vụ';
  await page.getByRole('button', { name: send }).click();
  await page.getByRole('dialog', { name: 'Gửi hồ sơ đề nghị?' }).getByRole('button', { name: send }).click();
  await poll(() => page.getByText(/Đã gửi hồ sơ lúc/).count()).toBe(1);
}

/** Opens an appraisal step's dialog and confirms it. */
async function appraise(page: Page, button: string, title: string, status: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await poll(() => page.locator('.facts .status').textContent()).toBe(status);
}

describe('a whole emulation year on the pages', () => {
  it(
    'a secretariat creates five units and a block of them, with head and deputy, and the year’s criteria',
    { timeout: 300_000 },
    async () => {
      adminPage = last = await (await desktop(browser)).newPage();
      await signInAt(adminPage, base, '/units', admin.email);
      await adminPage.getByRole('button', { name: 'Thêm đơn vị' }).click();
      for (const name of UNITS) {
        await adminPage.getByLabel('Tên đơn vị').fill(name);
        await fillDate(adminPage, 'Hoạt động từ', '2008-08-01');
        await adminPage.getByRole('button', { name: 'Tạo đơn vị' }).click();
        await poll(() => adminPage.getByText(`Đã tạo đơn vị ${name}.`).count()).toBe(1);
      }
      await screenshot(adminPage, 'whole-year-units-1366');
      const units = (
        await read<{ units: { nodes: { id: string; name: string }[] } }>(
          `query($s: String!) { units(filter: { search: $s }, first: 10) { nodes { id name } } }`,
          { s: tag },
        )
      ).units.nodes;
      unitIds = UNITS.map((n) => units.find((u) => u.name === n)!.id);
      // Each unit's officer: an account made by the harness (inviting by email is the accounts' flow).
      officers = await Promise.all(
        unitIds.map((id) => createAccount(app, 'UNIT_OFFICER', { provinceId: province, unitId: id })),
      );

      blockId = await createBlockOnPages(adminPage, base, {
        name: BLOCK,
        units: UNITS,
        year: 2026,
        theme: 'Đoàn kết - Kỷ cương - Sáng tạo - Hiệu quả',
      });
      yearPath = `/blocks/${blockId}/years/2026`;
      await poll(() => adminPage.getByText('nội dung giao ước (ít nhất một mục)').count()).toBe(1);
      await adminPage.getByRole('link', { name: 'Bảng tiêu chí chấm điểm' }).click();
      await adminPage.waitForURL(/\/criteria$/);
      await adminPage.getByRole('button', { name: 'Tạo và dùng cho năm này' }).click();
      await poll(() =>
        adminPage.getByText(/^Đang dùng: Bảng chấm điểm năm 2026 \(phiên bản \d+\)$/).count(),
      ).toBe(1);
      await screenshot(adminPage, 'whole-year-draft-1366');

      const year = (
        await read<{
          emulationYear: { state: string; headUnit: { id: string }; deputyUnit: { id: string } };
        }>(
          `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { state headUnit { id } deputyUnit { id } } }`,
          { b: blockId },
        )
      ).emulationYear;
      expect(year).toEqual({ state: 'DRAFT', headUnit: { id: unitIds[0] }, deputyUnit: { id: unitIds[1] } });
    },
  );

  it(
    'the head unit runs the year; the members sign, register and score on their own screens; the scores lock',
    { timeout: 900_000 },
    async () => {
      const head = await signedIn(officers[0]!, yearPath, 'desktop');
      await head.getByRole('link', { name: 'Soạn nội dung giao ước' }).click();
      await head.waitForURL(/\/covenant$/);
      await head.getByLabel('Mục 1').fill('Hoàn thành xuất sắc nhiệm vụ chính trị được giao');
      await head.getByRole('button', { name: 'Thêm mục' }).click();
      await head.getByLabel('Mục 2').fill('Đẩy mạnh cải cách hành chính, chuyển đổi số');
      await head.getByRole('button', { name: 'Lưu giao ước' }).click();
      await head.waitForURL((u) => u.pathname === yearPath);
      await takeStep(head, 'Mở năm cho các thành viên', 'Đã mở');
      await poll(() => head.getByText('5/5 thành viên chưa ký giao ước').count()).toBe(1);

      // Every member signs on its own phone.
      for (const [i, officer] of officers.entries()) {
        const page = await signedIn(officer, yearPath);
        await page.getByRole('link', { name: 'Ký giao ước thi đua' }).click();
        await page.waitForURL(/\/sign$/);
        await page.getByLabel(/cam kết thực hiện đầy đủ/).check();
        await page.getByRole('button', { name: 'Ký giao ước' }).click();
        await poll(() => page.getByText(new RegExp(`${UNITS[i]} đã ký giao ước lúc`)).count()).toBe(1);
        if (i === 4) await screenshot(page, 'whole-year-signed-390');
        await page.context().close();
      }
      await head.reload();
      await takeStep(head, 'Chốt giao ước', 'Đã ký giao ước');
      await takeStep(head, 'Bắt đầu chấm điểm', 'Đang chấm điểm');

      // A member registers the title it competes for.
      const third = await signedIn(officers[2]!, yearPath);
      // A member sees the next step and whose it is, without a button to take it.
      await poll(() =>
        third
          .getByText(
            `Bước này do đơn vị trưởng khối – ${UNITS[0]} – hoặc đơn vị phó khối – ${UNITS[1]} – thực hiện.`,
          )
          .count(),
      ).toBe(1);
      expect(await third.getByRole('button', { name: 'Khóa điểm' }).count()).toBe(0);
      await third.getByRole('link', { name: 'Đăng ký danh hiệu' }).click();
      await third.waitForURL(/\/titles\?unit=/);
      await third
        .getByLabel('Danh hiệu', { exact: true })
        .selectOption({ label: 'Tập thể lao động xuất sắc' });
      await third.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      await poll(() =>
        third.getByRole('listitem').filter({ hasText: 'Tập thể lao động xuất sắc' }).count(),
      ).toBe(1);
      await third.context().close();

      // Each member's self-assessment; head and deputy also cross-score every other member (HEAD_AND_DEPUTY).
      for (const [i, officer] of officers.entries()) {
        const page = await signedIn(officer, `${yearPath}/sheets`);
        await page.getByRole('link', { name: /Tự chấm điểm – chưa nộp/ }).click();
        await page.waitForURL(/\/sheets\/[^/]+\/[^/]+$/);
        if (i === 0) await screenshot(page, 'whole-year-sheet-390');
        await fillSheet(page, i);
        if (i <= 1)
          for (const target of [0, 1, 2, 3, 4].filter((t) => t !== i)) {
            await page
              .getByRole('link', { name: new RegExp(`Chấm chéo ${rx(UNITS[target]!)} – chưa nộp`) })
              .click();
            await page.waitForURL(/\/sheets\/[^/]+\/[^/]+$/);
            await fillSheet(page, target);
          }
        await page.context().close();
      }

      await head.reload();
      await poll(() => head.getByText('Đã đủ điều kiện để chuyển sang bước này.').count()).toBe(1);
      await takeStep(head, 'Khóa điểm', 'Đã khóa điểm');
      const ranking = head.getByRole('region', { name: 'Bảng xếp hạng' }).last();
      await poll(() => ranking.getByRole('rowheader').allTextContents()).toEqual(UNITS);
      await screenshot(head, 'whole-year-ranking-1366');
      expect(await yearState(blockId)).toBe('SCORES_LOCKED');
      await head.context().close();
    },
  );

  it(
    'the conference votes online in this block and on paper in the other; both dossiers are sent',
    { timeout: 600_000 },
    async () => {
      // This block: the head unit goes from the year's page to the conference's, records the conference and
      // opens an online round.
      const conferencePath = `${yearPath}/conference`;
      const head = await signedIn(officers[0]!, yearPath, 'desktop');
      await head.getByRole('link', { name: 'Mở trang hội nghị' }).click();
      await head.getByRole('heading', { name: 'Biên bản hội nghị' }).waitFor();
      expect(new URL(head.url()).pathname).toBe(conferencePath);
      await fillDate(head, 'Ngày họp', vietnamDate(new Date()));
      await head.getByLabel('Địa điểm').fill('Hội trường Sở Nội vụ, số 2 đường Lê Lợi');
      await head.getByLabel('Đơn vị chủ trì').selectOption({ label: UNITS[0]! });
      await head.getByLabel('Người chủ trì', { exact: true }).fill('Nguyễn Văn An');
      await head.getByLabel('Chức vụ người chủ trì').fill('Giám đốc Sở Nội vụ');
      await head.getByLabel('Thư ký hội nghị', { exact: true }).fill('Trần Thị Bình');
      await head.getByRole('button', { name: 'Thêm thành viên Ban kiểm phiếu' }).click();
      await head.getByLabel('Họ tên thành viên 1').fill('Phạm Văn Cường');
      await head.getByRole('button', { name: 'Ghi nhận hội nghị' }).click();
      await head.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor();
      await head.getByRole('checkbox', { name: 'Phó khối năm sau' }).uncheck();
      // The form offers the merit certificate the quota allows (30 % of five: one); this block proposes the flag only.
      const merit = head.getByRole('checkbox', { name: /^Đề nghị Bằng khen/ });
      expect(await merit.isChecked()).toBe(true);
      await merit.uncheck();
      await screenshot(head, 'whole-year-conference-1366');
      await head.getByRole('button', { name: 'Mở bỏ phiếu trực tuyến' }).click();
      await head.waitForURL(/\/voting-periods\/[^/]+$/);
      const periodId = new URL(head.url()).pathname.split('/')[2]!;

      // Each member votes on its phone: the flag to the third unit (which votes for the head), the head again.
      for (const [i, officer] of officers.entries()) {
        const member = await signedIn(officer, `/voting-periods/${periodId}/ballot`);
        await member.getByRole('radio', { name: new RegExp(rx(UNITS[i === 2 ? 0 : 2]!)) }).check();
        await member.getByRole('button', { name: 'Tiếp theo' }).click();
        await member.getByRole('radio', { name: new RegExp(rx(UNITS[0]!)) }).check();
        await member.getByRole('button', { name: 'Xem lại phiếu' }).click();
        await member.getByRole('button', { name: 'Gửi phiếu' }).click();
        await member.getByTestId('receipt-code').waitFor();
        if (i === 4) await screenshot(member, 'whole-year-receipt-390');
        await member.context().close();
      }
      last = head;
      await head.reload();
      const close = head.getByRole('button', { name: 'Kết thúc bỏ phiếu' });
      await poll(() => close.isEnabled()).toBe(true);
      await close.click();
      await head
        .getByRole('dialog', { name: 'Kết thúc bỏ phiếu ngay?' })
        .getByRole('button', { name: 'Kết thúc bỏ phiếu' })
        .click();
      await publish(head);
      await screenshot(head, 'whole-year-published-1366');

      // The unit proposed for the flag is asked for its achievement report on its home page, and attaches it.
      const proposed = await signedIn(officers[2]!, '/');
      const attach = proposed.getByRole('link', {
        name: new RegExp(`^Đính kèm báo cáo thành tích: ${rx(UNITS[2]!)} – Cờ thi đua của UBND tỉnh`),
      });
      await poll(() => attach.count()).toBe(1);
      await attach.click();
      await proposed.waitForURL(/\/nominations\/[0-9a-f-]{36}$/);
      const files = proposed.getByRole('region', { name: 'Tệp kèm đề nghị (báo cáo thành tích)' });
      await files.getByLabel(/Chọn tệp PDF, DOCX, XLSX, JPEG hoặc PNG/).setInputFiles({
        name: 'Báo cáo thành tích năm 2026.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% Báo cáo thành tích\ntrailer << >>\n%%EOF\n'),
      });
      await files.getByRole('button', { name: 'Tải lên' }).click();
      await poll(() => files.getByRole('status').textContent()).toBe(
        'Đã tải lên “Báo cáo thành tích năm 2026.pdf”.',
      );
      await screenshot(proposed, 'whole-year-report-attached-390');
      await proposed.goto(`${base}/`);
      // Once the tasks are gathered (the blocks' overview follows them), the report is no longer asked for.
      await proposed.getByRole('region', { name: 'Khối, cụm thi đua của đơn vị – năm 2026' }).waitFor();
      expect(await attach.count()).toBe(0);
      await proposed.context().close();

      await sendDossier(head, conferencePath, UNITS[2]!);
      expect(await yearState(blockId)).toBe('DOSSIER_SUBMITTED');
      await head.context().close();

      // The other block votes on paper: its head unit enters the count, its deputy confirms it.
      const paperPath = `/blocks/${paper.blockId}/years/2026/conference`;
      const paperHead = await signedIn(paper.officers[0]!, paperPath, 'desktop');
      await paperHead.getByRole('heading', { name: 'Mở bỏ phiếu vòng 1' }).waitFor();
      await paperHead.getByRole('radio', { name: /Bỏ phiếu trên giấy/ }).check();
      await paperHead.getByRole('checkbox', { name: 'Phó khối năm sau' }).uncheck();
      await paperHead.getByRole('checkbox', { name: /^Đề nghị Bằng khen/ }).uncheck();
      await paperHead.getByRole('button', { name: 'Mở vòng bỏ phiếu trên giấy' }).click();
      await paperHead.waitForURL(/\/voting-periods\/[^/]+$/);
      const paperPeriod = new URL(paperHead.url()).pathname.split('/')[2]!;
      await paperHead.getByRole('link', { name: 'Nhập kết quả kiểm phiếu' }).click();
      await paperHead.waitForURL(/\/paper-count$/);
      const flag = 'Đơn vị dẫn đầu khối (đề nghị Cờ thi đua)';
      await paperHead.getByLabel(`Phiếu không hợp lệ – ${flag}`).fill('0');
      await paperHead.getByLabel(new RegExp(`^Số phiếu của ${rx(PAPER[2]!)}.* – ${rx(flag)}`)).fill('3');
      await paperHead
        .getByLabel(new RegExp(`^Số phiếu của ${rx(PAPER[0]!)}.* – Trưởng khối năm sau`))
        .fill('3');
      await paperHead.getByRole('button', { name: 'Lưu kết quả kiểm phiếu' }).click();
      await paperHead.getByRole('heading', { name: 'Kết quả đã nhập' }).waitFor();

      const deputy = await signedIn(paper.officers[1]!, `/voting-periods/${paperPeriod}/paper-count`);
      await deputy.getByRole('heading', { name: 'Kết quả đã nhập' }).waitFor();
      await deputy.getByRole('button', { name: 'Xác nhận kết quả kiểm phiếu' }).click();
      await deputy
        .getByRole('dialog', { name: 'Xác nhận kết quả kiểm phiếu?' })
        .getByRole('button', { name: 'Xác nhận kết quả kiểm phiếu' })
        .click();
      await poll(() => deputy.getByText(/Đã xác nhận lúc/).count()).toBe(1);
      await deputy.context().close();
      last = paperHead;

      await paperHead.goto(`${base}/voting-periods/${paperPeriod}`);
      await publish(paperHead);
      await sendDossier(paperHead, paperPath, PAPER[2]!);
      await screenshot(paperHead, 'whole-year-paper-dossier-1366');
      expect(await yearState(paper.blockId)).toBe('DOSSIER_SUBMITTED');
      await paperHead.context().close();
    },
  );

  it(
    'the secretariat appraises the flag, the council approves it, and the decision is issued',
    { timeout: 300_000 },
    async () => {
      const page = (last = adminPage);
      const flagUnit = UNITS[2]!;
      await page.goto(`${base}/nominations?status=SUBMITTED&form=FLAG_PROVINCE`);
      await page.getByRole('heading', { name: 'Hồ sơ đề nghị khen thưởng' }).waitFor();
      await poll(() => page.locator('tbody tr').count()).toBe(2);
      await page.getByRole('link', { name: new RegExp(rx(flagUnit)) }).click();
      await page.waitForURL(/\/nominations\/[0-9a-f-]{36}$/);
      const nominationId = new URL(page.url()).pathname.split('/')[2]!;
      await appraise(page, 'Bắt đầu thẩm định', 'Bắt đầu thẩm định hồ sơ?', 'Đang thẩm định');
      await appraise(page, 'Trình Hội đồng', 'Trình Hội đồng Thi đua – Khen thưởng?', 'Trình Hội đồng');
      await screenshot(page, 'whole-year-nomination-1366');

      // The home page lists it as waiting for the council, and leads to where a session is opened.
      await page.goto(`${base}/`);
      // The blocks whose dossiers were sent may be closed with the year: their proposals go on after it.
      await poll(() =>
        page.getByText(/^Khối được khóa sổ khi Sở Nội vụ đóng năm thi đua toàn tỉnh; việc thẩm định/).count(),
      ).toBeGreaterThanOrEqual(1);
      const toCouncil = page.getByRole('link', { name: new RegExp(`^Trình Hội đồng: ${rx(flagUnit)} – `) });
      await poll(() => toCouncil.count()).toBe(1);
      await toCouncil.click();
      await page.getByRole('heading', { name: 'Mở phiên biểu quyết của Hội đồng' }).waitFor();
      await page.getByRole('checkbox', { name: new RegExp(rx(flagUnit)) }).check();
      await page.getByRole('button', { name: 'Mở biểu quyết (1 hồ sơ)' }).click();
      await page
        .getByRole('dialog', { name: 'Mở phiên biểu quyết của Hội đồng?' })
        .getByRole('button', { name: 'Mở biểu quyết', exact: true })
        .click();
      await page.waitForURL(/\/voting-periods\/[^/]+$/);
      const periodId = new URL(page.url()).pathname.split('/')[2]!;
      // The session's page names what it votes on (the flag, by its unit) and leads back to the sessions.
      const questions = page.getByRole('region', { name: 'Hồ sơ đưa ra biểu quyết (1)' });
      await poll(() => questions.textContent()).toContain(
        `Đề nghị tặng Cờ thi đua của UBND tỉnh cho ${flagUnit}`,
      );
      expect(await page.getByRole('link', { name: 'Các phiên biểu quyết' }).count()).toBe(1);
      for (const [i, member] of council.entries()) {
        const ballot = await signedIn(member, `/voting-periods/${periodId}/ballot`);
        await ballot.getByRole('radio', { name: 'Đồng ý', exact: true }).check();
        await ballot.getByRole('button', { name: 'Xem lại phiếu' }).click();
        await ballot.getByRole('button', { name: 'Gửi phiếu' }).click();
        await ballot.getByTestId('receipt-code').waitFor();
        await ballot.context().close();
        if (i > 0) continue;
        // One of three has voted: the secretariat's close dialog names the two others and says that closing
        // now, short of the attendance R10 asks, would decide nothing.
        await page.reload();
        await poll(() => page.getByText(/^Thành viên Hội đồng chưa biểu quyết \(2\): /).count()).toBe(1);
        await page.getByRole('button', { name: 'Kết thúc phiên biểu quyết' }).click();
        const early = page.getByRole('dialog', { name: 'Kết thúc phiên biểu quyết ngay?' });
        await poll(() => early.textContent()).toContain('1/3 thành viên đã biểu quyết');
        expect(await early.textContent()).toContain('Chưa đủ tỷ lệ tham dự');
        await screenshot(page, 'whole-year-council-close-early-1366');
        await early.getByRole('button', { name: 'Không, quay lại' }).click();
      }
      last = page;
      // The secretariat's home page says the session is ready to close, and leads to it.
      await page.goto(`${base}/`);
      await poll(() => page.getByRole('link', { name: /^Kết thúc bỏ phiếu: Hội đồng/ }).count()).toBe(1);
      await screenshot(page, 'whole-year-home-council-all-voted-1366');
      await page.getByRole('link', { name: /^Kết thúc bỏ phiếu: Hội đồng/ }).click();
      await page.waitForURL((u) => u.pathname === `/voting-periods/${periodId}`);
      await poll(() => page.getByText('3/3 đã bỏ phiếu').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Kết thúc phiên biểu quyết' }).click();
      await page
        .getByRole('dialog', { name: 'Kết thúc phiên biểu quyết ngay?' })
        .getByRole('button', { name: 'Kết thúc phiên biểu quyết' })
        .click();
      await publish(page, true);
      const status = async () =>
        (
          await read<{ nomination: { status: string } }>(
            `query($id: ID!) { nomination(id: $id) { status } }`,
            {
              id: nominationId,
            },
          )
        ).nomination.status;
      await expect.poll(status, WORKER).toBe('COUNCIL_APPROVED');
      // The council's page lists the session under its form: published, all three members voted, the flag passed.
      await page.goto(`${base}/council`);
      const held = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: /^Phiên biểu quyết ngày/ }) });
      await poll(() => held.textContent()).toMatch(
        /Đã công bố kết quả.*1 hồ sơ · 3\/3 đã bỏ phiếu · 1\/1 hồ sơ được thông qua/,
      );
      await screenshot(page, 'whole-year-council-sessions-1366');

      // Approved, the nomination waits on the home page for its decision.
      await page.goto(`${base}/`);
      const decide = page.getByRole('link', { name: new RegExp(`^Ban hành quyết định: ${rx(flagUnit)} – `) });
      await poll(() => decide.count()).toBe(1);
      await decide.click();
      await page.getByRole('heading', { name: 'Hồ sơ đã được Hội đồng thông qua' }).waitFor();
      await page.getByRole('checkbox', { name: new RegExp(rx(flagUnit)) }).check();
      await page.getByLabel('Họ tên người ký').fill('Nguyễn Văn Sơn');
      await page.getByRole('button', { name: 'Ban hành quyết định' }).click();
      await page
        .getByRole('dialog', { name: 'Ban hành quyết định?' })
        .getByRole('button', { name: 'Ban hành', exact: true })
        .click();
      await page.waitForURL(/\/award-decisions\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Quyết định khen thưởng số 1/QĐ-UBND' }).waitFor();
      const annex = page.getByRole('table', {
        name: /Danh sách khen thưởng kèm theo Quyết định số 1\/QĐ-UBND/,
      });
      await poll(() => annex.textContent()).toContain(flagUnit);
      await poll(() => annex.textContent()).toContain('20.240.000');
      await screenshot(page, 'whole-year-decision-1366');
      await expectAccessible(page, 'the issued decision');
      expect(await status()).toBe('DECIDED');

      // The unit's officer reads the news on the home page, and the decision behind it.
      const officer = await signedIn(officers[2]!, '/');
      const award = officer.getByRole('region', { name: `Khen thưởng của ${flagUnit}` });
      await poll(() => award.textContent()).toContain(
        `${flagUnit} được tặng Cờ thi đua của UBND tỉnh năm 2026 theo Quyết định số 1/QĐ-UBND`,
      );
      await screenshot(officer, 'whole-year-officer-award-390');
      await award.getByRole('link', { name: /Quyết định số 1\/QĐ-UBND/ }).click();
      await officer.getByRole('heading', { name: 'Quyết định khen thưởng số 1/QĐ-UBND' }).waitFor();
      await officer.context().close();
    },
  );

  it('the year-end closing closes both blocks', { timeout: 300_000 }, async () => {
    const page = (last = adminPage);
    await page.goto(`${base}/year-end/2026`);
    await page.getByRole('button', { name: 'Chạy thử' }).click();
    await poll(() => page.getByText(/^2 khối, cụm sẽ được đóng, 0 chưa thể đóng/).count()).toBe(1);
    await screenshot(page, 'whole-year-dry-run-1366');
    await page.getByRole('button', { name: 'Bắt đầu đóng năm thi đua 2026' }).click();
    await page
      .getByRole('dialog', { name: 'Bắt đầu đóng năm thi đua 2026?' })
      .getByRole('button', { name: 'Bắt đầu đóng năm' })
      .click();
    await expect.poll(() => page.getByText('Đã chạy xong').count(), WORKER).toBe(1);
    await poll(() => page.getByText('Mọi khối, cụm của năm này đã được đóng.').count()).toBe(1);
    for (const name of [BLOCK])
      expect(await page.getByRole('row').filter({ hasText: name }).textContent()).toContain('Đã đóng');
    await screenshot(page, 'whole-year-closed-1366');
    await expectAccessible(page, 'the finished closing');
    expect([await yearState(blockId), await yearState(paper.blockId)]).toEqual(['CLOSED', 'CLOSED']);
  });
});

const rx = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
