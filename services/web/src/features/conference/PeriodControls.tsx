import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { hasRole, myUnits, readOnlyHere, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { usePolling } from '../../ui/usePolling';
import { fromVietnamInput, vietnamInput } from '../../ui/vietnamTime';
import { votesNeeded } from '../voting/rules';
import { CloseMutation, ExtendMutation, PeriodControlsQuery, PublishMutation } from './period-operations';
import { PublishPreview } from './PublishPreview';

/** The longest a run-off lasts unless its deadline is chosen otherwise. */
const RUN_OFF_DEFAULT_MAX_MS = 2 * 3600_000;

/** The round's controls for those who run it: extend, close, publish; the paper count and the decision. */
export function PeriodControls({ id, onChanged }: { id: string; onChanged: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [res, refetch] = useQuery({
    query: PeriodControlsQuery,
    variables: { id },
    requestPolicy: 'cache-and-network',
  });
  const extend = useAction(ExtendMutation);
  const close = useAction(CloseMutation);
  const publish = useAction(PublishMutation);
  const [until, setUntil] = useState('');
  const [nextCloses, setNextCloses] = useState('');
  const p = res.data?.votingPeriod;
  // Closed, the count takes a second or two: the controls move on to publishing by themselves.
  usePolling(refetch, p?.status === 'CLOSED' ? 2000 : null);
  const mine = myUnits(session);
  // The secretariat runs rounds; the platform's operators never act inside a province's workflow.
  const admin = hasRole(session, 'PROVINCE_ADMIN');
  // Failed for someone who may run the round: said, with a retry, rather than no controls at all.
  if (!p && res.error && (admin || mine.length > 0))
    return <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!p) return null;
  const y = p.emulationYear;
  const head = !!y?.headUnit && mine.includes(y.headUnit.id);
  const deputy = !!y?.deputyUnit && mine.includes(y.deputyUnit.id);
  // The head and the deputy unit both run the round; only the head, who chairs the count, announces it.
  // In a former province (read-only) nobody runs a round.
  const runs = (admin || head || deputy) && !readOnlyHere(session);
  const announces = admin || head;
  if (!runs) return null;
  // Published, a council session has nothing left to run (a block's round keeps its way back to the conference).
  if (p.resultsPublishedAt && !y) return null;
  const done = () => {
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  };
  const cast = p.turnout?.cast ?? 0;
  const eligible = p.turnout?.eligible ?? 0;
  const council = p.kind === 'COUNCIL';
  // The head or deputy reminding the others finds its own unit marked, not lost among them.
  const waiting = (p.notVoted ?? []).map((v) =>
    mine.includes(v.id) ? t('period.yourUnit', { name: v.name }) : v.name,
  );
  // R10: a council session counts only with this many members voting (the tally's rule: at least the share).
  const quorum =
    council && p.attendancePercent !== null ? votesNeeded(eligible, p.attendancePercent, 'AT_LEAST') : null;

  async function submitExtend(e: FormEvent) {
    e.preventDefault();
    const current = new Date(p!.extendedUntil ?? p!.closesAt).getTime();
    const when = fromVietnamInput(until);
    const deadline = i18n.dateTime(new Date(current).toISOString());
    const data = await extend.run(
      { id, until: when?.toISOString() ?? '' },
      {
        until: !when
          ? t('period.check.untilEmpty', { deadline })
          : when.getTime() > current
            ? null
            : t('period.check.until', { deadline }),
      },
    );
    if (data) {
      setUntil('');
      done();
    }
  }

  // An online run-off follows: its deadline is asked when the results are announced. By default it lasts as long
  // as this round did, at most two hours: a run-off is held at the conference, even after a round open for days;
  // held in the hall, it closes minutes later (a deadline is extended, never brought forward).
  const nextOnline = p.outcome === 'NEXT_ROUND' && p.method === 'ONLINE';
  // Who publishes without reading the count (the secretariat) is not told whether a round follows: it is asked the
  // deadline of one "if there is one", and the gateway keeps it only when one does.
  const maybeNext =
    p.outcome === null && p.kind === 'BLOCK' && p.method === 'ONLINE' && p.round < p.maxRounds;
  const roundLength = Math.min(
    new Date(p.closesAt).getTime() - new Date(p.opensAt).getTime(),
    RUN_OFF_DEFAULT_MAX_MS,
  );

  async function publishResults() {
    const when = nextOnline || maybeNext ? fromVietnamInput(nextCloses) : null;
    const data = await publish.run(
      { id, nextRoundClosesAt: when?.toISOString() ?? null },
      {
        nextRoundClosesAt:
          (nextOnline || maybeNext) && !(when && when.getTime() > Date.now() + 60_000)
            ? t('vote.check.closesAt')
            : null,
      },
    );
    if (data) done();
    return !!data;
  }

  return (
    <section className="card stack" aria-labelledby="period-controls">
      <h2 id="period-controls">{t(council ? 'period.controlsCouncil' : 'period.controls')}</h2>
      {y && (
        <p>
          <Link href={`/blocks/${y.block.id}/years/${y.year}/conference`}>
            {t('period.toConference', { block: y.block.name, year: y.year })}
          </Link>
        </p>
      )}
      {/* The head enters the count and the deputy confirms it; the secretariat sees no figures before they are
          published, and its page says whose step it is. */}
      {p.status === 'OPEN' && p.method === 'PAPER' && (head || deputy) && (
        <Link href={`/voting-periods/${id}/paper-count`} className="button button-primary">
          {p.paperCount ? t('period.paperConfirm') : t('period.paperEnter')}
        </Link>
      )}
      {p.status === 'OPEN' && p.method === 'ONLINE' && runs && (
        <>
          {/* Everyone has voted: there is nobody to wait for, only the close. */}
          {cast < eligible && (
            <form className="form-row" onSubmit={(e) => void submitExtend(e)} noValidate>
              <DateField
                label={t(council ? 'period.extendUntilCouncil' : 'period.extendUntil')}
                withTime
                value={until}
                onChange={setUntil}
                error={extend.shown.fields.until}
              />
              <button type="submit" className="button button-secondary" disabled={extend.busy}>
                {t('period.extend')}
              </button>
            </form>
          )}
          {extend.shown.general && <Alert>{extend.shown.general}</Alert>}
          <ConfirmButton
            label={t(council ? 'period.closeCouncil' : 'period.close')}
            title={t(council ? 'period.closeTitleCouncil' : 'period.closeTitle')}
            danger
            disabled={!admin && cast < eligible}
            busy={close.busy}
            error={close.shown.general && <Alert>{close.shown.general}</Alert>}
            action={async () => {
              const ok = !!(await close.run({ id }));
              if (ok) done();
              return ok;
            }}
          >
            <p>
              {cast >= eligible
                ? t(council ? 'period.closeBodyAllVotedCouncil' : 'period.closeBodyAllVoted', { eligible })
                : t(council ? 'period.closeBodyCouncil' : 'period.closeBody', {
                    cast,
                    eligible,
                    missing: eligible - cast,
                    names: waiting.join('; '),
                  })}
            </p>
            {quorum !== null && cast < quorum && (
              <p className="field-error">
                {t('period.noQuorum', { percent: i18n.number(p.attendancePercent), quorum })}
              </p>
            )}
          </ConfirmButton>
          {!admin && cast < eligible && <p className="muted">{t('period.headCloses', { cast, eligible })}</p>}
          {p.notVoted && <NotVoted names={waiting} council={council} />}
        </>
      )}
      {p.status === 'CLOSED' && <p className="muted">{t('voting.status.CLOSED')}</p>}
      {p.status === 'TALLIED' && p.outcome === 'AWAITING_DECISION' && (head || deputy) && (
        <Link href={`/voting-periods/${id}/decision`} className="button button-primary">
          {t('period.decide')}
        </Link>
      )}
      {/* R5: the rounds left seats undecided; the head and deputy decide, and the secretariat waits for them. */}
      {p.status === 'TALLIED' && p.outcome === 'AWAITING_DECISION' && !head && !deputy && (
        <p>
          {t('period.awaitingDecision', {
            head: y?.headUnit?.name ?? '',
            deputy: y?.deputyUnit?.name ?? '',
          })}
        </p>
      )}
      {p.status === 'TALLIED' && !p.resultsPublishedAt && announces && p.outcome !== 'AWAITING_DECISION' && (
        <ConfirmButton
          label={t('period.publish')}
          title={t(council ? 'period.publishTitleCouncil' : 'period.publishTitle')}
          className="button button-primary"
          busy={publish.busy}
          error={publish.shown.general && <Alert>{publish.shown.general}</Alert>}
          onOpen={() =>
            (nextOnline || maybeNext) && setNextCloses(vietnamInput(new Date(Date.now() + roundLength)))
          }
          action={publishResults}
        >
          <PublishPreview period={p} />
          <p>{council ? t('period.publishCouncil') : t('period.publishBody')}</p>
          {p.outcome === 'NEXT_ROUND' && <p>{t('period.publishNextRound', { n: p.round + 1 })}</p>}
          {(nextOnline || maybeNext) && (
            <DateField
              label={t(nextOnline ? 'period.nextRoundClosesAt' : 'period.nextRoundClosesAtIf', {
                n: p.round + 1,
              })}
              hint={t(nextOnline ? 'period.nextRoundClosesAtHint' : 'period.nextRoundClosesAtIfHint')}
              withTime
              value={nextCloses}
              onChange={setNextCloses}
              error={publish.shown.fields.nextRoundClosesAt}
            />
          )}
        </ConfirmButton>
      )}
    </section>
  );
}

/** Who has not voted yet, named for those who run the vote to remind them (who voted is not secret). */
function NotVoted({ names, council }: { names: string[]; council: boolean }) {
  const { t } = useI18n();
  if (!names.length) return <p className="muted">{t('period.allVoted')}</p>;
  const key = council ? 'period.notVotedMembers' : 'period.notVotedUnits';
  return <p>{t(key, { n: names.length, names: names.join('; ') })}</p>;
}
