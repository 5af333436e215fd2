import ExcelJS from 'exceljs';
import { provinceTitle, type ProvinceName } from '@thidua/domain';
import type { StatisticsForm } from './statistics.forms';

/** What a cell the platform does not hold shows: a dash, explained in the form's notes, never a bare blank. */
export const NOT_HELD = '—';
export const NOT_HELD_NOTE = `Dấu “${NOT_HELD}”: không theo dõi trên hệ thống.`;

/** The footer every statistics form ends with: place and date, the preparer's and the head's signatures. */
export const SIGNATURES = {
  preparer: ['NGƯỜI LẬP BIỂU', '(Ký, ghi rõ họ tên)'],
  head: ['THỦ TRƯỞNG ĐƠN VỊ', '(Ký, đóng dấu, ghi rõ họ tên)'],
} as const;
/** "Lào Cai, ngày … tháng … năm 20…": dated by hand when signed, as the forms' blank date is. */
export const placeAndBlankDate = (province: ProvinceName) => `${province.name}, ngày … tháng … năm 20…`;

const LABEL_WIDTH = 42;
const COLUMN_WIDTH = 18;
/**
 * Wider than this (in Excel's character units), a form prints in landscape: an A4 portrait page holds about 94
 * at full size, so up to this it prints at four fifths or more, on one page where landscape would need two.
 */
const PORTRAIT_MAX_WIDTH = 120;
/** The administrative documents' font (as the platform's DOCX), at the forms' sizes. */
const font = (f: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
  name: 'Times New Roman',
  size: 12,
  ...f,
});

/**
 * The lines `text` wraps to in `width` of Excel's character units: words laid greedily, as Excel does. Generous
 * on purpose (a line is taken to hold fewer characters than it does; bold and capitals fewer still): an empty
 * line at the bottom is harmless, a hidden one is not. `margin`: the share of a line counted on; merged rows,
 * which no application fits, take the default, a single cell a little more.
 */
export function wrappedLines(
  text: string,
  width: number,
  font: Partial<ExcelJS.Font> = {},
  margin = 0.85,
): number {
  // A character unit is the width of a digit in the workbook's default font: about one average letter of
  // 12-point Times New Roman (LibreOffice's rendering holds some 10% more). Bold and capitals are wider.
  const size = font.size ?? 12;
  const upper = text === text.toUpperCase() && /\p{L}/u.test(text);
  const perLine = Math.max(
    1,
    Math.floor(((width - 1) * margin * 12 * (font.bold ? 0.92 : 1) * (upper ? 0.85 : 1)) / size),
  );
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (used && used + 1 + word.length <= perLine) used += 1 + word.length;
      else {
        // On a line of its own (a word longer than a line takes several).
        if (used) lines++;
        lines += Math.ceil(word.length / perLine) - 1;
        used = word.length % perLine || perLine;
      }
    }
  }
  return lines;
}

/** Points for `lines` lines at `size` points: room for Vietnamese letters stacked with two marks (Ấ, Ễ). */
export const rowHeight = (lines: number, size = 12) => Math.ceil(lines * size * 1.4 + 4);

const columnWidth = (ws: ExcelJS.Worksheet, from: number, to: number) => {
  let w = 0;
  for (let c = from; c <= to; c++) w += ws.getColumn(c).width ?? COLUMN_WIDTH;
  return w;
};

/**
 * One worksheet per form, headed as the Circular's forms are (form number, title, unit reporting, period) and
 * closed as they are (place and date, the preparer's and the head's signatures); printed on A4, one page wide.
 */
export async function statisticsWorkbook(
  forms: StatisticsForm[],
  heading: { province: ProvinceName; year: number },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Thi đua – Khen thưởng';
  for (const form of forms) {
    const ws = book.addWorksheet(`Biểu ${form.code}`);
    const width = form.columns.length + 1;
    // Widths first: the rows' heights are counted from them.
    ws.getColumn(1).width = LABEL_WIDTH;
    for (let c = 2; c <= width; c++) ws.getColumn(c).width = COLUMN_WIDTH;
    // Excel and LibreOffice do not fit a merged row's height to its text: each merged row is given the height
    // its wrapped text needs, from the merged columns' width.
    const merged = (
      row: ExcelJS.Row,
      parts: {
        from: number;
        to: number;
        text: string;
        font: Partial<ExcelJS.Font>;
        horizontal?: 'left' | 'center';
      }[],
    ) => {
      let height = 0;
      for (const p of parts) {
        row.getCell(p.from).value = p.text;
        if (p.to > p.from) ws.mergeCells(row.number, p.from, row.number, p.to);
        const cell = row.getCell(p.from);
        cell.font = p.font;
        cell.alignment = { horizontal: p.horizontal ?? 'center', vertical: 'top', wrapText: true };
        height = Math.max(
          height,
          rowHeight(wrappedLines(p.text, columnWidth(ws, p.from, p.to), p.font), p.font.size),
        );
      }
      row.height = height;
      return row;
    };
    const line = (text: string, f: Partial<ExcelJS.Font> = {}, horizontal?: 'left') =>
      merged(ws.addRow([]), [{ from: 1, to: width, text, font: font(f), horizontal }]);

    line(`Biểu số ${form.code} (Thông tư số 02/2023/TT-BNV)`, { italic: true });
    line(form.title.toUpperCase(), { bold: true, size: 13 });
    line(`Năm ${heading.year}`);
    // The province's statistics go from its Sở Nội vụ (which holds the emulation secretariat) to the Ministry.
    line(`Đơn vị báo cáo: Sở Nội vụ ${provinceTitle(heading.province)}`);
    line('Đơn vị nhận báo cáo: Bộ Nội vụ');
    ws.addRow([]);
    const header = ws.addRow(['Chỉ tiêu', ...form.columns]);
    header.font = font({ bold: true });
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    // Not merged, but its long column names are set as well: a height stored is one no reader has to guess.
    header.height = rowHeight(
      Math.max(
        ...['Chỉ tiêu', ...form.columns].map((t, i) =>
          wrappedLines(t, ws.getColumn(i + 1).width ?? COLUMN_WIDTH, font({ bold: true }), 0.95),
        ),
      ),
    );
    const codes = ws.addRow(['A', ...form.columns.map((_, i) => String(i + 1))]);
    codes.alignment = { horizontal: 'center' };
    codes.font = font({ italic: true });
    for (const r of form.rows) {
      const row = ws.addRow([r.label, ...r.cells.map((c) => c ?? NOT_HELD)]);
      row.font = font({ bold: r.total });
      const lines = wrappedLines(r.label, LABEL_WIDTH, font({ bold: r.total }), 0.95);
      if (lines > 1) row.height = rowHeight(lines);
    }
    const tableEnd = ws.rowCount;
    for (let n = header.number; n <= tableEnd; n++)
      ws.getRow(n).eachCell({ includeEmpty: true }, (cell, c) => {
        cell.border = {
          top: { style: 'thin' },
          bottom: { style: 'thin' },
          left: { style: 'thin' },
          right: { style: 'thin' },
        };
        if (typeof cell.value === 'number') cell.numFmt = '#,##0';
        if (n > codes.number)
          cell.alignment =
            c === 1
              ? { horizontal: 'left', vertical: 'middle', wrapText: true, indent: 1 }
              : {
                  horizontal: cell.value === NOT_HELD ? 'center' : 'right',
                  vertical: 'middle',
                  indent: cell.value === NOT_HELD ? 0 : 1,
                };
      });
    ws.addRow([]);
    // The dash explained, unless a note of the form does it.
    const dashed =
      form.rows.some((r) => r.cells.includes(null)) && !form.notes.some((n) => n.includes(NOT_HELD));
    const notes = dashed ? [...form.notes, NOT_HELD_NOTE] : form.notes;
    for (const note of notes) line(`Ghi chú: ${note}`, { italic: true, size: 11 }, 'left');

    // The signatures: the preparer under the indicators' column, the head under the last columns.
    ws.addRow([]);
    const left = { from: 1, to: 1 };
    const right = { from: Math.max(2, width - 2), to: width };
    merged(ws.addRow([]), [
      { ...right, text: placeAndBlankDate(heading.province), font: font({ italic: true }) },
    ]);
    merged(ws.addRow([]), [
      { ...left, text: SIGNATURES.preparer[0], font: font({ bold: true }) },
      { ...right, text: SIGNATURES.head[0], font: font({ bold: true }) },
    ]);
    merged(ws.addRow([]), [
      { ...left, text: SIGNATURES.preparer[1], font: font({ italic: true }) },
      { ...right, text: SIGNATURES.head[1], font: font({ italic: true }) },
    ]);

    ws.views = [{ state: 'frozen', ySplit: header.number + 1 }];
    // A4, one page wide however many tall (fitToWidth counts only with fitToPage), the wide forms in landscape;
    // a table running over a page repeats its header and column codes.
    ws.pageSetup = {
      paperSize: 9,
      orientation: columnWidth(ws, 1, width) > PORTRAIT_MAX_WIDTH ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.79, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
      printTitlesRow: `${header.number}:${codes.number}`,
    };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
