import { useQuery } from 'urql';
import { Link } from 'wouter';
import { useI18n, type I18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading } from '../../ui/Page';
import { StatusBadge } from '../voting/parts';
import { deadline } from '../voting/rules';
import { CouncilSessionsQuery } from './operations';

/**
 * The council's sessions, newest first, each named by its day: its state, its questions and turnout, and for a
 * member whether they have voted (never what), with the ballot while it is open and the results once published.
 */
export function CouncilSessions() {
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({ query: CouncilSessionsQuery, requestPolicy: 'cache-and-network' });
  const sessions = res.data?.councilSessions;
  return (
    <section className="stack" aria-labelledby="council-sessions">
      <h2 id="council-sessions">{t('council.sessions')}</h2>
      {res.error && !sessions ? (
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !sessions ? (
        <Loading />
      ) : sessions.length === 0 ? (
        <Empty>{t('council.noSessions')}</Empty>
      ) : (
        <ul className="list" aria-labelledby="council-sessions">
          {sessions.map((s) => {
            const name = t('voting.councilSession', { date: i18n.date(s.openedAt) });
            const questions = s.contests.filter((c) => !c.withdrawnReason).length;
            return (
              <li key={s.id}>
                <div className="item-head">
                  <h3>
                    <Link href={`/voting-periods/${s.id}`}>{name}</Link>
                  </h3>
                  <StatusBadge period={s} />
                </div>
                <p className="item-meta">
                  {[
                    t('council.questions', { n: questions }),
                    s.status === 'OPEN' && t('voting.deadline', { when: i18n.dateTime(deadline(s)) }),
                    s.turnout && t('voting.turnout', { cast: s.turnout.cast, eligible: s.turnout.eligible }),
                    s.results && s.results.length > 0 && passed(t, s.outcome, s.results),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {s.voted !== null && (
                  <p className={s.voted ? 'success-text' : undefined}>
                    {t(
                      s.voted
                        ? 'council.youVoted'
                        : s.status === 'OPEN'
                          ? 'council.notYet'
                          : 'council.missed',
                    )}
                  </p>
                )}
                {((s.status === 'OPEN' && s.voted === false) || s.resultsPublishedAt) && (
                  <div className="actions">
                    {s.status === 'OPEN' && s.voted === false && (
                      <Link href={`/voting-periods/${s.id}/ballot`} className="button button-primary">
                        {t('voting.goBallot')}
                        <span className="visually-hidden"> – {name}</span>
                      </Link>
                    )}
                    {s.resultsPublishedAt && (
                      <Link href={`/voting-periods/${s.id}/results`} className="button button-secondary">
                        {t('voting.goResults')}
                        <span className="visually-hidden"> – {name}</span>
                      </Link>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Once counted (for members, once published): how many questions passed, or why none could. */
function passed(
  t: I18n['t'],
  outcome: string | null,
  results: { unfilledSeats: number; withdrawn: string | null }[],
): string {
  // A sentence elsewhere; here one item among others, without its full stop.
  if (outcome === 'NO_QUORUM') return t('results.outcome.NO_QUORUM').replace(/\.$/, '');
  const put = results.filter((r) => r.withdrawn === null);
  return t('council.passed', { passed: put.filter((r) => r.unfilledSeats === 0).length, n: put.length });
}
