import PDFDocument from 'pdfkit';
import { PDF_FONTS } from './fonts';

/** The header's left column (issuer, number) as a share of the text width; the motto takes the rest. */
export const HEADER_LEFT = 0.44;

/** A name in the header's left column as it is set: its lines and their size in points. */
export interface HeaderName {
  lines: string[];
  size: number;
}

// Decree 30 sets the agency's name in 12–13 pt; a little smaller still reads as one name, which a line break
// inside it ("HỘI ĐỒNG THI ĐUA - KHEN / THƯỞNG") does not.
const SIZES = [12, 11.5, 11, 10.5];
// A name too long for one line breaks before its place or its qualifier, as in official headers
// ("ỦY BAN NHÂN DÂN / TỈNH PHÚ YÊN", "VĂN PHÒNG / TỈNH ỦY (16799-1)"): the province first, then a smaller place,
// then a bracket, then the group a block names. "XÃ HỘI" is a word, not a commune ("VĂN HÓA - XÃ HỘI" stays together).
// A place is named after its word: "TỈNH" ending a name is an adjective ("CÁC CƠ QUAN ĐẢNG TỈNH", provincial),
// and left alone on a line it reads as a stray word.
const BREAKS_BEFORE = [
  /^(TỈNH|THÀNH PHỐ)\s+\S/u,
  /^(HUYỆN|QUẬN|THỊ XÃ|XÃ(?! HỘI)|PHƯỜNG|ĐẶC KHU|KHỐI|CỤM)\s+\S/u,
  /^\(/u,
  // Then before the group it names ("KHỐI THI ĐUA / CÁC CƠ QUAN ĐẢNG TỈNH").
  /^CÁC\s/u,
];
// PDFKit wraps a line that measures a hair under the column (its own rounding): a name is set within this less.
const SLACK_PT = 2;

let measurer: PDFKit.PDFDocument | undefined;
/** Liberation Serif's widths, which Times New Roman (the DOCX font) shares: one measure for PDF and DOCX. */
function widthOf(text: string, bold: boolean, size: number): number {
  measurer ??= new PDFDocument({ autoFirstPage: false });
  return measurer
    .font(bold ? PDF_FONTS.bold : PDF_FONTS.regular)
    .fontSize(size)
    .widthOfString(text);
}

/**
 * How `given` fits a column `widthPt` wide: on the lines it sets itself when they fit; else on one line at the largest size that fits, else on two lines broken
 * before its place (at the largest size both lines fit), else where the two lines are most even at 12 pt, else
 * as the renderer wraps.
 */
export function headerName(given: string, widthPt: number, bold: boolean): HeaderName {
  const room = widthPt - SLACK_PT;
  const fits = (lines: string[], size: number) => lines.every((l) => widthOf(l, bold, size) <= room);
  // Lines the document sets itself ("ỦY BAN NHÂN DÂN" over "THÀNH PHỐ ĐÀ NẴNG") are kept when they fit.
  if (given.includes('\n')) {
    // Each line as it is read, without the spaces typed around it (or an empty line left between).
    const set = given
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const size of SIZES) if (fits(set, size)) return { lines: set, size };
  }
  const name = given.replace(/\s*\n\s*/g, ' ');
  for (const size of SIZES) if (widthOf(name, bold, size) <= room) return { lines: [name], size };
  const words = name.split(' ');
  const splits = words
    .slice(1)
    .map((_, i) => [words.slice(0, i + 1).join(' '), words.slice(i + 1).join(' ')]);
  for (const before of BREAKS_BEFORE)
    for (const size of SIZES) {
      const lines = splits.find((l) => before.test(l[1]!) && fits(l, size));
      if (lines) return { lines, size };
    }
  const widest = (l: string[]) => Math.max(...l.map((x) => widthOf(x, bold, SIZES[0]!)));
  const even = splits.filter((l) => fits(l, SIZES[0]!)).sort((a, b) => widest(a) - widest(b))[0];
  return { lines: even ?? [name], size: SIZES[0]! };
}
