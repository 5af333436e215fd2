import type { ImportCounts, ImportKind, ImportProblem, Province } from '@thidua/db';
import { foldVietnamese, normalizeName } from '@thidua/domain';
import type { SheetRow } from './import-file';
import { EXAMPLE_MARK } from './templates';

/** A column of an import kind: its header in the template (Vietnamese), and other headers accepted for it. */
export interface ColumnSpec {
  key: string;
  header: string;
  /** The English header, also accepted (and shown in the English documentation). */
  en: string;
  /** Former headers of the template, still accepted: a file made from an older template still reads. */
  also?: string[];
  required: boolean;
  /** The template's example row. */
  example: string;
  /** What the column takes, in the template's second sheet. */
  note: string;
  /** A column of a fixed list (read with `choice`): the template offers its labels (each list's first) to pick. */
  options?: Record<string, string[]>;
}

export interface CheckContext {
  province: Pick<Province, 'id' | 'name' | 'kind' | 'validFrom' | 'validTo'>;
  /** Today in Vietnam (yyyy-mm-dd). */
  today: string;
  /** Who checks, or who confirmed the import, and the request that did. */
  userId: string;
  requestId: string;
  invitationTtlDays: number;
}

/** What a check found, and how to write it: `write` runs in the import's transaction, in chunks. */
export interface Checked {
  problems: ImportProblem[];
  counts: ImportCounts;
  write(progress: (done: number) => Promise<void>): Promise<void>;
}

export interface KindSpec {
  kind: ImportKind;
  /** The template's sheet and file name. */
  title: string;
  /** The kind as the English import page names it (services/web/src/i18n/en.json `import.kind.*`). */
  titleEn: string;
  columns: ColumnSpec[];
  check(rows: Row[], ctx: CheckContext): Promise<Checked>;
}

/**
 * Words of a problem in both languages: every problem is written in Vietnamese and in English (the English page
 * shows the English), and so is every noun a helper puts in one (`{ vi: 'đơn vị', en: 'unit' }`).
 */
export interface Said {
  vi: string;
  en: string;
}

/** A data row: its spreadsheet row number, and its cells by column key. */
export interface Row {
  row: number;
  get(key: string): string;
}

/** Rows are written in chunks of this many, with the progress recorded after each. */
export const CHUNK = 2000;

export async function inChunks<T>(
  rows: readonly T[],
  write: (chunk: T[]) => Promise<void>,
  progress: (done: number) => Promise<void>,
  offset = 0,
): Promise<number> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await write(chunk);
    await progress(offset + i + chunk.length);
  }
  return offset + rows.length;
}

/**
 * Maps the header row to the kind's columns (by folded header, Vietnamese or English: "Ten don vi" and
 * "Tên đơn vị" are the same column). A required column missing is a problem of the header row.
 */
export function mapRows(
  spec: KindSpec,
  sheet: SheetRow[],
  /** The other kinds: a file of one of them, checked as this one, is named as such. */
  others: readonly KindSpec[] = [],
): { rows: Row[]; problems: ImportProblem[] } {
  const [header, ...data] = sheet;
  if (!header)
    return {
      rows: [],
      problems: [
        {
          row: 1,
          column: '',
          message: 'Tệp trống: không có dòng tiêu đề.',
          english: 'The file is empty: it has no header row.',
        },
      ],
    };
  const index = columnsOf(spec, header.cells);
  const missing = spec.columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length) {
    const fits = others.find(
      (k) => k !== spec && k.columns.every((c) => !c.required || columnsOf(k, header.cells).has(c.key)),
    );
    return {
      rows: [],
      problems: fits
        ? [
            {
              row: header.row,
              column: '',
              message: `Tệp này có các cột của mẫu "${fits.title}", không phải "${spec.title}": chọn loại dữ liệu "${fits.title}" rồi kiểm tra lại.`,
              english:
                `This file has the columns of the "${fits.title}" template (${fits.titleEn}), not "${spec.title}" ` +
                `(${spec.titleEn}): choose "${fits.titleEn}" as what to import, then check the file again.`,
            },
          ]
        : [
            ...missing.map((c) => ({
              row: header.row,
              column: c.header,
              message: `Thiếu cột "${c.header}": dùng dòng tiêu đề của tệp mẫu.`,
              english: `The column "${c.header}" is missing: use the header row of the template.`,
            })),
            // What the file has instead, so the person sees which heading to rename.
            ...unknownHeadings(spec, header.cells).map((h) => ({
              row: header.row,
              column: h,
              message: `Không nhận ra cột "${h}" (cột này được bỏ qua): nếu đây là cột còn thiếu, đặt tên cột như dòng tiêu đề của tệp mẫu.`,
              english: `The column "${h}" is not recognised (it is ignored): if it is the missing column, name it as in the header row of the template.`,
            })),
          ],
    };
  }
  const rows = data.map((r) => ({
    row: r.row,
    get: (key: string) => {
      const i = index.get(key);
      return i === undefined ? '' : (r.cells[i] ?? '');
    },
  }));
  // The template's example row, left in: imported, it would add (or change) a record nobody meant. Known by the mark
  // the template puts in its first cell, never by its words (a real row may read like the example).
  const mark = foldVietnamese(EXAMPLE_MARK);
  const isExample = (r: Row) => foldVietnamese(r.get(spec.columns[0]!.key)).startsWith(mark);
  return {
    rows: rows.filter((r) => !isExample(r)),
    problems: rows.filter(isExample).map((r) => ({
      row: r.row,
      column: '',
      message: 'Đây là dòng ví dụ của tệp mẫu: xóa dòng này rồi kiểm tra lại.',
      english: "This is the template's example row: delete it, then check the file again.",
    })),
  };
}

/** A list's row number ("STT", "TT", "Số thứ tự"): kept by many offices' sheets, and rightly ignored. */
const ROW_NUMBER = new Set(['stt', 'tt', 'so thu tu']);

/** The header row's headings that name none of the kind's columns (empty cells and row numbers left out). */
function unknownHeadings(spec: KindSpec, cells: string[]): string[] {
  const known = new Set(columnsOf(spec, cells).values());
  return cells.flatMap((cell, i) =>
    cell.trim() && !known.has(i) && !ROW_NUMBER.has(foldVietnamese(cell).replace(/\.$/, ''))
      ? [cell.trim()]
      : [],
  );
}

/** Where each of the kind's columns is in a header row (by folded header, Vietnamese or English, or key). */
function columnsOf(spec: KindSpec, cells: string[]): Map<string, number> {
  const index = new Map<string, number>();
  cells.forEach((cell, i) => {
    const folded = foldVietnamese(cell).replace(/\s*\*$/, '');
    const column = spec.columns.find(
      (c) =>
        [c.header, c.en, ...(c.also ?? [])].some((h) => foldVietnamese(h) === folded) ||
        c.key === cell.trim(),
    );
    if (column && !index.has(column.key)) index.set(column.key, i);
  });
  return index;
}

/** Collects problems, each naming its row and column by the template's header. */
export class Problems {
  readonly list: ImportProblem[] = [];
  constructor(private readonly spec: KindSpec) {}

  /** A problem of the row's column (by key), said in both languages. */
  add(row: Row | number, key: string, said: Said): null {
    const column = this.spec.columns.find((c) => c.key === key)?.header ?? key;
    this.list.push({
      row: typeof row === 'number' ? row : row.row,
      column,
      message: said.vi,
      english: said.en,
    });
    return null;
  }

  /** How many so far: a row whose checks added some is not written (later checks that need its values skip it). */
  get count(): number {
    return this.list.length;
  }

  header(key: string): string {
    return this.spec.columns.find((c) => c.key === key)?.header ?? key;
  }

  /** A required cell left blank. */
  missing(r: Row, key: string): null {
    return this.add(r, key, {
      vi: `Thiếu ${this.header(key)}.`,
      en: `"${this.header(key)}" is required, and this cell is empty.`,
    });
  }
}

const HIDDEN = /[\p{Cf}]/gu;
const codePoints = (s: string) =>
  [...new Set(s.match(HIDDEN) ?? [])].map(
    (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
  );

/**
 * Text of a cell as stored (NFC, spaces collapsed), or null with its problem: blank when required, control
 * characters, invisible characters (zero-width space and joiners, soft hyphen, direction marks, byte-order mark),
 * each named by its code point so the person can find it.
 */
export function text(
  p: Problems,
  r: Row,
  key: string,
  { required = false, max = 300 }: { required?: boolean; max?: number } = {},
): string | null {
  const raw = r.get(key);
  if (/[\p{Cc}]/u.test(raw.replace(/[\t\r\n]+$/, '').replace(/^[\t\r\n]+/, '')))
    return p.add(r, key, {
      vi: 'Có ký tự điều khiển (xuống dòng, tab…) giữa chữ: viết trên một dòng.',
      en: 'There is a control character (line break, tab…) within the text: write it on one line.',
    });
  if (HIDDEN.test(raw)) {
    HIDDEN.lastIndex = 0;
    const hidden = codePoints(raw);
    const shown = raw.replace(HIDDEN, '');
    return p.add(r, key, {
      vi:
        `Có ký tự ẩn (${hidden.join(', ')}) trong "${shown}": xóa ký tự này rồi kiểm tra lại. ` +
        'Tên có ký tự ẩn trông giống hệt tên khác nhưng không phải một.',
      en:
        (hidden.length > 1
          ? `There are hidden characters (${hidden.join(', ')}) in "${shown}": delete them, then check the file again. `
          : `There is a hidden character (${hidden[0]}) in "${shown}": delete it, then check the file again. `) +
        'A name with hidden characters looks exactly like another name but is not the same.',
    });
  }
  const value = normalizeName(raw);
  if (!value) return required ? p.missing(r, key) : null;
  if (value.length > max)
    return p.add(r, key, { vi: `Dài quá ${max} ký tự.`, en: `Longer than ${max} characters.` });
  return value;
}

/** A date as yyyy-mm-dd from dd/mm/yyyy (also with - or .), yyyy-mm-dd, or a date cell; null with its problem. */
export function date(p: Problems, r: Row, key: string, required = false): string | null {
  const raw = r.get(key).trim();
  if (!raw) return required ? p.missing(r, key) : null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw) ?? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
  let y = 0;
  let mo = 0;
  let d = 0;
  if (m) [y, mo, d] = m[1]!.length === 4 ? [+m[1]!, +m[2]!, +m[3]!] : [+m[3]!, +m[2]!, +m[1]!];
  const at = new Date(Date.UTC(y, mo - 1, d));
  if (!m || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d || y < 1945 || y > 2100)
    return p.add(r, key, {
      vi: `"${raw}" không phải ngày hợp lệ: viết ngày/tháng/năm, ví dụ 01/07/2025.`,
      en: `"${raw}" is not a valid date: write day/month/year, for example 01/07/2025.`,
    });
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function year(p: Problems, r: Row, key: string, min: number, max: number): number | null {
  const raw = r.get(key).trim();
  if (!raw) return p.missing(r, key);
  const n = Number(raw);
  if (!/^\d{4}$/.test(raw) || n < min || n > max)
    return p.add(r, key, {
      vi: `"${raw}" không phải năm hợp lệ: một năm từ ${min} đến ${max}.`,
      en: `"${raw}" is not a valid year: write a year from ${min} to ${max}.`,
    });
  return n;
}

/**
 * A label folded for matching a choice: accents, case and spacing (foldVietnamese), and any dash with the spaces
 * around it: "Tổ chức chính trị – xã hội" as the web writes it (en dash), "Tổ chức chính trị - xã hội" and
 * "Tổ chức chính trị-xã hội" as people type it are one label.
 */
export const foldChoice = (label: string) =>
  foldVietnamese(label).replace(/\s*[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]\s*/g, '-');

const folded = new WeakMap<object, Map<string, string>>();
/** Each option's code and labels, as written and folded, once per list (not once per row). */
function foldedChoices(options: Record<string, string[]>): Map<string, string> {
  let map = folded.get(options);
  if (!map) {
    map = new Map();
    for (const [value, labels] of Object.entries(options))
      for (const l of [value, ...labels]) map.set(foldChoice(l), value).set(l, value);
    folded.set(options, map);
  }
  return map;
}

/** A value from a fixed list, matched by its label or code with accents, case, spacing and dashes folded. */
export function choice<T extends string>(
  p: Problems,
  r: Row,
  key: string,
  options: Record<T, string[]>,
  required = true,
): T | null {
  const raw = normalizeName(r.get(key));
  if (!raw) return required ? p.missing(r, key) : null;
  // The label as the template writes it is found without folding (most rows of a file).
  const choices = foldedChoices(options);
  const found = choices.get(raw) ?? choices.get(foldChoice(raw));
  if (found) return found as T;
  const allowed = (Object.values(options) as string[][]).map((l) => l[0]).join('; ');
  return p.add(r, key, {
    vi: `"${raw}" không có trong danh sách: chọn một trong ${allowed}.`,
    en: `"${raw}" is not in the list: choose one of ${allowed}.`,
  });
}

/** Existing records by folded name (several when names repeat, e.g. units that ended). */
export class NameIndex<T extends { id: string }> {
  private readonly byFold = new Map<string, T[]>();
  constructor(
    items: readonly T[],
    private readonly nameOf: (t: T) => string,
    keyOf: (t: T) => string = (t) => foldVietnamese(nameOf(t)),
  ) {
    for (const t of items) {
      const k = keyOf(t);
      const list = this.byFold.get(k);
      if (list) list.push(t);
      else this.byFold.set(k, [t]);
    }
  }

  find(key: string): T | undefined {
    return this.byFold.get(key)?.[0];
  }

  /**
   * The record a row of the file names by its own key (a row matching it updates it), with a problem when the
   * row's name differs from the record's only in accents, capitals, spacing or look-alike letters.
   */
  match(p: Problems, r: Row, field: string, key: string, name: string, what: Said): T | undefined {
    const found = this.find(key);
    if (found && this.nameOf(found) !== name) p.add(r, field, differsOnlyBy(name, this.nameOf(found), what));
    return found;
  }

  /**
   * The record a name in the file refers to; null with its problem when there is none in this province (another
   * province's records are invisible here, so they are unknown too) or when the name differs from the record's
   * only in accents, capitals, spacing or look-alike letters.
   */
  resolve(
    p: Problems,
    r: Row,
    key: string,
    name: string,
    what: Said,
    scope = '',
    /** Where it is looked for, when within something (` của "Sở Tài chính"`, ` at "Sở Tài chính"`). */
    within: Said = { vi: '', en: '' },
  ): T | null {
    const found = this.find(scope + foldVietnamese(name));
    if (!found)
      return p.add(r, key, {
        vi: `Chưa có ${what.vi} "${name}"${within.vi} trong danh sách: thêm ${what.vi} đó trước, rồi nhập lại tệp.`,
        en: `There is no ${what.en} "${name}"${within.en} in the list yet: add that ${what.en} first, then import the file again.`,
      });
    const existing = this.nameOf(found);
    if (existing !== name) return p.add(r, key, differsOnlyBy(name, existing, what));
    return found;
  }
}

export function differsOnlyBy(name: string, existing: string, what: Said): Said {
  const differs = `"${name}" chỉ khác ${what.vi} đã có "${existing}" ở dấu, chữ hoa, khoảng trắng hoặc ký tự trông giống nhau: `;
  const differsEn = `"${name}" differs from the existing ${what.en} "${existing}" only in accents, capitals, spacing or look-alike characters: `;
  // The record was typed without its accents (an earlier file): the file is right, the record is to correct.
  if (withoutAccents(existing) && !withoutAccents(name))
    return {
      vi: `${differs}nếu tên đúng là "${name}", sửa tên ${what.vi} đã có trên trang của nó trước, rồi kiểm tra lại tệp.`,
      en: `${differsEn}if "${name}" is the right name, correct the existing ${what.en}'s name on its page first, then check the file again.`,
    };
  return {
    vi: `${differs}viết đúng như "${existing}".`,
    en: `${differsEn}write it exactly as "${existing}".`,
  };
}

/** A name with no Vietnamese letter marked at all ("So Tai chinh"), as typed without a Vietnamese keyboard. */
const withoutAccents = (name: string) => /^[ -~]*$/.test(name) && /[a-z]/i.test(name);

/** Rows whose natural key repeats in the file: the later ones are problems naming the first. */
export class SeenKeys {
  private readonly first = new Map<string, number>();
  repeat(p: Problems, r: Row, key: string, natural: string, what: Said): boolean {
    const at = this.first.get(natural);
    if (at !== undefined) {
      p.add(r, key, {
        vi: `Trùng ${what.vi} với dòng ${at} của tệp.`,
        en: `Duplicate ${what.en}: the same as row ${at} of the file.`,
      });
      return true;
    }
    this.first.set(natural, r.row);
    return false;
  }
}
