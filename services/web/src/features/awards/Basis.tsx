import { Link } from 'wouter';
import type { ResultOf } from '../../graphql';
import { useI18n, type I18n } from '../../i18n/i18n';
import type { NominationQuery } from './NominationPage';

type Basis = NonNullable<ResultOf<typeof NominationQuery>['nomination']['basis']>;
type Brief = Pick<
  Basis,
  'round' | 'votes' | 'eligible' | 'decidedByHeadAndDeputy' | 'finalScore' | 'rank' | 'memberCount'
>;

/** The grounds in one line, beside a council question: the block's vote, then the score and rank. */
export function basisBrief(i18n: I18n, b: Brief): string {
  const { t } = i18n;
  const vote =
    b.round === null
      ? t('basis.briefNoVote')
      : b.decidedByHeadAndDeputy
        ? t('basis.briefDecided', { round: b.round })
        : b.votes !== null && b.eligible
          ? t('basis.briefVotes', {
              votes: b.votes,
              eligible: b.eligible,
              percent: i18n.number((100 * b.votes) / b.eligible, 1),
            })
          : t('basis.briefElected', { round: b.round });
  const score =
    b.finalScore === null
      ? ''
      : t('basis.briefScore', {
          score: i18n.number(b.finalScore, 2),
          rank: b.rank ?? '–',
          of: b.memberCount,
        });
  return score ? `${vote}${score}` : `${vote}.`;
}

/**
 * What the block's records give for its proposal: the vote that chose the unit (against all members, R4) and its
 * final score and rank. The council weighs them beside the dossier; the minutes are one link away.
 */
export function Basis({ basis: b }: { basis: Basis }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="card" aria-labelledby="basis">
      <h2 id="basis">{t('basis.title')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('basis.vote')}</dt>
          <dd>
            {b.round === null
              ? t('basis.noVote')
              : b.decidedByHeadAndDeputy
                ? t('basis.decided', { round: b.round })
                : b.votes !== null && b.eligible
                  ? t('basis.votes', {
                      votes: b.votes,
                      eligible: b.eligible,
                      percent: i18n.number((100 * b.votes) / b.eligible, 1),
                      round: b.round,
                    })
                  : t('basis.elected', { round: b.round })}
            {b.votingPeriodId && (
              <>
                {' '}
                <Link href={`/voting-periods/${b.votingPeriodId}/results`}>{t('basis.minutes')}</Link>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('basis.score')}</dt>
          <dd>
            {b.finalScore === null
              ? t('basis.noScore')
              : t('basis.scoreRank', {
                  score: i18n.number(b.finalScore, 2),
                  rank: b.rank ?? '–',
                  of: b.memberCount,
                })}
          </dd>
        </div>
      </dl>
    </section>
  );
}
