import { readFragment } from 'gql.tada';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { canAct, hasRole, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorCode } from '../../i18n/errors';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Alert, Loading, Page } from '../../ui/Page';
import { PeriodFields, PeriodQuery, ReceiptQuery, YearRoundsQuery } from './operations';
import { deadline } from './rules';
import { ContestTitle, periodOwner, StatusBadge, TurnoutBar } from './parts';
import type { Period } from './rules';
import { useUnitNames } from '../unit/useUnitNames';
import { PeriodControls } from '../conference/PeriodControls';
import { usePolling } from '../../ui/usePolling';

/** Where every voting notification leads: the state of the vote and what this person can do in it. */
export default function VotingPeriodPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({ query: PeriodQuery, variables: { id } });
  const session = useSession();
  // Only officers and council members vote; anyone else is not asked for a receipt they cannot have.
  const mayVote = hasRole(session, 'UNIT_OFFICER', 'COUNCIL_MEMBER');
  const secretariat = canAct(session, 'PROVINCE_ADMIN');
  const [receipt] = useQuery({
    query: ReceiptQuery,
    variables: { id },
    requestPolicy: 'network-only',
    pause: !mayVote,
  });

  // Closed, the count takes a second or two: the page shows it tallied without a reload.
  const loaded = res.data ? readFragment(PeriodFields, res.data.votingPeriod) : null;
  usePolling(refetch, loaded?.status === 'CLOSED' ? 2000 : null);
  // Published with seats left (R5), the next round is open: the page leads there.
  const [rounds] = useQuery({
    query: YearRoundsQuery,
    variables: { yearId: loaded?.emulationYearId ?? '' },
    pause: !(loaded?.emulationYearId && loaded.outcome === 'NEXT_ROUND' && loaded.resultsPublishedAt),
  });

  if (res.error)
    return (
      <Page title={t('voting.kind.BLOCK')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!res.data) return <Loading />;
  const p = readFragment(PeriodFields, res.data.votingPeriod);
  // A paper round is voted in the hall: the counting committee's figures stand for the ballots, nobody votes here.
  const paper = p.method === 'PAPER';
  const isVoter = mayVote && !paper && !receipt.fetching && errorCode(receipt.error) === null;
  const voted = receipt.data?.myBallotReceipt;
  // A council session has one round: its day (the subtitle) names it, not "round 1".
  const title =
    p.kind === 'COUNCIL'
      ? t('voting.kind.COUNCIL')
      : `${t('voting.kind.BLOCK')} · ${t('voting.round', { n: p.round })}`;
  const next = rounds.data?.votingPeriods.find((r) => r.round === p.round + 1);
  // The block's vote is over once a round's results are published with every seat filled (or decided): what comes
  // next is the conference's record and the dossier, on the conference's page, until the dossier goes (not said
  // of a year recorded from documents, whose dossier went long ago).
  const blockDone =
    p.kind === 'BLOCK' &&
    !!p.resultsPublishedAt &&
    (p.outcome === 'COMPLETE' || p.outcome === 'DECIDED') &&
    p.emulationYear?.state === 'RESULTS_RECORDED' &&
    !p.emulationYear.recordedFromDocuments;
  // The secretariat enters the ballots of member units without an account, on their behalf (BallotPage).
  const entersForUnits =
    secretariat && !isVoter && p.kind === 'BLOCK' && p.method === 'ONLINE' && p.status === 'OPEN';
  // The council's vote is the secretariat's to run, not to cast: it is told so, not that it has no ballot.
  const runsCouncil = secretariat && !isVoter && p.kind === 'COUNCIL';

  return (
    <Page
      title={title}
      subtitle={
        <>
          {periodOwner(i18n, p)} · <StatusBadge period={p} />
        </>
      }
    >
      {next && (
        <Alert kind="info">
          {t('voting.nextRoundOpen', { n: next.round })}{' '}
          <Link href={`/voting-periods/${next.id}`} className="link-tap">
            {t('voting.toRound', { n: next.round })}
          </Link>
        </Alert>
      )}
      {blockDone && p.emulationYear && (
        <Alert kind="info">
          {t('voting.blockDone')}{' '}
          <Link
            href={`/blocks/${p.emulationYear.block.id}/years/${p.emulationYear.year}/conference`}
            className="link-tap"
          >
            {t('voting.toConference')}
          </Link>
        </Alert>
      )}
      <section className="card stack">
        {paper ? (
          <>
            <p>{t('voting.paperRound')}</p>
            {/* The conference's secretary, who may confirm the count without running the round, finds it here. */}
            {p.status === 'OPEN' && (
              <p>
                <Link href={`/voting-periods/${p.id}/paper-count`}>{t('voting.paperCountLink')}</Link>
              </p>
            )}
          </>
        ) : (
          <>
            {/* Once closed, when it closed: a deadline past reads as one still to meet. */}
            <p>
              {p.closedAt
                ? t('voting.closedAt', { when: i18n.dateTime(p.closedAt) })
                : t('voting.deadline', { when: i18n.dateTime(deadline(p)) })}
            </p>
            {p.turnout && <TurnoutBar cast={p.turnout.cast} eligible={p.turnout.eligible} />}
          </>
        )}
        {voted && (
          <p className="success-text">
            {t('voting.youVoted', { when: i18n.dateTime(voted.castAt), code: voted.receiptCode })}
          </p>
        )}
        {voted?.onBehalfReason && <p>{t('ballot.enteredOnBehalf', { reason: voted.onBehalfReason })}</p>}
        {!receipt.fetching && !isVoter && !paper && p.status === 'OPEN' && (
          <p className="muted">
            {t(
              entersForUnits ? 'voting.onBehalfHint' : runsCouncil ? 'voting.councilRun' : 'voting.notVoter',
            )}
          </p>
        )}
        <div className="actions">
          {p.status === 'OPEN' && isVoter && !voted && (
            <Link href={`/voting-periods/${p.id}/ballot`} className="button button-primary button-large">
              {t('voting.goBallot')}
            </Link>
          )}
          {entersForUnits && (
            <Link href={`/voting-periods/${p.id}/ballot`} className="button button-primary">
              {t('voting.goBallotOnBehalf')}
            </Link>
          )}
          {p.kind === 'COUNCIL' && hasRole(session, 'PROVINCE_ADMIN', 'COUNCIL_MEMBER') && (
            <Link href="/council" className="button button-secondary">
              {t('council.sessions')}
            </Link>
          )}
          {/* Published, the results are what the page is opened for (the announcement's link leads here). */}
          {p.status === 'TALLIED' && (
            <Link
              href={`/voting-periods/${p.id}/results`}
              className={`button ${p.resultsPublishedAt ? 'button-primary button-large' : 'button-secondary'}`}
            >
              {t('voting.goResults')}
            </Link>
          )}
          {/* The projector's screen is the one running the vote's: a council member votes on a phone. */}
          {!(p.kind === 'COUNCIL' && !secretariat) && (
            <Link href={`/voting-periods/${p.id}/hall`} className="button button-secondary">
              {t('voting.goHall')}
            </Link>
          )}
          {/* Published, the council's approvals wait for their decision: the next step is on this page too. */}
          {/* Also for a secretary who sits on the council (and so has a ballot of their own). */}
          {secretariat && p.kind === 'COUNCIL' && p.resultsPublishedAt && (
            <Link href={`/award-decisions/new?session=${p.id}`} className="button button-primary">
              {t('decisions.issueTitle')}
            </Link>
          )}
        </div>
      </section>
      {p.kind === 'COUNCIL' && <CouncilQuestions contests={p.contests} />}
      <PeriodControls id={p.id} onChanged={() => refetch({ requestPolicy: 'network-only' })} />
    </Page>
  );
}

/** What a council session votes on: each proposal by its award and who, and those taken off it (R8). */
function CouncilQuestions({ contests }: { contests: Period['contests'] }) {
  const i18n = useI18n();
  const { names } = useUnitNames(contests.flatMap((c) => c.candidateUnitIds));
  return (
    <section className="card" aria-labelledby="council-questions">
      <h2 id="council-questions">{i18n.t('council.questionsTitle', { n: contests.length })}</h2>
      <ol>
        {contests.map((c) => (
          <li key={c.id}>
            {/* Each proposal opens its dossier: the block's vote, the scores, the achievement report. */}
            {c.nominationId ? (
              <Link href={`/nominations/${c.nominationId}`}>
                <ContestTitle i18n={i18n} kind={c.kind} contest={c} names={names} />
              </Link>
            ) : (
              <ContestTitle i18n={i18n} kind={c.kind} contest={c} names={names} />
            )}
            {c.withdrawnReason && (
              <span className="muted"> – {i18n.t('results.withdrawn', { reason: c.withdrawnReason })}</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
