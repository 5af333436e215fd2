import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentManager, personRepository, runInTenant } from '@thidua/db';
import {
  createAccount,
  createFinishedBlock,
  createLockedBlock,
  ok,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';

const NAMES = [
  'Văn phòng Tỉnh ủy',
  'Ban Tổ chức Tỉnh ủy',
  'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  'Ủy ban Kiểm tra Tỉnh ủy',
  'Báo và Phát thanh, Truyền hình Lào Cai',
  'Trường Chính trị tỉnh',
  'Đảng ủy các cơ quan Đảng tỉnh',
  'Ban Nội chính Tỉnh ủy',
  'Văn phòng Đoàn ĐBQH và HĐND tỉnh',
];

let app: TestApp;
let province: string;
let admin: Account;
let submitted: LockedBlock;
let unpublished: LockedBlock;
let prizes: { merit: number; fighter: number };

const sql = <T>(q: string, params: unknown[] = []) =>
  runInTenant(app.dataSource, province, async () => (await currentManager()).query(q, params) as Promise<T>);

async function report(
  who: Account,
  year = 2026,
  inProvince = province,
): Promise<{ status: number; book?: ExcelJS.Workbook; res: Response }> {
  const res = await fetch(`${app.gateway.url.replace(/\/graphql$/, '')}/reports/statistics?year=${year}`, {
    headers: { authorization: `Bearer ${who.token}`, 'x-province-id': inProvince },
  });
  if (res.status !== 200) return { status: res.status, res };
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return { status: res.status, book, res };
}

/** The cells of the row whose first cell is `label`, columns 1…n after it. */
function row(book: ExcelJS.Workbook, form: string, label: string): (number | null)[] {
  const ws = book.getWorksheet(`Biểu ${form}`)!;
  let found: (number | null)[] | null = null;
  ws.eachRow((r) => {
    if (found || r.getCell(1).value !== label) return;
    found = [];
    for (let c = 2; c <= ws.columnCount; c++) {
      const v = r.getCell(c).value;
      found.push(typeof v === 'number' ? v : null);
    }
  });
  if (!found) throw new Error(`no row "${label}" in form ${form}`);
  return found;
}

/** The row's cells as they read, the label first. */
function texts(book: ExcelJS.Workbook, form: string, label: string): string[] {
  const ws = book.getWorksheet(`Biểu ${form}`)!;
  const r = rowNumber(ws, label);
  return Array.from({ length: ws.columnCount }, (_, i) => String(ws.getRow(r).getCell(i + 1).value ?? ''));
}

/** The number of the first row whose first cell is `label` (or matches it). */
function rowNumber(ws: ExcelJS.Worksheet, label: string | RegExp): number {
  let n = 0;
  ws.eachRow((r, i) => {
    const v = r.getCell(1).value;
    if (!n && typeof v === 'string' && (typeof label === 'string' ? v === label : label.test(v))) n = i;
  });
  if (!n) throw new Error(`no row ${String(label)} in ${ws.name}`);
  return n;
}

const notes = (book: ExcelJS.Workbook, form: string) => {
  const found: string[] = [];
  book.getWorksheet(`Biểu ${form}`)!.eachRow((r) => {
    const v = r.getCell(1).value;
    if (typeof v === 'string' && v.startsWith('Ghi chú: ')) found.push(v);
  });
  return found;
};

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  province = await provinceId(app.dataSource, '15');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  // A block whose vote is published and whose dossier is submitted: the flag to unit 3.
  submitted = await createFinishedBlock(app, province, NAMES, admin);
  // A block whose year is not yet published: what is proposed in it is still secret and not counted.
  unpublished = await createLockedBlock(app, province, NAMES.slice(0, 6), admin, { officers: false });
  const woman = await runInTenant(app.dataSource, province, () =>
    personRepository.create({
      unitId: submitted.units[6]!.id,
      fullName: 'Lò Thị Hoa',
      gender: 'FEMALE',
      position: null,
    }),
  );
  const approved = await sql<{ id: string }[]>(
    `INSERT INTO nomination (province_id, emulation_year_id, unit_id, person_id, form, status, explanation)
     VALUES ($1, $2, $3, NULL, 'MERIT_PROVINCE', 'COUNCIL_APPROVED', '[]'),
            ($1, $2, $4, $5, 'CSTD_PROV', 'COUNCIL_APPROVED', '[]') RETURNING id`,
    [province, submitted.yearId, submitted.units[5]!.id, submitted.units[6]!.id, woman.id],
  );
  await sql(
    `INSERT INTO nomination (province_id, emulation_year_id, unit_id, form, status, explanation)
     VALUES ($1, $2, $3, 'FLAG_PROVINCE', 'PROPOSED_BY_BLOCK', '[]')`,
    [province, unpublished.yearId, unpublished.units[2]!.id],
  );
  await sql(
    `INSERT INTO achievement (province_id, subject_kind, subject_id, title, year, decision_ref, recorded_by)
     VALUES ($1, 'PERSON', $2, 'CSTD_BASE', 2026, 'Quyết định số 45/QĐ-UBND ngày 15/01/2027', $3)`,
    [province, woman.id, admin.id],
  );
  const decision = ok(
    await app.gql<{ issueAwardDecision: { items: { form: string; prizeVnd: number }[] } }>(
      `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { items { form prizeVnd } } }`,
      {
        v: {
          issuerName: 'UBND tỉnh Lào Cai',
          decisionDate: '2027-01-20',
          signerName: 'Trịnh Xuân Trường',
          nominationIds: approved.map((n) => n.id),
        },
      },
      { token: admin.token, provinceId: province },
    ),
  ).issueAwardDecision;
  const prize = (form: string) => Number(decision.items.find((i) => i.form === form)!.prizeVnd);
  prizes = { merit: prize('MERIT_PROVINCE'), fighter: prize('CSTD_PROV') };
});
afterAll(() => app?.close());

describe('the statutory statistics (forms 0601–0605)', () => {
  it("the secretariat downloads the year's workbook, one sheet per form, as an XLSX attachment", async () => {
    const { status, book, res } = await report(admin);
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".*2026/);
    expect(book!.worksheets.map((w) => w.name)).toEqual([
      'Biểu 0601',
      'Biểu 0602',
      'Biểu 0603',
      'Biểu 0604',
      'Biểu 0605',
    ]);
    expect(book!.getWorksheet('Biểu 0601')!.getCell('A4').value).toBe(
      'Đơn vị báo cáo: Sở Nội vụ tỉnh Lào Cai',
    );
    expect(book!.getWorksheet('Biểu 0601')!.getCell('A5').value).toBe('Đơn vị nhận báo cáo: Bộ Nội vụ');
  });

  it('each cell says what the records say', async () => {
    const { book } = await report(admin);
    const [signed] = await sql<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM covenant_signature WHERE emulation_year_id = ANY($1)`,
      [[submitted.yearId, unpublished.yearId]],
    );
    const [registeringUnits] = await sql<{ n: number }[]>(
      `SELECT count(DISTINCT (emulation_year_id, unit_id))::int AS n FROM title_registration
        WHERE emulation_year_id = ANY($1) AND withdrawn_at IS NULL`,
      [[submitted.yearId, unpublished.yearId]],
    );
    // Two blocks of 9 and 6 members, each signing and registering (the seeded year); one conference held (the
    // vote's) and one dossier submitted.
    expect([signed!.n, registeringUnits!.n]).toEqual([15, 15]);
    expect(row(book!, '0601', 'Khối thi đua')).toEqual([2, 15, signed!.n, registeringUnits!.n, 1, 1]);
    expect(row(book!, '0601', 'Cụm thi đua')).toEqual([0, 0, 0, 0, 0, 0]);
    expect(row(book!, '0601', 'Tổng số')).toEqual([2, 15, signed!.n, registeringUnits!.n, 1, 1]);

    const [excellent] = await sql<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM title_registration WHERE title = 'COLL_EXCELLENT' AND withdrawn_at IS NULL
         AND emulation_year_id = ANY($1)`,
      [[submitted.yearId, unpublished.yearId]],
    );
    // Each block's head registered for the flag; the unpublished block's flag proposal is not counted.
    expect(excellent!.n).toBe(15);
    expect(row(book!, '0602', 'Cờ thi đua của Ủy ban nhân dân tỉnh')).toEqual([2, 1, 0, 0]);
    expect(row(book!, '0602', 'Tập thể lao động xuất sắc')).toEqual([excellent!.n, null, null, 0]);
    expect(row(book!, '0602', 'Chiến sĩ thi đua cấp tỉnh')).toEqual([0, 1, 1, 0]);
    expect(row(book!, '0602', 'Chiến sĩ thi đua cơ sở')).toEqual([0, null, null, 1]);

    // The published block's proposals as the engine made them, beside the two approved ones inserted above.
    const byStatus = await sql<{ form: string; status: string; n: number }[]>(
      `SELECT form, status, count(*)::int AS n FROM nomination WHERE emulation_year_id = $1 GROUP BY 1, 2`,
      [submitted.yearId],
    );
    const n = (form: string, status?: string) =>
      byStatus
        .filter((r) => r.form === form && (!status || r.status === status))
        .reduce((a, r) => a + r.n, 0);
    expect(n('FLAG_PROVINCE')).toBe(1);
    expect(n('MERIT_PROVINCE', 'DECIDED')).toBe(1);
    expect(row(book!, '0603', 'Tập thể')).toEqual([n('MERIT_PROVINCE'), 1, prizes.merit]);
    // Neither is held by the platform (a block proposes certificates of merit only to units; Giấy khen are
    // conferred outside it): said with a dash and a note, not zeros or blank cells.
    expect(row(book!, '0603', 'Cá nhân')).toEqual([null, null, null]);
    expect(row(book!, '0603', 'Giấy khen')).toEqual([null, null, null]);
    expect(texts(book!, '0603', 'Giấy khen')).toEqual(['Giấy khen', '—', '—', '—']);
    expect(texts(book!, '0603', 'Cá nhân')).toEqual(['Cá nhân', '—', '—', '—']);
    expect(notes(book!, '0603').join('\n')).toMatch(/Giấy khen: không theo dõi trên hệ thống/);
    expect(notes(book!, '0603')).toContain('Ghi chú: Dấu “—”: không theo dõi trên hệ thống.');

    expect(row(book!, '0604', 'Tập thể')).toEqual([1 + n('MERIT_PROVINCE'), 1, prizes.merit]);
    expect(row(book!, '0604', 'Cá nhân')).toEqual([1, 1, prizes.fighter]);
    expect(row(book!, '0604', 'Trong đó: nữ')).toEqual([1, 1, prizes.fighter]);

    // Columns: flag, certificate of merit, provincial emulation fighter, total.
    expect(row(book!, '0605', 'Đã nộp hồ sơ')).toEqual([
      1,
      n('MERIT_PROVINCE', 'SUBMITTED'),
      0,
      1 + n('MERIT_PROVINCE', 'SUBMITTED'),
    ]);
    expect(row(book!, '0605', 'Đã có quyết định khen thưởng')).toEqual([0, 1, 1, 2]);
    expect(row(book!, '0605', 'Khối, cụm đề nghị, chưa nộp hồ sơ')).toEqual([0, 0, 0, 0]);
    expect(row(book!, '0605', 'Tổng số')).toEqual([1, n('MERIT_PROVINCE'), 1, 2 + n('MERIT_PROVINCE')]);
  });

  it('each form prints as a form: one A4 page wide, its notes readable, signed under the table', async () => {
    const { book } = await report(admin);
    for (const ws of book!.worksheets) {
      const form = ws.name.replace('Biểu ', '');
      // Printed one page wide and as many tall as needed, the wide forms in landscape; the header and the
      // column codes repeat on each page.
      expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
      expect(ws.pageSetup.orientation).toBe(form === '0601' ? 'landscape' : 'portrait');
      const header = rowNumber(ws, 'Chỉ tiêu');
      expect(ws.pageSetup.printTitlesRow).toBe(`${header}:${header + 1}`);

      // Every note row (merged, wrapped) has a height, more than a line's, and a longer note is not lower.
      const noteRows: { n: number; length: number; height: number }[] = [];
      ws.eachRow((r, n) => {
        const v = r.getCell(1).value;
        if (typeof v === 'string' && v.startsWith('Ghi chú: '))
          noteRows.push({ n, length: v.length, height: r.height });
      });
      expect(noteRows.length).toBeGreaterThan(0);
      for (const n of noteRows) expect(n.height).toBeGreaterThan(15);
      const byLength = [...noteRows].sort((a, b) => a.length - b.length);
      for (let i = 1; i < byLength.length; i++)
        expect(byLength[i]!.height).toBeGreaterThanOrEqual(byLength[i - 1]!.height);

      // The signatures, under the table and its notes: the date on the right, the preparer on the left and the
      // head of the unit on the right, each with what to write.
      const signer = rowNumber(ws, 'NGƯỜI LẬP BIỂU');
      expect(signer).toBeGreaterThan(noteRows.at(-1)!.n);
      const right = ws.columnCount - 2;
      expect(ws.getRow(signer - 1).getCell(right).value).toBe('Lào Cai, ngày … tháng … năm 20…');
      expect(ws.getRow(signer).getCell(right).value).toBe('THỦ TRƯỞNG ĐƠN VỊ');
      expect(ws.getRow(signer + 1).getCell(1).value).toBe('(Ký, ghi rõ họ tên)');
      expect(ws.getRow(signer + 1).getCell(right).value).toBe('(Ký, đóng dấu, ghi rõ họ tên)');
      expect(ws.getRow(signer).getCell(1).font.bold).toBe(true);
    }

    // Biểu 0602's long note (about 250 characters) takes several lines; its one-line note, one.
    const ws = book!.getWorksheet('Biểu 0602')!;
    const long = ws.getRow(rowNumber(ws, /^Ghi chú: Số được tặng/));
    const short = ws.getRow(rowNumber(ws, /^Ghi chú: Số đề nghị chỉ tính/));
    expect(String(long.getCell(1).value).length).toBeGreaterThan(250);
    expect(long.height).toBeGreaterThanOrEqual(2 * short.height);
    // The column names wrap in their cells: the header row is given their height too.
    expect(ws.getRow(rowNumber(ws, 'Chỉ tiêu')).height).toBeGreaterThan(30);

    // The totals stand out.
    for (const form of ['0601', '0605']) {
      const sheet = book!.getWorksheet(`Biểu ${form}`)!;
      const total = sheet.getRow(rowNumber(sheet, 'Tổng số'));
      for (let c = 1; c <= sheet.columnCount; c++) expect(total.getCell(c).font.bold).toBe(true);
      expect(
        sheet.getRow(rowNumber(sheet, form === '0601' ? 'Khối thi đua' : 'Đã nộp hồ sơ')).getCell(2).font
          ?.bold,
      ).toBeFalsy();
    }
  });

  it("a ministry viewer reads any province's; a unit's officer may not", async () => {
    const viewer = await createAccount(app, 'NATIONAL_VIEWER');
    expect((await report(viewer)).status).toBe(200);
    expect((await report(submitted.officers[0]!)).status).toBe(403);
    const bad = await report(admin, 1999);
    expect(bad.status).toBe(400);
  });

  it('a year before the merger is the former provinces’ to report: said, not a workbook of zeros', async () => {
    const before = await report(admin, 2024);
    expect(before.status).toBe(400);
    const { errors } = (await before.res.json()) as { errors: { message: string }[] };
    expect(errors[0]!.message).toMatch(
      /^year: Năm 2024 thuộc các tỉnh cũ .*Lào Cai.*: biểu thống kê của năm đó lập tại tỉnh cũ \(chọn tỉnh cũ ở đầu trang\)\./,
    );
    // There, the secretariat (which reads its former provinces) has it.
    const former = await provinceId(app.dataSource, '15', { former: true });
    expect((await report(admin, 2024, former)).status).toBe(200);
    // And 2025, after the former Yên Bái (code 15) ended, is today's Lào Cai's: said so, the date as written.
    const after = await report(admin, 2025, former);
    expect(((await after.res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /^year: Năm 2025 thuộc tỉnh Lào Cai hiện nay: tỉnh Yên Bái cũ đã kết thúc ngày 30\/06\/2025\. The year 2025/,
    );
    // Hồ Chí Minh continues a city and two provinces: named as what they were.
    const hcm = await provinceId(app.dataSource, '79');
    const hcmAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: hcm });
    const merged = await report(hcmAdmin, 2024, hcm);
    expect(((await merged.res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /^year: Năm 2024 thuộc các tỉnh, thành phố cũ .*Hồ Chí Minh.*: biểu thống kê của năm đó lập tại tỉnh, thành phố cũ /,
    );
  });
});
