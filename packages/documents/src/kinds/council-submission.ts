import type { DocumentModel } from '../model';
import { fromTemplate } from '../template';
import { dateInWords, formatPercent } from '../vietnamese';
import {
  dayInVietnam,
  handDated,
  handNumbered,
  header,
  legalBasis,
  NO,
  provinceCommittee,
  provinceTitle,
  signatures,
  signer,
  table,
  timeInWords,
  whom,
} from './common';
import type { CouncilMinutesInput } from './council-minutes';

/** The list's column of who proposed: "Khối", "Cụm", or "Khối, cụm" when blocks and clusters both did. */
function proposers(list: CouncilMinutesInput['nominations']): string {
  const clusters = list.filter((n) => n.blockKind === 'CLUSTER').length;
  return clusters === 0 ? 'Khối' : clusters === list.length ? 'Cụm' : 'Khối, cụm';
}

export interface CouncilSubmissionInput extends CouncilMinutesInput {
  /**
   * The submission as the Department's register numbered and dated it, once an award decision cites it as the
   * one it answers ("… tại Tờ trình số 215/TTr-SNV ngày 05 tháng 12 năm 2026"); null or absent: not yet.
   */
  submission?: { number: string; date: string } | null;
}

/**
 * The submission the decisions answering a council session cite (each of its passed proposals is decided once, by
 * a decision that may cite the submission it answers): theirs when they cite one; null while none does, or when
 * they cite different ones (the Department split the proposals: no single number is this session's).
 */
export function submissionCitedBy(
  decisions: readonly { submissionNumber: string | null; submissionDate: string | null }[],
): { number: string; date: string } | null {
  const cited = new Map<string, { number: string; date: string }>();
  for (const d of decisions)
    if (d.submissionNumber && d.submissionDate)
      cited.set(`${d.submissionNumber} ${d.submissionDate}`, {
        number: d.submissionNumber,
        date: d.submissionDate,
      });
  return cited.size === 1 ? [...cited.values()][0]! : null;
}

/**
 * Tờ trình of the Department of Home Affairs (the council's standing body) to the Chairman: the proposals the
 * council passed, for his decision (templates/council-submission.vi.md). Made from the same record as the
 * council's minutes, which go with it.
 *
 * Its number and date are the register's, given when it is signed: until a decision records them (`submission`,
 * gathered from the decisions that decide this session's proposals: councilSubmissionData in the gateway), it is
 * a draft with the number and the day and month blank for the clerk to fill in by hand, never today's date (the
 * dossier would hold a submission dated after the one the decision cites). Once recorded, it prints them, and
 * cites the texts in force on that date.
 */
export function councilSubmission(input: CouncilSubmissionInput): DocumentModel {
  const province = provinceTitle(input.province);
  const cited = input.submission ?? null;
  // The draft cites the texts in force today, the day it is printed to be signed.
  const date = cited?.date ?? dayInVietnam(input.generatedAt);
  const approved = input.nominations.filter((n) => n.approved);
  const notApproved = input.nominations.filter((n) => !n.approved && n.withdrawn === null).length;
  const deferred = input.nominations.filter((n) => n.withdrawn !== null).length;
  const individuals = approved.filter((n) => n.individual).length;
  const years = [...new Set(input.nominations.flatMap((n) => (n.year ? [n.year] : [])))].sort();
  const councilDay = dateInWords(dayInVietnam(input.closedAt ?? input.openedAt));
  // The dossiers of the blocks whose proposals go to the Chairman.
  const dossiers = new Map(
    approved.flatMap((n) => (n.block && n.year ? [[`${n.year}:${n.block}`, n] as const] : [])),
  );
  return fromTemplate(
    'council-submission',
    {
      province,
      years: years.join(', '),
      // The texts in force on the document's own date, not today's.
      basis: legalBasis(date),
      councilDay,
      approved: approved.length,
      awardees: whom(approved.length - individuals, individuals),
      list: table(
        [
          NO,
          { title: 'Tập thể, cá nhân', width: 30 },
          { title: 'Hình thức khen thưởng', width: 26 },
          { title: `${proposers(approved)} đề nghị`, width: 24 },
          { title: 'Tỷ lệ đồng ý (%)', width: 12, align: 'right' },
        ],
        approved.map((n, i) => [String(i + 1), n.subject, n.form, n.block ?? '', formatPercent(n.percent)]),
      ),
      // Taken off the session and deferred (R8) is the secretariat's step, not the council's verdict.
      notApproved:
        notApproved || deferred
          ? `${[
              notApproved ? `Hội đồng không thông qua ${notApproved} đề nghị` : '',
              deferred ? `${deferred} đề nghị được rút khỏi phiên họp để hoãn xét` : '',
            ]
              .filter(Boolean)
              .join(
                '; ',
              )} (chi tiết tại biên bản kèm theo); ${notApproved + deferred > 1 ? 'các đề nghị này' : 'đề nghị này'} không trình khen thưởng.`
          : null,
      // The minutes, then each block's dossier: one per line, the last ending the list.
      attachments: [
        `Biên bản họp Hội đồng Thi đua - Khen thưởng ${province} ${councilDay}`,
        ...[...dossiers.values()].map((n) => `Hồ sơ đề nghị khen thưởng năm ${n.year} của ${n.block}`),
      ].map((text, i, all) => ({ text: `${text}${i === all.length - 1 ? '.' : ';'}` })),
      publishedAt: input.publishedAt,
      generatedAt: timeInWords(input.generatedAt),
      signatures: signatures(
        [{ title: ['GIÁM ĐỐC'], name: signer(null) }],
        ['Như trên;', `Hội đồng Thi đua - Khen thưởng ${province};`, 'Lưu: VT.'],
      ),
    },
    cited
      ? header(provinceCommittee(input.province), 'Sở Nội vụ', cited.number, input.province, cited.date)
      : {
          ...header(
            provinceCommittee(input.province),
            'Sở Nội vụ',
            handNumbered('TTr-SNV'),
            input.province,
            date,
          ),
          placeAndDate: `${input.province.name}, ${handDated(date)}`,
        },
  );
}
