import type { DocumentModel, PlacedText } from '../model';
import { dateInWords } from '../vietnamese';
import { signingTitle, type ProvinceName } from './common';

/** The fields printed on a certificate blank. */
export const CERTIFICATE_FIELDS = [
  'recipient',
  'unit',
  'achievement',
  'decision',
  'placeDate',
  'signerTitle',
  'signer',
] as const;
export type CertificateField = (typeof CERTIFICATE_FIELDS)[number];

export interface FieldPosition {
  /** Millimetres from the blank's left and top edges; with align center, x is the field's centre. */
  x: number;
  y: number;
  /** Points. */
  size: number;
  bold: boolean;
  italic: boolean;
  align: 'left' | 'center';
  /** Millimetres; null: no wrapping. */
  width: number | null;
}

/** Where a province's pre-printed blank takes each field. */
export interface CertificateLayout {
  paper: 'A4' | 'A3';
  fields: Record<CertificateField, FieldPosition>;
}

const at = (x: number, y: number, size: number, o: Partial<FieldPosition> = {}): FieldPosition => ({
  x,
  y,
  size,
  bold: false,
  italic: false,
  align: 'center',
  width: 230,
  ...o,
});

/**
 * A common A4 landscape blank (297 × 210 mm) whose motto, emblem and form name are pre-printed at the top: the
 * recipient in the middle, the decision at the bottom left, place, date and signature at the bottom right.
 */
export const DEFAULT_CERTIFICATE_LAYOUT: CertificateLayout = {
  paper: 'A4',
  fields: {
    recipient: at(148.5, 88, 22, { bold: true }),
    unit: at(148.5, 102, 15),
    achievement: at(148.5, 114, 15, { italic: true, width: 220 }),
    decision: at(30, 168, 12, { align: 'left', width: 110 }),
    placeDate: at(215, 146, 13, { italic: true, width: 130 }),
    signerTitle: at(215, 153, 13, { bold: true, width: 130 }),
    signer: at(215, 182, 15, { bold: true, width: 130 }),
  },
};

export interface CertificatesInput {
  province: ProvinceName;
  layout: CertificateLayout;
  decision: {
    numberText: string;
    decisionDate: string;
    issuerName: string;
    signerName: string;
    signerTitle: string;
  };
  years: number[];
  /** The one form these pages are for (its blank), or null: every form of the decision, grouped. */
  form: string | null;
  /** `leads`: a block's flag, awarded to the unit that led `block` (named when known). */
  awardees: { name: string; unit: string | null; form: string; leads: boolean; block?: string | null }[];
}

/** One page per awardee, the fields where the province's blank wants them; nothing else is printed. */
export function certificates(input: CertificatesInput): DocumentModel {
  const d = input.decision;
  const place = (field: CertificateField, text: string): PlacedText => {
    const f = input.layout.fields[field];
    return {
      text,
      x: f.x,
      y: f.y,
      size: f.size,
      bold: f.bold,
      italic: f.italic,
      align: f.align,
      width: f.width ?? undefined,
    };
  };
  return {
    title: `${input.form ?? 'Giấy khen, bằng khen'} theo Quyết định số ${d.numberText}`,
    page: {
      size: input.layout.paper,
      orientation: 'landscape',
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      pageNumbers: false,
    },
    blocks: input.awardees.map((a) => ({
      kind: 'placed' as const,
      items: [
        place('recipient', a.name),
        ...(a.unit ? [place('unit', a.unit)] : []),
        place(
          'achievement',
          a.leads
            ? `Đơn vị dẫn đầu phong trào thi đua năm ${input.years.join(', ')}${a.block ? ` của ${a.block}` : ''}`
            : `Đã có thành tích xuất sắc trong phong trào thi đua năm ${input.years.join(', ')}`,
        ),
        place(
          'decision',
          `Quyết định số ${d.numberText} ngày ${dateInWords(d.decisionDate).replace(/^ngày /, '')}`,
        ),
        place('placeDate', `${input.province.name}, ${dateInWords(d.decisionDate)}`),
        place('signerTitle', signingTitle(d.signerTitle, 'Chủ tịch').join('\n')),
        place('signer', d.signerName),
      ],
    })),
  };
}
