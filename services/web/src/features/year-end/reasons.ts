import type { I18n, MessageKey } from '../../i18n/i18n';

/** A block's closing statuses that leave it not closed (the page's count, and what the next run will not retry). */
export const NOT_CLOSED = new Set(['CANNOT_CLOSE', 'FAILED', 'ADDED_SINCE']);

/**
 * Why a block cannot close, in the person's language, with what remains to be done. The closing stores its reason
 * as the domain's English sentence (packages/domain/src/year-end/block-closing.ts); each known sentence maps to a
 * message here, and an unknown one (a failure's technical message) is shown as it is rather than hidden.
 */
const REASONS: [RegExp, MessageKey][] = [
  [/paper count has not been entered/, 'yearEnd.why.paper'],
  [/voting is still open/, 'yearEnd.why.open'],
  [/votes are still being counted/, 'yearEnd.why.counting'],
  [/head and deputy have not recorded/, 'yearEnd.why.decision'],
  [/next round has not been opened/, 'yearEnd.why.nextRound'],
  // Also the reason stored before counts were kept secret from it ("… for the next round to open").
  [/results must be published/, 'yearEnd.why.publish'],
];

export function closingReason(i18n: I18n, reason: string | null): string {
  if (!reason) return '';
  const state = /the year is at (\w+); its dossier has not been submitted/.exec(reason)?.[1];
  if (state === 'DRAFT') return i18n.t('yearEnd.why.draft');
  if (state)
    return i18n.t('yearEnd.why.dossier', {
      state: i18n.t(`yearEnd.yearState.${state}` as MessageKey),
      next: i18n.t(`yearEnd.next.${state}` as MessageKey),
    });
  // The round's deadline as the closing read it (an extension after it is not in the stored reason).
  const until = /voting is still open until (\S+)/.exec(reason)?.[1];
  if (until && !Number.isNaN(Date.parse(until)))
    return i18n.t('yearEnd.why.openUntil', { deadline: i18n.dateTime(until) });
  const round = /round (\d+)/.exec(reason)?.[1] ?? '';
  const known = REASONS.find(([re]) => re.test(reason));
  return known ? i18n.t(known[1], { round }) : reason;
}
