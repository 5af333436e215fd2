import ExcelJS from 'exceljs';
import { provinceTitle, type ProvinceName } from '@thidua/domain';
import type { StatisticsForm } from './statistics.forms';

/** One worksheet per form, headed as the Circular's forms are (form number, title, unit reporting, period). */
export async function statisticsWorkbook(
  forms: StatisticsForm[],
  heading: { province: ProvinceName; year: number },
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Thi đua – Khen thưởng';
  for (const form of forms) {
    const ws = book.addWorksheet(`Biểu ${form.code}`);
    const width = form.columns.length + 1;
    const line = (text: string, font: Partial<ExcelJS.Font> = {}) => {
      const row = ws.addRow([text]);
      ws.mergeCells(row.number, 1, row.number, width);
      row.font = font;
      row.alignment = { horizontal: 'center', wrapText: true };
    };
    line(`Biểu số ${form.code} (Thông tư số 02/2023/TT-BNV)`, { italic: true });
    line(form.title.toUpperCase(), { bold: true, size: 13 });
    line(`Năm ${heading.year}`);
    // The province's statistics go from its Sở Nội vụ (which holds the emulation secretariat) to the Ministry.
    line(`Đơn vị báo cáo: Sở Nội vụ ${provinceTitle(heading.province)}`);
    line('Đơn vị nhận báo cáo: Bộ Nội vụ');
    ws.addRow([]);
    const header = ws.addRow(['Chỉ tiêu', ...form.columns]);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    const codes = ws.addRow(['A', ...form.columns.map((_, i) => String(i + 1))]);
    codes.alignment = { horizontal: 'center' };
    codes.font = { italic: true };
    for (const r of form.rows) ws.addRow([r.label, ...r.cells]);
    for (let n = header.number; n <= ws.rowCount; n++)
      ws.getRow(n).eachCell({ includeEmpty: true }, (cell) => {
        cell.border = {
          top: { style: 'thin' },
          bottom: { style: 'thin' },
          left: { style: 'thin' },
          right: { style: 'thin' },
        };
        if (typeof cell.value === 'number') cell.numFmt = '#,##0';
      });
    ws.addRow([]);
    for (const note of form.notes) line(`Ghi chú: ${note}`, { italic: true, size: 10 });
    ws.getColumn(1).width = 42;
    for (let c = 2; c <= width; c++) ws.getColumn(c).width = 18;
    ws.views = [{ state: 'frozen', ySplit: header.number + 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
