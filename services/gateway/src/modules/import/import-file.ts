import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One line of the file: its row number as a spreadsheet shows it, and each cell's text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export class UnreadableFile extends Error {
  /** The file was to be an Excel workbook (its name or its content says so) and is not one exceljs reads. */
  constructor(
    message: string,
    readonly asExcel = false,
    /** A CSV's quotation mark opened and never closed: the rest of the file would be one cell. */
    readonly unclosedQuote = false,
  ) {
    super(message);
  }
}
/** More rows than an import takes (also a workbook declaring far more data than that many rows would hold). */
export class TooManyRows extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} rows`);
  }
}

/** An XLSX file is a ZIP archive; anything else is read as CSV text. */
export function isXlsx(content: Buffer): boolean {
  return content.length > 4 && content.readUInt32BE(0) === 0x504b0304;
}

/** A name an Excel workbook goes by: such a file that is not a workbook is refused as one, not read as CSV. */
const EXCEL_NAME = /\.xls[xm]?$/i;

/**
 * The first worksheet of an XLSX (exceljs), or CSV in UTF-8 with or without a byte-order mark, separated by
 * commas, semicolons (Excel in a Vietnamese locale) or tabs (csv-parse). A file named as a workbook (.xlsx) whose
 * content is not one is unreadable, rather than read as CSV and found to lack every column.
 */
export async function readSheet(content: Buffer, maxRows: number, fileName = ''): Promise<SheetRow[]> {
  if (isXlsx(content)) return readXlsx(content, maxRows);
  if (EXCEL_NAME.test(fileName.trim())) throw new UnreadableFile('not an XLSX workbook', true);
  return readCsv(content, maxRows);
}

async function readXlsx(content: Buffer, maxRows: number): Promise<SheetRow[]> {
  if (inflatedSize(content) > MAX_INFLATED_BYTES) throw new TooManyRows(maxRows);
  const book = new ExcelJS.Workbook();
  try {
    // load(), not the streaming WorkbookReader: exceljs 4.4's reader decodes each inflated chunk on its own and
    // breaks a Vietnamese letter that straddles two chunks ("số" became "s\uFFFD\uFFFD\uFFFD" in 10,000 rows).
    await book.xlsx.load(content as unknown as ArrayBuffer);
  } catch (e) {
    throw new UnreadableFile(e instanceof Error ? e.message : String(e), true);
  }
  const sheet = book.worksheets[0];
  // Another ZIP (a .docx renamed .xlsx) has no worksheet.
  if (!sheet) throw new UnreadableFile('no worksheet', true);
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells = (row.values as unknown[]).slice(1).map(cellText);
    if (cells.some((c) => c !== '')) rows.push({ row: row.number, cells });
  });
  if (rows.length > maxRows + 1) throw new TooManyRows(maxRows);
  return rows;
}

/** What the archive says its files inflate to; far past what MAX_ROWS rows need, it is refused before inflating. */
const MAX_INFLATED_BYTES = 200 * 1024 * 1024;

/**
 * The sum of the uncompressed sizes in the ZIP's central directory, read from the end-of-central-directory record
 * (APPNOTE 4.3.16, 4.3.12). Only these sizes are read here, against a decompression bomb; exceljs reads the rest.
 */
function inflatedSize(zip: Buffer): number {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) return 0; // not a ZIP exceljs can read either
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries && at + 46 <= zip.length && zip.readUInt32LE(at) === 0x02014b50; i++) {
    total += zip.readUInt32LE(at + 24);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

type CsvRecord = { record: string[]; info: { lines: number } };

function parseCsv(text: string, relaxQuotes: boolean): CsvRecord[] {
  return parse(text, {
    bom: true,
    delimiter: [',', ';', '\t'],
    relax_column_count: true,
    relax_quotes: relaxQuotes,
    skip_empty_lines: true,
    info: true,
  }) as unknown as CsvRecord[];
}

function unreadableCsv(e: unknown): UnreadableFile {
  const code = (e as { code?: string }).code;
  return new UnreadableFile(
    e instanceof Error ? e.message : String(e),
    false,
    code === 'CSV_QUOTE_NOT_CLOSED',
  );
}

function readCsv(content: Buffer, maxRows: number): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new UnreadableFile('not UTF-8');
  }
  let records: CsvRecord[];
  try {
    records = parseCsv(text, false);
  } catch (e) {
    // A quotation mark typed inside an unquoted cell (Trường THPT "Chuyên") is kept as a letter, as Excel reads
    // it; any other quoting fault stays an error.
    if ((e as { code?: string }).code !== 'INVALID_OPENING_QUOTE') throw unreadableCsv(e);
    try {
      records = parseCsv(text, true);
    } catch (again) {
      throw unreadableCsv(again);
    }
    // Relaxed, a quotation mark left open further on swallows the rows after it into one cell, or a cell keeps its
    // own quotes: refused as a quote never closed rather than imported damaged.
    if (records.some((r) => r.record.some((c) => /[\r\n]|^"/.test(c))))
      throw new UnreadableFile('a quotation mark is opened and never closed', false, true);
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
