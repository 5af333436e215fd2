import { blockWords, type BlockKind, type BlockLabel } from '../block/words';
import { conferredAs, formWordsEn, formWordsIn, type ProposalForm } from '../awards/forms';
import { placeWord, placeWordEn, type ProvinceKind } from '../province/title';
import { dayMonthYear, VIETNAM_TIME_ZONE } from '../time/vietnam';

export const NOTIFICATION_EVENT_NAMES = [
  'voting.opened',
  'voting.reminder',
  'voting.closed',
  'voting.published',
  'council.all_voted',
  'nomination.status_changed',
  'decision.issued',
  'year.signing_opened',
  'year.scoring_opened',
  'year.dossier_submitted',
  'year.closed',
  'on_behalf.entered',
  'year_end.finished',
] as const;
export type NotificationEventName = (typeof NOTIFICATION_EVENT_NAMES)[number];
export const isNotificationEvent = (e: string): e is NotificationEventName =>
  (NOTIFICATION_EVENT_NAMES as readonly string[]).includes(e);

/**
 * Each kind of notice by name, [Vietnamese, English], where the gateway names one itself (the unsubscribe page).
 * The web application's settings page has the same names in its own messages (i18n: event.*), which a test
 * compares (services/web/test/event-labels.test.ts). The year-end closing is named after the place: a
 * centrally-governed city closes "toàn thành phố".
 */
export function notificationEventLabel(
  event: NotificationEventName,
  kind?: ProvinceKind | null,
): readonly [string, string] {
  if (event === 'year_end.finished')
    return [
      `Đóng năm thi đua toàn ${placeWord(kind)}`,
      kind === 'CITY' ? 'City year-end closing' : 'Province year-end closing',
    ];
  return NOTIFICATION_EVENT_LABELS[event];
}

const NOTIFICATION_EVENT_LABELS: Record<
  Exclude<NotificationEventName, 'year_end.finished'>,
  readonly [string, string]
> = {
  'voting.opened': ['Mở bỏ phiếu', 'Voting opened'],
  'voting.reminder': ['Nhắc bỏ phiếu', 'Voting reminder'],
  'voting.closed': ['Kết thúc bỏ phiếu', 'Voting closed'],
  'voting.published': ['Công bố kết quả', 'Results published'],
  'council.all_voted': ['Hội đồng đã biểu quyết đủ', 'Every council member has voted'],
  'nomination.status_changed': ['Hồ sơ đề nghị khen thưởng thay đổi', 'Award proposal updated'],
  'decision.issued': ['Quyết định khen thưởng', 'Award decision issued'],
  'year.signing_opened': ['Mở ký giao ước thi đua', 'Covenant open for signing'],
  'year.scoring_opened': ['Mở chấm điểm thi đua', 'Scoring open'],
  'year.dossier_submitted': ['Khối, cụm gửi hồ sơ đề nghị khen thưởng', 'Award dossier received'],
  'year.closed': ['Kết thúc năm thi đua của khối, cụm', 'Block or cluster year closed'],
  'on_behalf.entered': [
    'Sở Nội vụ nhập thay đơn vị',
    'Entered for your unit by the Department of Home Affairs',
  ],
};

export interface VotingNotice {
  /** "Khối thi đua 6", or the council. */
  body: string;
  year: number | null;
  round: number;
  deadline: Date;
  council: boolean;
  /** The block's conference day (YYYY-MM-DD): notices name it, not the day the platform sent them. */
  conferenceDate?: string | null;
  /** A paper round is voted in the hall: no online deadline. */
  paper?: boolean;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "16:30 ngày 05/12/2026" or "05/12/2026, 16:30", in Vietnam time. */
function when(d: Date, locale: 'vi' | 'en'): string {
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  const date = `${p.day}/${p.month}/${p.year}`;
  return locale === 'vi' ? `${p.hour}:${p.minute} ngày ${date}` : `${date}, ${p.hour}:${p.minute}`;
}

/** Title and text for an event, in Vietnamese (the default) or English. */
export type VotingEventName = Extract<NotificationEventName, `voting.${string}`>;

export function renderVotingNotice(
  event: VotingEventName,
  n: VotingNotice,
  locale: 'vi' | 'en' = 'vi',
): { title: string; body: string } {
  const deadline = when(n.deadline, locale);
  if (n.council) return councilNotice(event, n.body, deadline, locale);
  const at = n.conferenceDate
    ? locale === 'vi'
      ? `, hội nghị ngày ${dayMonthYear(n.conferenceDate)}`
      : `, conference of ${dayMonthYear(n.conferenceDate)}`
    : '';
  const what =
    locale === 'vi'
      ? `${n.body} bình xét thi đua năm ${n.year} (vòng ${n.round}${at})`
      : `Emulation vote of ${n.body} for ${n.year} (round ${n.round}${at})`;
  // A further round says so in its title and why it is held.
  const further = n.round > 1;
  const openedVi = n.paper
    ? `${what}: bỏ phiếu kín trên giấy tại hội nghị; Ban kiểm phiếu nhập kết quả kiểm phiếu.`
    : `${what}: đã mở bỏ phiếu${further ? ` vòng ${n.round} vì vòng trước chưa đủ đơn vị trúng cử` : ''}, hạn chót ${deadline}.`;
  const openedEn = n.paper
    ? `${what}: paper ballots at the conference; the counting committee enters the count.`
    : `${what}: ${further ? `round ${n.round} is open because the previous round left seats empty; ` : ''}voting is open until ${deadline}.`;
  const vi: Record<VotingEventName, [string, string]> = {
    'voting.opened': [further ? `Mở bỏ phiếu vòng ${n.round}` : 'Mở bỏ phiếu', openedVi],
    'voting.reminder': ['Nhắc bỏ phiếu', `${what}: đơn vị của bạn chưa bỏ phiếu; hạn chót ${deadline}.`],
    'voting.closed': ['Kết thúc bỏ phiếu', `${what}: đã kết thúc bỏ phiếu, đang kiểm phiếu.`],
    'voting.published': ['Công bố kết quả', `${what}: đã công bố kết quả bỏ phiếu.`],
  };
  const en: Record<VotingEventName, [string, string]> = {
    'voting.opened': [further ? `Round ${n.round} opened` : 'Voting opened', openedEn],
    'voting.reminder': [
      'Voting reminder',
      `${what}: your unit has not voted yet; the deadline is ${deadline}.`,
    ],
    'voting.closed': ['Voting closed', `${what}: voting has closed and the ballots are being counted.`],
    'voting.published': ['Results published', `${what}: the results have been published.`],
  };
  const [title, body] = (locale === 'vi' ? vi : en)[event];
  return { title, body };
}

/**
 * A council session's notices: the council votes as its members, each for themselves (never "your unit"), on the
 * award proposals put to it; `council` names it with its province ("Hội đồng Thi đua – Khen thưởng tỉnh Lào Cai").
 */
function councilNotice(
  event: VotingEventName,
  council: string,
  deadline: string,
  locale: 'vi' | 'en',
): { title: string; body: string } {
  const session =
    locale === 'vi'
      ? `Phiên biểu quyết của ${council} về các đề nghị khen thưởng`
      : `The session of ${council} on the award proposals`;
  const vi: Record<VotingEventName, [string, string]> = {
    'voting.opened': ['Mở phiên biểu quyết của Hội đồng', `${session} đã mở, hạn chót ${deadline}.`],
    'voting.reminder': ['Nhắc biểu quyết', `${session}: bạn chưa biểu quyết; hạn chót ${deadline}.`],
    'voting.closed': ['Kết thúc phiên biểu quyết', `${session} đã kết thúc, đang kiểm phiếu.`],
    'voting.published': ['Công bố kết quả biểu quyết', `${session}: đã công bố kết quả biểu quyết.`],
  };
  const en: Record<VotingEventName, [string, string]> = {
    'voting.opened': ['Council session opened', `${session} is open until ${deadline}.`],
    'voting.reminder': [
      'Council vote reminder',
      `${session}: you have not voted yet; the deadline is ${deadline}.`,
    ],
    'voting.closed': ['Council session closed', `${session} has closed and the ballots are being counted.`],
    'voting.published': ['Council results published', `${session}: the results have been published.`],
  };
  const [title, body] = (locale === 'vi' ? vi : en)[event];
  return { title, body };
}

/**
 * To the secretariat, when the last council member has voted: the session may be closed and counted without
 * waiting for its deadline.
 */
export function renderCouncilVotedNotice(
  council: string,
  members: number,
  deadline: Date,
  locale: 'vi' | 'en' = 'vi',
): { title: string; body: string } {
  const by = when(deadline, locale);
  return locale === 'vi'
    ? {
        title: 'Hội đồng đã biểu quyết đủ',
        body: `Phiên biểu quyết của ${council} về các đề nghị khen thưởng: cả ${members} thành viên đã biểu quyết. Có thể kết thúc phiên để kiểm phiếu, không cần chờ đến hạn chót ${by}.`,
      }
    : {
        title: 'Every council member has voted',
        body: `The session of ${council} on the award proposals: all ${members} members have voted. It may be closed and counted without waiting for the deadline (${by}).`,
      };
}

const STATUS_VI: Record<string, string> = {
  SUBMITTED: 'đã được {Block} gửi hồ sơ đề nghị',
  RESUBMITTED: 'đã được bổ sung và gửi lại',
  IN_APPRAISAL: 'đang được thẩm định',
  RETURNED: 'bị trả lại để bổ sung',
  NOT_ELIGIBLE: 'không đủ điều kiện',
  DEFERRED: 'bị hoãn xét',
  COUNCIL_REVIEW: 'được trình Hội đồng Thi đua – Khen thưởng {place}',
  COUNCIL_APPROVED: 'được Hội đồng thông qua',
  COUNCIL_REJECTED: 'không được Hội đồng thông qua',
  DECIDED: 'đã có quyết định khen thưởng',
  REVOKED: 'bị thu hồi khen thưởng',
};
/** The same in English, as a sentence goes on after "The proposal of … to …". */
const STATUS_EN: Record<string, string> = {
  SUBMITTED: 'has been sent by the {block} with its dossier',
  RESUBMITTED: 'has been completed and sent again',
  IN_APPRAISAL: 'is being appraised',
  RETURNED: 'has been returned to be completed',
  NOT_ELIGIBLE: 'is not eligible',
  DEFERRED: 'has been deferred',
  COUNCIL_REVIEW: 'has been put to the {place} emulation and commendation council',
  COUNCIL_APPROVED: 'was approved by the council',
  COUNCIL_REJECTED: 'was not approved by the council',
  DECIDED: 'has been decided: an award decision was issued',
  REVOKED: 'has been revoked',
};

export interface NominationNotice {
  unitName: string;
  /** For an individual title: the person, shown with their unit. */
  personName?: string | null;
  form: ProposalForm;
  year: number;
  status: string;
  reason: string | null;
  /** PROVINCE (the default) or CITY: the forms and the council carry the place's name. */
  provinceKind?: ProvinceKind;
  /** The proposing block's kind: "đã được Cụm gửi hồ sơ" for a cluster. */
  blockKind?: BlockKind | null;
}

export function renderNominationNotice(
  n: NominationNotice,
  locale: 'vi' | 'en' = 'vi',
): { title: string; body: string } {
  const why = n.reason ? (locale === 'vi' ? ` Lý do: ${n.reason}.` : ` Reason: ${n.reason}.`) : '';
  const to = n.personName ? `${n.personName} (${n.unitName})` : n.unitName;
  return locale === 'vi'
    ? {
        title: 'Cập nhật hồ sơ đề nghị khen thưởng',
        body: `Đề nghị tặng ${conferredAs(formWordsIn(n.provinceKind)[n.form])} năm ${n.year} cho ${to} ${(STATUS_VI[n.status] ?? n.status).replace('{place}', placeWord(n.provinceKind)).replace('{Block}', blockWords(n.blockKind).Block)}.${why}`,
      }
    : {
        title: 'Award proposal updated',
        body: `The proposal of ${formWordsEn(n.provinceKind)[n.form]} for ${n.year} to ${to} ${(STATUS_EN[n.status] ?? n.status).replace('{place}', placeWordEn(n.provinceKind)).replace('{block}', blockWords(n.blockKind).en)}.${why}`,
      };
}

export interface DecisionNotice {
  numberText: string;
  issuerName: string;
  decisionDate: string;
  awards: number;
  /** The awards of the reader's own unit (and its people), named in their notice; none for the secretariat. */
  yours?: readonly { form: ProposalForm; unitName: string; personName: string | null }[];
  /** PROVINCE (the default) or CITY: the forms carry the place's name. */
  provinceKind?: ProvinceKind;
}

export function renderDecisionNotice(
  d: DecisionNotice,
  locale: 'vi' | 'en' = 'vi',
): { title: string; body: string } {
  const [y, m, day] = d.decisionDate.split('-');
  const yours = d.yours ?? [];
  const to = (a: (typeof yours)[number]) => (a.personName ? `${a.personName} (${a.unitName})` : a.unitName);
  if (locale === 'en') {
    const named = yours.map((a) => `${formWordsEn(d.provinceKind)[a.form]} to ${to(a)}`).join('; ');
    return {
      title: 'Award decision',
      body: `${d.issuerName} issued decision ${d.numberText} of ${day}/${m}/${y}, granting ${d.awards} award${d.awards === 1 ? '' : 's'}${named ? `, among them: ${named}` : ''}.`,
    };
  }
  const words = formWordsIn(d.provinceKind);
  const named = yours.map((a) => `tặng ${conferredAs(words[a.form])} cho ${to(a)}`).join('; ');
  // "trong đó" only when the reader's awards are some of the decision's, not all of them.
  const lead = !named ? '' : yours.length === d.awards ? `: ${named}` : `, trong đó: ${named}`;
  return {
    title: 'Quyết định khen thưởng',
    body: `${d.issuerName} ban hành Quyết định số ${d.numberText} ngày ${day}/${m}/${y} khen thưởng ${d.awards} trường hợp${lead}.`,
  };
}

const YEAR_PHASE_EVENTS = ['year.signing_opened', 'year.scoring_opened', 'year.dossier_submitted'] as const;
export type YearPhaseEventName = (typeof YEAR_PHASE_EVENTS)[number];
export const isYearPhaseEvent = (e: string): e is YearPhaseEventName =>
  (YEAR_PHASE_EVENTS as readonly string[]).includes(e);

/**
 * When the block's year asks something of someone: of every member's officer, to sign and then to score; of the
 * secretariat, to appraise the dossier the block sent.
 */
export function renderYearPhaseNotice(
  event: YearPhaseEventName,
  block: BlockLabel,
  year: number,
  locale: 'vi' | 'en' = 'vi',
  /** The last day titles are registered (a LocalDate), said with the request to register them. */
  registrationDeadline: string | null = null,
): { title: string; body: string } {
  const by = registrationDeadline && dayMonthYear(registrationDeadline);
  const blockName = block.name;
  if (event === 'year.signing_opened')
    return locale === 'vi'
      ? {
          title: 'Mở ký giao ước thi đua',
          body: `${blockName} đã mở năm thi đua ${year}: đề nghị đơn vị ký giao ước thi đua và đăng ký danh hiệu${by ? ` (hạn đăng ký: hết ngày ${by})` : ''}.`,
        }
      : {
          title: 'Covenant open for signing',
          body: `${blockName} has opened its emulation year ${year}: please sign the covenant and register titles${by ? ` (by the end of ${by})` : ''}.`,
        };
  if (event === 'year.dossier_submitted')
    return locale === 'vi'
      ? {
          title: `${blockWords(block.kind).Block} gửi hồ sơ đề nghị khen thưởng`,
          body: `${blockName} đã gửi hồ sơ đề nghị khen thưởng năm ${year} lên Sở Nội vụ: đề nghị thẩm định.`,
        }
      : {
          title: 'Award dossier received',
          body: `${blockName} has sent its award dossier for ${year} to the secretariat: please appraise it.`,
        };
  return locale === 'vi'
    ? {
        title: 'Mở chấm điểm thi đua',
        body: `${blockName} đã mở chấm điểm thi đua năm ${year}: đề nghị đơn vị tự chấm điểm và gửi phiếu chấm.`,
      }
    : {
        title: 'Scoring open',
        body: `${blockName} has opened scoring for ${year}: please score your unit and send the sheet.`,
      };
}

/** Next year's head and deputy units (names): as the closing opened next year, else as the conference elected them. */
export interface NextLeaders {
  head: string | null;
  deputy: string | null;
  /** The reader is an officer of next year's head unit, which runs the next year from its draft. */
  readerHeads?: boolean;
}

/**
 * To the block's officers and the secretariat when a block year closes: it names next year's head and deputy, who
 * run the next year once the secretariat opens it.
 */
export function renderYearClosedNotice(
  block: BlockLabel,
  year: number,
  locale: 'vi' | 'en' = 'vi',
  next: NextLeaders = { head: null, deputy: null },
): { title: string; body: string } {
  const { block: word } = blockWords(block.kind);
  const vi = [
    next.head && `Trưởng ${word} năm ${year + 1}: ${next.head}.`,
    next.deputy && `Phó ${word} năm ${year + 1}: ${next.deputy}.`,
    next.readerHeads &&
      `Năm thi đua ${year + 1} đã được tạo ở bước Dự thảo: đề nghị Trưởng ${word} rà soát nội dung giao ước và mở năm cho các thành viên.`,
  ];
  const en = [
    next.head && `Head unit for ${year + 1}: ${next.head}.`,
    next.deputy && `Deputy unit for ${year + 1}: ${next.deputy}.`,
    next.readerHeads &&
      `The ${year + 1} emulation year has been created as a draft: as head unit, please review the covenant and open the year to the members.`,
  ];
  return locale === 'vi'
    ? {
        title: 'Kết thúc năm thi đua',
        body: [`${block.name} đã kết thúc năm thi đua ${year}.`, ...vi].filter(Boolean).join(' '),
      }
    : {
        title: 'Emulation year closed',
        body: [`${block.name} has closed its emulation year ${year}.`, ...en].filter(Boolean).join(' '),
      };
}

export interface YearEndNotice {
  year: number;
  closed: number;
  notClosed: number;
  /** PROVINCE (the default) or CITY: "toàn thành phố". */
  provinceKind?: ProvinceKind;
}

/** To the secretariat when the province's year-end closing has run through every block. */
export function renderYearEndNotice(
  n: YearEndNotice,
  locale: 'vi' | 'en' = 'vi',
): { title: string; body: string } {
  return locale === 'vi'
    ? {
        title: `Kết thúc năm thi đua ${n.year} toàn ${placeWord(n.provinceKind)}`,
        body: `Đã kết thúc năm thi đua ${n.year}: ${n.closed} khối, cụm đã khóa sổ, ${n.notClosed} khối, cụm chưa thể khóa sổ.`,
      }
    : {
        title: `Year-end closing ${n.year}`,
        body: `Year ${n.year} closing finished: ${n.closed} of ${n.closed + n.notClosed} blocks and clusters closed, ${n.notClosed} could not close.`,
      };
}
