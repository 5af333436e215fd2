import { getSession, getToken } from '../app/session';
import { showErrors, type ApiError } from '../i18n/errors';
import type { I18n } from '../i18n/i18n';

/** A table to download: a header row, then rows of text and numbers. */
export interface Sheet {
  name: string;
  header: string[];
  rows: (string | number | null)[][];
}

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel shows Vietnamese; text a spreadsheet would run as
 * a formula gets an apostrophe (as the API's own CSV); numbers are written plainly (1234.5) for machines.
 */
export function toCsv(sheet: Sheet): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [sheet.header, ...sheet.rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(sheet: Sheet, filename: string): void {
  save(new Blob([toCsv(sheet)], { type: 'text/csv;charset=utf-8' }), `${filename}.csv`);
}

/** XLSX written in the browser by exceljs, loaded on the first download: numbers stay numbers. */
export async function downloadXlsx(sheet: Sheet, filename: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Thi đua – Khen thưởng';
  const ws = book.addWorksheet(sheet.name.slice(0, 31));
  ws.addRow(sheet.header).font = { bold: true };
  for (const r of sheet.rows) ws.addRow(r.map((v) => (v === null ? null : v)));
  ws.columns.forEach((c, i) => {
    c.width = Math.min(
      48,
      Math.max(
        10,
        ...[sheet.header[i] ?? '', ...sheet.rows.map((r) => String(r[i] ?? ''))].map((s) => s.length + 2),
      ),
    );
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await book.xlsx.writeBuffer();
  save(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    `${filename}.xlsx`,
  );
}

/**
 * The token and province headers the API's file routes want (the same as /graphql's): the session's province, or
 * `province` (the ministry's viewer reads any province's from the dashboards).
 */
export async function apiHeaders(province?: string): Promise<Record<string, string>> {
  const token = await getToken();
  const provinceId = province ?? getSession().provinceId;
  return {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(provinceId ? { 'x-province-id': provinceId } : {}),
  };
}

/** The UTF-8 file name of a Content-Disposition header (RFC 6266 filename*), else its plain name. */
function dispositionName(header: string | null): string | null {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '');
  if (utf8) return decodeURIComponent(utf8[1]!);
  return /filename="([^"]+)"/i.exec(header ?? '')?.[1] ?? null;
}

/**
 * Downloads a file the API serves behind sign-in (attachments, documents, reports): fetched with the access
 * token, saved under the name the API gives. Resolves to the API's error message when it refuses, else null.
 */
export async function downloadFrom(
  path: string,
  fallbackName: string,
  i18n: I18n,
  province?: string,
): Promise<string | null> {
  const res = await fetch(path, { headers: await apiHeaders(province) });
  if (!res.ok) {
    // The refusal in the reader's words (the API's own is English for developers).
    const body = (await res.json().catch(() => null)) as { errors?: ApiError[] } | null;
    const shown = showErrors(i18n, body?.errors?.length ? body.errors : 'network');
    return shown.general ?? Object.values(shown.fields)[0] ?? i18n.t('error.INTERNAL_SERVER_ERROR');
  }
  save(await res.blob(), dispositionName(res.headers.get('content-disposition')) ?? fallbackName);
  return null;
}
