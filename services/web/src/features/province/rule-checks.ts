import type { I18n } from '../../i18n/i18n';

/** A number as a secretary types it ("66,67" or "66.67"); NaN when empty or not a number. */
export const num = (s: string) => (s.trim() === '' ? NaN : Number(s.replace(',', '.')));

/** A share of members, 1–100 % (R4, R10), or why not. */
export const percentProblem = (t: I18n['t'], s: string) =>
  num(s) >= 1 && num(s) <= 100 ? null : t('rules.check.percent');

/** The most rounds of a vote, 1–5 (R5), or why not. */
export const roundsProblem = (t: I18n['t'], s: string) =>
  Number.isInteger(num(s)) && num(s) >= 1 && num(s) <= 5 ? null : t('rules.check.rounds');
