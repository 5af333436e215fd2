import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet, TooManyRows, UnreadableFile } from './import-file';

describe('reading a spreadsheet', () => {
  it('reads CSV as Excel in Vietnam saves it: byte-order mark, semicolons, row numbers past blank lines', async () => {
    const csv = Buffer.from(
      '\uFEFFTên đơn vị;Loại hình\r\nSở Tài chính;Cơ quan nhà nước\r\n\r\n"Báo Lào Cai; điện tử";Báo chí\r\n',
    );
    expect(await readSheet(csv, 10)).toEqual([
      { row: 1, cells: ['Tên đơn vị', 'Loại hình'] },
      { row: 2, cells: ['Sở Tài chính', 'Cơ quan nhà nước'] },
      { row: 4, cells: ['Báo Lào Cai; điện tử', 'Báo chí'] },
    ]);
  });

  it('keeps a quotation mark typed inside a cell; refuses a quotation mark never closed', async () => {
    const typed = Buffer.from(
      'Tên đơn vị,Loại hình\nTrường THPT "Chuyên" Lào Cai,Trường học\nTrường "Chuyên",Trường học\n',
    );
    const read = await readSheet(typed, 10);
    expect(read.map((r) => r.cells[0])).toEqual([
      'Tên đơn vị',
      'Trường THPT "Chuyên" Lào Cai',
      'Trường "Chuyên"',
    ]);
    // Beside such a cell, a quotation mark left open further on would swallow the next rows: refused, not merged.
    const swallowing = Buffer.from(
      'Tên đơn vị,Số\nTrường "Chuyên",1\n"Sở Tài chính,2\nSở Y tế,3\n"Sở Xây dựng",4\n',
    );
    await expect(readSheet(swallowing, 10)).rejects.toMatchObject({ unclosedQuote: true });
    // A quoted cell with a stray quote inside stays an error, never a name with quotes around it.
    await expect(
      readSheet(Buffer.from('Tên đơn vị\n"Trường THPT "Chuyên" Lào Cai"\n'), 10),
    ).rejects.toBeInstanceOf(UnreadableFile);
    const unclosed = Buffer.from(
      'Tên đơn vị,Loại hình\n"Sở Tài chính,Cơ quan nhà nước\nSở Y tế,Cơ quan nhà nước\n',
    );
    await expect(readSheet(unclosed, 10)).rejects.toMatchObject({ unclosedQuote: true });
  });

  it('reads an XLSX date cell as yyyy-mm-dd, rich text and formulas by their text', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Đơn vị');
    sheet.addRow(['Tên đơn vị', 'Hiệu lực từ', 'Số']);
    sheet.addRow([
      { richText: [{ text: 'Sở ' }, { text: 'Nội vụ' }] },
      new Date(Date.UTC(2025, 6, 1)),
      { formula: '1+1', result: 2 },
    ]);
    const rows = await readSheet(Buffer.from(await book.xlsx.writeBuffer()), 10);
    expect(rows[1]).toEqual({ row: 2, cells: ['Sở Nội vụ', '2025-07-01', '2'] });
  });

  it('refuses a file named as a workbook that is not one, rather than reading it as CSV', async () => {
    const text = Buffer.from('Tên đơn vị;Loại hình\r\nSở Tài chính;Cơ quan nhà nước\r\n');
    for (const name of ['don-vi.xlsx', 'Don vi.XLSX', 'don-vi.xls']) {
      const refused = await readSheet(text, 10, name).catch((e: unknown) => e);
      expect(refused, name).toBeInstanceOf(UnreadableFile);
      expect((refused as UnreadableFile).asExcel).toBe(true);
    }
    await expect(readSheet(text, 10, 'don-vi.csv')).resolves.toHaveLength(2);
    // A damaged workbook is unreadable as a workbook too.
    const damaged = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60)]);
    await expect(readSheet(damaged, 10, 'don-vi.csv')).rejects.toMatchObject({ asExcel: true });
  });

  it('refuses more rows than the limit, blank lines or not', async () => {
    const lines = ['Tên đơn vị', ...Array.from({ length: 6 }, (_, i) => `Đơn vị ${i}\r\n`)];
    await expect(readSheet(Buffer.from(lines.join('\r\n')), 5)).rejects.toBeInstanceOf(TooManyRows);
    await expect(readSheet(Buffer.from(lines.slice(0, 6).join('\r\n')), 5)).resolves.toHaveLength(6);
  });
});
