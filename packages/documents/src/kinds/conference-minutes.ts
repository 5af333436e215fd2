import { fromTemplate } from '../template';
import type { DocumentModel } from '../model';
import { dateInWords } from '../vietnamese';
import {
  listOfUnits,
  dottedLines,
  handNumbered,
  header,
  minutesSigner,
  provinceCommittee,
  signatures,
  timeInWords,
} from './common';
import {
  attendanceTable,
  chairedBy,
  committeeTable,
  withPosition,
  type ConferenceRecord,
} from './conference-record';
import type { ProvinceName } from './common';

export interface ConferenceMinutesInput {
  province: ProvinceName;
  blockName: string;
  year: number;
  conference: ConferenceRecord & { endedOn: string | null; minutes: string | null };
  /** The block's members that year (the attendance may be left unrecorded). */
  memberCount: number;
  /** Whether a round of the block's vote was opened on the platform (a block may agree by acclamation). */
  voted: boolean;
  /**
   * What the vote chose, by contest, once announced (the head and deputy's decision included); null before: the
   * count is then only the counting committee's.
   */
  results: { contest: string; units: string[] }[] | null;
  generatedAt: string;
}

/** Biên bản hội nghị tổng kết: the conference as recorded, its proceedings and what it chose (templates/conference-minutes.vi.md). */
export function conferenceMinutes(input: ConferenceMinutesInput): DocumentModel {
  const c = input.conference;
  const present = c.attendance.filter((a) => a.present).length;
  const ended = c.endedOn && c.endedOn !== c.heldOn ? c.endedOn : null;
  return fromTemplate(
    'conference-minutes',
    {
      year: input.year,
      blockName: input.blockName,
      when: ended ? `từ ${dateInWords(c.heldOn)} đến ${dateInWords(ended)}` : dateInWords(c.heldOn),
      place: c.place,
      chair: chairedBy(c),
      secretary: withPosition(c.secretaryName, c.secretaryPosition),
      members: input.memberCount,
      presence: c.attendance.length
        ? `có mặt: ${present}; vắng mặt: ${c.attendance.length - present}`
        : 'có mặt: ......; vắng mặt: ......', // not taken on the platform: filled in by hand
      attendance: attendanceTable(c.attendance),
      hasAttendance: c.attendance.length > 0,
      committee: committeeTable(c.committee),
      hasCommittee: c.committee.length > 0,
      // Each line typed as its own paragraph, as the secretary wrote them.
      paragraphs: (c.minutes ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((text) => ({ text })),
      // Nothing typed: lines for the secretary to write the proceedings in by hand, not a note about the platform
      // in the official text.
      unrecorded: dottedLines(6),
      // Not voted on the platform (the minutes printed before the vote, or a vote held otherwise): written by hand.
      unrecordedResults: dottedLines(4),
      results: (input.results ?? []).map((r) => ({
        contest: r.contest,
        units: r.units.length ? listOfUnits(r.units) : 'không có đơn vị được chọn',
      })),
      announced: input.results !== null,
      voted: input.voted,
      // Voted but not announced: the count is still the counting committee's.
      awaiting: input.voted && input.results === null,
      generatedAt: timeInWords(input.generatedAt),
      signatures: signatures([
        minutesSigner(['THƯ KÝ HỘI NGHỊ'], c.secretaryName),
        minutesSigner(['CHỦ TRÌ HỘI NGHỊ'], c.chairPerson),
      ]),
    },
    header(
      provinceCommittee(input.province),
      input.blockName,
      handNumbered('BB-HN'),
      input.province,
      c.heldOn,
    ),
  );
}
