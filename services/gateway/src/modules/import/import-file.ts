import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One line of the file: its row number as a spreadsheet shows it, and each cell's text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export class UnreadableFile extends Error {}
/** More rows than an import takes; thrown while reading, so a huge (or zip-bomb) workbook stops early. */
export class TooManyRows extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} rows`);
  }
}

/** An XLSX file is a ZIP archive; anything else is read as CSV text. */
export function isXlsx(content: Buffer): boolean {
  return content.length > 4 && content.readUInt32BE(0) === 0x504b0304;
}

/**
 * The first worksheet of an XLSX (exceljs, streamed: rows are read one at a time and reading stops past the row
 * limit), or CSV in UTF-8 with or without a byte-order mark, separated by commas, semicolons (Excel in a
 * Vietnamese locale) or tabs (csv-parse).
 */
export async function readSheet(content: Buffer, maxRows: number): Promise<SheetRow[]> {
  return isXlsx(content) ? readXlsx(content, maxRows) : readCsv(content, maxRows);
}

async function readXlsx(content: Buffer, maxRows: number): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells = values.slice(1).map(cellText);
        if (cells.some((c) => c !== '')) {
          if (rows.length > maxRows) throw new TooManyRows(maxRows);
          rows.push({ row: row.number, cells });
        }
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof TooManyRows) throw e;
    throw new UnreadableFile(e instanceof Error ? e.message : String(e));
  }
  return rows;
}

function readCsv(content: Buffer, maxRows: number): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new UnreadableFile('not UTF-8');
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      to_line: maxRows + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw new UnreadableFile(e instanceof Error ? e.message : String(e));
  }
  const rows = records
    .filter((r) => r.record.some((c) => c.trim() !== ''))
    .map((r) => ({ row: r.info.lines, cells: r.record }));
  if (rows.length > maxRows + 1) throw new TooManyRows(maxRows);
  return rows;
}

/** A cell's value as the person typed it: dates as yyyy-mm-dd, formulas by their result, rich text joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (v.richText) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return '';
}
