import { blockWords, type BlockKind } from '@thidua/domain';
import { fromTemplate } from '../template';
import {
  attendanceTable,
  chairedBy,
  committeeTable,
  withPosition,
  type ConferenceRecord,
} from './conference-record';
import type { DocumentModel } from '../model';
import { dateInWords, formatPercent } from '../vietnamese';
import {
  listOfUnits,
  dayInVietnam,
  handNumbered,
  header,
  minutesSigner,
  provinceCommittee,
  signatures,
  table,
  thresholdText,
  NO,
  timeInWords,
  type ProvinceName,
} from './common';

export interface VoteMinutesInput {
  province: ProvinceName;
  blockName: string;
  /** BLOCK (the default) or CLUSTER: "Trưởng cụm" in a cluster's minutes. */
  blockKind?: BlockKind;
  year: number;
  conference: ConferenceRecord | null;
  rounds: {
    round: number;
    method: 'ONLINE' | 'PAPER';
    openedAt: string;
    closedAt: string | null;
    thresholdPercent: number;
    thresholdMode: 'AT_LEAST' | 'MORE_THAN';
    eligible: number;
    /** The fewest votes that reach the threshold, as the tally counted. */
    votesNeeded: number;
    contests: {
      title: string;
      seats: number;
      issued: number;
      returned: number;
      valid: number;
      invalid: number;
      blank: number;
      candidates: { name: string; votes: number; percent: number; reached: boolean; elected: boolean }[];
      unfilled: number;
      shortfall: string | null;
      tied: string[];
      /** R6: units equal on votes for the last seats told apart by the tie-break order, and the rule in words. */
      tieBreak: { among: string[]; chosen: string[]; rule: string } | null;
    }[];
  }[];
  /** The head and deputy's decision for seats the rounds left empty. */
  decisions: { contest: string; units: string[]; proposedBy: string; confirmedBy: string | null }[];
  /** When the last round's results were announced; null for the counting committee's preview. */
  publishedAt: string | null;
  generatedAt: string;
}

/** Biên bản kiểm phiếu: every round of a block's vote (templates/vote-minutes.vi.md). */
export function voteMinutes(input: VoteMinutesInput): DocumentModel {
  const c = input.conference;
  const present = c?.attendance.filter((a) => a.present) ?? [];
  const absent = (c?.attendance.length ?? 0) - present.length;
  const chair = c?.committee.find((m) => /trưởng ban/i.test(m.role)) ?? c?.committee[0];
  const date = c?.heldOn ?? dayInVietnam(input.generatedAt);
  return fromTemplate(
    'vote-minutes',
    {
      year: input.year,
      blockName: input.blockName,
      block: blockWords(input.blockKind).block,
      conference: c
        ? {
            date: dateInWords(c.heldOn),
            place: c.place,
            chair: chairedBy(c),
            secretary: withPosition(c.secretaryName, c.secretaryPosition),
          }
        : null,
      members: c?.attendance.length ?? 0,
      present: present.length,
      absent,
      attendance: attendanceTable(c?.attendance ?? []),
      committee: committeeTable(c?.committee ?? []),
      hasCommittee: !!c?.committee.length,
      rounds: input.rounds.map((r) => ({
        round: r.round,
        method: r.method === 'PAPER' ? 'bỏ phiếu kín trên giấy tại hội nghị' : 'bỏ phiếu kín trực tuyến',
        // A paper round was voted in the hall: the platform knows when its count was confirmed, not the voting.
        when:
          r.method === 'PAPER'
            ? r.closedAt
              ? `Số liệu theo biên bản của Ban kiểm phiếu, được xác nhận trên hệ thống lúc ${timeInWords(r.closedAt)}.`
              : 'Số liệu theo biên bản của Ban kiểm phiếu, chưa được xác nhận trên hệ thống.'
            : `Thời gian bỏ phiếu từ ${timeInWords(r.openedAt)} đến ${r.closedAt ? timeInWords(r.closedAt) : 'chưa kết thúc'}.` +
              // Online, every member has a ballot, present or not: said, or the minutes' counts seem to disagree.
              (absent > 0
                ? ` Phiếu bầu trực tuyến được phát cho cả ${r.eligible} đơn vị thành viên, kể cả đơn vị vắng mặt tại hội nghị.`
                : ''),
        threshold: thresholdText(r.thresholdPercent, r.thresholdMode, r.eligible, r.votesNeeded),
        contests: r.contests.map((k, i) => ({
          no: i + 1,
          title: k.title,
          seats: k.seats,
          issued: k.issued,
          returned: k.returned,
          valid: k.valid,
          invalid: k.invalid,
          blank: k.blank,
          table: table(
            [
              NO,
              { title: 'Đơn vị', width: 46 },
              { title: 'Số phiếu', width: 12, align: 'right' },
              { title: 'Tỷ lệ (%)', width: 12, align: 'right' },
              { title: 'Đạt ngưỡng', width: 12, align: 'center' },
              { title: 'Trúng cử', width: 12, align: 'center' },
            ],
            k.candidates.map((x, j) => [
              String(j + 1),
              x.name,
              String(x.votes),
              formatPercent(x.percent),
              x.reached ? 'Đạt' : 'Không',
              x.elected ? 'Trúng cử' : '',
            ]),
          ),
          outcome: outcome(k),
        })),
      })),
      decisions: input.decisions.map((d) => ({
        text:
          `${d.contest}: ${listOfUnits(d.units)} (do ${d.proposedBy} đề xuất` +
          (d.confirmedBy ? `, ${d.confirmedBy} nhất trí).` : '; chưa được nhất trí).'),
      })),
      generatedAt: timeInWords(input.generatedAt),
      publishedAt: input.publishedAt ? timeInWords(input.publishedAt) : null,
      signatures: signatures([
        minutesSigner(['TM. BAN KIỂM PHIẾU', 'TRƯỞNG BAN'], chair?.name),
        minutesSigner(['THƯ KÝ HỘI NGHỊ'], c?.secretaryName),
        minutesSigner(['CHỦ TRÌ HỘI NGHỊ'], c?.chairPerson),
      ]),
    },
    header(provinceCommittee(input.province), input.blockName, handNumbered('BB-KTĐ'), input.province, date),
  );
}

/**
 * The contest's result, a sentence a line. Unit names hold commas ("Sở Văn hóa, Thể thao và Du lịch"), so a list of
 * them is joined with "; " and ends its sentence.
 */
function outcome(k: VoteMinutesInput['rounds'][number]['contests'][number]): { text: string }[] {
  const elected = k.candidates.filter((x) => x.elected).map((x) => x.name);
  const lines = [elected.length ? `Trúng cử: ${listOfUnits(elected)}.` : 'Không có đơn vị trúng cử.'];
  const broken = k.tieBreak;
  if (broken)
    lines.push(
      `Bằng số phiếu ở suất cuối cùng: ${listOfUnits(broken.among)}. Được chọn vì ${broken.rule} ` +
        `(thứ tự phân định khi bằng nhau): ${listOfUnits(broken.chosen)}.`,
    );
  if (k.unfilled > 0) {
    lines.push(
      k.shortfall === 'TIE'
        ? `Còn ${k.unfilled} suất chưa có đơn vị trúng cử do bằng phiếu giữa: ${listOfUnits(k.tied)}.`
        : `Còn ${k.unfilled} suất chưa có đơn vị trúng cử do không đơn vị nào đạt ngưỡng.`,
    );
  }
  return lines.map((text) => ({ text }));
}
