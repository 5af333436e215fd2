import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { formWordsIn, type ProvinceName } from '@thidua/domain';
import { describe, expect, it } from 'vitest';
import {
  docxKeptWithNext,
  docxPage,
  docxText,
  documentXml,
  keepDocument,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfWords,
} from '@thidua/testing';
import {
  amountInWords,
  certificates,
  conferenceMinutes,
  councilMinutes,
  councilSubmission,
  dateInWords,
  decision,
  DEFAULT_CERTIFICATE_LAYOUT,
  formatNumber,
  legalBasis,
  renderDocx,
  type CertificatesInput,
  type CouncilMinutesInput,
  renderPdf,
  submission,
  voteMinutes,
  type DocumentModel,
} from './index';
import { headerName } from './header-name';
import { dayInVietnam } from './kinds/common';
import { renderLines } from './template';

const FORM_WORDS = formWordsIn();

const MM = 72 / 25.4;
const run = promisify(execFile);

/**
 * Each run of text as pdftohtml reads it (a line, split where the font changes), with its page and the font it is
 * set in as pdffonts names it ("LiberationSerif-Bold"): what a reader sees as bold or not.
 */
async function pdfRuns(path: string): Promise<{ page: number; text: string; font: string }[]> {
  // pdftohtml names a font by its subset tag and family only ("CZZZZZ+LiberationSerif"); pdffonts has the face.
  const faces = new Map((await pdfFonts(path)).map((f) => [f.name.split('+')[0]!, f.name.split('+')[1]!]));
  const { stdout } = await run('pdftohtml', ['-xml', '-i', '-q', '-stdout', path], { maxBuffer: 64 << 20 });
  const specs = new Map(
    [...stdout.matchAll(/<fontspec id="(\d+)"[^>]* family="([^"+]*)\+/g)].map((m) => [
      m[1]!,
      faces.get(m[2]!)!,
    ]),
  );
  const out: { page: number; text: string; font: string }[] = [];
  let page = 0;
  for (const m of stdout.matchAll(/<page number="(\d+)"|<text [^>]*font="(\d+)"[^>]*>(.*?)<\/text>/g)) {
    if (m[1]) page = Number(m[1]);
    else {
      const text = m[3]!
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"');
      out.push({ page, text: text.trim(), font: specs.get(m[2]!)! });
    }
  }
  return out;
}
const PROVINCE: ProvinceName = { name: 'Lào Cai', kind: 'PROVINCE' };
/** A council session of three members, all voting, published; each test gives its own nominations. */
const COUNCIL_SESSION: CouncilMinutesInput = {
  province: PROVINCE,
  openedAt: '2027-01-10T02:00:00Z',
  closedAt: '2027-01-10T03:00:00Z',
  members: 3,
  voted: 3,
  quorum: null,
  nominations: [],
  publishedAt: '2027-01-10T03:10:00Z',
  generatedAt: '2027-01-10T03:20:00Z',
};

describe('amounts in words', () => {
  it.each([
    [0, 'Không đồng'],
    [25, 'Hai mươi lăm đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [105_000, 'Một trăm lẻ năm nghìn đồng'],
    [1_005_000, 'Một triệu không trăm lẻ năm nghìn đồng'],
    [7_590_000, 'Bảy triệu năm trăm chín mươi nghìn đồng'],
    [20_240_000, 'Hai mươi triệu hai trăm bốn mươi nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [2_001_000_000, 'Hai tỷ không trăm lẻ một triệu đồng'],
  ])('%i → %s', (n, words) => expect(amountInWords(n)).toBe(words));

  it('refuses what is not a whole amount', () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
  });

  it('groups thousands with dots and writes dates as Decree 30 does', () => {
    expect(formatNumber(20_240_000)).toBe('20.240.000');
    expect(dateInWords('2027-01-05')).toBe('ngày 05 tháng 01 năm 2027');
    expect(dateInWords('2026-03-09')).toBe('ngày 09 tháng 3 năm 2026');
    expect(dateInWords('2026-12-18')).toBe('ngày 18 tháng 12 năm 2026');
  });

  it('dates minutes by the day in Vietnam, where a session closed at 23:30 UTC has already ended the next day', () => {
    expect(dayInVietnam('2026-12-03T16:59:59Z')).toBe('2026-12-03');
    expect(dayInVietnam('2026-12-03T23:30:00Z')).toBe('2026-12-04');
    expect(dayInVietnam('2026-12-31T17:00:00Z')).toBe('2027-01-01');
  });
});

describe('templates', () => {
  it('repeats, keeps or drops lines, and refuses a missing value', () => {
    const lines = [
      '# {title}',
      '{{each items}}',
      '- {name} ({title})',
      '{{end}}',
      '{{unless items}}',
      'Không có.',
      '{{end}}',
    ];
    expect(renderLines(lines, [{ title: 'T', items: [{ name: 'Một' }, { name: 'Hai' }] }])).toEqual([
      { kind: 'title', text: 'T' },
      { kind: 'item', text: 'Một (T)' },
      { kind: 'item', text: 'Hai (T)' },
    ]);
    expect(renderLines(lines, [{ title: 'T', items: [] }])).toEqual([
      { kind: 'title', text: 'T' },
      { kind: 'paragraph', text: 'Không có.', indent: true },
    ]);
    expect(() => renderLines(['{nothing}'], [{}])).toThrow('no value for {nothing}');
  });
});

/** A decision long enough to run over several pages. */
const DECISION_INPUT: Parameters<typeof decision>[0] = {
  province: PROVINCE,
  issuerName: 'UBND tỉnh Lào Cai',
  numberText: '12/QĐ-UBND',
  decisionDate: '2027-01-15',
  signerName: 'Trịnh Xuân Trường',
  signerTitle: 'Chủ tịch',
  years: [2026],
  items: [
    { name: 'Văn phòng Tỉnh ủy', unit: null, form: 'Cờ thi đua của UBND tỉnh', prizeVnd: 20_240_000 },
    ...Array.from({ length: 40 }, (_, i) => ({
      name: `Sở Tài nguyên và Môi trường số ${i + 1}`,
      unit: null,
      form: 'Bằng khen của Chủ tịch UBND tỉnh',
      prizeVnd: 7_590_000,
    })),
    {
      name: 'Nguyễn Thị Hồng Nhung',
      unit: 'Báo Lào Cai',
      form: 'Chiến sĩ thi đua cấp tỉnh',
      prizeVnd: 11_385_000,
    },
  ],
};
const DECISION = decision(DECISION_INPUT);

describe('a decision as PDF and DOCX', () => {
  it('is A4 with the bundled font embedded, the names, the number and the amounts in words', async () => {
    const path = await keepDocument('unit-decision', await renderPdf(DECISION));
    expect((await pdfInfo(path))['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/);
    const fonts = await pdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && /LiberationSerif/.test(f.name))).toBe(true);
    const text = (await pdfText(path)).replace(/\s+/g, ' ');
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 12/QĐ-UBND',
      'Lào Cai, ngày 15 tháng 01 năm 2027',
      'Nguyễn Thị Hồng Nhung',
      'Hai mươi triệu hai trăm bốn mươi nghìn đồng',
      'Mười một triệu ba trăm tám mươi lăm nghìn đồng',
      // 20,240,000 + 40 × 7,590,000 + 11,385,000
      'Tổng số tiền thưởng: 335.225.000 đồng',
      'Ba trăm ba mươi lăm triệu hai trăm hai mươi lăm nghìn đồng',
      // The decree in force on the decision's date.
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ',
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
      // Each award with whom it goes to, the flag first; the annex is the Chairman's, as the decision.
      'Điều 1. Tặng thưởng các tập thể, cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2026 (có danh sách kèm theo): Cờ thi đua của UBND tỉnh cho 1 tập thể; Bằng khen của Chủ tịch UBND tỉnh cho 40 tập thể; danh hiệu Chiến sĩ thi đua cấp tỉnh cho 1 cá nhân.',
      '(Kèm theo Quyết định số 12/QĐ-UBND ngày 15/01/2027 của Chủ tịch Ủy ban nhân dân tỉnh Lào Cai)',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('98/2023');
    // The signer's title, then the name: "(Ký, ghi rõ họ tên)" is for minutes, not a decision.
    expect(text).not.toContain('Ký, ghi rõ họ tên');
    expect(text).toMatch(/CHỦ TỊCH Trịnh Xuân Trường/);
    // The Chairman decides in his own name: the authority under the title, and no "for the committee" (TM.).
    expect(text).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI');
    expect(text).not.toContain('TM.');
  });

  it('cites the decree in force on its date: Decree 98/2023 until 30 June 2025, Decree 152/2025 from 1 July', () => {
    const basis = (decisionDate: string) =>
      JSON.stringify(decision({ ...DECISION_INPUT, decisionDate, items: DECISION_INPUT.items.slice(0, 1) }));
    expect(basis('2025-06-30')).toContain('Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023');
    expect(basis('2025-06-30')).not.toContain('152/2025');
    expect(basis('2025-07-01')).toContain('Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025');
    expect(basis('2025-07-01')).not.toContain('98/2023');
  });

  it('keeps the margins (left 30 mm, right 15 mm, top and bottom 20 mm) and numbers pages from 2', async () => {
    const path = await keepDocument('unit-decision', await renderPdf(DECISION));
    const pages = await pdfWords(path);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      const body = p.words.filter((w) => w.yMin > 20 * MM - 1);
      expect(Math.min(...body.map((w) => w.xMin))).toBeGreaterThanOrEqual(30 * MM - 0.5);
      expect(Math.max(...body.map((w) => w.xMax))).toBeLessThanOrEqual(p.width - 15 * MM + 0.5);
      expect(Math.max(...p.words.map((w) => w.yMax))).toBeLessThanOrEqual(p.height - 20 * MM + 0.5);
      const inTopMargin = p.words.filter((w) => w.yMax < 20 * MM);
      expect(inTopMargin.map((w) => w.text)).toEqual(p.page === 1 ? [] : [String(p.page)]);
    }
    // The text starts at the top margin and reaches the left one.
    expect(Math.min(...pages[0]!.words.map((w) => w.yMin))).toBeLessThan(20 * MM + 6);
    expect(Math.min(...pages[1]!.words.filter((w) => w.yMin > 20 * MM).map((w) => w.xMin))).toBeLessThan(
      30 * MM + 2,
    );
  });

  it('reads back the same text from the DOCX, on A4 with the same margins', async () => {
    const bytes = await renderDocx(DECISION);
    await keepDocument('unit-decision', bytes, 'docx');
    const text = (await docxText(bytes)).replace(/\s+/g, ' ');
    expect(text).not.toContain('Ký, ghi rõ họ tên');
    for (const s of [
      'Số: 12/QĐ-UBND',
      'Nguyễn Thị Hồng Nhung',
      'Ba trăm ba mươi lăm triệu hai trăm hai mươi lăm nghìn đồng',
    ])
      expect(text).toContain(s);
    // Twips: A4 is 11906 × 16838; 20 mm = 1134, 30 mm = 1701, 15 mm = 850.
    expect(await docxPage(bytes)).toMatchObject({
      w: 11906,
      h: 16838,
      top: 1134,
      bottom: 1134,
      left: 1701,
      right: 850,
    });
  });
});

describe("the conference's minutes", () => {
  it('give a conference over two days its dates, a line of typed proceedings a paragraph each, and an empty choice its words', () => {
    const text = lines(
      conferenceMinutes({
        province: PROVINCE,
        blockName: 'Khối các cơ quan Đảng',
        year: 2026,
        conference: {
          heldOn: '2026-12-18',
          endedOn: '2026-12-19',
          place: 'Hội trường Tỉnh ủy',
          chairUnit: 'Văn phòng Tỉnh ủy',
          chairPerson: null,
          secretaryName: 'Trần Thị Bình',
          attendance: [],
          committee: [],
          minutes: 'Khai mạc hội nghị.\n\n  Thảo luận, biểu quyết.  ',
        },
        results: [
          {
            contest: 'Đơn vị dẫn đầu khối (đề nghị Cờ thi đua)',
            units: ['Sở Văn hóa, Thể thao và Du lịch', 'Báo và Phát thanh, Truyền hình Lào Cai'],
          },
          { contest: 'Đề nghị Bằng khen của Chủ tịch UBND tỉnh', units: [] },
        ],
        memberCount: 9,
        voted: true,
        generatedAt: '2026-12-19T09:00:00Z',
      }),
    );
    expect(text).toEqual(
      expect.arrayContaining([
        'Thời gian: từ ngày 18 tháng 12 năm 2026 đến ngày 19 tháng 12 năm 2026.',
        'Chủ trì hội nghị: Văn phòng Tỉnh ủy.',
        'Khai mạc hội nghị.',
        'Thảo luận, biểu quyết.',
        // Nobody marked present or absent: blanks to fill in by hand rather than "0 present".
        'Tổng số đơn vị thành viên: 9; có mặt: ......; vắng mặt: .......',
        // Names hold commas: "; " between units.
        'Đơn vị dẫn đầu khối (đề nghị Cờ thi đua): Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Lào Cai.',
        'Đề nghị Bằng khen của Chủ tịch UBND tỉnh: không có đơn vị được chọn.',
      ]),
    );
  });

  it('leave lines of dots to write the proceedings in by hand when none were typed, not a note in the text', async () => {
    const model = conferenceMinutes({
      province: PROVINCE,
      blockName: 'Khối các cơ quan Đảng',
      year: 2026,
      conference: {
        heldOn: '2026-12-18',
        endedOn: null,
        place: 'Hội trường Tỉnh ủy',
        chairUnit: 'Văn phòng Tỉnh ủy',
        chairPerson: null,
        secretaryName: 'Trần Thị Bình',
        attendance: [],
        committee: [],
        minutes: '  \n ',
      },
      results: null,
      memberCount: 9,
      voted: false,
      generatedAt: '2026-12-19T09:00:00Z',
    });
    const at = model.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'III. Nội dung hội nghị');
    expect(model.blocks.slice(at + 1, at + 4)).toEqual([
      { kind: 'dottedLines', count: 6 },
      { kind: 'heading', text: 'IV. Kết quả bình xét, suy tôn' },
      // Nor a note that the conference did not vote on the platform: the results too are written by hand.
      { kind: 'dottedLines', count: 4 },
    ]);
    expect(lines(model).join('\n')).not.toMatch(/chưa bỏ phiếu/);
    expect(lines(model).join('\n')).not.toMatch(/chưa được ghi/);
    // In the PDF, six lines of dots from margin to margin between the two headings (and four for the results).
    const path = await keepDocument('unit-conference-minutes-unrecorded', await renderPdf(model));
    const text = await pdfText(path);
    expect(text).not.toContain('chưa được ghi');
    const between = text.slice(text.indexOf('III. Nội dung hội nghị'), text.indexOf('IV. Kết quả'));
    expect(between.match(/^\.{60,}$/gm)).toHaveLength(6);
    const page = (await pdfWords(path))[0]!;
    const dots = page.words.filter((w) => /^\.+$/.test(w.text) && w.text.length > 60);
    expect(dots).toHaveLength(6 + 4);
    for (const d of dots) {
      expect(d.xMin).toBeCloseTo(30 * MM, 0);
      expect(d.xMax).toBeGreaterThan(page.width - 15 * MM - 4);
      expect(d.xMax).toBeLessThanOrEqual(page.width - 15 * MM + 0.5);
    }
    // In Word, a tab to the right margin led by dots: ten of them, across the text's 165 mm (9354 twips).
    const xml = await documentXml(await renderDocx(model));
    expect(xml.match(/<w:tab w:val="right" w:pos="9354" w:leader="dot"\/>/g)).toHaveLength(6 + 4);
    expect(await docxText(await renderDocx(model))).not.toContain('chưa được ghi');
  });
});

describe('whom a document names', () => {
  const item = (name: string, unit: string | null, form: string) => ({
    name,
    unit,
    form,
    prizeVnd: 1_000_000,
  });
  const decided = (items: (typeof DECISION_INPUT)['items']) => lines(decision({ ...DECISION_INPUT, items }));
  const article = (ls: string[], n: number) => ls.find((l) => l.startsWith(`**Điều ${n}.**`));

  it("cite the Department's submission by its number and date when recorded, else the proposers alone", () => {
    const proposal = (ls: string[]) => ls.find((l) => l.startsWith('Theo đề nghị'));
    expect(
      proposal(
        lines(decision({ ...DECISION_INPUT, submission: { number: '15/TTr-SNV', date: '2027-01-12' } })),
      ),
    ).toBe(
      'Theo đề nghị của Hội đồng Thi đua - Khen thưởng và Giám đốc Sở Nội vụ tại Tờ trình số 15/TTr-SNV ngày 12 tháng 01 năm 2027.',
    );
    expect(proposal(decided(DECISION_INPUT.items))).toBe(
      'Theo đề nghị của Hội đồng Thi đua - Khen thưởng và Giám đốc Sở Nội vụ.',
    );
  });

  it('title the annex of a decision to collectives only "danh sách tập thể", and say "các tập thể" in it', async () => {
    const collectives = DECISION_INPUT.items.filter((i) => !i.unit);
    const ls = decided(collectives);
    expect(ls).toContain('DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG');
    expect(ls).toContain('I. TẬP THỂ (41)');
    expect(article(ls, 1)).toMatch(/^\*\*Điều 1\.\*\* Tặng thưởng các tập thể đã có thành tích xuất sắc/);
    expect(article(ls, 3)).toContain(' và các tập thể có tên tại Điều 1 ');
    expect(ls.join('\n')).not.toMatch(/cá nhân/i);
    const path = await keepDocument(
      'unit-decision-collectives',
      await renderPdf(decision({ ...DECISION_INPUT, items: collectives })),
    );
    expect((await pdfText(path)).replace(/\s+/g, ' ')).toContain(
      'DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG (Kèm theo',
    );
  });

  it('title the annex of a decision to people only "danh sách cá nhân", its one section numbered I', () => {
    const ls = decided([
      item('Nguyễn Thị Hồng Nhung', 'Báo Lào Cai', 'Chiến sĩ thi đua cấp tỉnh'),
      item('Trần Văn Nam', 'Văn phòng Tỉnh ủy', 'Bằng khen của Chủ tịch UBND tỉnh'),
    ]);
    expect(ls).toContain('DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG');
    expect(ls).toContain('I. CÁ NHÂN (2)');
    expect(article(ls, 1)).toMatch(/^\*\*Điều 1\.\*\* Tặng thưởng các cá nhân đã có thành tích xuất sắc/);
    expect(article(ls, 3)).toContain(' và các cá nhân có tên tại Điều 1 ');
    expect(ls.join('\n')).not.toMatch(/tập thể/i);
  });

  it('name both in a decision to both', () => {
    const ls = decided(DECISION_INPUT.items);
    expect(ls).toContain('DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG');
    expect(ls).toEqual(expect.arrayContaining(['I. TẬP THỂ (41)', 'II. CÁ NHÂN (1)']));
    expect(article(ls, 3)).toContain(' và các tập thể, cá nhân có tên tại Điều 1 ');
  });

  it('propose in a submission "các tập thể", "các cá nhân" or both, as its proposals are', () => {
    const proposal = (subject: string, individual: boolean) => ({
      subject,
      unit: 'Báo Lào Cai',
      individual,
      form: individual ? 'Chiến sĩ thi đua cấp tỉnh' : 'Bằng khen của Chủ tịch UBND tỉnh',
      grounds: ['Hoàn thành xuất sắc nhiệm vụ năm 2026.'],
    });
    const proposed = (proposals: ReturnType<typeof proposal>[]) => {
      const model = submission({
        province: PROVINCE,
        blockName: 'Khối các cơ quan Đảng',
        year: 2026,
        headUnit: 'Văn phòng Tỉnh ủy',
        signerName: null,
        signerTitle: 'Chánh Văn phòng',
        conferenceOn: '2026-12-05',
        date: '2026-12-08',
        proposals,
        attachments: [],
      });
      const ls = lines(model);
      const summary = model.blocks.find((b) => b.kind === 'table');
      return {
        subtitle: ls.find((l) => l.startsWith('Về việc đề nghị')),
        request: ls.find((l) => l.includes('kính trình'))?.replace(/^.* khen thưởng cho /, ''),
        column: summary?.kind === 'table' ? summary.columns[1]!.title : undefined,
      };
    };
    const unit = proposal('Báo Lào Cai', false);
    const person = proposal('Nguyễn Thị Hồng Nhung (Báo Lào Cai)', true);
    expect(proposed([unit, unit])).toEqual({
      subtitle: 'Về việc đề nghị khen thưởng năm 2026 cho các tập thể thuộc Khối các cơ quan Đảng',
      request: 'các tập thể sau:',
      column: 'Tập thể',
    });
    expect(proposed([person])).toEqual({
      subtitle: 'Về việc đề nghị khen thưởng năm 2026 cho các cá nhân thuộc Khối các cơ quan Đảng',
      request: 'các cá nhân sau:',
      column: 'Cá nhân',
    });
    expect(proposed([unit, person])).toEqual({
      subtitle: 'Về việc đề nghị khen thưởng năm 2026 cho các tập thể, cá nhân thuộc Khối các cơ quan Đảng',
      request: 'các tập thể, cá nhân sau:',
      column: 'Tập thể, cá nhân',
    });
  });
});

describe("the header's names", () => {
  // The left column of an A4 page with Decree 30's margins: 44% of 165 mm, in points.
  const column = 0.44 * 165 * MM;
  it('keep a name on one line, a little smaller when it must, rather than break it inside', () => {
    expect(headerName('HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG', column, true)).toEqual({
      lines: ['HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG'],
      size: 11,
    });
    expect(headerName('UBND TỈNH LÀO CAI', column, false)).toEqual({
      lines: ['UBND TỈNH LÀO CAI'],
      size: 12,
    });
  });
  it('break before the province rather than inside "Văn hóa - Xã hội", which names no commune', () => {
    expect(headerName('KHỐI THI ĐUA VĂN HÓA - XÃ HỘI TỈNH LÀO CAI', column, true).lines).toEqual([
      'KHỐI THI ĐUA VĂN HÓA - XÃ HỘI',
      'TỈNH LÀO CAI',
    ]);
  });
  it('never leave "tỉnh" (provincial) alone on a line: the name breaks before the group it names', () => {
    expect(headerName('KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH', column, true)).toEqual({
      lines: ['KHỐI THI ĐUA', 'CÁC CƠ QUAN ĐẢNG TỈNH'],
      size: 12,
    });
  });
  it('break a name too long for one line before its place, at 12 pt', () => {
    expect(headerName('BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY TỈNH LÀO CAI', column, true)).toEqual({
      lines: ['BAN TUYÊN GIÁO VÀ DÂN VẬN', 'TỈNH ỦY TỈNH LÀO CAI'],
      size: 12,
    });
  });
  it('keep the lines a decision sets itself: "ỦY BAN NHÂN DÂN" over the city, not broken inside "THÀNH PHỐ"', () => {
    expect(headerName('ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH', column, true)).toEqual({
      lines: ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HỒ CHÍ MINH'],
      size: 12,
    });
    expect(headerName('ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI', column, true).lines).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH LÀO CAI',
    ]);
    // Spaces typed around a line, or an empty line between, are not printed.
    expect(headerName(' ỦY BAN NHÂN DÂN \n\n TỈNH LÀO CAI ', column, true).lines).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH LÀO CAI',
    ]);
  });
  it('print the council on one line in the PDF and in Word', async () => {
    const minutes = councilMinutes(COUNCIL_SESSION);
    const path = await keepDocument('unit-council-header', await renderPdf(minutes));
    expect((await pdfText(path)).split('\n')).toContain('HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG');
    const docx = await renderDocx(minutes);
    expect((await docxText(docx)).split('\n')).toContain('HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG');
    // Word wraps by itself: the name's run is set at 11 pt (w:sz in half-points), which fits the column.
    expect(await documentXml(docx)).toMatch(
      /<w:sz w:val="22"\/>(?:(?!<\/w:r>).)*HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG/s,
    );
  });
});

/** The document's lines of text, in order (tables and signatures left out). */
const lines = (m: DocumentModel) => m.blocks.flatMap((b) => ('text' in b ? [b.text] : []));

describe('signatures', () => {
  it('never stand alone on a page: the closing paragraph goes over with them, however long the list', async () => {
    // From one proposal to a page and a half of them: somewhere the signatures would fall alone on a page.
    for (let n = 1; n <= 14; n++) {
      const model = submission({
        province: PROVINCE,
        blockName: 'Khối các sở tổng hợp',
        year: 2026,
        headUnit: 'Sở Tài chính',
        signerName: 'Nguyễn Văn An',
        signerTitle: 'Giám đốc',
        conferenceOn: '2026-12-05',
        date: '2026-12-08',
        proposals: Array.from({ length: n }, (_, i) => ({
          subject: `Đơn vị thứ ${i + 1}`,
          unit: `Đơn vị thứ ${i + 1}`,
          individual: false,
          form: 'Bằng khen của Chủ tịch UBND tỉnh',
          grounds: ['Hoàn thành xuất sắc nhiệm vụ năm 2026; xếp hạng theo điểm trong khối.'],
        })),
        attachments: ['Biên bản kiểm phiếu (do hệ thống lập)'],
      });
      const path = await keepDocument(`signatures-${n}`, await renderPdf(model));
      const pages = await pdfWords(path);
      const words = (page: (typeof pages)[number]) => page.words.map((w) => w.text).join(' ');
      const signed = pages.find((p) => words(p).includes('Nơi nhận'))!;
      expect(words(signed), `${n} proposals`).toContain('Kính trình Hội đồng');
    }
  }, 60_000);

  it("sign the council's minutes under their conclusion, not under the publication note alone", async () => {
    // From a short list to a page and a half: somewhere the signatures would fall on a page of their own, under
    // "Kết quả đã được công bố lúc …" alone (as they did with three nominations and three members).
    for (let n = 1; n <= 14; n++) {
      const model = councilMinutes({
        ...COUNCIL_SESSION,
        quorum: { percent: 80, needed: 3 },
        roll: ['Hoàng Quốc Khánh', 'Nguyễn Thị Thanh', 'Lê Văn Bình'].map((name) => ({ name, voted: true })),
        nominations: Array.from({ length: n }, (_, i) => ({
          subject: `Đơn vị thứ ${i + 1}`,
          form: 'Bằng khen của Chủ tịch UBND tỉnh',
          thresholdPercent: 50,
          thresholdMode: 'MORE_THAN' as const,
          yes: 3,
          percent: 100,
          approved: true,
          withdrawn: null,
        })),
      });
      const path = await keepDocument(`council-minutes-signatures-${n}`, await renderPdf(model));
      const pages = await pdfWords(path);
      const words = (page: (typeof pages)[number]) => page.words.map((w) => w.text).join(' ');
      const signed = pages.find((p) => words(p).includes('THƯ KÝ HỘI ĐỒNG'))!;
      // The whole closing section goes over with them: its heading, the conclusion, the note.
      for (const s of [
        '3. Kết luận',
        `Hội đồng thống nhất thông qua ${n} đề nghị.`,
        'Kết quả đã được công bố',
      ])
        expect(words(signed), `${n} nominations`).toContain(s);
    }
  }, 60_000);
});

describe("the block's submission", () => {
  it('is signed for the block by its head, under the signer’s own position (Decree 30/2020)', () => {
    const signed = (signerName: string | null, signerTitle: string, cluster?: string) =>
      submission({
        province: PROVINCE,
        blockName: cluster ?? 'Khối các sở tổng hợp',
        blockKind: cluster ? 'CLUSTER' : 'BLOCK',
        year: 2026,
        headUnit: 'Sở Tài chính',
        signerName,
        signerTitle,
        conferenceOn: '2026-12-05',
        date: '2026-12-08',
        proposals: [],
        attachments: [],
      }).blocks.flatMap((b) => (b.kind === 'signatures' ? b.columns.map((c) => c.title) : []));
    expect(signed('Nguyễn Văn An', 'Phó Giám đốc')).toEqual([
      ['TM. KHỐI CÁC SỞ TỔNG HỢP', 'TRƯỞNG KHỐI', 'PHÓ GIÁM ĐỐC'],
    ]);
    // Nobody named: no position to print, the name left to write by hand.
    expect(signed(null, 'Thủ trưởng đơn vị')).toEqual([['TM. KHỐI CÁC SỞ TỔNG HỢP', 'TRƯỞNG KHỐI']]);
    // A cluster of communes is signed for by its head as the cluster's, not a block's.
    expect(signed('Lý Văn Páo', 'Chủ tịch UBND xã', 'Cụm thi đua các xã vùng cao')).toEqual([
      ['TM. CỤM THI ĐUA CÁC XÃ VÙNG CAO', 'TRƯỞNG CỤM', 'CHỦ TỊCH UBND XÃ'],
    ]);
  });
});

describe('legal bases', () => {
  const SUBMISSION: Parameters<typeof submission>[0] = {
    province: PROVINCE,
    blockName: 'Khối các cơ quan Đảng',
    year: 2023,
    headUnit: 'Văn phòng Tỉnh ủy',
    signerName: null,
    signerTitle: 'Chánh Văn phòng',
    conferenceOn: '2023-12-01',
    date: '2023-12-03',
    proposals: [],
    attachments: [],
  };

  it("number a submission with the head unit's abbreviation when it records one", () => {
    const number = (headUnitCode?: string | null) =>
      JSON.stringify(submission({ ...SUBMISSION, headUnitCode })).match(/\/TTr[^"]*"/)?.[0];
    expect(number('VPTU')).toBe('/TTr-VPTU"');
    expect(number(null)).toBe('/TTr"');
    expect(number()).toBe('/TTr"');
  });

  it('cite in a 2023 submission the Law of 2003 and Decree 91/2017, not texts in force only from 2024', () => {
    const basis = lines(submission(SUBMISSION)).filter((l) => l.startsWith('Căn cứ'));
    expect(basis.slice(0, 2)).toEqual([
      'Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;',
      'Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
    ]);
    const text = JSON.stringify(submission(SUBMISSION));
    expect(text).not.toContain('98/2023');
    expect(text).not.toContain('2022');
    expect(JSON.stringify(submission({ ...SUBMISSION, year: 2024, date: '2025-01-10' }))).toContain(
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
    );
  });

  it.each([
    ['2023-12-31', '26 tháng 11 năm 2003', '91/2017', 'ngày 22 tháng 11 năm 2019'],
    ['2024-01-01', '15 tháng 6 năm 2022', '98/2023', 'ngày 22 tháng 11 năm 2019'],
    ['2025-02-28', '15 tháng 6 năm 2022', '98/2023', 'ngày 22 tháng 11 năm 2019'],
    ['2025-03-01', '15 tháng 6 năm 2022', '98/2023', 'ngày 19 tháng 02 năm 2025'],
    ['2025-06-15', '15 tháng 6 năm 2022', '98/2023', 'ngày 19 tháng 02 năm 2025'],
    ['2025-06-16', '15 tháng 6 năm 2022', '98/2023', 'ngày 16 tháng 6 năm 2025'],
    ['2025-06-30', '15 tháng 6 năm 2022', '98/2023', 'ngày 16 tháng 6 năm 2025'],
    ['2025-07-01', '15 tháng 6 năm 2022', '152/2025', 'ngày 16 tháng 6 năm 2025'],
  ])('on %s: the Law of %s, Decree %s, the local government Law of %s', (date, law, decree, local) => {
    const basis = legalBasis(date);
    expect(basis.emulationLaw).toMatch(new RegExp(`^Luật Thi đua, khen thưởng ngày ${law}`));
    expect(basis.emulationDecree).toMatch(new RegExp(`^Nghị định số ${decree}/NĐ-CP`));
    expect(basis.localGovernmentLaw).toMatch(new RegExp(`^Luật Tổ chức chính quyền địa phương .*${local}$`));
  });

  it("give one award's Article 1 as one sentence, and a title as a title", () => {
    const article1 = (items: (typeof DECISION_INPUT)['items']) =>
      lines(decision({ ...DECISION_INPUT, items }))
        .find((l) => l.startsWith('**Điều 1.**'))
        ?.replace(/\*\*/g, '');
    expect(article1(DECISION_INPUT.items.slice(0, 1))).toBe(
      'Điều 1. Tặng Cờ thi đua của UBND tỉnh cho 1 tập thể đã có thành tích xuất sắc trong phong trào thi đua năm 2026 (có danh sách kèm theo).',
    );
    expect(article1(DECISION_INPUT.items.slice(-1))).toBe(
      'Điều 1. Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh cho 1 cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2026 (có danh sách kèm theo).',
    );
  });

  it('name the local government Law in a decision, with its date', () => {
    const basis = (decisionDate: string) =>
      lines(decision({ ...DECISION_INPUT, decisionDate, items: DECISION_INPUT.items.slice(0, 1) })).filter(
        (l) => l.startsWith('Căn cứ'),
      );
    expect(basis('2024-12-20')).toEqual([
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
    ]);
    expect(basis('2020-06-30')[0]).toBe(
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    );
  });
});

describe("the council's minutes", () => {
  const nomination = (subject: string, yes: number, approved: boolean) => ({
    subject,
    form: 'Cờ thi đua của UBND tỉnh',
    thresholdPercent: 50,
    thresholdMode: 'MORE_THAN' as const,
    yes,
    percent: (yes / 3) * 100,
    approved,
    withdrawn: null as string | null,
  });
  const conclusion = (nominations: ReturnType<typeof nomination>[]) =>
    lines(councilMinutes({ ...COUNCIL_SESSION, nominations })).filter(
      (l) => l.startsWith('Hội đồng ') || l.startsWith('Các đề nghị') || l.startsWith('Không có'),
    );

  it('say "thống nhất" only when every vote was for, and leave out a clause that counts none', () => {
    expect(conclusion([nomination('Sở Tài chính', 3, true), nomination('Sở Nội vụ', 3, true)])).toEqual([
      'Hội đồng thống nhất thông qua 2 đề nghị.',
      'Các đề nghị được thông qua được trình Chủ tịch Ủy ban nhân dân tỉnh Lào Cai xem xét, quyết định khen thưởng.',
    ]);
    // Passed 2 to 1: passed, not unanimously.
    expect(conclusion([nomination('Sở Tài chính', 3, true), nomination('Sở Nội vụ', 2, true)])[0]).toBe(
      'Hội đồng thông qua 2 đề nghị.',
    );
    expect(conclusion([nomination('Sở Tài chính', 3, true), nomination('Sở Nội vụ', 1, false)])[0]).toBe(
      'Hội đồng thông qua 1 đề nghị; không thông qua 1 đề nghị.',
    );
    expect(conclusion([nomination('Sở Nội vụ', 1, false)])).toEqual(['Hội đồng không thông qua 1 đề nghị.']);
    const deferred = {
      ...nomination('Sở Nội vụ', 0, false),
      withdrawn: 'Hoãn xét khen thưởng: đang bị thanh tra.',
    };
    expect(conclusion([deferred])).toEqual(['Không có đề nghị nào được biểu quyết.']);
    // A deferred nomination counts neither way: the other one was still agreed by all.
    expect(conclusion([deferred, nomination('Sở Tài chính', 3, true)])[0]).toBe(
      'Hội đồng thống nhất thông qua 1 đề nghị.',
    );
  });

  it('keep "(Ký, ghi rõ họ tên)" under each signer', async () => {
    const model = councilMinutes({
      ...COUNCIL_SESSION,
      quorum: { percent: 80, needed: 3 },
      nominations: [nomination('Sở Tài chính', 2, true)],
      roll: [
        { name: 'Hoàng Quốc Khánh', voted: true },
        { name: 'Nguyễn Thị Thanh', voted: false },
      ],
    });
    const path = await keepDocument('unit-council-minutes', await renderPdf(model));
    const text = (await pdfText(path)).replace(/\s+/g, ' ');
    expect(text).toContain('Hội đồng thông qua 1 đề nghị.');
    // The members by name, and whether each voted.
    expect(text).toContain('1 Hoàng Quốc Khánh Có 2 Nguyễn Thị Thanh Không');
    expect(text.match(/\(Ký, ghi rõ họ tên\)/g)).toHaveLength(2);
  });
});

describe("the Department's submission to the Chairman", () => {
  const session: CouncilMinutesInput = {
    ...COUNCIL_SESSION,
    nominations: [
      ['Văn phòng Tỉnh ủy', 'Cờ thi đua của UBND tỉnh', 3, true, null, false],
      ['Nguyễn Thị Hoa (Sở Tư pháp)', 'danh hiệu Chiến sĩ thi đua cấp tỉnh', 2, true, null, true],
      ['Sở Y tế', 'Bằng khen của Chủ tịch UBND tỉnh', 1, false, null, false],
      ['Sở Xây dựng', 'Bằng khen của Chủ tịch UBND tỉnh', 0, false, 'Đang bị thanh tra.', false],
    ].map(([subject, form, yes, approved, withdrawn, individual]) => ({
      subject: subject as string,
      form: form as string,
      thresholdPercent: 50,
      thresholdMode: 'MORE_THAN' as const,
      yes: yes as number,
      percent: ((yes as number) / 3) * 100,
      approved: approved as boolean,
      withdrawn: withdrawn as string | null,
      individual: individual as boolean,
      block: subject === 'Văn phòng Tỉnh ủy' ? 'Khối các cơ quan Đảng' : 'Khối các sở quản lý nhà nước',
      year: 2026,
    })),
  };

  it("lists what the council passed for the Chairman's decision, with the minutes and the blocks' dossiers", async () => {
    const model = councilSubmission(session);
    expect(model.header?.issuer).toBe('SỞ NỘI VỤ');
    expect(model.header?.number).toMatch(/\/TTr-SNV$/);
    const path = await keepDocument('unit-council-submission', await renderPdf(model));
    const text = (await pdfText(path)).replace(/\s+/g, ' ');
    expect(text).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lào Cai.');
    expect(text).toContain(
      'Căn cứ kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng tỉnh Lào Cai ngày 10 tháng 01 năm 2027',
    );
    expect(text).toContain('quyết định khen thưởng cho 2 tập thể, cá nhân đã được Hội đồng thông qua');
    // Only what passed is put to the Chairman; the rest is said in one sentence, its detail in the minutes.
    expect(text).toContain('1 Văn phòng Tỉnh ủy Cờ thi đua của UBND tỉnh Khối các cơ quan Đảng 100');
    expect(text).toContain('2 Nguyễn Thị Hoa (Sở Tư pháp)');
    expect(text).not.toContain('Sở Y tế');
    expect(text).toContain(
      'Hội đồng không thông qua 1 đề nghị; 1 đề nghị được rút khỏi phiên họp để hoãn xét (chi tiết tại biên bản kèm theo); các đề nghị này không trình khen thưởng.',
    );
    // One proposal is "this proposal", not "these".
    const oneNotPassed = councilSubmission({
      ...session,
      nominations: session.nominations.filter((n) => n.subject !== 'Sở Xây dựng'),
    });
    expect(lines(oneNotPassed).join(' ')).toContain(
      'Hội đồng không thông qua 1 đề nghị (chi tiết tại biên bản kèm theo); đề nghị này không trình khen thưởng.',
    );
    expect(text).toContain('Hồ sơ đề nghị khen thưởng năm 2026 của Khối các cơ quan Đảng;');
    expect(text).toContain('Hồ sơ đề nghị khen thưởng năm 2026 của Khối các sở quản lý nhà nước.');
    // Only the dossiers of blocks with a proposal put to the Chairman.
    const flagOnly = councilSubmission({
      ...session,
      nominations: session.nominations.map((n) => ({ ...n, approved: n.subject === 'Văn phòng Tỉnh ủy' })),
    });
    expect(lines(flagOnly).join(' ')).toContain(
      'Hồ sơ đề nghị khen thưởng năm 2026 của Khối các cơ quan Đảng.',
    );
    expect(lines(flagOnly).join(' ')).not.toContain('Khối các sở quản lý nhà nước');
    expect(text).toContain('GIÁM ĐỐC');
    expect(text).not.toContain('Bản xem trước');
    // Who proposed: a block, a cluster, or both ("Khối, cụm") where the list holds both.
    const column = (m: CouncilMinutesInput) =>
      councilSubmission(m).blocks.flatMap((b) =>
        b.kind === 'table' ? b.columns.map((c) => c.title) : [],
      )[3];
    expect(column(session)).toBe('Khối đề nghị');
    const asClusters = (all: boolean) => ({
      ...session,
      nominations: session.nominations.map((n, i) => ({
        ...n,
        blockKind: all || i === 0 ? ('CLUSTER' as const) : ('BLOCK' as const),
      })),
    });
    expect(column(asClusters(true))).toBe('Cụm đề nghị');
    expect(column(asClusters(false))).toBe('Khối, cụm đề nghị');
    // Before the council's result is published it says it is a preview.
    expect(lines(councilSubmission({ ...session, publishedAt: null })).join(' ')).toContain('Bản xem trước');
  });

  it('is a draft numbered and dated by hand until a decision records its number and date, then prints them', () => {
    const draft = councilSubmission(session);
    expect(draft.header?.number).toMatch(/^\u00a0+\/TTr-SNV$/);
    // Not the day it is printed (10 January 2027): the clerk writes the day it is signed and numbered.
    expect(draft.header?.placeAndDate).toMatch(/^Lào Cai, ngày\u00a0+tháng\u00a0+năm 2027$/);
    const numbered = councilSubmission({
      ...session,
      submission: { number: '215/TTr-SNV', date: '2027-01-12' },
    });
    expect(numbered.header?.number).toBe('215/TTr-SNV');
    expect(numbered.header?.placeAndDate).toBe('Lào Cai, ngày 12 tháng 01 năm 2027');
    // The texts cited are those in force on its own date: a submission of 30 June 2025 cites Decree 98/2023.
    const before = councilSubmission({ ...session, submission: { number: '9/TTr-SNV', date: '2025-06-30' } });
    expect(lines(before).join(' ')).toContain('Nghị định số 98/2023/NĐ-CP');
    expect(lines(draft).join(' ')).toContain('Nghị định số 152/2025/NĐ-CP');
  });

  it('says there is nothing to submit when the council passed nothing', () => {
    const none = councilSubmission({
      ...session,
      nominations: session.nominations.map((n) => ({ ...n, approved: false })),
    });
    const text = lines(none).join(' ');
    expect(text).toContain('Hội đồng không thông qua đề nghị khen thưởng nào tại phiên họp này');
    expect(text).not.toContain('kính trình Chủ tịch Ủy ban nhân dân tỉnh Lào Cai xem xét, quyết định./.');
  });
});

describe("the block vote's minutes", () => {
  const minutes = (
    chairUnit: string | null,
    chairPerson: string | null,
  ): Parameters<typeof voteMinutes>[0] => ({
    province: PROVINCE,
    blockName: 'Khối các cơ quan Đảng',
    year: 2026,
    conference: {
      heldOn: '2026-12-18',
      place: 'Hội trường Văn phòng Tỉnh ủy',
      chairUnit,
      chairPerson,
      secretaryName: 'Lê Văn Đức',
      attendance: [
        {
          unit: 'Văn phòng Tỉnh ủy',
          present: true,
          representatives: ['Chánh Văn phòng'],
          absenceReason: null,
        },
      ],
      committee: [{ name: 'Phạm Thị Thu Hằng', role: 'Trưởng ban', unit: 'Báo Lào Cai' }],
    },
    rounds: [],
    decisions: [],
    publishedAt: '2026-12-18T04:00:00Z',
    generatedAt: '2026-12-18T05:00:00Z',
  });
  const chair = (m: Parameters<typeof voteMinutes>[0]) =>
    lines(voteMinutes(m)).find((l) => l.startsWith('Chủ trì hội nghị:'));

  it('name the chair unit, and its person when recorded; dots only when neither is', async () => {
    expect(chair(minutes('Văn phòng Tỉnh ủy', 'Nguyễn Thị Hồng Vân'))).toBe(
      'Chủ trì hội nghị: Nguyễn Thị Hồng Vân (Văn phòng Tỉnh ủy); thư ký hội nghị: Lê Văn Đức.',
    );
    expect(chair(minutes('Văn phòng Tỉnh ủy', null))).toBe(
      'Chủ trì hội nghị: Văn phòng Tỉnh ủy; thư ký hội nghị: Lê Văn Đức.',
    );
    expect(chair(minutes(null, null))).toMatch(/^Chủ trì hội nghị: \.+; thư ký/);
    const path = await keepDocument(
      'unit-vote-minutes',
      await renderPdf(voteMinutes(minutes('Văn phòng Tỉnh ủy', 'Nguyễn Thị Hồng Vân'))),
    );
    const text = (await pdfText(path)).replace(/\s+/g, ' ');
    expect(text).toContain('Chủ trì hội nghị: Nguyễn Thị Hồng Vân (Văn phòng Tỉnh ủy)');
    // Minutes keep the line under each of their three signers.
    expect(text.match(/\(Ký, ghi rõ họ tên\)/g)).toHaveLength(3);
  });

  it('print each position after the name in the text, and the name alone on the signature line', async () => {
    const m = minutes('Văn phòng Tỉnh ủy', 'Nguyễn Thị Hồng Vân');
    const model = voteMinutes({
      ...m,
      conference: {
        ...m.conference!,
        chairPosition: 'Chánh Văn phòng Tỉnh ủy',
        secretaryPosition: 'Chuyên viên',
      },
    });
    // The position names the unit already: it is not said twice.
    expect(lines(model).find((l) => l.startsWith('Chủ trì hội nghị:'))).toBe(
      'Chủ trì hội nghị: Nguyễn Thị Hồng Vân, Chánh Văn phòng Tỉnh ủy; thư ký hội nghị: Lê Văn Đức, Chuyên viên.',
    );
    const unitapart = voteMinutes({
      ...m,
      conference: { ...m.conference!, chairPosition: 'Chánh Văn phòng' },
    });
    expect(lines(unitapart).find((l) => l.startsWith('Chủ trì hội nghị:'))).toMatch(
      /^Chủ trì hội nghị: Nguyễn Thị Hồng Vân, Chánh Văn phòng \(Văn phòng Tỉnh ủy\); /,
    );
    const names = model.blocks.flatMap((b) => (b.kind === 'signatures' ? b.columns : [])).map((c) => c.name);
    expect(names).toContain('Lê Văn Đức');
    expect(names).toContain('Nguyễn Thị Hồng Vân');
    const path = await keepDocument('unit-vote-minutes-positions', await renderPdf(model));
    expect((await pdfText(path)).replace(/\s+/g, ' ')).toContain('thư ký hội nghị: Lê Văn Đức, Chuyên viên.');
  });

  it("name a cluster's head and deputy as the cluster's when they decided a seat the rounds left empty", () => {
    const decided = (blockKind: 'BLOCK' | 'CLUSTER') =>
      lines(
        voteMinutes({
          ...minutes('Văn phòng Tỉnh ủy', null),
          blockKind,
          decisions: [
            {
              contest: 'Đề nghị Bằng khen của Chủ tịch UBND tỉnh',
              units: ['Xã Bát Xát'],
              proposedBy: 'Xã Sa Pa',
              confirmedBy: 'Xã Mường Hum',
            },
          ],
        }),
      ).filter((l) => /Trưởng|Phó/.test(l));
    expect(decided('CLUSTER')).toEqual([
      'Quyết định của đơn vị Trưởng cụm và Phó cụm',
      'Đối với các suất chưa có đơn vị trúng cử sau vòng bỏ phiếu cuối cùng, đơn vị Trưởng cụm và Phó cụm thống nhất:',
    ]);
    expect(decided('BLOCK')[0]).toBe('Quyết định của đơn vị Trưởng khối và Phó khối');
  });
});

describe("the minutes' rounds", () => {
  const round = (method: 'ONLINE' | 'PAPER') => ({
    round: 1,
    method,
    openedAt: '2026-12-18T01:30:00Z',
    closedAt: '2026-12-18T04:31:00Z',
    thresholdPercent: 50,
    thresholdMode: 'MORE_THAN' as const,
    eligible: 5,
    votesNeeded: 3,
    contests: [],
  });
  const when = (method: 'ONLINE' | 'PAPER') =>
    lines(
      voteMinutes({
        province: PROVINCE,
        blockName: 'Khối các sở tổng hợp',
        year: 2026,
        conference: null,
        rounds: [round(method)],
        decisions: [],
        publishedAt: '2026-12-18T05:00:00Z',
        generatedAt: '2026-12-18T05:00:00Z',
      }),
    ).find((l) => l.includes('Ngưỡng trúng cử: trên 50% tổng số 5 thành viên (ít nhất 3 phiếu)'));

  it('leave the day and place to fill in by hand when the conference was not recorded, not a note about the platform', () => {
    const text = lines(
      voteMinutes({
        province: PROVINCE,
        blockName: 'Khối các sở tổng hợp',
        year: 2026,
        conference: null,
        rounds: [round('PAPER')],
        decisions: [],
        publishedAt: '2026-12-18T05:00:00Z',
        generatedAt: '2026-12-18T05:00:00Z',
      }),
    );
    expect(text).toContain(
      'Hôm nay, ngày ...... tháng ...... năm ......, tại ............................................................, Khối các sở tổng hợp tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 và bình xét thi đua bằng hình thức bỏ phiếu kín.',
    );
    expect(text.join('\n')).not.toMatch(/chưa được ghi nhận/);
  });

  it('say that an online ballot reached the absent units too, so the counts and the attendance agree', () => {
    const attendance = (present: boolean) => ({
      unit: 'Báo và Phát thanh, Truyền hình Lào Cai',
      present,
      representatives: [],
      absenceReason: present ? null : 'Đi công tác',
    });
    const withAbsent = (method: 'ONLINE' | 'PAPER', present: boolean) =>
      lines(
        voteMinutes({
          province: PROVINCE,
          blockName: 'Khối các sở tổng hợp',
          year: 2026,
          conference: {
            heldOn: '2026-12-18',
            place: 'Hội trường Sở Tài chính',
            chairUnit: null,
            chairPerson: null,
            secretaryName: null,
            attendance: [attendance(present)],
            committee: [],
          },
          rounds: [round(method)],
          decisions: [],
          publishedAt: '2026-12-18T05:00:00Z',
          generatedAt: '2026-12-18T05:00:00Z',
        }),
      ).find((l) => l.includes('Ngưỡng trúng cử'));
    expect(withAbsent('ONLINE', false)).toContain(
      'Phiếu bầu trực tuyến được phát cho cả 5 đơn vị thành viên, kể cả đơn vị vắng mặt tại hội nghị.',
    );
    expect(withAbsent('ONLINE', true)).not.toContain('vắng mặt');
    expect(withAbsent('PAPER', false)).not.toContain('vắng mặt');
  });

  it('say a contest\'s result a sentence a line, its units apart by "; " as their names hold commas', () => {
    const [culture, press, finance] = [
      'Sở Văn hóa, Thể thao và Du lịch',
      'Báo và Phát thanh, Truyền hình Lào Cai',
      'Sở Tài chính',
    ] as const;
    // Two seats; the culture department first with 4 of 5; the press and finance on 3 each for the second.
    const result = (way: 'TIE_BROKEN' | 'TIE_LEFT' | 'THRESHOLD') => {
      const second = way === 'THRESHOLD' ? 2 : 3;
      return lines(
        voteMinutes({
          province: PROVINCE,
          blockName: 'Khối các sở tổng hợp',
          year: 2026,
          conference: null,
          rounds: [
            {
              ...round('ONLINE'),
              contests: [
                {
                  title: 'Đơn vị dẫn đầu khối (đề nghị Cờ thi đua của UBND tỉnh)',
                  seats: 2,
                  issued: 5,
                  returned: 5,
                  valid: 5,
                  invalid: 0,
                  blank: 0,
                  candidates: [
                    [culture, 4, true],
                    [press, second, way === 'TIE_BROKEN'],
                    [finance, second, false],
                  ].map(([name, votes, elected]) => ({
                    name: name as string,
                    votes: votes as number,
                    percent: ((votes as number) / 5) * 100,
                    reached: (votes as number) >= 3,
                    elected: elected as boolean,
                  })),
                  unfilled: way === 'TIE_BROKEN' ? 0 : 1,
                  shortfall: way === 'TIE_BROKEN' ? null : way === 'TIE_LEFT' ? 'TIE' : 'THRESHOLD',
                  tied: way === 'TIE_LEFT' ? [press, finance] : [],
                  tieBreak:
                    way === 'TIE_BROKEN'
                      ? { among: [press, finance], chosen: [press], rule: 'điểm tổng kết cao hơn' }
                      : null,
                },
              ],
            },
          ],
          decisions:
            way === 'TIE_BROKEN'
              ? []
              : [
                  {
                    contest: 'Đơn vị dẫn đầu khối (đề nghị Cờ thi đua của UBND tỉnh)',
                    units: [press],
                    proposedBy: culture,
                    confirmedBy: 'Sở Y tế',
                  },
                ],
          publishedAt: '2026-12-18T05:00:00Z',
          generatedAt: '2026-12-18T05:00:00Z',
        }),
      );
    };
    expect(result('TIE_BROKEN')).toEqual(
      expect.arrayContaining([
        `Trúng cử: ${culture}; ${press}.`,
        `Bằng số phiếu ở suất cuối cùng: ${press}; ${finance}. Được chọn vì điểm tổng kết cao hơn (thứ tự phân định khi bằng nhau): ${press}.`,
      ]),
    );
    expect(result('TIE_LEFT')).toEqual(
      expect.arrayContaining([
        `Trúng cử: ${culture}.`,
        `Còn 1 suất chưa có đơn vị trúng cử do bằng phiếu giữa: ${press}; ${finance}.`,
        `Đơn vị dẫn đầu khối (đề nghị Cờ thi đua của UBND tỉnh): ${press} (do ${culture} đề xuất, Sở Y tế nhất trí).`,
      ]),
    );
    expect(result('THRESHOLD')).toContain(
      'Còn 1 suất chưa có đơn vị trúng cử do không đơn vị nào đạt ngưỡng.',
    );
  });

  it('give an online round its voting time, and a paper round when its count was confirmed, not a voting time', () => {
    expect(when('ONLINE')).toMatch(
      /^Thời gian bỏ phiếu từ 08 giờ 30 ngày 18\/12\/2026 đến 11 giờ 31 ngày 18\/12\/2026\. /,
    );
    expect(when('PAPER')).toMatch(
      /^Số liệu theo biên bản của Ban kiểm phiếu, được xác nhận trên hệ thống lúc 11 giờ 31 ngày 18\/12\/2026\. /,
    );
  });
});

describe("the minutes' contests", () => {
  const TITLES = [
    'Đơn vị dẫn đầu khối (đề nghị Cờ thi đua của UBND tỉnh)',
    'Đề nghị Bằng khen của Chủ tịch UBND tỉnh',
    'Đơn vị Trưởng khối năm sau',
    'Đơn vị Phó khối năm sau',
  ];
  /** One round of four contests, with `candidates[i]` units on the ballot of contest i. */
  const minutes = (candidates: number[]) =>
    voteMinutes({
      province: PROVINCE,
      blockName: 'Khối các cơ quan Đảng',
      year: 2026,
      conference: null,
      rounds: [
        {
          round: 1,
          method: 'ONLINE',
          openedAt: '2026-12-18T01:30:00Z',
          closedAt: '2026-12-18T04:31:00Z',
          thresholdPercent: 50,
          thresholdMode: 'MORE_THAN',
          eligible: 7,
          votesNeeded: 4,
          contests: TITLES.map((title, i) => ({
            title,
            seats: 1,
            issued: 7,
            returned: 7,
            valid: 7,
            invalid: 0,
            blank: 0,
            candidates: Array.from({ length: candidates[i]! }, (_, j) => ({
              name: `Đơn vị thành viên số ${j + 1}`,
              votes: 7 - j,
              percent: ((7 - j) / 7) * 100,
              reached: j < 3,
              elected: j === 0,
            })),
            unfilled: 0,
            shortfall: null,
            tied: [],
            tieBreak: null,
          })),
        },
      ],
      decisions: [],
      publishedAt: '2026-12-18T05:00:00Z',
      generatedAt: '2026-12-18T05:00:00Z',
    });

  it("keep every contest's heading bold, on a page of its own as on the first, and with its counts", async () => {
    // Ballots of different lengths move the fourth contest's heading over the page's end: in some of these
    // the text runs over the bottom margin on the heading itself, and pdfkit starts the next page.
    // With eight units on the first ballot, the third contest's heading fell alone at the first page's foot.
    const cases = [1, 2, 3].flatMap((first) => [1, 2, 3, 4].map((third) => [first, third] as const));
    let opensPage = 0;
    for (const [first, third] of [...cases, [8, 1] as const]) {
      const path = await keepDocument(
        `unit-vote-minutes-${first}-${third}`,
        await renderPdf(minutes([first, 3, third, 3])),
      );
      const runs = await pdfRuns(path);
      for (const [i, title] of TITLES.entries()) {
        // In bold, and apart from the regular words after it (one run would be one font).
        const heading = runs.find((r) => r.text.startsWith(`${i + 1}. ${title}`));
        expect(heading, `${first}, ${third}: ${title}, page ${heading?.page}`).toMatchObject({
          text: `${i + 1}. ${title}`,
          font: 'LiberationSerif-Bold',
        });
        expect(runs[runs.indexOf(heading!) + 1]).toMatchObject({
          text: '(bầu 1 đơn vị)',
          font: 'LiberationSerif',
        });
        // Not alone at a page's foot: the counts under it start on its page.
        const counts = runs.find(
          (r, j) => j > runs.indexOf(heading!) && r.text.startsWith('- Số phiếu phát ra'),
        );
        expect(counts?.page, `${first}, ${third}: ${title}`).toBe(heading!.page);
        const page = runs.filter((r) => r.page === heading!.page && !/^\d+$/.test(r.text));
        if (heading!.page > 1 && page[0] === heading) opensPage++;
      }
    }
    // Not vacuous: some heading did open a page.
    expect(opensPage).toBeGreaterThan(0);
    // In Word too, each contest's heading is kept with the counts under it.
    const kept = await docxKeptWithNext(await renderDocx(minutes([8, 3, 1, 3])));
    for (const [i, title] of TITLES.entries()) expect(kept).toContain(`${i + 1}. ${title} (bầu 1 đơn vị)`);
  }, 60_000);
});

describe('certificates', () => {
  it('print one landscape page per awardee with each field where the layout puts it', async () => {
    const model = certificates({
      province: PROVINCE,
      layout: DEFAULT_CERTIFICATE_LAYOUT,
      decision: {
        numberText: '12/QĐ-UBND',
        decisionDate: '2027-01-15',
        issuerName: 'UBND tỉnh Lào Cai',
        signerName: 'Trịnh Xuân Trường',
        signerTitle: 'Chủ tịch',
      },
      years: [2026],
      form: null,
      awardees: [
        {
          name: 'Văn phòng Tỉnh ủy',
          unit: null,
          form: 'Cờ thi đua của UBND tỉnh',
          leads: true,
          block: 'Khối thi đua các cơ quan Đảng tỉnh',
        },
        {
          name: 'Nguyễn Thị Hồng Nhung',
          unit: 'Báo Lào Cai',
          form: 'Chiến sĩ thi đua cấp tỉnh',
          leads: false,
        },
      ],
    });
    const path = await keepDocument('unit-certificates', await renderPdf(model));
    const info = await pdfInfo(path);
    expect(info.Pages).toBe('2');
    expect(info['Page size']).toMatch(/^841\.8\d* x 595\.2\d* pts/);
    const pages = await pdfWords(path);
    const word = (page: number, text: string) => pages[page - 1]!.words.find((w) => w.text === text)!;
    // The recipient's line sits at the layout's y (its top within a line of 22 pt), centred on x.
    const recipient = DEFAULT_CERTIFICATE_LAYOUT.fields.recipient;
    const nhung = [word(2, 'Nguyễn'), word(2, 'Nhung')];
    expect(Math.abs(nhung[0]!.yMin - recipient.y * MM)).toBeLessThan(6);
    expect(Math.abs((nhung[0]!.xMin + nhung[1]!.xMax) / 2 - recipient.x * MM)).toBeLessThan(3);
    expect(word(2, 'Báo')).toBeDefined();
    expect(word(1, 'Trường')).toBeDefined();
    // The flag names the block its unit led.
    expect(pages[0]!.words.map((w) => w.text).join(' ')).toContain(
      'Đơn vị dẫn đầu phong trào thi đua năm 2026 của Khối thi đua các cơ quan Đảng tỉnh',
    );
  });

  it('centre a centred field on its x when the layout gives it no width, in the PDF and in Word', async () => {
    const recipient = { ...DEFAULT_CERTIFICATE_LAYOUT.fields.recipient, width: null };
    const signerTitle = { ...DEFAULT_CERTIFICATE_LAYOUT.fields.signerTitle, width: null };
    const model = certificates({
      province: PROVINCE,
      layout: {
        ...DEFAULT_CERTIFICATE_LAYOUT,
        fields: { ...DEFAULT_CERTIFICATE_LAYOUT.fields, recipient, signerTitle },
      },
      decision: {
        numberText: '12/QĐ-UBND',
        decisionDate: '2027-01-15',
        issuerName: 'UBND tỉnh Lào Cai',
        signerName: 'Trịnh Xuân Trường',
        signerTitle: 'Phó Chủ tịch',
      },
      years: [2026],
      form: null,
      awardees: [{ name: 'Sở Tài chính', unit: null, form: FORM_WORDS.MERIT_PROVINCE, leads: false }],
    });
    const path = await keepDocument('unit-certificates-no-width', await renderPdf(model));
    const words = (await pdfWords(path))[0]!.words;
    const [first, last] = [words.find((w) => w.text === 'Sở')!, words.find((w) => w.text === 'chính')!];
    // It started at x before: its middle was half its length to the right.
    expect(Math.abs((first.xMin + last.xMax) / 2 - recipient.x * MM)).toBeLessThan(3);
    // Each line of a title of two ("KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH") is centred on x, not only the longest.
    const kt = words.find((w) => w.text === 'KT.')!;
    const lineOf = (y: number) => words.filter((w) => Math.abs(w.yMin - y) < 2);
    for (const line of [lineOf(kt.yMin), lineOf(words.find((w) => w.text === 'PHÓ')!.yMin)]) {
      const middle = (Math.min(...line.map((w) => w.xMin)) + Math.max(...line.map((w) => w.xMax))) / 2;
      expect(Math.abs(middle - signerTitle.x * MM)).toBeLessThan(3);
    }
    // Word: its frame spans 100 mm either side of x (1 mm = 56.7 twips).
    const frame = new RegExp(
      `<w:framePr [^>]*w:w="(\\d+)"[^>]*w:x="(\\d+)"|<w:framePr [^>]*w:x="(\\d+)"[^>]*w:w="(\\d+)"`,
    );
    const xml = await documentXml(await renderDocx(model));
    const paragraph = xml.split('</w:p>').find((p) => p.includes('Sở Tài chính'))!;
    const m = frame.exec(paragraph)!;
    const [w, x] = m[1] ? [Number(m[1]), Number(m[2])] : [Number(m[4]), Number(m[3])];
    expect(Math.abs(x + w / 2 - recipient.x * 56.7)).toBeLessThan(30);
    expect(Math.abs(w - 200 * 56.7)).toBeLessThan(30);
  });

  it("give every form's certificates as DOCX too: on the blank's edge-to-edge page, no margin negative", async () => {
    const AWARDEES: CertificatesInput['awardees'] = [
      {
        name: 'Văn phòng Tỉnh ủy',
        unit: null,
        form: FORM_WORDS.FLAG_PROVINCE,
        leads: true,
      },
      { name: 'Sở Tài chính', unit: null, form: FORM_WORDS.MERIT_PROVINCE, leads: false },
      { name: 'Nguyễn Thị Hồng Nhung', unit: 'Báo Lào Cai', form: FORM_WORDS.CSTD_PROV, leads: false },
    ];
    const input = (form: string | null, o: Partial<CertificatesInput> = {}): CertificatesInput => ({
      province: PROVINCE,
      layout: DEFAULT_CERTIFICATE_LAYOUT,
      decision: {
        numberText: '12/QĐ-UBND',
        decisionDate: '2027-01-15',
        issuerName: 'UBND tỉnh Lào Cai',
        signerName: 'Trịnh Xuân Trường',
        signerTitle: 'Chủ tịch',
      },
      years: [2026],
      form,
      awardees: AWARDEES.filter((a) => form === null || a.form === form),
      ...o,
    });
    // Each form on its own blank, all of them together, a vice-chairman's signature, an A3 blank.
    const cases: [string, CertificatesInput][] = [
      ...Object.entries(FORM_WORDS).map(([key, form]): [string, CertificatesInput] => [key, input(form)]),
      ['all', input(null)],
      ['deputy', input(null, { decision: { ...input(null).decision, signerTitle: 'Phó Chủ tịch' } })],
      ['a3', input(null, { layout: { ...DEFAULT_CERTIFICATE_LAYOUT, paper: 'A3' } })],
    ];
    for (const [name, data] of cases) {
      const bytes = await renderDocx(certificates(data));
      expect(bytes.length, name).toBeGreaterThan(0);
      await keepDocument(`unit-certificates-${name}`, bytes, 'docx');
      // It opens (unzip reads its document), with every awardee's name and the signer.
      const text = await docxText(bytes);
      for (const a of data.awardees) expect(text, name).toContain(a.name);
      expect(text, name).toContain('Trịnh Xuân Trường');
      if (name === 'deputy') expect(text).toContain('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
      // Landscape, edge to edge; the header's distance is not below zero (twips: A4 is 16838 × 11906 lying).
      const page = await docxPage(bytes);
      expect(page, name).toMatchObject({ top: 0, bottom: 0, left: 0, right: 0, header: 0 });
      expect([page.w, page.h], name).toEqual(name === 'a3' ? [23811, 16838] : [16838, 11906]);
    }
  });
});
