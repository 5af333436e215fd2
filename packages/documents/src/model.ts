/**
 * The small document model both renderers (PDF and DOCX) draw from: a page, an official header (Decree
 * 30/2020/NĐ-CP), and a list of blocks. Text may carry **bold** runs; everything else is a block's own style.
 */
export interface Margins {
  /** Millimetres. */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface PageSetup {
  size: 'A4' | 'A3';
  orientation: 'portrait' | 'landscape';
  margins: Margins;
  /** Page numbers centred in the top margin, from page 2 on (Decree 30, Appendix I). */
  pageNumbers: boolean;
}

/** The issuer's corner and the national motto: issuer, number, place and date. */
export interface OfficialHeader {
  /** The issuer's superior, e.g. "UBND TỈNH LÀO CAI" (empty: none). */
  parent: string;
  issuer: string;
  /** As it stands after "Số:", e.g. "12/QĐ-UBND" or "      /BB-KTĐ" for one numbered by hand. */
  number: string;
  /** "Lào Cai, ngày 15 tháng 01 năm 2027". */
  placeAndDate: string;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface TableColumn {
  title: string;
  /** Relative width. */
  width: number;
  align?: Align;
}

export interface SignatureColumn {
  /** Lines above the signature: "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH". */
  title: string[];
  /** An italic line under the title: "(Ký, ghi rõ họ tên)" on minutes; none under a decision's signer. */
  hint?: string;
  name: string;
}

/** Text placed at a fixed spot on the page (a pre-printed certificate blank). */
export interface PlacedText {
  text: string;
  /** Millimetres from the page's left and top edges; with `align: 'center'`, x is the centre. */
  x: number;
  y: number;
  /** Points. */
  size: number;
  bold?: boolean;
  italic?: boolean;
  align?: 'left' | 'center';
  /** Millimetres; longer text wraps. */
  width?: number;
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; align?: Align; italic?: boolean; indent?: boolean }
  | { kind: 'item'; text: string }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][]; boldRows?: number[] }
  /** Signers side by side; with `recipients`, "Nơi nhận:" and its list on the left and one signer on the right. */
  | { kind: 'signatures'; columns: SignatureColumn[]; recipients?: string[] }
  /** Lines of dots across the text width, for what the platform does not hold to be written in by hand. */
  | { kind: 'dottedLines'; count: number }
  | { kind: 'pageBreak' }
  /** One page of text at fixed positions; starts a new page unless it is the first block. */
  | { kind: 'placed'; items: PlacedText[] };

export interface DocumentModel {
  title: string;
  page: PageSetup;
  header?: OfficialHeader;
  blocks: Block[];
}

/** Decree 30/2020/NĐ-CP: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const DECREE_30_MARGINS: Margins = { top: 20, bottom: 20, left: 30, right: 15 };

export const PAPER_MM = { A4: [210, 297], A3: [297, 420] } as const;

/** Width and height in millimetres, turned for landscape. */
export function pageSizeMm(page: Pick<PageSetup, 'size' | 'orientation'>): [number, number] {
  const [w, h] = PAPER_MM[page.size];
  return page.orientation === 'landscape' ? [h, w] : [w, h];
}

/** Splits "a **b** c" into runs; an unmatched marker stays as text. */
export function runs(text: string): { text: string; bold: boolean }[] {
  const out: { text: string; bold: boolean }[] = [];
  const parts = text.split(/\*\*(.+?)\*\*/s);
  parts.forEach((p, i) => {
    if (p) out.push({ text: p, bold: i % 2 === 1 });
  });
  return out.length ? out : [{ text: '', bold: false }];
}

/**
 * A paragraph led by bold words ("**2. Đề nghị Bằng khen…** (bầu 2 đơn vị)") heads the lines or table after it,
 * like a heading: it does not stand alone at a page's foot, in the PDF or in Word.
 */
export function headsWhatFollows(b: Block, next?: Block): boolean {
  return (
    b.kind === 'paragraph' && b.text.startsWith('**') && (next?.kind === 'item' || next?.kind === 'table')
  );
}

/**
 * How many text blocks at most close the body with the signatures (the section's heading counted): "3. Kết
 * luận", its conclusion, two or three sentences and the note on when the result was published.
 */
export const CLOSING_BLOCKS = 6;

/**
 * Where the body's closing starts before the signatures at `at`: the paragraphs and dash items before them back
 * to their section's heading (included), when one is within CLOSING_BLOCKS. Decree 30/2020/NĐ-CP practice: the
 * signatures never stand alone on a page, nor under a note alone ("Kết quả đã được công bố lúc …"): they go over
 * with the closing section they sign. Without such a heading within reach (a decision's articles under
 * "QUYẾT ĐỊNH:", a result line under its table) only the last paragraph goes with them: taking more would leave
 * what heads them ("QUYẾT ĐỊNH:", the table) alone at a page's foot. Both renderers keep these blocks together
 * (the PDF as far as half a page allows: renderPdf). Returns `at` when no text precedes the signatures.
 */
export function closingStart(blocks: readonly Block[], at: number): number {
  for (let start = at; start > 0 && at - start < CLOSING_BLOCKS; start--) {
    const b = blocks[start - 1]!;
    if (b.kind === 'heading') return start - 1;
    if (b.kind !== 'paragraph' && b.kind !== 'item') break;
  }
  const last = blocks[at - 1];
  return last?.kind === 'paragraph' || last?.kind === 'item' ? at - 1 : at;
}

/** The blocks that go with a signature block onto its page (closingStart), by index: each one's signatures. */
export function closingGroups(blocks: readonly Block[]): Map<number, number> {
  const of = new Map<number, number>();
  blocks.forEach((b, at) => {
    if (b.kind !== 'signatures') return;
    for (let i = closingStart(blocks, at); i < at; i++) of.set(i, at);
  });
  return of;
}
