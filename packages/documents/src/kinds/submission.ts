import { blockWords, type BlockKind } from '@thidua/domain';
import type { DocumentModel } from '../model';
import { fromTemplate } from '../template';
import { dateInWords } from '../vietnamese';
import {
  handNumbered,
  header,
  legalBasis,
  NO,
  provinceTitle,
  signatures,
  signer,
  table,
  whom,
  type ProvinceName,
} from './common';

export interface SubmissionInput {
  province: ProvinceName;
  blockName: string;
  /** BLOCK (the default) or CLUSTER: signed for a cluster by "TRƯỞNG CỤM". */
  blockKind?: BlockKind;
  year: number;
  headUnit: string;
  /**
   * The head unit's abbreviation ("VPTU"), which its register numbers documents with ("Số: …/TTr-VPTU", Decree
   * 30/2020); null when the unit records none, and the number reads "…/TTr".
   */
  headUnitCode?: string | null;
  /** Its head's name and title, when known; the signature is otherwise left for the hand. */
  signerName: string | null;
  signerTitle: string;
  conferenceOn: string | null;
  /** The day the dossier was submitted (or today, for a draft). */
  date: string;
  /** `individual`: a title proposed for a person of the unit (its subject names them), not an award to the unit. */
  proposals: { subject: string; unit: string; individual: boolean; form: string; grounds: string[] }[];
  /** What goes with the submission: the files attached to the dossier, and the minutes of the vote. */
  attachments: string[];
}

/** Tờ trình đề nghị khen thưởng: the head unit's submission to the province (templates/submission.vi.md). */
export function submission(input: SubmissionInput): DocumentModel {
  const province = provinceTitle(input.province);
  // "các tập thể, cá nhân" only when both are proposed.
  const individuals = input.proposals.filter((p) => p.individual).length;
  const proposed = whom(input.proposals.length - individuals, individuals);
  return fromTemplate(
    'submission',
    {
      year: input.year,
      // The texts in force on the document's own date, not today's.
      basis: legalBasis(input.date),
      blockName: input.blockName,
      headUnit: input.headUnit,
      province,
      proposed,
      conference: input.conferenceOn ? `, ${dateInWords(input.conferenceOn)}` : '',
      proposals: input.proposals.map((p, i) => ({
        no: i + 1,
        subject: p.subject,
        form: p.form,
        grounds: p.grounds.map((text) => ({ text })),
      })),
      summary: table(
        [
          NO,
          { title: proposed.charAt(0).toLocaleUpperCase('vi') + proposed.slice(1), width: 52 },
          { title: 'Hình thức đề nghị', width: 40 },
        ],
        input.proposals.map((p, i) => [String(i + 1), p.subject, p.form]),
      ),
      attachments: input.attachments.map((name) => ({ name })),
      noAttachments: 'Không có tệp đính kèm.',
      signatures: signatures(
        [
          {
            // The block speaks (Decree 30/2020: "TM." for a body acting together), through its head unit, signed by
            // its leader under their own position; an unnamed signer has none to print.
            title: [
              `TM. ${input.blockName.toLocaleUpperCase('vi')}`,
              `TRƯỞNG ${blockWords(input.blockKind).block.toLocaleUpperCase('vi')}`,
              ...(input.signerName ? [input.signerTitle.toLocaleUpperCase('vi')] : []),
            ],
            name: signer(input.signerName),
          },
        ],
        [`Hội đồng Thi đua - Khen thưởng ${province};`, 'Sở Nội vụ (Ban Thi đua - Khen thưởng);', 'Lưu: VT.'],
      ),
    },
    header(
      input.blockName.toLocaleUpperCase('vi'),
      input.headUnit,
      handNumbered(input.headUnitCode ? `TTr-${input.headUnitCode}` : 'TTr'),
      input.province,
      input.date,
    ),
  );
}
