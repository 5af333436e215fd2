import type { BlockKind } from '@thidua/domain';
import type { DocumentModel } from '../model';
import { fromTemplate } from '../template';
import { dateInWords, formatPercent } from '../vietnamese';
import {
  dayInVietnam,
  handNumbered,
  header,
  minutesSigner,
  NO,
  provinceCommittee,
  provinceTitle,
  signatures,
  table,
  timeInWords,
  type ProvinceName,
} from './common';

export interface CouncilMinutesInput {
  province: ProvinceName;
  openedAt: string;
  closedAt: string | null;
  /** All members of the council (the thresholds count them all). */
  members: number;
  /** Members who cast a ballot: the session's attendance. */
  voted: number;
  /** The members called to the session by name, and whether each voted (who voted is not secret; what, is). */
  roll?: { name: string; voted: boolean }[];
  /**
   * The attendance the province requires for the session to count, and the fewest members that reach it (as the
   * tally counts: `votesNeeded`, @thidua/domain); null: none.
   */
  quorum: { percent: number; needed: number } | null;
  nominations: {
    subject: string;
    form: string;
    thresholdPercent: number;
    thresholdMode: 'AT_LEAST' | 'MORE_THAN';
    yes: number;
    percent: number;
    approved: boolean;
    /** R8: taken off the session, its nomination deferred: the reason; no count is shown. */
    withdrawn: string | null;
    /** A title proposed for a person (the subject names them and their unit), not an award to a unit. */
    individual?: boolean;
    /** The block whose year proposed it, and that year (the submission to the Chairman lists their dossiers). */
    block?: string | null;
    /** Whether that block is a block of agencies or a cluster of localities (the list's column says which). */
    blockKind?: BlockKind | null;
    year?: number | null;
  }[];
  publishedAt: string | null;
  generatedAt: string;
}

/** Biên bản họp Hội đồng Thi đua - Khen thưởng: the secret ballot per nomination (templates/council-minutes.vi.md). */
export function councilMinutes(input: CouncilMinutesInput): DocumentModel {
  const date = dayInVietnam(input.closedAt ?? input.generatedAt);
  const approved = input.nominations.filter((n) => n.approved).length;
  const withdrawn = input.nominations.filter((n) => n.withdrawn !== null);
  return fromTemplate(
    'council-minutes',
    {
      province: provinceTitle(input.province),
      date: dateInWords(date),
      openedAt: timeInWords(input.openedAt),
      closedAt: input.closedAt ? timeInWords(input.closedAt) : 'chưa kết thúc',
      members: input.members,
      voted: input.voted,
      absent: input.members - input.voted,
      votedPercent: formatPercent(input.members ? (input.voted / input.members) * 100 : 0),
      quorum:
        input.quorum === null
          ? 'Quy chế không quy định tỷ lệ tham dự tối thiểu.'
          : `Quy chế yêu cầu ít nhất ${formatPercent(input.quorum.percent)}% tổng số thành viên (${input.quorum.needed} người) tham gia biểu quyết: phiên họp ${input.voted >= input.quorum.needed ? 'đủ' : 'không đủ'} điều kiện.`,
      roll: table(
        [
          NO,
          { title: 'Họ và tên thành viên Hội đồng', width: 60 },
          { title: 'Tham gia biểu quyết', width: 30, align: 'center' },
        ],
        (input.roll ?? []).map((m, i) => [String(i + 1), m.name, m.voted ? 'Có' : 'Không']),
      ),
      hasRoll: (input.roll ?? []).length > 0,
      count: input.nominations.length,
      approved,
      conclusion: conclusion(input, approved, input.nominations.length - approved - withdrawn.length),
      withdrawn: withdrawn.length
        ? `Tạm hoãn xét ${withdrawn.length} đề nghị, không tính kết quả biểu quyết: ${withdrawn
            .map((n) => `${n.subject} – ${n.withdrawn?.replace(/\.$/, '') || 'hồ sơ tạm hoãn xét'}`)
            .join('; ')}.`
        : null,
      results: table(
        [
          NO,
          { title: 'Tập thể, cá nhân được đề nghị', width: 30 },
          { title: 'Hình thức', width: 24 },
          { title: 'Đồng ý', width: 10, align: 'right' },
          { title: 'Tỷ lệ (%)', width: 10, align: 'right' },
          { title: 'Ngưỡng', width: 14, align: 'center' },
          { title: 'Kết quả', width: 12, align: 'center' },
        ],
        input.nominations.map((n, i) => [
          String(i + 1),
          n.subject,
          n.form,
          n.withdrawn === null ? String(n.yes) : '–',
          n.withdrawn === null ? formatPercent(n.percent) : '–',
          `${n.thresholdMode === 'MORE_THAN' ? '>' : '≥'} ${formatPercent(n.thresholdPercent)}%`,
          n.withdrawn !== null ? 'Tạm hoãn xét' : n.approved ? 'Thông qua' : 'Không thông qua',
        ]),
      ),
      publishedAt: input.publishedAt ? timeInWords(input.publishedAt) : null,
      generatedAt: timeInWords(input.generatedAt),
      signatures: signatures([
        minutesSigner(['THƯ KÝ HỘI ĐỒNG'], null),
        minutesSigner(['TM. HỘI ĐỒNG', 'CHỦ TỊCH'], null),
      ]),
    },
    header(
      provinceCommittee(input.province),
      'Hội đồng Thi đua - Khen thưởng',
      handNumbered('BB-HĐTĐKT'),
      input.province,
      date,
    ),
  );
}

/**
 * "Hội đồng thống nhất thông qua 2 đề nghị.": "thống nhất" (unanimously) only when every ballot said yes to every
 * question counted; a nomination passed 2 to 1 was passed, not agreed by all. A clause counting none is left out.
 */
function conclusion(input: CouncilMinutesInput, approved: number, rejected: number): string {
  if (!approved && !rejected) return 'Không có đề nghị nào được biểu quyết.';
  const unanimous =
    !rejected &&
    input.voted > 0 &&
    input.nominations.every((n) => n.withdrawn !== null || n.yes === input.voted);
  const clauses = [
    approved ? `${unanimous ? 'thống nhất ' : ''}thông qua ${approved} đề nghị` : '',
    rejected ? `không thông qua ${rejected} đề nghị` : '',
  ];
  return `Hội đồng ${clauses.filter(Boolean).join('; ')}.`;
}
