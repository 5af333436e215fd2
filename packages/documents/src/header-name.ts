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
// ("ỦY BAN NHÂN DÂN / TỈNH PHÚ YÊN", "VĂN PHÒNG / TỈNH ỦY (16799-1)").
const BREAK_BEFORE = /^(\(|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẶC KHU|KHỐI|CỤM)/u;

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
 * How `name` fits a column `widthPt` wide: on one line at the largest size that fits, else on two lines at
 * 12 pt broken before its place (or, without one, where the two lines are most even), else as the renderer wraps.
 */
export function headerName(name: string, widthPt: number, bold: boolean): HeaderName {
  for (const size of SIZES) if (widthOf(name, bold, size) <= widthPt) return { lines: [name], size };
  const words = name.split(' ');
  const splits = words.slice(1).map((_, i) => {
    const lines = [words.slice(0, i + 1).join(' '), words.slice(i + 1).join(' ')];
    return { lines, widest: Math.max(...lines.map((l) => widthOf(l, bold, SIZES[0]!))) };
  });
  const fitting = splits.filter((s) => s.widest <= widthPt);
  const best =
    fitting.find((s) => BREAK_BEFORE.test(s.lines[1]!)) ?? fitting.sort((a, b) => a.widest - b.widest)[0];
  return best ? { lines: best.lines, size: SIZES[0]! } : { lines: [name], size: SIZES[0]! };
}
