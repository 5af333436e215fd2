import type { I18n, MessageKey } from '../../i18n/i18n';

/** The rule set as the page reads it (awardRuleSet / awardRuleSetVersions). */
export interface Rules {
  flagQuota: { kind: string; value: number };
  meritQuota: { kind: string; value: number };
  voteThresholdPercent: number;
  voteThresholdMode: string;
  maxRounds: number;
  runoffCandidates: string;
  tieBreaks: readonly string[];
  disqualifications: readonly string[];
  minimumScore: number | null;
  councilFlagPercent: number;
  councilCstdProvPercent: number;
  councilAttendancePercent: number;
  headDeputyMode: string;
  dossierDeadline: {
    kind: string;
    days: number | null;
    month: number | null;
    day: number | null;
    yearOffset: number | null;
  };
}

const k = (key: string) => key as MessageKey;

/**
 * Each rule R1–R13 of docs/rules.md as one sentence with the province's values, so a secretary reads what
 * applies rather than field names.
 */
export function explainRules(i18n: I18n, r: Rules): { rule: string; text: string }[] {
  const { t } = i18n;
  const n = (v: number) => i18n.number(v);
  const dl = r.dossierDeadline;
  return [
    { rule: 'R1', text: t('rules.R1') },
    // `n` picks a count's singular ("at most 1 unit"); a share has none.
    {
      rule: 'R2',
      text: t(k(`rules.R2.${r.flagQuota.kind}`), { value: n(r.flagQuota.value), n: r.flagQuota.value }),
    },
    {
      rule: 'R3',
      text: t(k(`rules.R3.${r.meritQuota.kind}`), { value: n(r.meritQuota.value), n: r.meritQuota.value }),
    },
    // R4 and R5 for every block and cluster of the province ("của khối, cụm"), where a vote's page names its own.
    { rule: 'R4', text: t(k(`rules.province.R4.${r.voteThresholdMode}`), { p: n(r.voteThresholdPercent) }) },
    {
      rule: 'R5',
      // One round only: no run-off to describe (as the vote's page says it).
      text:
        r.maxRounds === 1
          ? t('rules.province.R5.single')
          : t(k(`rules.province.R5.${r.runoffCandidates}`), { n: r.maxRounds }),
    },
    { rule: 'R6', text: explainTieBreaks(i18n, r.tieBreaks) },
    { rule: 'R7', text: t('rules.R7') },
    { rule: 'R8', text: t('rules.R8') },
    { rule: 'R9', text: explainDisqualifications(i18n, r.disqualifications, r.minimumScore) },
    {
      rule: 'R10',
      text: t('rules.R10', {
        flag: n(r.councilFlagPercent),
        cstd: n(r.councilCstdProvPercent),
        att: n(r.councilAttendancePercent),
      }),
    },
    { rule: 'R11', text: t(k(`rules.R11.${r.headDeputyMode}`)) },
    { rule: 'R12', text: t('rules.R12') },
    {
      rule: 'R13',
      text:
        dl.kind === 'FIXED_DAY'
          ? t('rules.R13.FIXED_DAY', {
              day: dl.day ?? '',
              month: dl.month ?? '',
              which: t(dl.yearOffset === 1 ? 'rules.R13.year1' : 'rules.R13.year0'),
            })
          : t('rules.R13.DAYS_AFTER_CONFERENCE', { days: dl.days ?? '' }),
    },
  ];
}

/** R6 in words: the tie-breaks in order, then another round; none at all: another round at once. */
export function explainTieBreaks(i18n: I18n, tieBreaks: readonly string[]): string {
  const { t } = i18n;
  return tieBreaks.length
    ? t('rules.R6', { order: tieBreaks.map((b) => t(k(`rules.tie.${b}`))).join(', ') })
    : t('rules.R6.none');
}

/** R9 in words: the facts that keep a unit from a proposal, the minimum score with its figure. */
export function explainDisqualifications(
  i18n: I18n,
  disqualifications: readonly string[],
  minimumScore: number | null,
): string {
  const { t } = i18n;
  const list = disqualifications.map((d) =>
    d === 'SCORE_BELOW_MINIMUM' && minimumScore !== null
      ? t('rules.R9.min', { n: i18n.number(minimumScore) })
      : t(k(`rules.dq.${d}`)),
  );
  return list.length ? t('rules.R9', { list: list.join('; ') }) : t('rules.R9.none');
}
