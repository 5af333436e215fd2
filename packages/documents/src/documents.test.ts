import { describe, expect, it } from 'vitest';
import { docxPage, docxText, keepDocument, pdfFonts, pdfInfo, pdfText, pdfWords } from '@thidua/testing';
import {
  amountInWords,
  certificates,
  dateInWords,
  decision,
  DEFAULT_CERTIFICATE_LAYOUT,
  formatNumber,
  renderDocx,
  renderPdf,
} from './index';
import { dayInVietnam } from './kinds/common';
import { renderLines } from './template';

const MM = 72 / 25.4;
const PROVINCE = { name: 'Lào Cai', kind: 'PROVINCE' };

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
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('98/2023');
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
      awardees: [
        { name: 'Văn phòng Tỉnh ủy', unit: null, form: 'Cờ thi đua của UBND tỉnh' },
        { name: 'Nguyễn Thị Hồng Nhung', unit: 'Báo Lào Cai', form: 'Chiến sĩ thi đua cấp tỉnh' },
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
  });
});
