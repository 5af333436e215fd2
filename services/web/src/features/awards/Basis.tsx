import { Link } from 'wouter';
import type { ResultOf } from '../../graphql';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import type { NominationQuery } from './NominationPage';

type Basis = NonNullable<ResultOf<typeof NominationQuery>['nomination']['basis']>;
type Brief = Pick<
  Basis,
  'round' | 'votes' | 'eligible' | 'decidedByHeadAndDeputy' | 'finalScore' | 'rank' | 'memberCount'
>;

/** How the block chose the unit, and the words for it on the nomination's page and beside a council question. */
const VOTE_WORDS = {
  noVote: { full: 'basis.noVote', brief: 'basis.briefNoVote' },
  decided: { full: 'basis.decided', brief: 'basis.briefDecided' },
  votes: { full: 'basis.votes', brief: 'basis.briefVotes' },
  elected: { full: 'basis.elected', brief: 'basis.briefElected' },
} satisfies Record<string, Record<'full' | 'brief', MessageKey>>;

/** The block's vote and the score in words, `full` on the nomination's page or `brief` on one line. */
function grounds(i18n: I18n, b: Brief, style: 'full' | 'brief') {
  const how: keyof typeof VOTE_WORDS =
    b.round === null
      ? 'noVote'
      : b.decidedByHeadAndDeputy
        ? 'decided'
        : b.votes !== null && b.eligible
          ? 'votes'
          : 'elected';
  const vote = i18n.t(VOTE_WORDS[how][style], {
    round: b.round ?? '',
    votes: b.votes ?? '',
    eligible: b.eligible ?? '',
    percent: b.votes !== null && b.eligible ? i18n.number((100 * b.votes) / b.eligible, 1) : '',
  });
  const score =
    b.finalScore === null
      ? null
      : i18n.t(style === 'full' ? 'basis.scoreRank' : 'basis.briefScore', {
          score: i18n.number(b.finalScore, 2),
          rank: b.rank ?? '–',
          of: b.memberCount,
        });
  return { vote, score };
}

/** The grounds in one line, beside a council question: the block's vote, then the score and rank. */
export function basisBrief(i18n: I18n, b: Brief): string {
  const { vote, score } = grounds(i18n, b, 'brief');
  return score ? `${vote}${score}` : `${vote}.`;
}

/**
 * What the block's records give for its proposal: the vote that chose the unit (against all members, R4) and its
 * final score and rank. The council weighs them beside the dossier; the minutes are one link away.
 */
export function Basis({ basis: b }: { basis: Basis }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { vote, score } = grounds(i18n, b, 'full');
  return (
    <section className="card" aria-labelledby="basis">
      <h2 id="basis">{t('basis.title')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('basis.vote')}</dt>
          <dd>
            {vote}
            {b.votingPeriodId && (
              <>
                {' '}
                <Link href={`/voting-periods/${b.votingPeriodId}/results`} className="link-tap">
                  {t('basis.minutes')}
                </Link>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('basis.score')}</dt>
          <dd>{score ?? t('basis.noScore')}</dd>
        </div>
      </dl>
    </section>
  );
}
