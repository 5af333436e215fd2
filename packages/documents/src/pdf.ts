import PDFDocument from 'pdfkit';
import { BODY_PT, PDF_FONTS } from './fonts';
import { headerName, HEADER_LEFT } from './header-name';
import {
  closingGroups,
  headsWhatFollows,
  pageSizeMm,
  runs,
  type Align,
  type Block,
  type DocumentModel,
  type OfficialHeader,
  type SignatureColumn,
} from './model';

const PT_PER_MM = 72 / 25.4;
const mm = (v: number) => v * PT_PER_MM;
const LINE_GAP = 2;
const PARAGRAPH_GAP = 5;

type Pdf = PDFKit.PDFDocument;
type Face = keyof typeof PDF_FONTS;

/** Renders the document to PDF bytes, Liberation Serif embedded (subset). */
export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const [w, h] = pageSizeMm(model.page);
  const m = model.page.margins;
  const pdf = new PDFDocument({
    size: [mm(w), mm(h)],
    margins: { top: mm(m.top), bottom: mm(m.bottom), left: mm(m.left), right: mm(m.right) },
    bufferPages: true,
    // No standard (unembedded) font is ever referenced.
    font: PDF_FONTS.regular,
    info: { Title: model.title, Creator: 'Thi đua – Khen thưởng', Producer: 'Thi đua – Khen thưởng' },
    lang: 'vi-VN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const r = new PdfWriter(pdf);
  if (model.header) r.header(model.header);
  // The closing text goes over to the next page with the signatures it ends in (closingStart, model.ts): the
  // whole closing when it takes at most half a page, else from a later block of it, at least the last paragraph.
  const closing = closingGroups(model.blocks);
  let kept = -1;
  model.blocks.forEach((b, i) => {
    const at = closing.get(i);
    if (at !== undefined && at !== kept && r.keepTogether(model.blocks.slice(i, at + 1))) kept = at;
    r.block(b, i === 0, model.blocks[i + 1]);
  });
  if (model.page.pageNumbers) r.pageNumbers();
  pdf.end();
  return done;
}

class PdfWriter {
  /** The face and size last set, for the page that comes next. */
  private current: { face: Face; size: number } = { face: 'regular', size: BODY_PT };

  constructor(private readonly pdf: Pdf) {
    // A page pdfkit starts by itself (text running over the bottom margin) takes the document's default font,
    // the regular face: a bold heading whose first line opens the page would come out regular. The new page
    // keeps the face the text was set in, whichever way it was added.
    pdf.on('pageAdded', () => pdf.font(PDF_FONTS[this.current.face]).fontSize(this.current.size));
  }

  private get left() {
    return this.pdf.page.margins.left;
  }
  private get width() {
    return this.pdf.page.width - this.pdf.page.margins.left - this.pdf.page.margins.right;
  }
  private get bottom() {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }

  private face(face: Face, size = BODY_PT) {
    // By path, not a registered name: pdfkit caches a font under its path, but a registered name whose font it
    // already holds under the font's own name is re-read and re-parsed from the file on every call.
    this.pdf.font(PDF_FONTS[face]).fontSize(size);
    this.current = { face, size };
    return this.pdf;
  }

  /** Two columns: the issuer and number on the left, the motto and place-and-date on the right. */
  header(h: OfficialHeader) {
    const top = this.pdf.y;
    const leftW = this.width * HEADER_LEFT;
    const rightX = this.left + leftW;
    const rightW = this.width - leftW;
    let y = top;
    if (h.parent) {
      const parent = headerName(h.parent, leftW, false);
      this.face('regular', parent.size).text(parent.lines.join('\n'), this.left, y, {
        width: leftW,
        align: 'center',
      });
      y = this.pdf.y;
    }
    const issuer = headerName(h.issuer, leftW, true);
    this.face('bold', issuer.size).text(issuer.lines.join('\n'), this.left, y, {
      width: leftW,
      align: 'center',
    });
    y = this.pdf.y + 2;
    this.rule(this.left + leftW / 2, y, 28);
    const leftEnd = y;

    this.face('bold', 12).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, {
      width: rightW,
      align: 'center',
    });
    const motto = 'Độc lập - Tự do - Hạnh phúc';
    this.face('bold', 13).text(motto, rightX, this.pdf.y, { width: rightW, align: 'center' });
    const ry = this.pdf.y + 2;
    this.rule(rightX + rightW / 2, ry, this.pdf.widthOfString(motto) / PT_PER_MM);

    const row = Math.max(leftEnd, ry) + 6;
    this.face('regular', 13).text(`Số: ${h.number}`, this.left, row, { width: leftW, align: 'center' });
    const afterNumber = this.pdf.y;
    this.face('italic', 13).text(h.placeAndDate, rightX, row, { width: rightW, align: 'center' });
    this.pdf.x = this.left;
    this.pdf.y = Math.max(afterNumber, this.pdf.y) + 14;
  }

  /** A centred horizontal rule `lengthMm` long. */
  private rule(centerX: number, y: number, lengthMm: number) {
    const half = mm(lengthMm) / 2;
    this.pdf
      .moveTo(centerX - half, y)
      .lineTo(centerX + half, y)
      .lineWidth(0.6)
      .stroke();
  }

  block(b: Block, first: boolean, next?: Block) {
    const pdf = this.pdf;
    switch (b.kind) {
      case 'title':
        this.paragraph(b.text, { face: 'bold', size: 14, align: 'center', gap: 2 });
        return;
      case 'subtitle':
        this.paragraph(b.text, { face: 'bold', align: 'center', gap: PARAGRAPH_GAP + 4 });
        return;
      case 'heading':
        this.keep(BODY_PT * 3);
        this.paragraph(b.text, { face: 'bold', align: 'left', gap: PARAGRAPH_GAP });
        return;
      case 'paragraph':
        // The closing paragraph goes over with the signatures: a page holding only the signatures is not signed
        // under any text, and an office sends such a document back (the closing as a whole, when it fits in half
        // a page, was kept with them already: keepTogether).
        if (next?.kind === 'signatures')
          this.keep(this.paragraphHeight(b) + this.signaturesHeight(next.columns, next.recipients));
        else if (headsWhatFollows(b, next)) this.keep(this.paragraphHeight(b) + BODY_PT * 3);
        this.paragraph(b.text, {
          face: b.italic ? 'italic' : 'regular',
          align: b.align ?? 'justify',
          indent: b.indent ? mm(10) : 0,
        });
        return;
      case 'item':
        this.paragraph(`- ${b.text}`, { align: 'justify', indent: mm(10) });
        return;
      case 'table':
        this.table(b);
        return;
      case 'signatures':
        this.signatures(b.columns, b.recipients);
        return;
      case 'dottedLines':
        this.dottedLines(b.count);
        return;
      case 'pageBreak':
        pdf.addPage();
        return;
      case 'placed':
        if (!first) pdf.addPage();
        for (const t of b.items) {
          const face: Face = t.bold ? (t.italic ? 'boldItalic' : 'bold') : t.italic ? 'italic' : 'regular';
          this.face(face, t.size);
          // Centred on x: over its width when it has one, else over its widest line's (each line centred in it:
          // "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH").
          const widest = Math.max(...t.text.split('\n').map((line) => pdf.widthOfString(line)));
          const width = t.width ? mm(t.width) : t.align === 'center' ? widest + 1 : undefined;
          const x = t.align === 'center' ? mm(t.x) - width! / 2 : mm(t.x);
          // Outside the margins on purpose (a blank's fields): no automatic page break.
          pdf.text(t.text, x, mm(t.y), { width, align: t.align ?? 'left', lineBreak: !!width, height: 1e6 });
        }
        return;
    }
  }

  /**
   * Starts a new page unless the closing blocks and their signatures (the last block) fit above the bottom
   * margin; false, doing nothing, when they take more than half a page (a later start is tried instead).
   */
  keepTogether(group: Block[]): boolean {
    const sig = group[group.length - 1]!;
    if (sig.kind !== 'signatures') return false;
    let height = this.signaturesHeight(sig.columns, sig.recipients);
    for (const b of group.slice(0, -1)) height += this.textHeight(b);
    const page = this.bottom - this.pdf.page.margins.top;
    if (height > page / 2) return false;
    this.keep(height);
    return true;
  }

  /** What a heading, paragraph or dash item takes on the page, with the gap after it. */
  private textHeight(b: Block): number {
    if (b.kind === 'paragraph') return this.paragraphHeight(b);
    if (b.kind !== 'heading' && b.kind !== 'item') return 0;
    this.face(b.kind === 'heading' ? 'bold' : 'regular');
    const text = runs(b.kind === 'item' ? `- ${b.text}` : b.text)
      .map((p) => p.text)
      .join('');
    const indent = b.kind === 'item' ? mm(10) : 0;
    return this.pdf.heightOfString(text, { width: this.width, indent, lineGap: LINE_GAP }) + PARAGRAPH_GAP;
  }

  /** Starts a new page unless `height` points fit above the bottom margin. */
  private keep(height: number) {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  private paragraph(
    text: string,
    o: { face?: Face; size?: number; align?: Align; indent?: number; gap?: number },
  ) {
    const pdf = this.pdf;
    const parts = runs(text);
    // A continued run loses its leading space: it goes to the end of the run before.
    for (let i = 1; i < parts.length; i++) {
      const lead = /^\s+/.exec(parts[i]!.text)?.[0];
      if (lead) {
        parts[i - 1]!.text += lead;
        parts[i]!.text = parts[i]!.text.slice(lead.length);
      }
    }
    pdf.x = this.left;
    parts.forEach((p, i) => {
      const face: Face = p.bold ? (o.face === 'italic' ? 'boldItalic' : 'bold') : (o.face ?? 'regular');
      this.face(face, o.size);
      const opts = {
        width: this.width,
        align: o.align ?? 'justify',
        indent: o.indent ?? 0,
        lineGap: LINE_GAP,
        continued: i < parts.length - 1,
      };
      if (i === 0) pdf.text(p.text, this.left, pdf.y, opts);
      else pdf.text(p.text, opts);
    });
    pdf.y += o.gap ?? PARAGRAPH_GAP;
  }

  private table(b: Extract<Block, { kind: 'table' }>) {
    const pdf = this.pdf;
    const total = b.columns.reduce((s, c) => s + c.width, 0);
    const widths = b.columns.map((c) => (c.width / total) * this.width);
    const pad = 3;
    const size = 12;
    const rowHeight = (cells: string[], face: Face) => {
      this.face(face, size);
      return (
        Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: widths[i]! - 2 * pad, lineGap: 1 }))) +
        2 * pad
      );
    };
    const drawRow = (cells: string[], face: Face, header: boolean, height = rowHeight(cells, face)) => {
      const y = pdf.y;
      let x = this.left;
      cells.forEach((c, i) => {
        pdf.lineWidth(0.5).rect(x, y, widths[i]!, height).stroke();
        this.face(face, size).text(c, x + pad, y + pad, {
          width: widths[i]! - 2 * pad,
          align: header ? 'center' : (b.columns[i]!.align ?? 'left'),
          lineGap: 1,
        });
        x += widths[i]!;
      });
      pdf.x = this.left;
      pdf.y = y + height;
    };
    const head = b.columns.map((c) => c.title);
    const headHeight = rowHeight(head, 'bold');
    this.keep(headHeight + rowHeight(b.rows[0] ?? head, 'regular'));
    drawRow(head, 'bold', true, headHeight);
    b.rows.forEach((row, i) => {
      const face: Face = b.boldRows?.includes(i) ? 'bold' : 'regular';
      const height = rowHeight(row, face);
      if (pdf.y + height > this.bottom) {
        pdf.addPage();
        drawRow(head, 'bold', true, headHeight); // the header again on each page
      }
      drawRow(row, face, false, height);
    });
    pdf.y += PARAGRAPH_GAP + 4;
  }

  /** Each line dots from margin to margin, spaced for handwriting. */
  private dottedLines(count: number) {
    const pdf = this.pdf;
    this.face('regular');
    const line = pdf.currentLineHeight(true) + 2 * LINE_GAP + PARAGRAPH_GAP;
    const dots = '.'.repeat(Math.floor(this.width / pdf.widthOfString('.')));
    for (let i = 0; i < count; i++) {
      this.keep(line);
      const y = pdf.y;
      pdf.text(dots, this.left, y, { width: this.width, lineBreak: false });
      pdf.x = this.left;
      pdf.y = y + line;
    }
  }

  private paragraphHeight(b: Extract<Block, { kind: 'paragraph' }>): number {
    this.face(b.italic ? 'italic' : 'regular');
    const text = runs(b.text)
      .map((p) => p.text)
      .join('');
    const indent = b.indent ? mm(10) : 0;
    return this.pdf.heightOfString(text, { width: this.width, indent, lineGap: LINE_GAP }) + PARAGRAPH_GAP;
  }

  /** What the signatures need above the bottom margin: the titles, the space to sign, the names, the recipients. */
  private signaturesHeight(columns: SignatureColumn[], recipients?: string[]): number {
    const lines = Math.max(...columns.map((c) => c.title.length));
    return Math.max((lines + 1) * 17 + mm(25), (recipients?.length ?? 0) * 13 + 20);
  }

  private signatures(columns: SignatureColumn[], recipients?: string[]) {
    const pdf = this.pdf;
    const slots = columns.length + (recipients ? 1 : 0);
    const width = this.width / slots;
    const lines = Math.max(...columns.map((c) => c.title.length));
    this.keep(this.signaturesHeight(columns, recipients));
    const top = pdf.y + 6;
    let bottom = top;
    if (recipients) {
      this.face('boldItalic', 12).text('Nơi nhận:', this.left, top, { width: width - 6 });
      this.face('regular', 11).text(recipients.map((l) => `- ${l}`).join('\n'), this.left, pdf.y, {
        width: width - 6,
      });
      bottom = pdf.y;
    }
    columns.forEach((c, i) => {
      const x = this.left + (i + (recipients ? 1 : 0)) * width;
      this.face('bold', BODY_PT).text(c.title.join('\n'), x, top, { width, align: 'center', lineGap: 1 });
      if (c.hint) this.face('italic', 12).text(c.hint, x, pdf.y, { width, align: 'center' });
      const nameY = Math.max(pdf.y, top + lines * 16 + 14) + mm(22);
      this.face('bold', BODY_PT).text(c.name, x, nameY, { width, align: 'center' });
      bottom = Math.max(bottom, pdf.y);
    });
    pdf.x = this.left;
    pdf.y = bottom + PARAGRAPH_GAP;
  }

  /** Decree 30: the page number in Arabic numerals, centred in the top margin, from page 2. */
  pageNumbers() {
    const pdf = this.pdf;
    const range = pdf.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const top = pdf.page.margins.top;
      // Writing inside the margin would otherwise start a new page.
      pdf.page.margins.top = 0;
      this.face('regular', 13).text(String(i + 1), this.left, top / 2 - 6, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      pdf.page.margins.top = top;
    }
  }
}
