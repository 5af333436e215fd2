import { readFragment } from 'gql.tada';
import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { Link, useParams } from 'wouter';
import { useLink } from '../../app/link';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Loading } from '../../ui/Page';
import { usePolling } from '../../ui/usePolling';
import { useUnitNames } from '../unit/useUnitNames';
import { PeriodFields, PeriodQuery, ResultsQuery, TurnoutSubscription } from './operations';
import { HallResults } from './HallResults';
import { deadline } from './rules';
import { periodOwner } from './parts';

/**
 * The projector in the conference hall: live turnout while voting runs, never a count before the results are
 * published, then each contest's published results. It runs for hours: the subscription reconnects by itself
 * (and says so), and the period is re-read on a timer as a fallback.
 */
export default function HallPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const link = useLink();
  const [res, refetch] = useQuery({ query: PeriodQuery, variables: { id } });
  const period = res.data ? readFragment(PeriodFields, res.data.votingPeriod) : null;
  const open = period?.status === 'OPEN';
  const [live] = useSubscription({ query: TurnoutSubscription, variables: { id }, pause: !open });
  // Counts are read only once published: the head unit's screen could see them earlier, the hall must not.
  const [resultsRes] = useQuery({
    query: ResultsQuery,
    variables: { id },
    pause: !period?.resultsPublishedAt,
  });
  const results = period?.resultsPublishedAt ? resultsRes.data?.votingPeriod : undefined;
  const published = !!results?.results;
  usePolling(refetch, !period ? null : open ? 30_000 : period.resultsPublishedAt ? null : 3_000);

  const liveStatus = live.data?.votingTurnout.status;
  useEffect(() => {
    if (liveStatus && liveStatus !== 'OPEN') refetch({ requestPolicy: 'network-only' });
  }, [liveStatus, refetch]);

  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  const ids = results?.results?.flatMap((r) => r.candidates.map((c) => c.unitId)) ?? [];
  const { names } = useUnitNames(ids);

  useEffect(() => {
    document.title = `${t('voting.goHall')} · ${t('app.name')}`;
  }, [t]);

  if (res.error && !period)
    return <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!period) return <Loading />;
  // A paper round's ballots are in the box, not here: no online turnout (it would read 0/n), the count is entered.
  const paper = period.method === 'PAPER';
  const turnout = paper ? null : (live.data?.votingTurnout ?? period.turnout);
  const council = period.kind === 'COUNCIL';

  return (
    <div className="hall">
      <header className="hall-head">
        <div>
          <h1>{t(`voting.kind.${period.kind}`)}</h1>
          <p className="hall-sub">
            {periodOwner(i18n, period)} · {t('voting.round', { n: period.round })} ·{' '}
            {/* Once closed, the hall is told when it closed, not a deadline that has passed. */}
            {period.closedAt
              ? `${t('results.closed')} ${i18n.dateTime(period.closedAt)}`
              : t('voting.deadline', { when: i18n.dateTime(deadline(period)) })}
          </p>
        </div>
        <div className="hall-tools">
          <div className="hall-clock" aria-hidden="true">
            {i18n.time(now, true)}
          </div>
          {/* For whoever runs the projector: back to the round's page, which the hall screen has no header for. */}
          <Link href={`/voting-periods/${period.id}`} className="hall-exit">
            {t('hall.exit')}
          </Link>
        </div>
      </header>

      {open && paper && (
        <p className="hall-message" role="status">
          {t('hall.paper')}
        </p>
      )}

      {open && !paper && (
        <p className={`hall-link hall-link-${link.status}`} role="status">
          <span className="hall-dot" aria-hidden="true" />
          {link.status === 'reconnecting'
            ? t('hall.reconnecting')
            : link.status === 'reconnected' && link.since
              ? `${t('hall.live')} · ${t('hall.reconnected', { time: i18n.time(new Date(link.since), true) })}`
              : link.status === 'connected'
                ? t('hall.live')
                : t('hall.connecting')}
        </p>
      )}

      {turnout && !published && (
        <section className="hall-turnout" aria-label={t('voting.turnoutLabel')}>
          <p className="hall-big" aria-live="polite" data-testid="hall-turnout">
            <span className="hall-cast">{turnout.cast}</span>
            <span className="hall-of">/{turnout.eligible}</span>
          </p>
          <p className="hall-caption">{council ? t('hall.councilUnits') : t('hall.units')}</p>
          <div className="hall-bar" aria-hidden="true">
            <div style={{ width: `${turnout.eligible ? (100 * turnout.cast) / turnout.eligible : 0}%` }} />
          </div>
        </section>
      )}

      {/* What the room votes on in this round (a second round may be for one contest only). */}
      {!published && !council && period.contests.length > 0 && (
        <p className="hall-contests">
          {t('hall.contests', {
            list: period.contests
              .map((c) => `${t(`voting.contest.${c.kind}`)} – ${t('hall.seats', { n: c.seats })}`)
              .join('; '),
          })}
        </p>
      )}

      {!open && !published && (
        <p className="hall-message" role="status">
          {period.status === 'CLOSED' ? t('hall.counting') : t('hall.waiting')}
        </p>
      )}

      {published && results?.results && (
        <HallResults period={period} results={results.results} decisions={results.decisions} names={names} />
      )}
    </div>
  );
}
