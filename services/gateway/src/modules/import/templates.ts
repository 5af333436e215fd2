import ExcelJS from 'exceljs';
import type { KindSpec } from './check-kit';

const DATE_KEYS = new Set(['validFrom', 'validTo', 'from', 'to']);
const header = (c: KindSpec['columns'][number]) => (c.required ? `${c.header} *` : c.header);

/**
 * The kind's template: its columns (required ones marked *) and one example row in Vietnamese, and a second sheet
 * saying what each column takes. Date and year columns are text, so Excel keeps 01/07/2025 as typed instead of
 * reading it in the computer's locale.
 */
export async function templateXlsx(spec: KindSpec, maxRows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Thi đua – Khen thưởng';
  const sheet = book.addWorksheet(spec.title);
  const example = exampleRow(spec);
  sheet.columns = spec.columns.map((c, i) => ({
    header: header(c),
    key: c.key,
    // As wide as the longer of its heading and example cell (the example is read whole), within reason.
    width: Math.max(16, Math.min(48, Math.max(example[i]!.length, header(c).length) + 4)),
    style: DATE_KEYS.has(c.key) || /Years$|^year$/.test(c.key) ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(example.map((cell, i) => [spec.columns[i]!.key, cell])));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // A fixed list is picked from, not typed: its labels in a drop-down on every row a file may have (IMPORT_MAX_ROWS)
  // below the heading. Excel's list
  // holds 255 characters and splits on commas: a longer list is only described on the guide sheet.
  spec.columns.forEach((c, i) => {
    const labels = c.options && Object.values(c.options).map((l) => l[0]!);
    const list = labels?.join(',');
    if (!list || list.length > 250 || labels!.some((l) => l.includes(',') || l.includes('"'))) return;
    const column = sheet.getColumn(i + 1).letter;
    validations(sheet).add(`${column}2:${column}${maxRows + 1}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${list}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c.header,
      error: `Chọn một trong: ${labels!.join('; ')}.`,
    });
  });

  const guide = book.addWorksheet('Hướng dẫn');
  guide.columns = [
    { header: 'Cột', key: 'column', width: 24 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Nội dung', key: 'note', width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of spec.columns)
    guide.addRow({ column: c.header, required: c.required ? 'Có' : '', note: c.note });
  guide.addRow({});
  guide.addRow({
    column: 'Lưu ý',
    note:
      `Xóa dòng ví dụ (ô đầu bắt đầu bằng "${EXAMPLE_MARK}") trước khi nhập. Chỉ đọc trang tính đầu tiên; dòng 1 là tiêu đề. ` +
      'Ô trống ở cột không bắt buộc giữ nguyên dữ liệu đã có. Tên phải viết đúng như tên đã có trong hệ thống.',
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same as CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese). */
export function templateCsv(spec: KindSpec): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const line = (cells: string[]) => cells.map(field).join(',');
  return `\uFEFF${line(spec.columns.map(header))}\r\n${line(exampleRow(spec))}\r\n`;
}

/** exceljs's validations by range (one rule for a column, not one per cell), which its types do not declare. */
const validations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;

/** Opens the example row's first cell: a row left in a file with it is refused (check-kit's mapRows). */
export const EXAMPLE_MARK = 'Ví dụ, xóa dòng này:';

/** The template's example row: its first cell marked, so that it is never taken for a province's own data. */
const exampleRow = (spec: KindSpec) =>
  spec.columns.map((c, i) => (i === 0 ? `${EXAMPLE_MARK} ${c.example}` : c.example));
