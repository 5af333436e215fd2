import { VIETNAM_TIME_ZONE } from '../time/vietnam';

export const NOTIFICATION_EVENT_NAMES = [
  'voting.opened',
  'voting.reminder',
  'voting.closed',
  'voting.published',
] as const;
export type NotificationEventName = (typeof NOTIFICATION_EVENT_NAMES)[number];

export interface VotingNotice {
  /** "Khối thi đua 6", or the council. */
  body: string;
  year: number | null;
  round: number;
  deadline: Date;
  council: boolean;
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
export function renderVotingNotice(
  event: NotificationEventName,
  n: VotingNotice,
  locale: 'vi' | 'en' = 'vi',
): { title: string; body: string } {
  const what =
    locale === 'vi'
      ? n.council
        ? `${n.body} biểu quyết đề nghị khen thưởng`
        : `${n.body} bình xét thi đua năm ${n.year} (vòng ${n.round})`
      : n.council
        ? `${n.body} vote on award proposals`
        : `${n.body} emulation vote for ${n.year} (round ${n.round})`;
  const deadline = when(n.deadline, locale);
  const vi: Record<NotificationEventName, [string, string]> = {
    'voting.opened': ['Mở bỏ phiếu', `${what}: đã mở bỏ phiếu, hạn chót ${deadline}.`],
    'voting.reminder': ['Nhắc bỏ phiếu', `${what}: đơn vị của bạn chưa bỏ phiếu; hạn chót ${deadline}.`],
    'voting.closed': ['Kết thúc bỏ phiếu', `${what}: đã kết thúc bỏ phiếu, đang kiểm phiếu.`],
    'voting.published': ['Công bố kết quả', `${what}: đã công bố kết quả bỏ phiếu.`],
  };
  const en: Record<NotificationEventName, [string, string]> = {
    'voting.opened': ['Voting opened', `${what}: voting is open until ${deadline}.`],
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
