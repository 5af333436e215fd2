import { conferredAs } from '@thidua/domain';
import type { DocumentModel } from '../model';
import { fromTemplate } from '../template';
import { amountInWords, dateInWords, formatNumber, shortDate, upper } from '../vietnamese';
import {
  header,
  legalBasis,
  NO,
  signatures,
  signer,
  signingTitle,
  table,
  whom,
  type ProvinceName,
} from './common';

export interface DecisionInput {
  province: ProvinceName;
  /** As issued: "UBND tỉnh Lào Cai". */
  issuerName: string;
  numberText: string;
  decisionDate: string;
  signerName: string;
  signerTitle: string;
  /** The Department of Home Affairs' submission the decision answers, when recorded: cited by number and date. */
  submission?: { number: string; date: string } | null;
  /** The emulation years the awards reward. */
  years: number[];
  items: {
    /** The unit, or the person for an individual title. */
    name: string;
    /** The person's unit; null for a collective. */
    unit: string | null;
    form: string;
    prizeVnd: number;
    /** The block whose year proposed it, when a block did: a flag's certificate names the block it led. */
    block?: string | null;
  }[];
}

/** "UBND tỉnh Lào Cai" → "Ủy ban nhân dân tỉnh Lào Cai". */
export function issuerInFull(name: string): string {
  return name.replace(/^UBND\b/i, 'Ủy ban nhân dân');
}

/**
 * Article 1: one award says whom it goes to; several are listed after what they reward, the higher first (the
 * order given), each with whom it goes to, so that "đã có thành tích xuất sắc" covers them all.
 */
function article1(
  forms: string[],
  items: DecisionInput['items'],
  who: (items: DecisionInput['items']) => string,
  years: string,
): string {
  const merit = `đã có thành tích xuất sắc trong phong trào thi đua năm ${years} (có danh sách kèm theo)`;
  if (forms.length === 1) return `Tặng ${conferredAs(forms[0]!)} cho ${who(items)} ${merit}.`;
  const each = forms.map((f) => `${conferredAs(f)} cho ${who(items.filter((i) => i.form === f))}`);
  const awardees = whom(items.filter((i) => !i.unit).length, items.filter((i) => i.unit).length);
  return `Tặng thưởng các ${awardees} ${merit}: ${each.join('; ')}.`;
}

/** Quyết định khen thưởng with its annexed list and prize money in words (templates/decision.vi.md). */
export function decision(input: DecisionInput): DocumentModel {
  const issuer = issuerInFull(input.issuerName);
  const collectives = input.items.filter((i) => !i.unit);
  const individuals = input.items.filter((i) => i.unit);
  const total = input.items.reduce((s, i) => s + i.prizeVnd, 0);
  const money = (vnd: number) => [formatNumber(vnd), amountInWords(vnd)];
  const forms = [...new Set(input.items.map((i) => i.form))];
  // "tập thể, cá nhân" only when the decision awards both.
  const awardees = whom(collectives.length, individuals.length);
  const who = (items: DecisionInput['items']) => {
    const [c, p] = [items.filter((i) => !i.unit).length, items.filter((i) => i.unit).length];
    return [c ? `${c} tập thể` : '', p ? `${p} cá nhân` : ''].filter(Boolean).join(' và ');
  };
  return fromTemplate(
    'decision',
    {
      number: input.numberText,
      date: shortDate(input.decisionDate),
      // The texts in force on the document's own date, not today's.
      basis: legalBasis(input.decisionDate),
      proposedBy: input.submission
        ? `Theo đề nghị của Hội đồng Thi đua - Khen thưởng và Giám đốc Sở Nội vụ tại Tờ trình số ${input.submission.number} ${dateInWords(input.submission.date)}`
        : 'Theo đề nghị của Hội đồng Thi đua - Khen thưởng và Giám đốc Sở Nội vụ',
      issuer,
      // The authority deciding, under the title: the Chairman of the committee (Decree 30/2020's form for a
      // document an individual signs in their own competence).
      ISSUER: upper(`Chủ tịch ${issuer}`),
      signerTitle: input.signerTitle,
      years: input.years.join(', '),
      article1: article1(forms, input.items, who, input.years.join(', ')),
      awardees,
      AWARDEES: upper(awardees),
      collectives: collectives.length,
      individuals: individuals.length,
      // The annex's sections are numbered from I, whichever it has.
      individualsNo: collectives.length ? 'II' : 'I',
      total: formatNumber(total),
      totalWords: amountInWords(total),
      collectiveTable: table(
        [
          NO,
          { title: 'Tên tập thể', width: 30 },
          { title: 'Hình thức', width: 22 },
          { title: 'Số tiền (đồng)', width: 14, align: 'right' },
          { title: 'Bằng chữ', width: 26 },
        ],
        collectives.map((i, n) => [String(n + 1), i.name, i.form, ...money(i.prizeVnd)]),
      ),
      individualTable: table(
        [
          NO,
          { title: 'Họ và tên', width: 18 },
          { title: 'Đơn vị', width: 18 },
          { title: 'Hình thức', width: 18 },
          { title: 'Số tiền (đồng)', width: 13, align: 'right' },
          { title: 'Bằng chữ', width: 25 },
        ],
        individuals.map((i, n) => [String(n + 1), i.name, i.unit!, i.form, ...money(i.prizeVnd)]),
      ),
      signatures: signatures(
        [
          {
            // The Law on Emulation and Commendation gives the award to the Chairman, not to the committee as a
            // body: signed "CHỦ TỊCH", or by a vice-chairman for him ("KT."), never "TM." (for the committee).
            title: signingTitle(input.signerTitle, 'Chủ tịch'),
            name: signer(input.signerName),
          },
        ],
        ['Như Điều 3;', 'Hội đồng Thi đua - Khen thưởng;', 'Sở Nội vụ, Sở Tài chính;', 'Lưu: VT.'],
      ),
    },
    // "ỦY BAN NHÂN DÂN" over "TỈNH LÀO CAI", as decisions set it.
    header(
      '',
      issuer.replace(/ (?=(tỉnh|thành phố) )/i, '\n'),
      input.numberText,
      input.province,
      input.decisionDate,
    ),
  );
}
