import type { ResultOf } from 'gql.tada';
import { useQuery } from 'urql';
import { useI18n } from '../../i18n/i18n';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { ResultsQuery } from '../voting/operations';
import { ContestTitle, outcomeWords, seatsFilled, seatsWords } from '../voting/parts';
import type { PeriodControlsQuery } from './period-operations';

type Period = Pick<
  NonNullable<ResultOf<typeof PeriodControlsQuery>['votingPeriod']>,
  'id' | 'kind' | 'outcome' | 'contests'
>;

/**
 * What publishing will announce, in the dialog before that step, which cannot be undone: each contest's elected
 * units (or the council's verdict on each proposal) and what follows. Shown only to whom the gateway shows the
 * count before it is published (the head unit; the secretariat for the council): for others it renders nothing.
 */
export function PublishPreview({ period }: { period: Period }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [res] = useQuery({ query: ResultsQuery, variables: { id: period.id } });
  const results = res.data?.votingPeriod?.results ?? null;
  const decisions = res.data?.votingPeriod?.decisions;
  const { names } = useUnitNames([
    ...(results ?? []).flatMap((r) => r.elected),
    ...period.contests.flatMap((c) => c.candidateUnitIds),
  ]);
  // The secretariat publishes a block's count it may not read first (only the counting head unit does): said.
  if (!results)
    return res.data && period.kind !== 'COUNCIL' ? (
      <p className="muted">{t('period.publishUnseen')}</p>
    ) : null;
  const verdict = (r: (typeof results)[number]) => {
    if (r.withdrawn !== null) return t('results.withdrawn', { reason: r.withdrawn });
    if (r.kind === 'APPROVAL') return t(r.elected.length ? 'results.approved' : 'results.notApproved');
    // R5: seats the vote left empty, which the head and deputy filled, are named as what is announced.
    return seatsWords(t, seatsFilled(r, decisions), (u) => unitName(names, u));
  };
  return (
    <div className="publish-preview">
      <p>
        <strong>{t('period.publishWillAnnounce')}</strong>
      </p>
      <ul>
        {results.map((r) => (
          <li key={r.contestId}>
            <ContestTitle
              i18n={i18n}
              kind={r.kind}
              contest={period.contests.find((c) => c.id === r.contestId)}
              names={names}
            />
            : {verdict(r)}
          </li>
        ))}
      </ul>
      {period.outcome && <p>{outcomeWords(t, period, results)}</p>}
    </div>
  );
}
