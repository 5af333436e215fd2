import {
  AlignmentType,
  BorderStyle,
  Document,
  FrameAnchorType,
  Header,
  LeaderType,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { BODY_PT, DOCX_FONT } from './fonts';
import { headerName, HEADER_LEFT } from './header-name';
import {
  closingGroups,
  headsWhatFollows,
  PAPER_MM,
  runs,
  type Align,
  type Block,
  type DocumentModel,
  type OfficialHeader,
} from './model';

const TWIPS_PER_MM = 1440 / 25.4;
const tw = (v: number) => Math.round(v * TWIPS_PER_MM);
const half = (pt: number) => pt * 2;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

/** Renders the document to DOCX bytes (editable in Word); the same page, margins and page numbers as the PDF. */
export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const [w, h] = PAPER_MM[model.page.size];
  const m = model.page.margins;
  const landscape = model.page.orientation === 'landscape';
  const textWidth = tw((landscape ? h : w) - m.left - m.right);
  const children: (Paragraph | Table)[] = [];
  if (model.header) children.push(header(model.header, textWidth), spacer(14));
  // The closing text keeps with the signatures it ends in (closingStart, model.ts), as in the PDF.
  const closing = closingGroups(model.blocks);
  model.blocks.forEach((b, i) =>
    children.push(...block(b, textWidth, i === 0, model.blocks[i + 1], closing.has(i))),
  );
  const pageNumber = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT] })],
      }),
    ],
  });
  const doc = new Document({
    title: model.title,
    creator: 'Thi đua – Khen thưởng',
    styles: {
      default: {
        document: {
          run: { font: DOCX_FONT, size: half(BODY_PT) },
          paragraph: { spacing: { after: 100, line: 264 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: tw(w),
              height: tw(h),
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: tw(m.top),
              bottom: tw(m.bottom),
              left: tw(m.left),
              right: tw(m.right),
              // Halfway down the top margin, where the PDF prints the page number; never negative (Word refuses a
              // negative distance, and a certificate's blank has no margin at all).
              header: tw(Math.max(0, m.top / 2 - 3)),
            },
          },
          // The first page has its own (empty) header: numbers start on page 2.
          titlePage: model.page.pageNumbers,
        },
        headers: model.page.pageNumbers
          ? { default: pageNumber, first: new Header({ children: [new Paragraph({})] }) }
          : undefined,
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function text(
  s: string,
  o: { bold?: boolean; italic?: boolean; size?: number; underline?: boolean } = {},
): TextRun[] {
  return runs(s).flatMap((r) =>
    r.text.split('\n').map(
      (line, i) =>
        new TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          bold: o.bold || r.bold,
          italics: o.italic,
          size: o.size ? half(o.size) : undefined,
          underline: o.underline ? {} : undefined,
        }),
    ),
  );
}

function para(
  s: string,
  o: {
    bold?: boolean;
    italic?: boolean;
    size?: number;
    align?: Align;
    indent?: boolean;
    after?: number;
    underline?: boolean;
  },
  extra: IParagraphOptions = {},
): Paragraph {
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'justify'],
    indent: o.indent ? { firstLine: tw(10) } : undefined,
    spacing: o.after === undefined ? undefined : { after: o.after * 20 },
    children: text(s, o),
    ...extra,
  });
}

const spacer = (pt: number) => new Paragraph({ spacing: { after: 0, line: pt * 20 }, children: [] });

function cell(children: Paragraph[], width: number, borders = true, side = 80): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: borders ? undefined : NO_BORDERS,
    margins: { top: 40, bottom: 40, left: side, right: side },
    children,
  });
}

function header(h: OfficialHeader, width: number): Table {
  const leftW = Math.round(width * HEADER_LEFT);
  const rightW = width - leftW;
  const c = (s: string, o: Parameters<typeof para>[1]) => para(s, { align: 'center', after: 0, ...o });
  // Each line its own paragraph: Word breaks the name where the PDF does (widths in twips, 20 to the point).
  const name = (s: string, bold: boolean) => {
    const { lines, size } = headerName(s, leftW / 20, bold);
    return lines.map((line) => c(line, { size, bold }));
  };
  const left = [
    ...(h.parent ? name(h.parent, false) : []),
    ...name(h.issuer, true),
    c('', { size: 6 }),
    c(`Số: ${h.number}`, { size: 13 }),
  ];
  const right = [
    c('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    c('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true, underline: true }),
    c('', { size: 6 }),
    c(h.placeAndDate, { size: 13, italic: true }),
  ];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [leftW, rightW],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, leftW, false, 0), cell(right, rightW, false, 0)] })],
  });
}

function block(
  b: Block,
  width: number,
  first: boolean,
  next?: Block,
  closing = false,
): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'title':
      return [para(b.text, { bold: true, size: 14, align: 'center', after: 2 })];
    case 'subtitle':
      return [para(b.text, { bold: true, align: 'center', after: 10 })];
    case 'heading':
      return [para(b.text, { bold: true, align: 'left' }, { keepNext: true })];
    case 'paragraph':
      // The closing text stays with the signatures, and a bold-led paragraph with what it heads, as in the PDF.
      return [
        para(
          b.text,
          { italic: b.italic, align: b.align ?? 'justify', indent: b.indent },
          { keepNext: closing || next?.kind === 'signatures' || headsWhatFollows(b, next) },
        ),
      ];
    case 'item':
      return [para(`- ${b.text}`, { indent: true }, { keepNext: closing })];
    case 'table': {
      const total = b.columns.reduce((s, c) => s + c.width, 0);
      const widths = b.columns.map((c) => Math.floor((c.width / total) * width));
      const row = (cells: string[], bold: boolean, head: boolean) =>
        new TableRow({
          tableHeader: head,
          cantSplit: true,
          children: cells.map((s, i) =>
            cell(
              [
                para(s, {
                  bold,
                  size: 12,
                  after: 0,
                  align: head ? 'center' : (b.columns[i]!.align ?? 'left'),
                }),
              ],
              widths[i]!,
            ),
          ),
        });
      return [
        new Table({
          width: { size: width, type: WidthType.DXA },
          columnWidths: widths,
          rows: [
            row(
              b.columns.map((c) => c.title),
              true,
              true,
            ),
            ...b.rows.map((r, i) => row(r, !!b.boldRows?.includes(i), false)),
          ],
        }),
        spacer(8),
      ];
    }
    case 'signatures': {
      const w = Math.floor(width / (b.columns.length + (b.recipients ? 1 : 0)));
      const recipients = b.recipients
        ? [
            cell(
              [
                para('Nơi nhận:', { bold: true, italic: true, size: 12, align: 'left', after: 0 }),
                ...b.recipients.map((l) => para(`- ${l}`, { size: 11, align: 'left', after: 0 })),
              ],
              w,
              false,
            ),
          ]
        : [];
      return [
        spacer(6),
        new Table({
          width: { size: width, type: WidthType.DXA },
          columnWidths: [...recipients, ...b.columns].map(() => w),
          borders: NO_BORDERS,
          rows: [
            new TableRow({
              cantSplit: true,
              children: [
                ...recipients,
                ...b.columns.map((c) =>
                  cell(
                    [
                      // The room to sign in: after the hint when there is one, else after the title.
                      para(c.title.join('\n'), { bold: true, align: 'center', after: c.hint ? 0 : 70 }),
                      ...(c.hint
                        ? [para(c.hint, { italic: true, size: 12, align: 'center', after: 70 })]
                        : []),
                      para(c.name, { bold: true, align: 'center', after: 0 }),
                    ],
                    w,
                    false,
                  ),
                ),
              ],
            }),
          ],
        }),
      ];
    }
    case 'dottedLines':
      // A tab to a right tab stop at the margin, led by dots: Word draws the dots across whatever the width.
      return Array.from(
        { length: b.count },
        () =>
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: width, leader: LeaderType.DOT }],
            spacing: { after: 120, line: 360 },
            children: [new TextRun({ children: [new Tab()] })],
          }),
      );
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'placed':
      return [
        ...(first ? [] : [new Paragraph({ children: [new PageBreak()] })]),
        ...b.items.map((t) => {
          // Centred on x: over its width, or without one over a span reaching 100 mm either side of x (at most to
          // the page's edges: a blank's page has no margins, so `width` is the page's), as the PDF centres it on
          // the text's own width.
          const pageMm = width / TWIPS_PER_MM;
          const span = t.width ?? (t.align === 'center' ? 2 * Math.min(t.x, pageMm - t.x, 100) : null);
          return para(
            t.text,
            { bold: t.bold, italic: t.italic, size: t.size, align: t.align ?? 'left', after: 0 },
            {
              frame: {
                type: 'absolute',
                position: { x: tw(t.align === 'center' && span ? t.x - span / 2 : t.x), y: tw(t.y) },
                width: span ? tw(span) : undefined,
                anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
              },
            },
          );
        }),
      ];
  }
}
