import { readFragment, type ResultOf } from 'gql.tada';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { canAct, myUnits, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { apiErrors, errorCode, fieldMessage, showErrors } from '../../i18n/errors';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Alert, Loading, Page } from '../../ui/Page';
import { ActingFor, reasonProblem, useActingFor } from '../emulation-year/ActingFor';
import { MarkReadMutation } from '../notification/operations';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import {
  BallotMembersQuery,
  CastBallotMutation,
  PeriodFields,
  PeriodQuery,
  ReceiptQuery,
} from './operations';
import { ballotProblems, deadline, type BallotProblem } from './rules';
import { ApprovalSubject, ContestTitle, periodOwner, TurnoutBar } from './parts';
import { ContestStep } from './ContestStep';

type Receipt = NonNullable<ResultOf<typeof ReceiptQuery>['myBallotReceipt']>;
type Phase = 'vote' | 'review' | 'sending' | 'checking' | 'not-recorded' | 'cast';

/**
 * The ballot, on the unit officer's phone at the conference: one contest per screen, then a review, then
 * the receipt. A response lost on the way back is never shown as a failure nor sent twice blindly: the page
 * asks the API for the unit's receipt and shows the vote as cast when it was.
 *
 * The secretariat enters here, one after the other, the block ballots of member units that have no account, each
 * on the unit's behalf with the reason (the gateway's castsOnBehalf): the unit is named on the review and on the
 * receipt, and the next unit follows without a reload.
 */
export default function BallotPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const client = useClient();
  const units = myUnits(session);
  const secretariat = canAct(session, 'PROVINCE_ADMIN');
  const [unitId, setUnitId] = useState<string | null>(units.length > 1 ? units[0]! : null);
  const [res, refetch] = useQuery({ query: PeriodQuery, variables: { id } });
  const [receiptRes] = useQuery({
    query: ReceiptQuery,
    variables: { id, unitId },
    requestPolicy: 'network-only',
    // The secretariat has no ballot of its own: only a unit's officers read the unit's receipt.
    pause: secretariat && units.length === 0,
  });
  // The round's voters, to the secretariat who may enter a unit's ballot on its behalf.
  const [membersRes, refetchMembers] = useQuery({
    query: BallotMembersQuery,
    variables: { id },
    // Who has voted changes while the secretary works: a page opened again reads it afresh.
    requestPolicy: 'cache-and-network',
    pause: !secretariat,
  });
  const acting = useActingFor(
    { members: membersRes.data?.votingPeriod.emulationYear?.members ?? [] },
    { admin: secretariat, mine: [] },
  );
  /** The units whose ballot is recorded here (entered, or refused as already cast), with what the list says. */
  const [done, setDone] = useState<ReadonlyMap<string, string>>(new Map());
  // And those the round already counts (voted themselves, or entered before the page was opened).
  const notVoted = membersRes.data?.votingPeriod.notVoted;
  const recorded = useMemo(() => {
    const all = new Map(done);
    for (const { unitId } of membersRes.data?.votingPeriod.emulationYear?.members ?? [])
      if (notVoted && !notVoted.some((v) => v.id === unitId)) all.set(unitId, t('ballot.onBehalf.hasBallot'));
    return all;
  }, [done, notVoted, membersRes.data, t]);
  // Members still without a ballot, as far as this page knows (read again before the next unit).
  const left = (membersRes.data?.votingPeriod.emulationYear?.members ?? []).filter(
    (m) => !recorded.has(m.unitId),
  ).length;
  const [actingErrors, setActingErrors] = useState<Record<string, string>>({});
  /** The unit and reason a ballot entered on a unit's behalf was recorded with, for its receipt. */
  const [castFor, setCastFor] = useState<{ unitId: string; reason: string } | null>(null);
  const actingCard = useRef<HTMLElement>(null);
  // Bumped to take the secretary to the unit's fields: to what to fix, or to the next unit to enter.
  const [toActing, setToActing] = useState(0);
  const [phase, setPhase] = useState<Phase>('vote');
  const [step, setStep] = useState(0);
  const [choices, setChoices] = useState<Map<string, string[]>>(new Map());
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  const period = res.data ? readFragment(PeriodFields, res.data.votingPeriod) : null;
  const candidateIds = useMemo(
    () => [
      ...(period?.contests.flatMap((c) => c.candidateUnitIds) ?? []),
      ...units,
      ...(acting.unitId ? [acting.unitId] : []),
      ...(castFor ? [castFor.unitId] : []),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [period?.id, units.join(), acting.unitId, castFor?.unitId],
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

  // The ballot is in: the notices asking for it are done, read — not for a ballot cast on another unit's behalf,
  // nor for an officer of several units, whose notice still asks for the others' ballots.
  useEffect(() => {
    if (phase === 'cast' && !castFor && units.length <= 1)
      void client
        .mutation(MarkReadMutation, { subjectIds: [id] }, { additionalTypenames: ['Notification'] })
        .toPromise();
  }, [client, id, phase, castFor, units.length]);

  useEffect(() => {
    if (!toActing || !actingCard.current) return;
    const field =
      actingCard.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      actingCard.current.querySelector<HTMLElement>('select');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  }, [toActing]);

  if (res.error)
    return (
      <Page title={t('ballot.title')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (secretariat && membersRes.error && !membersRes.data)
    return (
      <Page title={t('ballot.title')}>
        <ApiErrorView
          error={membersRes.error}
          retry={() => refetchMembers({ requestPolicy: 'network-only' })}
        />
      </Page>
    );
  if (
    !period ||
    (receiptRes.fetching && !receiptRes.data && !receiptRes.error) ||
    (secretariat && !membersRes.data)
  )
    return <Loading />;

  const council = period.kind === 'COUNCIL';
  const voters = acting.choices;
  // The secretariat, not an officer of a unit voting here, enters a member unit's ballot on its behalf.
  const forOthers =
    secretariat &&
    !council &&
    period.method === 'ONLINE' &&
    voters.length > 0 &&
    !units.some((u) => voters.includes(u));
  const voterUnit = council ? null : forOthers ? acting.unitId || null : (unitId ?? units[0] ?? null);

  /** On a unit's behalf, the unit and the reason must be given: said beside them, and the secretary taken there. */
  function actingChecked(): boolean {
    if (!forOthers) return true;
    const found = Object.fromEntries(
      Object.entries({
        unitId: !acting.unitId
          ? t('members.chooseUnit')
          : recorded.has(acting.unitId)
            ? t('error.alreadyVoted')
            : null,
        onBehalfReason: reasonProblem(acting, t('acting.reasonShort')),
      }).filter((e): e is [string, string] => !!e[1]),
    );
    setActingErrors(found);
    if (Object.keys(found).length) setToActing((n) => n + 1);
    return !Object.keys(found).length;
  }

  /** After a receipt, a blank ballot for the next unit; the reason stays (the same, for units without an account). */
  function nextUnit() {
    acting.setUnitId('');
    setChoices(new Map());
    setProblems({});
    setGeneral(null);
    setActingErrors({});
    setReceipt(null);
    setCastFor(null);
    setStep(0);
    setPhase('vote');
    setToActing((n) => n + 1);
  }

  /**
   * The fields of a unit's ballot entered on its behalf. A unit chosen afterwards is not left chosen on its own
   * ballot (its option is then disabled) where the block forbids self-votes: it is unchosen, and said so.
   */
  const actingFields = {
    ...acting,
    setUnitId(u: string) {
      acting.setUnitId(u);
      setActingErrors(({ unitId: _gone, ...rest }) => rest);
      // Past the marking (on the review, after a refusal or a lost answer), the marks are another unit's paper:
      // a new unit starts a blank ballot, so no paper is ever sent under the wrong unit.
      if (phase !== 'vote') {
        setChoices(new Map());
        setProblems({});
        setGeneral(null);
        setStep(0);
        setPhase('vote');
        return;
      }
      if (period!.allowSelfVote || !u) return;
      const unchosen = [...choices].filter(([, ids]) => ids.includes(u)).map(([contestId]) => contestId);
      if (!unchosen.length) return;
      const next = new Map(choices);
      for (const c of unchosen) next.delete(c);
      setChoices(next);
      setProblems((p) => ({
        ...p,
        ...Object.fromEntries(
          unchosen.map((c) => [c, t('ballot.onBehalf.ownUnchosen', { unit: unitName(names, u) })]),
        ),
      }));
    },
    setReason(r: string) {
      acting.setReason(r);
      setActingErrors(({ onBehalfReason: _gone, ...rest }) => rest);
    },
  };
  // R8: a council question whose nomination was deferred after the session opened is not voted on.
  const contests = period.contests.filter((c) => c.withdrawnReason === null);
  const withdrawn = period.contests.filter((c) => c.withdrawnReason !== null);
  const eligible = period.turnout?.eligible ?? 0;

  if (phase === 'cast' && receipt)
    return (
      <Page
        title={
          council
            ? t('ballot.castTitleCouncil')
            : castFor
              ? t('ballot.onBehalf.castTitle')
              : t('ballot.castTitle')
        }
      >
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
          {castFor ? (
            <>
              <p data-testid="receipt-unit">
                <strong>{t('ballot.onBehalf.votingFor', { unit: unitName(names, castFor.unitId) })}</strong>
              </p>
              <p>{t('ballot.onBehalf.reasonShown', { reason: castFor.reason })}</p>
            </>
          ) : (
            <>
              {voterUnit && <p>{t('ballot.votingFor', { unit: unitName(names, voterUnit) })}</p>}
              {/* The unit did not vote itself: the secretariat entered its ballot, and said why. */}
              {receipt.onBehalfReason && (
                <p data-testid="receipt-on-behalf">
                  {t('ballot.enteredOnBehalf', { reason: receipt.onBehalfReason })}
                </p>
              )}
            </>
          )}
          <p>
            {t('ballot.castAt')}: {i18n.dateTime(receipt.castAt)}
          </p>
          <p className="muted">
            {t(
              council
                ? 'ballot.receiptNoteCouncil'
                : castFor
                  ? 'ballot.onBehalf.receiptNote'
                  : 'ballot.receiptNote',
            )}
          </p>
          {castFor &&
            period.status === 'OPEN' &&
            // Every member has a ballot now: no other unit to enter.
            (left > 0 ? (
              <button type="button" className="button button-primary button-block" onClick={nextUnit}>
                {t('ballot.onBehalf.next')}
              </button>
            ) : (
              <p className="success-text">{t('ballot.onBehalf.allIn')}</p>
            ))}
          <Link href={`/voting-periods/${period.id}`} className="button button-secondary button-block">
            {t(council ? 'ballot.toCouncilSession' : 'ballot.toPeriod')}
          </Link>
        </section>
      </Page>
    );

  // A paper round is voted in the hall and counted by its committee: there is no ballot to cast here.
  if ((period.status !== 'OPEN' || period.method === 'PAPER') && phase !== 'checking')
    return (
      <Page title={t('ballot.title')}>
        <Alert kind="info">{t(period.method === 'PAPER' ? 'voting.paperRound' : 'ballot.closed')}</Alert>
        <Link href={`/voting-periods/${period.id}`} className="button button-secondary">
          {t(council ? 'ballot.toCouncilSession' : 'ballot.toPeriod')}
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

  /** Asks, on its step, for the contest at `index`, which has no answer yet. */
  function askFor(index: number) {
    const c = contests[index]!;
    const problem = t(c.kind === 'APPROVAL' ? 'ballot.check.answer' : 'ballot.check.choose');
    setProblems((p) => ({ ...p, [c.id]: problem }));
    setStep(index);
    setPhase('vote');
  }

  /**
   * Asks for the first contest not answered (nothing chosen, and not left blank on purpose); false when every
   * contest is answered. A contest can lose its answer off screen: the unit entered for changes.
   */
  function askUnanswered(): boolean {
    const gap = contests.findIndex((c) => !choices.has(c.id));
    if (gap !== -1) askFor(gap);
    return gap !== -1;
  }

  /** The ballot as the API would take it; otherwise the first contest to correct is shown, saying why. */
  function ballotChecked(): boolean {
    const found = ballotProblems(contests, choices, voterUnit, period!.allowSelfVote);
    if (!found.length) return true;
    setProblems(Object.fromEntries(found.map((p) => [p.contestId, problemText(p)])));
    setStep(contests.findIndex((c) => c.id === found[0]!.contestId));
    setPhase('vote');
    return false;
  }

  async function send() {
    if (!actingChecked() || askUnanswered() || !ballotChecked()) return;
    setGeneral(null);
    setProblems({});
    setPhase('sending');
    const sent = contests
      .map((c) => ({ contestId: c.id, unitIds: choices.get(c.id) ?? [] }))
      .filter((c) => c.unitIds.length > 0);
    const behalf = forOthers ? { unitId: acting.unitId, reason: acting.reason.trim() } : null;
    const r = await client
      .mutation(CastBallotMutation, {
        input: {
          votingPeriodId: period!.id,
          choices: sent,
          ...(behalf ? { unitId: behalf.unitId, onBehalfReason: behalf.reason } : unitId ? { unitId } : {}),
        },
      })
      .toPromise();
    if (r.data?.castBallot) {
      setReceipt(r.data.castBallot);
      if (behalf) {
        setCastFor(behalf);
        setDone((d) => new Map(d).set(behalf.unitId, t('ballot.onBehalf.hasBallot')));
        // The turnout above the next unit's ballot counts this one.
        refetch({ requestPolicy: 'network-only' });
      }
      setPhase('cast');
      return;
    }
    const code = errorCode(r.error);
    // Lost on the way back, or already recorded (a second attempt): the receipt tells what happened.
    if (!behalf && (code === 'NETWORK' || code === 'CONFLICT' || code === 'INTERNAL_SERVER_ERROR'))
      return checkReceipt();
    // On a unit's behalf no receipt can be read (only the unit's officers may): sent again, the API says
    // whether the first one was recorded (the unit has then voted).
    if (behalf && (code === 'NETWORK' || code === 'INTERNAL_SERVER_ERROR')) {
      setPhase('not-recorded');
      return;
    }
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
    const shown = showErrors(i18n, errors);
    // The unit (not voting here, or already voted) and the reason are told beside their fields.
    const { unitId: unitProblem, onBehalfReason: reasonRefused } = shown.fields;
    if (behalf && (unitProblem || reasonRefused)) {
      if (code === 'CONFLICT') {
        setDone((d) => new Map(d).set(behalf.unitId, t('ballot.onBehalf.hasBallot')));
        // Entered elsewhere meanwhile: the turnout above counts it.
        refetch({ requestPolicy: 'network-only' });
      }
      setActingErrors({
        ...(unitProblem ? { unitId: unitProblem } : {}),
        ...(reasonRefused ? { onBehalfReason: reasonRefused } : {}),
      });
      setToActing((n) => n + 1);
      setPhase('review');
      return;
    }
    setGeneral(shown.general ?? Object.values(shown.fields)[0] ?? null);
    if (code === 'DEADLINE_PASSED') refetch({ requestPolicy: 'network-only' });
    setPhase('review');
  }

  // R7: a unit is proposed for one form a year; one chosen for both the flag and a certificate of merit gets the
  // flag if it wins it, and the certificate goes to another. Allowed, but said on the review.
  const chosenFor = (kind: string) => choices.get(contests.find((c) => c.kind === kind)?.id ?? '') ?? [];
  const flagAndMerit = chosenFor('FLAG').filter((u) => chosenFor('MERIT').includes(u));

  // A question withdrawn meanwhile (R8) shortens the ballot: the step stays within it.
  const at = Math.min(step, Math.max(contests.length - 1, 0));
  const contest = contests[at];
  const title = council
    ? t('ballot.titleCouncil')
    : `${t('ballot.title')} · ${t(`voting.kind.${period.kind}`)}`;
  // A council session has one sitting, no rounds to number.
  const subtitle = [
    periodOwner(i18n, period),
    ...(council ? [] : [t('voting.round', { n: period.round })]),
    t('voting.deadline', { when: i18n.dateTime(deadline(period)) }),
  ].join(' · ');

  return (
    <Page title={title} subtitle={subtitle}>
      {forOthers && (
        <section ref={actingCard} className="ballot card stack" aria-labelledby="on-behalf-title">
          <h2 id="on-behalf-title">{t('ballot.onBehalf.title')}</h2>
          <p className="muted">{t('ballot.onBehalf.intro')}</p>
          {period.turnout && <TurnoutBar cast={period.turnout.cast} eligible={period.turnout.eligible} />}
          <ActingFor
            acting={actingFields}
            errors={actingErrors}
            done={recorded}
            labels={{
              unit: t('ballot.onBehalf.unit'),
              reason: t('ballot.onBehalf.reason'),
              reasonHint: t('ballot.onBehalf.reasonHint'),
            }}
          />
        </section>
      )}
      {units.length > 1 && !council && !forOthers && (
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
      {units.length === 1 && voterUnit && !forOthers && (
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
            // Every question is answered: a council member's silence is not taken for a no, nor a member's for a
            // blank vote (leaving a contest blank is a choice of its own, made on the ballot).
            if (!choices.has(contest.id)) return askFor(at);
            if (at < contests.length - 1) setStep(at + 1);
            // What the API would refuse (one unit as next year's head and deputy) is said before the review.
            else if (!askUnanswered() && actingChecked() && ballotChecked()) setPhase('review');
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
            ownNote={t(forOthers ? 'ballot.onBehalf.own' : 'ballot.own')}
            chosen={choices.get(contest.id) ?? []}
            answered={choices.has(contest.id)}
            problem={problems[contest.id] ?? null}
            headingRef={stepHeading}
            onChange={(ids) => {
              const next = new Map(choices);
              if (ids) next.set(contest.id, ids);
              else next.delete(contest.id);
              setChoices(next);
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
          {forOthers && voterUnit && (
            <Alert kind="info">
              <p>
                <strong>{t('ballot.onBehalf.votingFor', { unit: unitName(names, voterUnit) })}</strong>
              </p>
              {acting.reason.trim() && (
                <p>{t('ballot.onBehalf.reasonShown', { reason: acting.reason.trim() })}</p>
              )}
            </Alert>
          )}
          <p>{t('ballot.reviewIntro')}</p>
          {flagAndMerit.length > 0 && (
            <Alert kind="info">
              {t('ballot.flagAndMerit', { units: flagAndMerit.map((u) => unitName(names, u)).join('; ') })}
            </Alert>
          )}
          <dl className="review">
            {contests.map((c, i) => {
              const chosen = choices.get(c.id) ?? [];
              return (
                <div key={c.id} className="review-row">
                  <dt>
                    <ContestTitle i18n={i18n} kind={c.kind} contest={c} names={names} />
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
                        {/* Named by its question: a council's ballot asks several of the same kind. */}
                        <span className="visually-hidden">
                          {' '}
                          <ContestTitle i18n={i18n} kind={c.kind} contest={c} names={names} />
                        </span>
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
            {phase === 'not-recorded' && (
              <Alert kind="warning">{t(forOthers ? 'ballot.onBehalf.unknown' : 'ballot.notRecorded')}</Alert>
            )}
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
