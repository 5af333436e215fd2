import type { I18n, MessageKey } from '../../i18n/i18n';

/** The API's words for a year not yet begun (state-machine.ts): the one missing item that is only a wait. */
const YEAR_NOT_BEGUN = 'the year to have begun';

/** The API's words for what a step still needs (domain/emulation-year/state-machine.ts), in the person's. */
const FIXED: Record<string, MessageKey> = {
  'the block needs at least 2 members this year': 'missing.members',
  'a theme': 'missing.theme',
  'a head unit': 'missing.head',
  'a head unit that is a member': 'missing.headMember',
  'a deputy unit': 'missing.deputy',
  'a deputy unit that is a member': 'missing.deputyMember',
  'a deputy unit other than the head unit': 'missing.deputyOther',
  'covenant items': 'missing.items',
  'a criteria set for the year': 'missing.criteria',
  'published voting results': 'missing.results',
  'a vote opened at the conference': 'missing.voteNotOpened',
  'a submitted dossier': 'missing.dossier',
};

/** The vote's missing step, said of the round it has reached. */
const ROUNDS: [RegExp, MessageKey][] = [
  [/^round (\d+) of the vote to close, and its results published$/, 'missing.roundOpen'],
  [/^the results of round (\d+) published$/, 'missing.roundUnpublished'],
  [/^the head and deputy's decision after round (\d+)$/, 'missing.headDeputyDecide'],
  [/^round (\d+) of the vote$/, 'missing.nextRound'],
];

/** What a step may still need that only the secretariat sets (the block's members, the year's setup). */
export const SET_BY_SECRETARIAT = new Set([
  'the block needs at least 2 members this year',
  'a theme',
  'a head unit',
  'a head unit that is a member',
  'a deputy unit',
  'a deputy unit that is a member',
  'a deputy unit other than the head unit',
  'a criteria set for the year',
]);

/**
 * What a step still needs, in words. `forRunner`: said to the head or deputy unit that takes the step, which
 * cannot set the year's setup itself: such an item says the secretariat sets it (else they wait on a greyed
 * button not knowing whom to ask).
 */
export function missingInWords(
  i18n: I18n,
  missing: string,
  { forRunner = false, year }: { forRunner?: boolean; year: number },
): string {
  // A wait, not a task: said with the day it ends.
  if (missing === YEAR_NOT_BEGUN)
    return i18n.t('missing.yearBegunOn', { year, date: i18n.date(`${year}-01-01`) });
  const fixed = FIXED[missing];
  if (fixed)
    return forRunner && SET_BY_SECRETARIAT.has(missing)
      ? i18n.t('missing.bySecretariat', { item: i18n.t(fixed) })
      : i18n.t(fixed);
  const signed = /^(\d+) of (\d+) members have not signed the covenant$/.exec(missing);
  if (signed) return i18n.t('missing.unsigned', { n: signed[1]!, of: signed[2]! });
  const scored = /^(\d+) of (\d+) members have not got every score sheet/.exec(missing);
  if (scored) return i18n.t('missing.unscored', { n: scored[1]!, of: scored[2]! });
  for (const [pattern, key] of ROUNDS) {
    const n = pattern.exec(missing)?.[1];
    if (n) return i18n.t(key, { n });
  }
  return missing;
}

/** A year waiting only for its calendar year to begin: said as a wait with its date, not as something missing. */
export function waitingForYear(
  i18n: I18n,
  y: { year: number; nextStepMissing: readonly string[] },
): string | null {
  return y.nextStepMissing.length === 1 && y.nextStepMissing[0] === YEAR_NOT_BEGUN
    ? i18n.t('steps.waitYear', { year: y.year, date: i18n.date(`${y.year}-01-01`) })
    : null;
}
