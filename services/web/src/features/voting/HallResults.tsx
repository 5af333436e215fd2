import type { ResultOf } from 'gql.tada';
import { Link } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { unitName } from '../unit/useUnitNames';
import type { ResultsQuery } from './operations';
import { ContestTitle, outcomeWords, seatsFilled, seatsWords, tieBreakWords } from './parts';
import { byVotes, sharePercent, type Period } from './rules';

type Published = ResultOf<typeof ResultsQuery>['votingPeriod'];
type Result = NonNullable<NonNullable<Published['results']>>[number];

/**
 * The published results on the projector. First, in a few large lines, what the hall waits for: who was elected
 * in each contest (or which question the council passed) and what follows (a next round for the seats left);
 * then each contest's count, side by side where the screen is wide.
 */
export function HallResults({
  period,
  results,
  decisions,
  names,
}: {
  period: Period;
  results: Result[];
  /** R5: seats the head and deputy filled where the vote left them empty. */
  decisions: Published['decisions'];
  names: Map<string, string>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  // R8: a council question taken off the session has no count.
  const counted = results.filter((r) => r.withdrawn === null);
  const subject = (r: Result) => (
    <ContestTitle
      i18n={i18n}
      kind={r.kind}
      contest={period.contests.find((c) => c.id === r.contestId)}
      names={names}
    />
  );
  // Each contest's candidates by votes, those with none apart (a council question keeps its one row, whatever it is).
  const split = (r: Result) => {
    const ordered = byVotes(
      r.candidates,
      period.contests.find((c) => c.id === r.contestId)?.candidateUnitIds,
    );
    const none = (c: (typeof ordered)[number]) =>
      r.kind !== 'APPROVAL' && c.votes === 0 && !r.elected.includes(c.unitId);
    return { voted: ordered.filter((c) => !none(c)), unvoted: ordered.filter(none) };
  };
  const verdict = (r: Result) =>
    r.kind === 'APPROVAL'
      ? t(r.elected.length ? 'results.approvedTag' : 'hall.notApproved')
      : seatsWords(t, seatsFilled(r, decisions), (u) => unitName(names, u));
  return (
    <section aria-labelledby="hall-results" className="hall-results">
      <h2 id="hall-results">{t('hall.results')}</h2>
      <ul className="hall-summary">
        {counted.map((r) => (
          <li key={r.contestId} className={r.elected.length ? 'elected' : undefined}>
            <span className="hall-summary-contest">{subject(r)}:</span> <strong>{verdict(r)}</strong>
          </li>
        ))}
      </ul>
      {period.outcome && <p className="hall-outcome">{outcomeWords(t, period, results)}</p>}
      <h2 className="hall-counts-title">{t('hall.counts')}</h2>
      <div className="hall-contests">
        {counted
          .map((r) => ({ r, ...split(r) }))
          .map(({ r, voted, unvoted }) => (
            <article key={r.contestId} className="hall-contest">
              <h3>{subject(r)}</h3>
              {voted.length > 0 && (
                <ol className="hall-candidates">
                  {voted.map((c) => {
                    const elected = r.elected.includes(c.unitId);
                    // A bar is the candidate's share of all members, as the threshold counts (R4): a full bar is
                    // every member's vote in every contest, not the leader's.
                    return (
                      <li key={c.unitId} className={elected ? 'elected' : undefined}>
                        <span className="hall-name">
                          {unitName(names, c.unitId)}
                          {elected && <strong className="hall-elected"> · {t('hall.elected')}</strong>}
                        </span>
                        <span className="hall-votes">
                          {t('hall.votes', { n: c.votes })} (
                          {i18n.number(sharePercent(c.votes, r.eligible), 2)}
                          %)
                        </span>
                        <span className="hall-votebar" aria-hidden="true">
                          <span style={{ width: `${sharePercent(c.votes, r.eligible)}%` }} />
                        </span>
                      </li>
                    );
                  })}
                </ol>
              )}
              {/* R6: equal votes for the last seat, decided by the tie-break order: the hall is told why. */}
              {r.tieBrokenBy && (
                <p className="hall-tie">{tieBreakWords(t, r, r.tieBrokenBy, (u) => unitName(names, u))}</p>
              )}
              {/* The units no one voted for, in one line: on the projector the count fits a screen. */}
              {unvoted.length > 0 && (
                <p className="hall-unvoted">
                  {t('hall.noVotes', {
                    units: unvoted.map((c) => unitName(names, c.unitId)).join('; '),
                  })}
                </p>
              )}
            </article>
          ))}
      </div>
      <p>
        <Link href={`/voting-periods/${period.id}/results`} className="hall-more">
          {t('voting.goResults')}
        </Link>
      </p>
    </section>
  );
}
