import { readFragment, type ResultOf } from 'gql.tada';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { myUnits, useSession } from '../../app/session';
import { useI18n, type I18n } from '../../i18n/i18n';
import { apiErrors, errorCode, fieldMessage, showErrors } from '../../i18n/errors';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Alert, Loading, Page } from '../../ui/Page';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { CastBallotMutation, PeriodFields, PeriodQuery, ReceiptQuery } from './operations';
import {
  ballotProblems,
  contestThreshold,
  deadline,
  votesNeeded,
  type BallotProblem,
  type Contest,
  type Period,
} from './rules';
import { ApprovalSubject, periodOwner } from './parts';

type Receipt = NonNullable<ResultOf<typeof ReceiptQuery>['myBallotReceipt']>;
type Phase = 'vote' | 'review' | 'sending' | 'checking' | 'not-recorded' | 'cast';

/**
 * The ballot, on the unit officer's phone at the conference: one contest per screen, then a review, then
 * the receipt. A response lost on the way back is never shown as a failure nor sent twice blindly: the page
 * asks the API for the unit's receipt and shows the vote as cast when it was.
 */
export default function BallotPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const client = useClient();
  const units = myUnits(session);
  const [unitId, setUnitId] = useState<string | null>(units.length > 1 ? units[0]! : null);
  const [res, refetch] = useQuery({ query: PeriodQuery, variables: { id } });
  const [receiptRes] = useQuery({
    query: ReceiptQuery,
    variables: { id, unitId },
    requestPolicy: 'network-only',
  });
  const [phase, setPhase] = useState<Phase>('vote');
  const [step, setStep] = useState(0);
  const [choices, setChoices] = useState<Map<string, string[]>>(new Map());
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  const period = res.data ? readFragment(PeriodFields, res.data.votingPeriod) : null;
  const candidateIds = useMemo(
    () => [...(period?.contests.flatMap((c) => c.candidateUnitIds) ?? []), ...units],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [period?.id, units.join()],
  );
  const { names } = useUnitNames(candidateIds);

  useEffect(() => {
    if (receiptRes.data?.myBallotReceipt) {
      setReceipt(receiptRes.data.myBallotReceipt);
      setPhase('cast');
    }
  }, [receiptRes.data]);

  useEffect(() => {
    stepHeading.current?.focus();
  }, [step, phase]);

  if (res.error)
    return (
      <Page title={t('ballot.title')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!period || (receiptRes.fetching && !receiptRes.data && !receiptRes.error)) return <Loading />;

  const council = period.kind === 'COUNCIL';
  const voterUnit = council ? null : (unitId ?? units[0] ?? null);
  // R8: a council question whose nomination was deferred after the session opened is not voted on.
  const contests = period.contests.filter((c) => c.withdrawnReason === null);
  const withdrawn = period.contests.filter((c) => c.withdrawnReason !== null);
  const eligible = period.turnout?.eligible ?? 0;

  if (phase === 'cast' && receipt)
    return (
      <Page title={council ? t('ballot.castTitleCouncil') : t('ballot.castTitle')}>
        <section className="card receipt" aria-labelledby="receipt-code-label">
          <p className="receipt-check" aria-hidden="true">
            ✓
          </p>
          <p id="receipt-code-label" className="receipt-label">
            {t('ballot.receipt')}
          </p>
          <p className="receipt-code" data-testid="receipt-code">
            {receipt.receiptCode}
          </p>
          {voterUnit && <p>{t('ballot.votingFor', { unit: unitName(names, voterUnit) })}</p>}
          <p>
            {t('ballot.castAt')}: {i18n.dateTime(receipt.castAt)}
          </p>
          <p className="muted">{t(council ? 'ballot.receiptNoteCouncil' : 'ballot.receiptNote')}</p>
          <Link href={`/voting-periods/${period.id}`} className="button button-secondary button-block">
            {t('ballot.toPeriod')}
          </Link>
        </section>
      </Page>
    );

  if (period.status !== 'OPEN' && phase !== 'checking')
    return (
      <Page title={t('ballot.title')}>
        <Alert kind="info">{t('ballot.closed')}</Alert>
        <Link href={`/voting-periods/${period.id}`} className="button button-secondary">
          {t('ballot.toPeriod')}
        </Link>
      </Page>
    );

  const problemText = (p: BallotProblem) =>
    p.kind === 'atMost' ? t('ballot.tooMany', { n: p.n ?? 1 }) : t(`error.field.${p.kind}`);

  async function checkReceipt() {
    setPhase('checking');
    for (let attempt = 0; attempt < 6; attempt++) {
      const r = await client
        .query(ReceiptQuery, { id, unitId }, { requestPolicy: 'network-only' })
        .toPromise();
      if (r.data?.myBallotReceipt) {
        setReceipt(r.data.myBallotReceipt);
        setPhase('cast');
        return;
      }
      if (r.data) break; // the API answered: no receipt, the ballot was not recorded
      await new Promise((ok) => setTimeout(ok, Math.min(500 * 2 ** attempt, 4000)));
    }
    setPhase('not-recorded');
  }

  async function send() {
    const found = ballotProblems(contests, choices, voterUnit, period!.allowSelfVote);
    if (found.length) {
      setProblems(Object.fromEntries(found.map((p) => [p.contestId, problemText(p)])));
      setStep(contests.findIndex((c) => c.id === found[0]!.contestId));
      setPhase('vote');
      return;
    }
    setGeneral(null);
    setProblems({});
    setPhase('sending');
    const sent = contests
      .map((c) => ({ contestId: c.id, unitIds: choices.get(c.id) ?? [] }))
      .filter((c) => c.unitIds.length > 0);
    const r = await client
      .mutation(CastBallotMutation, {
        input: { votingPeriodId: period!.id, choices: sent, ...(unitId ? { unitId } : {}) },
      })
      .toPromise();
    if (r.data?.castBallot) {
      setReceipt(r.data.castBallot);
      setPhase('cast');
      return;
    }
    const code = errorCode(r.error);
    // Lost on the way back, or already recorded (a second attempt): the receipt tells what happened.
    if (code === 'NETWORK' || code === 'CONFLICT' || code === 'INTERNAL_SERVER_ERROR') return checkReceipt();
    const errors = apiErrors(r.error);
    if (code === 'BAD_USER_INPUT' && errors !== 'network' && errors) {
      const byContest: Record<string, string> = {};
      for (const e of errors)
        for (const f of e.extensions?.fields ?? []) {
          const m = /^choices\.(\d+)\./.exec(f.field);
          const contest = m ? sent[Number(m[1])]?.contestId : undefined;
          if (contest) byContest[contest] = fieldMessage(i18n, f.field, f.message);
        }
      if (Object.keys(byContest).length) {
        setProblems(byContest);
        setStep(contests.findIndex((c) => c.id in byContest));
        setPhase('vote');
        return;
      }
    }
    setGeneral(showErrors(i18n, errors).general);
    if (code === 'DEADLINE_PASSED') refetch({ requestPolicy: 'network-only' });
    setPhase('review');
  }

  // A question withdrawn meanwhile (R8) shortens the ballot: the step stays within it.
  const at = Math.min(step, Math.max(contests.length - 1, 0));
  const contest = contests[at];
  const title = council
    ? t('ballot.titleCouncil')
    : `${t('ballot.title')} · ${t(`voting.kind.${period.kind}`)}`;
  const subtitle = [
    ...(council ? [] : [periodOwner(t, period)]),
    t('voting.round', { n: period.round }),
    t('voting.deadline', { when: i18n.dateTime(deadline(period)) }),
  ].join(' · ');

  return (
    <Page title={title} subtitle={subtitle}>
      {units.length > 1 && !council && (
        <div className="field">
          <label htmlFor="ballot-unit">{t('ballot.unitFor')}</label>
          <select id="ballot-unit" value={unitId ?? ''} onChange={(e) => setUnitId(e.target.value)}>
            {units.map((u) => (
              <option key={u} value={u}>
                {unitName(names, u)}
              </option>
            ))}
          </select>
        </div>
      )}
      {units.length === 1 && voterUnit && (
        <p className="muted">{t('ballot.votingFor', { unit: unitName(names, voterUnit) })}</p>
      )}
      {general && <Alert>{general}</Alert>}
      {withdrawn.length > 0 && (
        <Alert kind="info">
          <p>{t(contests.length ? 'ballot.withdrawn' : 'ballot.allWithdrawn')}</p>
          <ul>
            {withdrawn.map((c) => (
              <li key={c.id}>
                {c.nominationId && (
                  <ApprovalSubject
                    i18n={i18n}
                    nominationId={c.nominationId}
                    names={names}
                    unit={c.candidateUnitIds[0]!}
                  />
                )}
                {' – '}
                {c.withdrawnReason}
              </li>
            ))}
          </ul>
        </Alert>
      )}

      {phase === 'vote' && contest && (
        <form
          className="ballot card"
          onSubmit={(e) => {
            e.preventDefault();
            // A council member answers every question: not answering is not taken for a no.
            if (contest.kind === 'APPROVAL' && !choices.has(contest.id)) {
              setProblems((p) => ({ ...p, [contest.id]: t('ballot.check.answer') }));
              return;
            }
            if (at < contests.length - 1) setStep(at + 1);
            else setPhase('review');
          }}
        >
          <p className="ballot-progress">
            <span>{t('ballot.step', { i: at + 1, n: contests.length })}</span>
            <span className="ballot-dots" aria-hidden="true">
              {contests.map((c, i) => (
                <span key={c.id} className={i <= at ? 'dot dot-on' : 'dot'} />
              ))}
            </span>
          </p>
          <ContestStep
            key={contest.id}
            i18n={i18n}
            period={period}
            contest={contest}
            eligible={eligible}
            names={names}
            voterUnit={voterUnit}
            chosen={choices.get(contest.id) ?? []}
            answered={choices.has(contest.id)}
            problem={problems[contest.id] ?? null}
            headingRef={stepHeading}
            onChange={(ids) => {
              setChoices(new Map(choices).set(contest.id, ids));
              setProblems(({ [contest.id]: _gone, ...rest }) => rest);
            }}
          />
          <div className="ballot-nav">
            {at > 0 && (
              <button
                type="button"
                className="button button-secondary button-large"
                onClick={() => setStep(at - 1)}
              >
                {t('ballot.prev')}
              </button>
            )}
            <button type="submit" className="button button-primary button-large">
              {at < contests.length - 1 ? t('ballot.next') : t('ballot.review')}
            </button>
          </div>
        </form>
      )}

      {(phase === 'review' || phase === 'sending' || phase === 'checking' || phase === 'not-recorded') && (
        <section className="ballot card" aria-labelledby="review-title">
          <h2 id="review-title" ref={stepHeading} tabIndex={-1}>
            {t('ballot.reviewTitle')}
          </h2>
          <p>{t('ballot.reviewIntro')}</p>
          <dl className="review">
            {contests.map((c, i) => {
              const chosen = choices.get(c.id) ?? [];
              return (
                <div key={c.id} className="review-row">
                  <dt>
                    {c.kind === 'APPROVAL' && c.nominationId ? (
                      <ApprovalSubject
                        i18n={i18n}
                        nominationId={c.nominationId}
                        names={names}
                        unit={c.candidateUnitIds[0]!}
                      />
                    ) : (
                      t(`voting.contest.${c.kind}`)
                    )}
                  </dt>
                  <dd>
                    {c.kind === 'APPROVAL'
                      ? chosen.length
                        ? t('ballot.approve')
                        : t('ballot.reject')
                      : chosen.length
                        ? chosen.map((u) => unitName(names, u)).join('; ')
                        : t('ballot.none')}
                    {phase === 'review' && (
                      <button
                        type="button"
                        className="button-link"
                        onClick={() => {
                          setStep(i);
                          setPhase('vote');
                        }}
                      >
                        {t('ballot.change')}
                        <span className="visually-hidden"> {t(`voting.contest.${c.kind}`)}</span>
                      </button>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
          <div role="status" aria-live="polite">
            {phase === 'sending' && <p className="loading">{t('ballot.sending')}</p>}
            {phase === 'checking' && <p className="loading">{t('ballot.checking')}</p>}
            {phase === 'not-recorded' && <Alert kind="warning">{t('ballot.notRecorded')}</Alert>}
          </div>
          <div className="ballot-nav">
            {phase === 'review' && (
              <button
                type="button"
                className="button button-secondary button-large"
                onClick={() => {
                  setStep(contests.length - 1);
                  setPhase('vote');
                }}
              >
                {t('ballot.prev')}
              </button>
            )}
            <button
              type="button"
              className="button button-primary button-large"
              disabled={phase === 'sending' || phase === 'checking'}
              onClick={() => void send()}
            >
              {phase === 'not-recorded' ? t('ballot.resend') : t('ballot.submit')}
            </button>
          </div>
        </section>
      )}
    </Page>
  );
}

function ContestStep({
  i18n,
  period,
  contest,
  eligible,
  names,
  voterUnit,
  chosen,
  answered,
  problem,
  headingRef,
  onChange,
}: {
  i18n: I18n;
  period: Period;
  contest: Contest;
  eligible: number;
  names: Map<string, string>;
  voterUnit: string | null;
  chosen: string[];
  answered: boolean;
  problem: string | null;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onChange(ids: string[]): void;
}) {
  const { t } = i18n;
  const legendId = `contest-${contest.id}`;
  const errorId = `${legendId}-error`;
  const single = contest.seats === 1;
  const full = chosen.length >= contest.seats;

  const threshold = contestThreshold(period, contest);
  const need = votesNeeded(eligible, threshold.percent, threshold.mode);
  const thresholdWords =
    eligible > 0
      ? t(`voting.threshold.${threshold.mode}`, { p: i18n.number(threshold.percent), eligible, need })
      : null;

  if (contest.kind === 'APPROVAL') {
    const unit = contest.candidateUnitIds[0]!;
    return (
      <fieldset className="contest" aria-describedby={`${legendId}-rules${problem ? ` ${errorId}` : ''}`}>
        <legend>
          <h2 id={legendId} ref={headingRef} tabIndex={-1}>
            {t('voting.contest.APPROVAL')}
          </h2>
        </legend>
        {contest.nominationId && (
          <p>
            <ApprovalSubject i18n={i18n} nominationId={contest.nominationId} names={names} unit={unit} />{' '}
            {/* A new tab: the dossier is read beside the ballot, whose answers so far stay where they are. */}
            <a href={`/nominations/${contest.nominationId}`} target="_blank" rel="noopener">
              {t('ballot.readDossier')}
            </a>
          </p>
        )}
        {/* The question's own threshold (R10: a flag needs more of the council than a certificate). */}
        <p id={`${legendId}-rules`} className="contest-rules">
          {thresholdWords}
        </p>
        {problem && (
          <p id={errorId} className="field-error">
            {problem}
          </p>
        )}
        <div className="options">
          {[
            { label: t('ballot.approve'), ids: [unit] },
            { label: t('ballot.reject'), ids: [] as string[] },
          ].map((o) => (
            <label key={o.label} className="option">
              <input
                type="radio"
                name={legendId}
                checked={answered && chosen.length === o.ids.length}
                onChange={() => onChange(o.ids)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  return (
    <fieldset className="contest" aria-describedby={`${legendId}-rules${problem ? ` ${errorId}` : ''}`}>
      <legend>
        <h2 id={legendId} ref={headingRef} tabIndex={-1}>
          {t(`voting.contest.${contest.kind}`)}
        </h2>
      </legend>
      <ul id={`${legendId}-rules`} className="contest-rules">
        <li>{t('voting.seats', { n: contest.seats })}</li>
        {thresholdWords && <li>{thresholdWords}</li>}
      </ul>
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      {!single && (
        <p className="ballot-count" aria-live="polite">
          {full
            ? t('ballot.full', { n: contest.seats })
            : t('ballot.chosen', { k: chosen.length, n: contest.seats })}
        </p>
      )}
      <div className="options">
        {contest.candidateUnitIds.map((u) => {
          const own = !period.allowSelfVote && u === voterUnit;
          const checked = chosen.includes(u);
          return (
            <label key={u} className={own ? 'option option-disabled' : 'option'}>
              <input
                type={single ? 'radio' : 'checkbox'}
                name={legendId}
                value={u}
                checked={checked}
                disabled={own || (!single && full && !checked)}
                onChange={(e) =>
                  onChange(single ? [u] : e.target.checked ? [...chosen, u] : chosen.filter((x) => x !== u))
                }
              />
              <span>
                {unitName(names, u)}
                {own && <span className="option-note"> ({t('ballot.own')})</span>}
              </span>
            </label>
          );
        })}
        {single && (
          <label className="option option-blank">
            <input
              type="radio"
              name={legendId}
              checked={answered && chosen.length === 0}
              onChange={() => onChange([])}
            />
            <span>{t('ballot.blank')}</span>
          </label>
        )}
      </div>
    </fieldset>
  );
}
