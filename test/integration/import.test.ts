import { readFileSync } from 'node:fs';
import { currentManager, runInTenant } from '@thidua/db';
import { vietnamToday } from '@thidua/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createAccount,
  createUnits,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';
import { UNIT_KIND_LABELS } from '../../services/gateway/src/modules/import/kinds/units';

/**
 * Onboarding Lào Cai (15) from its spreadsheets: units, blocks, memberships (with the head and deputy of a year),
 * people, achievements and accounts. Each file first carries the mistakes a secretariat makes; the dry run names
 * every one by row and column and writes nothing; the corrected file imports; importing it again changes nothing.
 * Khánh Hòa (56) has units and a block of its own, which Lào Cai's files can neither see nor touch.
 */
let app: TestApp;
let base: string;
let laoCai: string;
let khanhHoa: string;
let admin: Account;
let khAdmin: Account;

interface Job {
  id: string;
  status: string;
  checksum: string;
  totalRows: number;
  problemCount: number;
  problems: { row: number; column: string; message: string; english?: string }[];
  plan: { created: number; updated: number; unchanged: number } | null;
  result: { created: number; updated: number; unchanged: number } | null;
  processedRows: number;
  error: string | null;
  errorEnglish: string | null;
}

async function xlsx(header: string[], rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Dữ liệu');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const csv = (header: string[], rows: string[][]) =>
  Buffer.from('\uFEFF' + [header, ...rows].map((r) => r.join(',')).join('\r\n'));

async function call(path: string, init: RequestInit & { as?: Account; province?: string } = {}) {
  const who = init.as ?? admin;
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${who.token}`,
      'x-province-id': init.province ?? laoCai,
      ...(init.headers as Record<string, string>),
    },
  });
  return { status: res.status, body: (await res.json()) as Job & { errors?: { message: string }[] } };
}

/** A workbook (a ZIP) is named .xlsx, CSV text .csv, as a person's files are. */
const nameOf = (kind: string, file: Buffer) =>
  `${kind}.${file.length > 4 && file.readUInt32BE(0) === 0x504b0304 ? 'xlsx' : 'csv'}`;
const dryRun = (kind: string, file: Buffer, as?: Account, province?: string, fileName = nameOf(kind, file)) =>
  call(`/import/${kind}?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    body: file,
    as,
    province,
  });

const confirm = (job: Job, as?: Account, province?: string) =>
  call(`/import/jobs/${job.id}/confirm`, {
    method: 'POST',
    body: JSON.stringify({ checksum: job.checksum }),
    headers: { 'content-type': 'application/json' },
    as,
    province,
  });

/** Polls the job the page polls, until it has finished. */
async function finished(job: Job): Promise<Job> {
  for (;;) {
    const { body } = await call(`/import/jobs/${job.id}`);
    if (body.status === 'DONE' || body.status === 'FAILED') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Dry run without problems, confirmation, and the finished job. */
async function importClean(kind: string, file: Buffer): Promise<Job> {
  const checked = await dryRun(kind, file);
  expect(checked.body.problems).toEqual([]);
  const started = await confirm(checked.body);
  expect(started.status).toBe(202);
  const done = await finished(started.body);
  expect(done).toMatchObject({ status: 'DONE', result: checked.body.plan });
  return done;
}

const inProvince = <T>(province: string, sql: string, params: unknown[] = []) =>
  runInTenant(
    app.dataSource,
    province,
    async () => (await currentManager()).query(sql, params) as Promise<T>,
  );

const UNIT_HEADER = ['Tên đơn vị', 'Tên viết tắt', 'Loại hình', 'Hiệu lực từ', 'Hiệu lực đến'];
/** The templates' former headers (before clusters were named beside blocks), still accepted. */
const BLOCK_HEADER = ['Tên khối', 'Loại', 'Mô tả'];
const MEMBER_HEADER = ['Khối', 'Đơn vị', 'Từ ngày', 'Đến ngày', 'Trưởng khối năm', 'Phó khối năm'];
const PERSON_HEADER = ['Họ và tên', 'Đơn vị', 'Giới tính', 'Chức vụ'];
/** This year in Vietnam: a year's head and deputy are named from a spreadsheet only for a year not yet past. */
const THIS_YEAR = Number(vietnamToday().slice(0, 4));

beforeAll(async () => {
  app = await startTestApp({
    template: inject('templateDatabase'),
    config: { IMPORT_MAX_BYTES: String(256 * 1024) },
  });
  base = app.gateway.url.replace(/\/graphql$/, '');
  laoCai = await provinceId(app.dataSource, '15');
  khanhHoa = await provinceId(app.dataSource, '56');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: laoCai });
  khAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: khanhHoa });
  await createUnits(app.dataSource, laoCai, ['Sở Tài chính']);
  await createUnits(app.dataSource, khanhHoa, ['Bệnh viện Đa khoa tỉnh Khánh Hòa', 'Sở Y tế']);
  await inProvince(
    khanhHoa,
    `INSERT INTO block (province_id, kind, name, name_search) VALUES ($1, 'BLOCK', 'Khối Kinh tế', 'khoi kinh te')`,
    [khanhHoa],
  );
});
afterAll(() => app?.close());

describe('importing a province from its spreadsheets', () => {
  let khanhHoaBefore: unknown;

  it('units: the dry run names every problem by row and column and writes nothing', async () => {
    khanhHoaBefore = await inProvince(khanhHoa, `SELECT id, name, kind, updated_at FROM unit ORDER BY id`);
    const file = await xlsx(UNIT_HEADER, [
      ['Văn phòng Tỉnh ủy', 'VPTU', 'Cơ quan Đảng', '01/07/2025', ''],
      ['Báo Lào Cai', '', 'Báo chí', '31/02/2025', ''],
      ['Sở Tai Chinh', '', 'Cơ quan nhà nước', '', ''],
      ['Văn phòng tỉnh  ủy', '', 'Cơ quan Đảng', '', ''],
      ['Sở Nội\u200Bvụ', '', 'Cơ quan nhà nước', '', ''],
      ['Sở Y tế', '', 'Bệnh viện', '', ''],
    ]);
    const { status, body } = await dryRun('units', file);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'CHECKED', totalRows: 6, problemCount: 5, plan: null });
    expect(body.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'Hiệu lực từ'],
      [4, 'Tên đơn vị'],
      [5, 'Tên đơn vị'],
      [6, 'Tên đơn vị'],
      [7, 'Loại hình'],
    ]);
    const [date, diacritics, duplicate, invisible, kind] = body.problems.map((p) => p.message);
    expect(date).toContain('"31/02/2025" không phải ngày hợp lệ');
    expect(diacritics).toContain('chỉ khác đơn vị đã có "Sở Tài chính" ở dấu');
    expect(duplicate).toBe('Trùng tên đơn vị với dòng 2 của tệp.');
    expect(invisible).toContain('Có ký tự ẩn (U+200B)');
    // The allowed values are listed as the application's unit form names them.
    expect(kind).toBe(
      '"Bệnh viện" không có trong danh sách: chọn một trong Cơ quan Đảng; Cơ quan nhà nước; ' +
        'Tổ chức chính trị – xã hội; Cơ quan báo chí; Trường học; Địa phương (xã, phường); Doanh nghiệp; Khác.',
    );
    // Each said in English too, for the English page: the file's values quoted as they are, dates as the file has them.
    expect(body.problems.map((p) => p.english)).toEqual([
      '"31/02/2025" is not a valid date: write day/month/year, for example 01/07/2025.',
      '"Sở Tai Chinh" differs from the existing unit "Sở Tài chính" only in accents, capitals, spacing or ' +
        'look-alike characters: write it exactly as "Sở Tài chính".',
      'Duplicate unit name: the same as row 2 of the file.',
      'There is a hidden character (U+200B) in "Sở Nộivụ": delete it, then check the file again. ' +
        'A name with hidden characters looks exactly like another name but is not the same.',
      '"Bệnh viện" is not in the list: choose one of Cơ quan Đảng; Cơ quan nhà nước; ' +
        'Tổ chức chính trị – xã hội; Cơ quan báo chí; Trường học; Địa phương (xã, phường); Doanh nghiệp; Khác.',
    ]);

    // Nothing was written, and a file with problems cannot be confirmed.
    expect(await inProvince(laoCai, `SELECT name FROM unit`)).toEqual([{ name: 'Sở Tài chính' }]);
    const refused = await confirm(body);
    expect(refused.status).toBe(409);
    expect(refused.body.errors![0]!.message).toContain('Tệp còn 5 lỗi');
  });

  it("units: a kind is accepted as the unit form shows it and as the importer's older labels, dashes folded", async () => {
    // The template and the refusals name each kind as the web's unit form does.
    const web = JSON.parse(
      readFileSync(new URL('../../services/web/src/i18n/vi.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    for (const [kind, labels] of Object.entries(UNIT_KIND_LABELS))
      expect(labels[0], kind).toBe(web[`units.kind.${kind}`]);

    const kinds = [
      'Tổ chức chính trị – xã hội',
      'Tổ chức chính trị - xã hội',
      'tổ chức chính trị-xã hội',
      'Tổ chức chính trị — xã hội',
      'Địa phương (xã, phường)',
      'Địa phương',
      'Cơ quan báo chí',
      'Báo chí',
    ];
    const { status, body } = await dryRun(
      'units',
      await xlsx(
        UNIT_HEADER,
        kinds.map((k, i) => [`Đơn vị loại hình ${i + 1}`, '', k, '', '']),
      ),
    );
    expect(status).toBe(200);
    expect(body.problems).toEqual([]);
    expect(body.plan).toEqual({ created: kinds.length, updated: 0, unchanged: 0 });
  });

  it('an empty file, and a file named .xlsx that is not a workbook, say what is wrong with the file', async () => {
    const empty = await dryRun('units', Buffer.alloc(0), admin, laoCai, 'don-vi.xlsx');
    expect(empty.status).toBe(400);
    expect(empty.body.errors![0]!.message).toMatch(/^file: Tệp trống/);
    const text = Buffer.from('Danh sách đơn vị gửi Sở Nội vụ\r\nSở Tài chính\r\n');
    for (const name of ['don-vi.xlsx', 'DON-VI.XLS']) {
      const notExcel = await dryRun('units', text, admin, laoCai, name);
      expect(notExcel.status, name).toBe(400);
      expect(notExcel.body.errors![0]!.message).toMatch(
        /^file: Không đọc được tệp như một bảng tính Excel \(\.xlsx\)/,
      );
    }
    // Another ZIP renamed (a Word document): not a workbook either.
    const zip = Buffer.from('504b0304', 'hex');
    const word = await dryRun('units', Buffer.concat([zip, Buffer.alloc(60)]), admin, laoCai, 'don-vi.xlsx');
    expect(word.body.errors![0]!.message).toMatch(/^file: Không đọc được tệp như một bảng tính Excel/);
    // The same text named .csv is read as CSV, and lacks the template's columns.
    const asCsv = await dryRun('units', text, admin, laoCai, 'don-vi.csv');
    expect(asCsv.status).toBe(200);
    expect(asCsv.body.problems[0]!.message).toMatch(/^Thiếu cột/);
    expect(asCsv.body.problems[0]!.english).toBe(
      'The column "Tên đơn vị" is missing: use the header row of the template.',
    );
    // The heading it has instead is named, and its one row under the header is counted.
    expect(asCsv.body.problems.map((p: { message: string }) => p.message)).toContain(
      'Không nhận ra cột "Danh sách đơn vị gửi Sở Nội vụ" (cột này được bỏ qua): nếu đây là cột còn thiếu, đặt tên cột như dòng tiêu đề của tệp mẫu.',
    );
    // A row-number column is not among them: it is rightly ignored.
    const numbered = await dryRun(
      'units',
      Buffer.from('STT,Tên cơ quan\r\n1,Sở Tài chính\r\n'),
      admin,
      laoCai,
      'don-vi.csv',
    );
    expect(numbered.body.problems.map((p: { column: string }) => p.column)).toEqual([
      'Tên đơn vị',
      'Loại hình',
      'Tên cơ quan',
    ]);
    expect(asCsv.body.totalRows).toBe(1);
    // A quotation mark opened and never closed would make the rest of the file one cell: said, not read.
    const unclosed = Buffer.from('Tên đơn vị\r\n"Sở Tài chính\r\nSở Y tế\r\n');
    const quote = await dryRun('units', unclosed, admin, laoCai, 'don-vi.csv');
    expect(quote.status).toBe(400);
    expect(quote.body.errors![0]!.message).toMatch(
      /^file: Không đọc được tệp CSV: một dấu ngoặc kép \("\) được mở mà không đóng/,
    );
  });

  const fixedUnits = () =>
    xlsx(UNIT_HEADER, [
      ['Văn phòng Tỉnh ủy', 'VPTU', 'Cơ quan Đảng', '01/07/2025', ''],
      ['Báo Lào Cai', '', 'Báo chí', '28/02/2025', ''],
      ['Sở Tài chính', 'STC', 'Cơ quan nhà nước', '', ''],
      ['Sở Nội vụ', '', 'Cơ quan nhà nước', '', ''],
      ['Sở Y tế', '', 'Cơ quan nhà nước', '', ''],
    ]);

  it('units: the fixed file imports in one go, audited with its checksum and who confirmed it', async () => {
    const done = await importClean('units', await fixedUnits());
    expect(done.result).toEqual({ created: 4, updated: 1, unchanged: 0 });
    expect(
      await inProvince(
        laoCai,
        `SELECT name, short_name, to_char(valid_from, 'YYYY-MM-DD') AS "from" FROM unit ORDER BY name`,
      ),
    ).toEqual([
      { name: 'Báo Lào Cai', short_name: null, from: '2025-02-28' },
      { name: 'Sở Nội vụ', short_name: null, from: null },
      { name: 'Sở Tài chính', short_name: 'STC', from: null },
      { name: 'Sở Y tế', short_name: null, from: null },
      { name: 'Văn phòng Tỉnh ủy', short_name: 'VPTU', from: '2025-07-01' },
    ]);
    const [audit] = await inProvince<{ actor_user_id: string; after: Record<string, unknown> }[]>(
      laoCai,
      `SELECT actor_user_id, after FROM audit_event WHERE action = 'import.confirm' AND entity_id = $1`,
      [done.id],
    );
    expect(audit).toMatchObject({
      actor_user_id: admin.id,
      after: { kind: 'UNITS', checksum: done.checksum, rows: 5, created: 4, updated: 1 },
    });
  });

  it('units: importing the same file again changes nothing', async () => {
    const before = await inProvince(laoCai, `SELECT id, name, updated_at FROM unit ORDER BY id`);
    const again = await importClean('units', await fixedUnits());
    expect(again.result).toEqual({ created: 0, updated: 0, unchanged: 5 });
    expect(await inProvince(laoCai, `SELECT id, name, updated_at FROM unit ORDER BY id`)).toEqual(before);
  });

  it('the confirmation checks the rows again: data changed since the dry run fails the import, writing nothing', async () => {
    const { body } = await dryRun(
      'units',
      await xlsx(UNIT_HEADER, [
        ['Sở Xây dựng', '', 'Cơ quan nhà nước', '', ''],
        ['Sở Công Thương', '', 'Cơ quan nhà nước', '', ''],
      ]),
    );
    expect(body.problems).toEqual([]);
    await createUnits(app.dataSource, laoCai, ['Sở Xây Dựng']); // meanwhile, by hand, capitalised differently
    const started = await confirm(body);
    expect(started.status).toBe(202);
    const done = await finished(started.body);
    expect(done).toMatchObject({ status: 'FAILED', problemCount: 1, result: null });
    expect(done.error).toContain('Dữ liệu đã thay đổi từ lần kiểm tra');
    expect(done.errorEnglish).toBe(
      'The data changed since the file was checked: see the problems, correct the file, then check it again.',
    );
    expect(done.problems[0]).toMatchObject({ row: 2, column: 'Tên đơn vị' });
    expect(
      await inProvince(laoCai, `SELECT name FROM unit WHERE name IN ('Sở Công Thương', 'Sở Xây dựng')`),
    ).toEqual([]);
  });

  it("a city's blocks stop at the most a province or city may have: the row over it says so, as a city", async () => {
    const haiPhong = await provinceId(app.dataSource, '31');
    const cityAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: haiPhong });
    const rows = Array.from({ length: 201 }, (_, i) => [`Khối thi đua số ${i + 1}`, 'Khối', '']);
    const { status, body } = await dryRun('blocks', csv(BLOCK_HEADER, rows), cityAdmin, haiPhong);
    expect(status).toBe(200);
    // The 200th block fits; the 201st (row 202, under the header) does not.
    expect(body.problems).toEqual([
      {
        row: 202,
        column: 'Tên khối/cụm',
        message: 'Thành phố đã có đủ 200 khối, cụm (số nhiều nhất cho phép).',
        english: 'The city already has 200 blocks and clusters, the most it may have.',
      },
    ]);
  });

  it('blocks from CSV', async () => {
    const file = csv(BLOCK_HEADER, [
      ['Khối các cơ quan Đảng', 'Khối thi đua', 'Các cơ quan tham mưu của Tỉnh ủy'],
      ['Khối Văn hóa - Xã hội', 'Khối', ''],
    ]);
    expect((await importClean('blocks', file)).result).toEqual({ created: 2, updated: 0, unchanged: 0 });
    // The template's own headers, as Excel saves a CSV in a Vietnamese locale (semicolons): a cluster.
    const saved = Buffer.from(
      '\uFEFF' + ['Tên khối/cụm *;Loại *;Mô tả', 'Cụm thi đua các xã vùng cao;Cụm thi đua;'].join('\r\n'),
    );
    expect((await importClean('blocks', saved)).result).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(
      await inProvince(laoCai, `SELECT kind FROM block WHERE name = 'Cụm thi đua các xã vùng cao'`),
    ).toEqual([{ kind: 'CLUSTER' }]);
  });

  it('memberships: unknown block and unit (another province’s are unknown), overlaps, bad dates, then the fixed file', async () => {
    const good = [
      ['Khối các cơ quan Đảng', 'Văn phòng Tỉnh ủy', '01/01/2025', '', String(THIS_YEAR), ''],
      ['Khối các cơ quan Đảng', 'Báo Lào Cai', '01/01/2025', '', '', String(THIS_YEAR)],
      ['Khối Văn hóa - Xã hội', 'Sở Y tế', '2025-01-01', '', '', ''],
    ];
    const { body } = await dryRun(
      'memberships',
      await xlsx(MEMBER_HEADER, [
        ...good,
        ['Khối Kinh tế', 'Sở Tài chính', '01/01/2025', '', '', ''],
        ['Khối các cơ quan Đảng', 'Bệnh viện Đa khoa tỉnh Khánh Hòa', '01/01/2025', '', '', ''],
        ['Khối Văn hóa - Xã hội', 'Văn phòng Tỉnh ủy', '01/06/2025', '', '', ''],
        ['Khối Văn hóa - Xã hội', 'Sở Nội vụ', '2025-13-01', '', '', ''],
      ]),
    );
    expect(body.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [
        2,
        'Từ ngày',
        expect.stringContaining(
          'Chồng thời gian: đơn vị đã thuộc "Khối Văn hóa - Xã hội" từ 01/06/2025 đến nay (dòng 7 của tệp)',
        ),
      ],
      // Named by the template's header, whichever the file used.
      [
        5,
        'Khối/cụm',
        'Chưa có khối, cụm "Khối Kinh tế" trong danh sách: thêm khối, cụm đó trước, rồi nhập lại tệp.',
      ],
      [
        6,
        'Đơn vị',
        'Chưa có đơn vị "Bệnh viện Đa khoa tỉnh Khánh Hòa" trong danh sách: thêm đơn vị đó trước, rồi nhập lại tệp.',
      ],
      [
        7,
        'Từ ngày',
        expect.stringContaining(
          'đơn vị đã thuộc "Khối các cơ quan Đảng" từ 01/01/2025 đến nay (dòng 2 của tệp)',
        ),
      ],
      [8, 'Từ ngày', expect.stringContaining('"2025-13-01" không phải ngày hợp lệ')],
    ]);
    expect(body.problems.map((p) => p.english)).toEqual([
      'Overlapping dates: the unit already belongs to "Khối Văn hóa - Xã hội" from 01/06/2025 to the present ' +
        '(row 7 of the file); a unit is in only one block at a time.',
      'There is no block or cluster "Khối Kinh tế" in the list yet: add that block or cluster first, then import the file again.',
      'There is no unit "Bệnh viện Đa khoa tỉnh Khánh Hòa" in the list yet: add that unit first, then import the file again.',
      'Overlapping dates: the unit already belongs to "Khối các cơ quan Đảng" from 01/01/2025 to the present ' +
        '(row 2 of the file); a unit is in only one block at a time.',
      '"2025-13-01" is not a valid date: write day/month/year, for example 01/07/2025.',
    ]);
    expect(await inProvince(laoCai, `SELECT count(*)::int AS n FROM block_membership`)).toEqual([{ n: 0 }]);

    const fixed = await xlsx(MEMBER_HEADER, good);
    expect((await importClean('memberships', fixed)).result).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    const [year] = await inProvince<{ state: string; head: string; deputy: string }[]>(
      laoCai,
      `SELECT y.state, h.name AS head, d.name AS deputy FROM emulation_year y
         JOIN unit h ON h.id = y.head_unit_id JOIN unit d ON d.id = y.deputy_unit_id`,
    );
    expect(year).toEqual({ state: 'DRAFT', head: 'Văn phòng Tỉnh ủy', deputy: 'Báo Lào Cai' });
    expect((await importClean('memberships', fixed)).result).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await inProvince(laoCai, `SELECT count(*)::int AS n FROM block_membership`)).toEqual([{ n: 3 }]);
  });

  it('people and achievements', async () => {
    const { body } = await dryRun(
      'persons',
      await xlsx(PERSON_HEADER, [
        ['Nguyễn Thị Hoa', 'Sở Tài chính', 'Nữ', 'Phó Giám đốc'],
        ['Trần Văn Nam', 'Sở Y tế Khánh Hòa', 'Nam', ''],
        ['Lê Văn An', 'Sở Nội vụ', 'Không rõ', ''],
      ]),
    );
    expect(body.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'Đơn vị'],
      [4, 'Giới tính'],
    ]);
    const people = await xlsx(PERSON_HEADER, [
      ['Nguyễn Thị Hoa', 'Sở Tài chính', 'Nữ', 'Phó Giám đốc'],
      ['Lê Văn An', 'Sở Nội vụ', 'Nam', ''],
    ]);
    expect((await importClean('persons', people)).result).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect((await importClean('persons', people)).result).toEqual({ created: 0, updated: 0, unchanged: 2 });

    const header = ['Đơn vị', 'Cá nhân', 'Danh hiệu, hình thức', 'Năm', 'Quyết định'];
    const achievements = await xlsx(header, [
      [
        'Sở Tài chính',
        '',
        'Tập thể lao động xuất sắc',
        '2024',
        'Quyết định số 45/QĐ-UBND ngày 15/01/2025 của UBND tỉnh',
      ],
      [
        'Sở Tài chính',
        'Nguyễn Thị Hoa',
        'Chiến sĩ thi đua cơ sở',
        '2024',
        'Quyết định số 12/QĐ-STC ngày 10/01/2025',
      ],
    ]);
    expect((await importClean('achievements', achievements)).result).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect((await importClean('achievements', achievements)).result).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    // A person the unit does not have: named with the unit, once.
    const unknown = await dryRun(
      'achievements',
      await xlsx(header, [
        ['Sở Tài chính', 'Trần Văn Bình', 'Chiến sĩ thi đua cơ sở', '2024', 'Quyết định số 13/QĐ-STC'],
      ]),
    );
    expect(unknown.body.problems.map((p) => p.message)).toEqual([
      'Chưa có cá nhân "Trần Văn Bình" của "Sở Tài chính" trong danh sách: thêm cá nhân đó trước, rồi nhập lại tệp.',
    ]);
  });

  it("people: each unit's head (R6), one a unit, handed over by the file as by the person page", async () => {
    const header = [...PERSON_HEADER, 'Thủ trưởng đơn vị'];
    const { body } = await dryRun(
      'persons',
      await xlsx(header, [
        ['Nguyễn Thị Hoa', 'Sở Tài chính', 'Nữ', '', 'Có'],
        ['Phạm Văn Bình', 'Sở Tài chính', 'Nam', 'Giám đốc', 'Có'],
        ['Lê Văn An', 'Sở Nội vụ', 'Nam', '', 'Chắc chắn'],
      ]),
    );
    expect(body.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, 'Thủ trưởng đơn vị', 'Đơn vị này đã có thủ trưởng ở dòng 2 của tệp: mỗi đơn vị một người.'],
      [4, 'Thủ trưởng đơn vị', '"Chắc chắn" không có trong danh sách: chọn một trong Có; Không.'],
    ]);
    const heads = () =>
      inProvince<{ full_name: string }[]>(
        laoCai,
        `SELECT full_name FROM person WHERE heads_unit ORDER BY full_name`,
      ).then((rows) => rows.map((r) => r.full_name));

    const hoa = await xlsx(header, [['Nguyễn Thị Hoa', 'Sở Tài chính', 'Nữ', '', 'Có']]);
    expect((await importClean('persons', hoa)).result).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await heads()).toEqual(['Nguyễn Thị Hoa']);

    // A new director named head: the present head, on a row left blank, hands over; the check says whom to whom.
    const binh = await xlsx(header, [
      ['Nguyễn Thị Hoa', 'Sở Tài chính', 'Nữ', '', ''],
      ['Phạm Văn Bình', 'Sở Tài chính', 'Nam', 'Giám đốc', 'Có'],
    ]);
    expect((await importClean('persons', binh)).result).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
      notes: ['Sở Tài chính: Phạm Văn Bình (dòng 3) sẽ là thủ trưởng đơn vị, thay Nguyễn Thị Hoa.'],
      notesEnglish: [
        'Sở Tài chính: Phạm Văn Bình (row 3) will be the head of the unit, replacing Nguyễn Thị Hoa.',
      ],
    });
    expect(await heads()).toEqual(['Phạm Văn Bình']);
    expect((await importClean('persons', binh)).result).toEqual({ created: 0, updated: 0, unchanged: 2 });

    // Named again while the present head is not in the file: the plan counts and names the one handed over from.
    expect((await importClean('persons', hoa)).result).toEqual({
      created: 0,
      updated: 2,
      unchanged: 0,
      notes: ['Sở Tài chính: Nguyễn Thị Hoa (dòng 2) sẽ là thủ trưởng đơn vị, thay Phạm Văn Bình.'],
      notesEnglish: [
        'Sở Tài chính: Nguyễn Thị Hoa (row 2) will be the head of the unit, replacing Phạm Văn Bình.',
      ],
    });
    expect(await heads()).toEqual(['Nguyễn Thị Hoa']);

    // The file without the column, or with the column blank, leaves the head as it is.
    expect(
      (
        await importClean(
          'persons',
          await xlsx(PERSON_HEADER, [['Phạm Văn Bình', 'Sở Tài chính', 'Nam', '']]),
        )
      ).result,
    ).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await heads()).toEqual(['Nguyễn Thị Hoa']);

    const none = await xlsx(header, [['Nguyễn Thị Hoa', 'Sở Tài chính', 'Nữ', '', 'Không']]);
    expect((await importClean('persons', none)).result).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      notes: ['Sở Tài chính: Nguyễn Thị Hoa (dòng 2) thôi là thủ trưởng đơn vị; đơn vị chưa có thủ trưởng.'],
      notesEnglish: [
        'Sở Tài chính: Nguyễn Thị Hoa (row 2) will no longer be the head of the unit; the unit will have no head.',
      ],
    });
    expect(await heads()).toEqual([]);
  });

  it('a cluster is named as a cluster, in Vietnamese and in English', async () => {
    const cluster = 'Cụm thi đua các xã vùng cao';
    const members = await dryRun(
      'memberships',
      await xlsx(MEMBER_HEADER, [
        [cluster, 'Sở Nội vụ', '01/01/2025', '', '', ''],
        [cluster, 'Sở Nội vụ', '01/06/2025', '31/12/2025', '', ''],
      ]),
    );
    expect(members.body.problems.map((p) => [p.row, p.column, p.message, p.english])).toEqual([
      [
        2,
        'Từ ngày',
        `Chồng thời gian: đơn vị đã thuộc "${cluster}" từ 01/06/2025 đến 31/12/2025 (dòng 3 của tệp); ` +
          'mỗi lúc đơn vị chỉ ở một cụm.',
        `Overlapping dates: the unit already belongs to "${cluster}" from 01/06/2025 to 31/12/2025 (row 3 of the file); ` +
          'a unit is in only one cluster at a time.',
      ],
      [
        3,
        'Từ ngày',
        `Chồng thời gian: đơn vị đã thuộc "${cluster}" từ 01/01/2025 đến nay (dòng 2 của tệp); ` +
          'mỗi lúc đơn vị chỉ ở một cụm.',
        `Overlapping dates: the unit already belongs to "${cluster}" from 01/01/2025 to the present (row 2 of the file); ` +
          'a unit is in only one cluster at a time.',
      ],
    ]);
    // The blocks' file: a cluster's row speaks of a cluster ("cụm"), a block's of a block.
    const blocksFile = await dryRun(
      'blocks',
      await xlsx(BLOCK_HEADER, [
        ['Cụm thi đua số 9', 'Cụm thi đua', ''],
        ['Cụm thi đua số 9', 'Cụm thi đua', ''],
        ['Khối thi đua số 9', 'Khối thi đua', ''],
        ['Khối thi đua số 9', 'Khối thi đua', ''],
        ['Cụm thi đua các xã vùng Cao', 'Cụm thi đua', ''],
      ]),
    );
    expect(blocksFile.body.problems.map((p) => [p.row, p.message, p.english])).toEqual([
      [3, 'Trùng tên cụm với dòng 2 của tệp.', 'Duplicate cluster name: the same as row 2 of the file.'],
      [5, 'Trùng tên khối với dòng 4 của tệp.', 'Duplicate block name: the same as row 4 of the file.'],
      [
        6,
        `"Cụm thi đua các xã vùng Cao" chỉ khác cụm đã có "${cluster}" ở dấu, chữ hoa, khoảng trắng hoặc ký tự ` +
          `trông giống nhau: viết đúng như "${cluster}".`,
        `"Cụm thi đua các xã vùng Cao" differs from the existing cluster "${cluster}" only in accents, capitals, ` +
          `spacing or look-alike characters: write it exactly as "${cluster}".`,
      ],
    ]);
  });

  it('says every problem in English too, whatever the kind and the mistake', async () => {
    const long = 'x'.repeat(101);
    const files: [string, Buffer][] = [
      // Header problems: a column missing and one not recognised; another kind's file; no data row.
      ['units', csv(['Tên cơ quan', 'Loại hình'], [['Sở Tài chính', 'Khác']])],
      ['persons', await xlsx(UNIT_HEADER, [['Sở Xây dựng', '', 'Khác', '', '']])],
      ['units', await xlsx(UNIT_HEADER, [])],
      [
        'units',
        await xlsx(UNIT_HEADER, [
          ['', '', 'Khác', '', ''],
          ['Sở Tư\tpháp', '', 'Khác', '', ''],
          ['Sở Giáo dục\u00AD và Đào tạo', '', 'Khác', '', ''],
          ['Sở Nông nghiệp', long, 'Khác', '', ''],
          ['Sở Văn hóa', '', '', '', ''],
          ['Sở Khoa học', '', 'Khác', '01/07/2025', '01/01/2025'],
          ['Sở Khoa học', '', 'Khác', '', ''],
          ['Sở tài chính', '', 'Khác', '', ''],
        ]),
      ],
      [
        'blocks',
        await xlsx(BLOCK_HEADER, [
          ['Khối các cơ quan Đảng', 'Cụm thi đua', ''],
          ['Khối mới', '', ''],
        ]),
      ],
      [
        'memberships',
        await xlsx(MEMBER_HEADER, [
          ['Khối các cơ quan Đảng', 'Sở Tài chính', '01/01/2025', '', '2025 và 2026', ''],
          ['Khối các cơ quan Đảng', 'Sở Tài chính', '01/01/2025', '01/01/2024', '', ''],
          ['Khối các cơ quan Đảng', 'Sở Nội vụ', '01/01/2025', '31/12/2025', String(THIS_YEAR + 2), ''],
          ['Khối các cơ quan Đảng', 'Sở Y tế', '01/01/2025', '', String(THIS_YEAR), String(THIS_YEAR)],
          ['Khối các cơ quan Đảng', 'Sở Tài chính', '01/01/2020', '31/12/2020', '2020', ''],
          ['Khối các cơ quan Đảng', 'Văn phòng Tỉnh ủy', '01/01/2025', '', '', ''],
          ['Khối các cơ quan Đảng', 'Văn phòng Tỉnh ủy', '01/01/2025', '', '', ''],
        ]),
      ],
      [
        'persons',
        await xlsx(
          [...PERSON_HEADER, 'Thủ trưởng đơn vị'],
          [
            ['Trần Văn Nam', 'Sở Y tế Khánh Hòa', 'Nam', '', ''],
            ['Lê Văn An', 'Sở Nội vụ', 'Không rõ', '', ''],
            ['Lê Văn An', 'Sở Nội vụ', 'Nam', '', ''],
            ['Đỗ Thị Mai', 'Sở Y tế', 'Nữ', '', 'Có'],
            ['Vũ Văn Hải', 'Sở Y tế', 'Nam', '', 'Có'],
            ['nguyễn thị hoa', 'Sở Tài chính', 'Nữ', '', ''],
          ],
        ),
      ],
      [
        'achievements',
        await xlsx(
          ['Đơn vị', 'Cá nhân', 'Danh hiệu, hình thức', 'Năm', 'Quyết định'],
          [
            ['Sở Tài chính', '', 'Lao động tiên tiến', '2024', 'Quyết định số 1'],
            ['Sở Tài chính', 'Nguyễn Thị Hoa', 'Tập thể lao động xuất sắc', '2024', 'Quyết định số 2'],
            ['Sở Tài chính', 'Trần Văn Bình', 'Lao động tiên tiến', '2024', 'Quyết định số 3'],
            ['Sở Tài chính', '', 'Tập thể lao động tiên tiến', '1980', 'QĐ'],
            ['Sở Tài chính', '', 'Bằng khen', '2024', 'Quyết định số 4'],
            ['Sở Tài chính', '', 'Tập thể lao động tiên tiến', '2023', 'Quyết định số 5'],
            ['Sở Tài chính', '', 'Tập thể lao động tiên tiến', '2023', 'Quyết định số 6'],
          ],
        ),
      ],
      [
        'accounts',
        await xlsx(
          ['Thư điện tử', 'Họ và tên', 'Vai trò', 'Đơn vị'],
          [
            ['khong-phai-thu', '', 'Cán bộ đơn vị', 'Sở Tài chính'],
            ['an.lv@snv.laocai.gov.vn', '', 'Cán bộ đơn vị', ''],
            ['binh@laocai.gov.vn', '', 'Thành viên Hội đồng', 'Sở Tài chính'],
            ['mai@laocai.gov.vn', '', 'Cán bộ đơn vị', 'Sở Tài chính'],
            ['mai@laocai.gov.vn', '', 'Cán bộ đơn vị', 'Sở Tài chính'],
            [admin.email, '', 'Quản trị tỉnh', ''],
            ['', '', 'Giám đốc', 'Sở Không Có'],
          ],
        ),
      ],
    ];
    const problems: { kind: string; message: string; english?: string }[] = [];
    for (const [kind, file] of files) {
      const { status, body } = await dryRun(kind, file);
      expect(status, kind).toBe(200);
      expect(body.problems.length, kind).toBeGreaterThan(0);
      problems.push(...body.problems.map((p) => ({ kind, ...p })));
    }
    expect(problems.length).toBeGreaterThan(40);
    const unsaid = problems.filter((p) => !p.english?.trim() || p.english === p.message);
    expect(unsaid).toEqual([]);
    // No Vietnamese word of the check's own in the English: the file's values are quoted, and a list's labels are
    // the template's (Vietnamese), so only the words outside those.
    const own = (s: string) => s.replace(/"[^"]*"/g, '""').replace(/choose one of .*$/, '');
    expect(
      problems.filter((p) => /(?<!\p{L})(dòng|đơn vị|khối|cụm|năm|tệp|của)(?!\p{L})/iu.test(own(p.english!))),
    ).toEqual([]);
  });

  it('accounts become invitations, once', async () => {
    const header = ['Thư điện tử', 'Họ và tên', 'Vai trò', 'Đơn vị'];
    const file = await xlsx(header, [
      ['hoa.nt@stc.laocai.gov.vn', 'Nguyễn Thị Hoa', 'Cán bộ đơn vị', 'Sở Tài chính'],
    ]);
    expect((await importClean('accounts', file)).result).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await importClean('accounts', file)).result).toEqual({ created: 0, updated: 0, unchanged: 1 });
    // The roles as the application names them (the invitation form, the accounts list) are taken too.
    const named = await dryRun(
      'accounts',
      await xlsx(header, [
        ['lan.pt@stc.laocai.gov.vn', 'Phạm Thị Lan', 'Cán bộ thi đua của đơn vị', 'Sở Tài chính'],
        ['hung.lv@snv.laocai.gov.vn', 'Lê Văn Hùng', 'Cán bộ Sở Nội vụ (thường trực thi đua tỉnh)', ''],
        ['minh.dq@laocai.gov.vn', 'Đỗ Quang Minh', 'Thành viên Hội đồng Thi đua – Khen thưởng', ''],
      ]),
    );
    expect(named.body.problems).toEqual([]);
    expect(named.body.plan).toMatchObject({ created: 3 });
  });

  it('the history lists the confirmed imports, newest first, with who confirmed them; never a dry run alone', async () => {
    const checkedOnly = (await dryRun('units', await fixedUnits())).body;
    const history = async (as?: Account, province?: string) => {
      const res = await fetch(`${base}/import/jobs`, {
        headers: { authorization: `Bearer ${(as ?? admin).token}`, 'x-province-id': province ?? laoCai },
      });
      return {
        status: res.status,
        body: (await res.json()) as { jobs: (Job & { confirmedByName: string })[] },
      };
    };
    const { status, body } = await history();
    expect(status).toBe(200);
    const confirmed = await inProvince<{ id: string }[]>(
      laoCai,
      `SELECT id FROM import_job WHERE confirmed_at IS NOT NULL ORDER BY confirmed_at DESC LIMIT 20`,
    );
    expect(confirmed.length).toBeGreaterThan(3);
    expect(body.jobs.map((j) => j.id)).toEqual(confirmed.map((j) => j.id));
    expect(body.jobs.map((j) => j.id)).not.toContain(checkedOnly.id);
    // The last one: the accounts imported again, unchanged.
    expect(body.jobs[0]).toMatchObject({
      kind: 'ACCOUNTS',
      status: 'DONE',
      result: { created: 0, updated: 0, unchanged: 1 },
      confirmedByName: 'Nguyễn Văn Thử',
    });
    // Khánh Hòa's secretariat reads its own history: none of Lào Cai's imports.
    const elsewhere = await history(khAdmin, khanhHoa);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.jobs).toEqual([]);
  });

  it('another province can neither read, confirm nor be touched by these imports', async () => {
    const { body } = await dryRun('units', await fixedUnits());
    const read = await call(`/import/jobs/${body.id}`, { as: khAdmin, province: khanhHoa });
    expect(read.status).toBe(404);
    expect((await confirm(body, khAdmin, khanhHoa)).status).toBe(404);
    // Lào Cai's secretariat acting in Khánh Hòa holds no role there.
    expect((await dryRun('units', await fixedUnits(), admin, khanhHoa)).status).toBe(403);
    expect(await inProvince(khanhHoa, `SELECT id, name, kind, updated_at FROM unit ORDER BY id`)).toEqual(
      khanhHoaBefore,
    );
    expect(await inProvince(khanhHoa, `SELECT count(*)::int AS n FROM block_membership`)).toEqual([{ n: 0 }]);
  });

  it('a former province Lào Cai absorbed is read-only: its secretariat imports nothing there', async () => {
    const formerLaoCai = await provinceId(app.dataSource, '10', { former: true });
    const before = await inProvince(formerLaoCai, `SELECT count(*)::int AS n FROM unit`);
    const refused = await dryRun('units', await fixedUnits(), admin, formerLaoCai);
    expect(refused.status).toBe(403);
    expect(refused.body.errors![0]!.message).toContain('read-only');
    expect(await inProvince(formerLaoCai, `SELECT count(*)::int AS n FROM unit`)).toEqual(before);
    expect(await inProvince(formerLaoCai, `SELECT count(*)::int AS n FROM import_job`)).toEqual([{ n: 0 }]);
  });

  it('refuses a file over the size limit, saying the limit; a unit officer may not import', async () => {
    const big = csv(
      UNIT_HEADER,
      Array.from({ length: 12000 }, (_, i) => [`Đơn vị số ${i}`, '', 'Khác', '', '']),
    );
    const refused = await dryRun('units', big);
    expect(refused.status).toBe(413);
    expect(refused.body.errors![0]!.message).toContain('Tệp lớn hơn giới hạn 0,3 MB');
    const [unit] = await inProvince<{ id: string }[]>(laoCai, `SELECT id FROM unit LIMIT 1`);
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: laoCai, unitId: unit!.id });
    expect((await dryRun('units', await fixedUnits(), officer)).status).toBe(403);
  });

  it('keeps every Vietnamese letter of a large workbook (letters straddling the inflated chunks included)', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Trường Tiểu học số ${i + 1} xã Bảo Thắng`);
    const done = await importClean(
      'units',
      await xlsx(
        UNIT_HEADER,
        names.map((n) => [n, '', 'Trường học', '', '']),
      ),
    );
    expect(done.result).toEqual({ created: 3000, updated: 0, unchanged: 0 });
    const stored = await inProvince<{ name: string }[]>(
      laoCai,
      `SELECT name FROM unit WHERE name LIKE 'Trường%'`,
    );
    expect(new Set(stored.map((u) => u.name))).toEqual(new Set(names));
  });

  it('serves a template per kind with the columns and an example row', async () => {
    const res = await fetch(`${base}/import/templates/memberships.xlsx`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    // Blocks and clusters alike (the files in these tests keep the former headers, "Khối", "Trưởng khối năm":
    // still read, so a template downloaded before reads too).
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      'Khối/cụm *',
      'Đơn vị *',
      'Từ ngày *',
      'Đến ngày',
      'Trưởng khối/cụm năm',
      'Phó khối/cụm năm',
    ]);
    expect(sheet.getRow(2).getCell(2).value).toBe('Văn phòng Tỉnh ủy');
    // A fixed list is picked from a drop-down on every row under the heading; a column is as wide as its example.
    const people = new ExcelJS.Workbook();
    await people.xlsx.load(
      Buffer.from(
        await (await fetch(`${base}/import/templates/persons.xlsx`)).arrayBuffer(),
      ) as unknown as ArrayBuffer,
    );
    const personSheet = people.worksheets[0]!;
    const genderColumn = (personSheet.getRow(1).values as string[]).indexOf('Giới tính *');
    for (const row of [2, 3, 500])
      expect(personSheet.getRow(row).getCell(genderColumn).dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"Nữ,Nam"'],
      });
    expect(personSheet.getRow(3).getCell(1).dataValidation).toBeUndefined();
    const unitsBook = new ExcelJS.Workbook();
    await unitsBook.xlsx.load(
      Buffer.from(
        await (await fetch(`${base}/import/templates/units.xlsx`)).arrayBuffer(),
      ) as unknown as ArrayBuffer,
    );
    const example = String(unitsBook.worksheets[0]!.getRow(2).getCell(1).value);
    expect(unitsBook.worksheets[0]!.getColumn(1).width).toBeGreaterThanOrEqual(Math.min(48, example.length));
    const csvTemplate = await (await fetch(`${base}/import/templates/units.csv`)).text();
    expect(csvTemplate).toContain('Tên đơn vị *,Tên viết tắt,Loại hình *');

    // The template filled below its example row: the example is refused (it would add Sở Tài chính unasked), the
    // row typed under it is checked as usual.
    const filled = Buffer.from(`${csvTemplate}Trường Chính trị tỉnh,,Cơ quan nhà nước,01/07/2025,\r\n`);
    const withExample = await dryRun('units', filled, admin, laoCai, 'don-vi.csv');
    expect(withExample.status).toBe(200);
    expect(withExample.body.problems).toEqual([
      {
        row: 2,
        column: '',
        message: 'Đây là dòng ví dụ của tệp mẫu: xóa dòng này rồi kiểm tra lại.',
        english: "This is the template's example row: delete it, then check the file again.",
      },
    ]);
    // Counted as the person sees the sheet: two rows under the header, the example among them.
    expect(withExample.body.totalRows).toBe(2);
    // The units' file checked as people: named for what it is.
    const asPersons = await dryRun('persons', filled, admin, laoCai, 'don-vi.csv');
    expect(asPersons.body.problems).toEqual([
      {
        row: 1,
        column: '',
        message:
          'Tệp này có các cột của mẫu "Đơn vị", không phải "Cá nhân": chọn loại dữ liệu "Đơn vị" rồi kiểm tra lại.',
        english:
          'This file has the columns of the "Đơn vị" template (Units), not "Cá nhân" (People): ' +
          'choose "Units" as what to import, then check the file again.',
      },
    ]);
  });
});

describe('a unit recorded without its accents', () => {
  it('is named as the one to correct when a file spells it right', async () => {
    await createUnits(app.dataSource, khanhHoa, ['So Xay dung']);
    const file = await xlsx(UNIT_HEADER, [['Sở Xây dựng', '', 'Cơ quan nhà nước', '', '']]);
    const { body } = await dryRun('units', file, khAdmin, khanhHoa);
    expect(body.problems.map((p) => p.message)).toEqual([
      '"Sở Xây dựng" chỉ khác đơn vị đã có "So Xay dung" ở dấu, chữ hoa, khoảng trắng hoặc ký tự trông giống nhau: ' +
        'nếu tên đúng là "Sở Xây dựng", sửa tên đơn vị đã có trên trang của nó trước, rồi kiểm tra lại tệp.',
    ]);
  });
});
