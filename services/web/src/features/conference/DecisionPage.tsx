import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { myUnits, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { byVotes } from '../voting/rules';
import { DecisionQuery, RecordDecisionMutation } from './period-operations';

type Data = NonNullable<import('gql.tada').ResultOf<typeof DecisionQuery>['votingPeriod']>;
type Result = NonNullable<Data['results']>[number];
type Decision = Data['decisions'][number];
type Member = NonNullable<Data['emulationYear']>['members'][number];

const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * After the last round (R5): for each contest the vote left unfilled, the head or deputy unit proposes units,
 * the other confirms the same units or answers with a counter-proposal shown beside it; neither counts until
 * both name the same units (/voting-periods/:id/decision).
 */
export default function DecisionPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const session = useSession();
  const [res, refetch] = useQuery({ query: DecisionQuery, variables: { id }, requestPolicy: 'network-only' });
  const p = res.data?.votingPeriod;
  const { names } = useUnitNames([
    ...(p?.results?.flatMap((r) => r.candidates.map((c) => c.unitId)) ?? []),
    ...(p?.decisions.flatMap((d) => d.unitIds) ?? []),
  ]);
  if (res.error)
    return (
      <Page title={t('decide.title')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!p) return <Loading />;
  const y = p.emulationYear;
  const mine = myUnits(session);
  const side =
    y?.headUnit && mine.includes(y.headUnit.id)
      ? y.headUnit.id
      : y?.deputyUnit && mine.includes(y.deputyUnit.id)
        ? y.deputyUnit.id
        : null;
  // The seats still to decide, and those decided here (their seats now filled), so the decision stays in view.
  const open = (p.results ?? []).filter(
    (r) => r.unfilledSeats > 0 || p.decisions.some((d) => d.contestId === r.contestId),
  );
  // Decisions whose count this reader does not see: agreed ones (the count goes back out of the deputy's sight
  // until it is published), and for the secretariat, who reads no count before publication, those under way too.
  const outOfSight = p.decisions.filter((d) => !open.some((r) => r.contestId === d.contestId));
  const unit = (u: string | null | undefined) => unitName(names, u ?? '');
  const units = (list: readonly string[] | null | undefined) =>
    (list ?? []).map((u) => unitName(names, u)).join('; ');

  return (
    <Page
      title={t('decide.title')}
      subtitle={y ? `${y.block.name} – ${y.year} · ${t('voting.round', { n: p.round })}` : undefined}
      actions={
        // The vote's page, not its results: the deputy reads the count only once the head unit publishes it.
        <Link href={`/voting-periods/${id}`} className="button button-secondary">
          {t('ballot.toPeriod')}
        </Link>
      }
    >
      <Alert kind="info">{t('decide.intro')}</Alert>
      {!side && <Alert kind="warning">{t('decide.notYours')}</Alert>}
      {outOfSight.map((d) => (
        <section key={d.contestId} className="card stack" aria-labelledby={`decided-${d.contestId}`}>
          <h2 id={`decided-${d.contestId}`}>
            {t(`voting.contest.${(p.contests.find((c) => c.id === d.contestId)?.kind ?? 'FLAG') as 'FLAG'}`)}
          </h2>
          {d.confirmedAt ? (
            <p className="success-text">{t('decide.confirmed', { units: units(d.unitIds) })}</p>
          ) : (
            <>
              <p>{t('decide.proposal', { unit: unit(d.proposedByUnitId), units: units(d.unitIds) })}</p>
              {d.counterByUnitId && (
                <p>
                  {t('decide.counter', { unit: unit(d.counterByUnitId), units: units(d.counterUnitIds) })}
                </p>
              )}
              <p className="muted">{t('decide.underWay')}</p>
            </>
          )}
        </section>
      ))}
      {open.length + outOfSight.length === 0 && (
        // Before publication only the head and deputy read the count and the proposals (the gateway hides them from
        // the secretariat too): "nothing to decide" would be untrue, so the page says what it cannot show yet.
        <Empty>{t(side || p.results ? 'decide.nothing' : 'decide.nothingSeen')}</Empty>
      )}
      {open.map((r) => (
        <ContestDecision
          key={r.contestId}
          periodId={id}
          result={r}
          ballotOrder={p.contests.find((c) => c.id === r.contestId)?.candidateUnitIds ?? []}
          decision={p.decisions.find((d) => d.contestId === r.contestId) ?? null}
          side={side}
          names={names}
          scores={y?.members ?? []}
          onDone={() => refetch({ requestPolicy: 'network-only' })}
        />
      ))}
    </Page>
  );
}

function ContestDecision({
  periodId,
  result,
  ballotOrder,
  decision,
  side,
  names,
  scores,
  onDone,
}: {
  periodId: string;
  result: Result;
  /** The members' locked scores and women facts: R6's facts beside the votes. */
  scores: readonly Member[];
  /** The candidates in the ballot's order: equal counts are listed in it. */
  ballotOrder: readonly string[];
  decision: Decision | null;
  side: string | null;
  names: Map<string, string>;
  onDone: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const remaining = byVotes(result.candidates, ballotOrder)
    .map((c) => c.unitId)
    .filter((u) => !result.elected.includes(u));
  // The other side's proposal is what this side is asked to confirm: start from it.
  const theirs =
    decision && side
      ? decision.proposedByUnitId !== side
        ? decision.unitIds
        : decision.counterByUnitId && decision.counterByUnitId !== side
          ? (decision.counterUnitIds ?? [])
          : null
      : null;
  const [chosen, setChosen] = useState<string[]>(() => [...(theirs ?? decision?.unitIds ?? [])]);
  const action = useAction(RecordDecisionMutation);
  const label = t(`voting.contest.${result.kind as 'FLAG'}`);
  const agrees = !!theirs && same(chosen, theirs);
  // This side's own word stands unanswered: it waits for the other side, and sends again only a changed choice.
  const ours =
    decision && side && !decision.confirmedAt
      ? decision.counterByUnitId === side
        ? decision.counterUnitIds
        : decision.proposedByUnitId === side && !decision.counterByUnitId
          ? decision.unitIds
          : null
      : null;
  const unchanged = !!ours && same(chosen, ours);
  const facts = (u: string, votes: number) => {
    const member = scores.find((m) => m.unitId === u);
    const score = member?.score;
    const n = t('hall.votes', { n: votes });
    // The women rule is named only where it favours the unit, with why.
    const women = member?.women?.meetsRule
      ? member.women.headIsWoman
        ? t('decide.women.head')
        : t('decide.women.share', { percent: i18n.number(Math.round(member.women.share * 100), 0) })
      : null;
    if (score?.final == null) return women ? `${n} · ${women}` : n;
    const all = t('decide.facts', {
      votes: n,
      final: i18n.number(score.final),
      bonus: i18n.number(score.bonus),
      deductions: i18n.number(score.deductions),
    });
    return women ? `${all} · ${women}` : all;
  };

  async function send() {
    const data = await action.run(
      { input: { votingPeriodId: periodId, contestId: result.contestId, unitIds: chosen } },
      {
        unitIds:
          chosen.length === 0 || chosen.length > result.unfilledSeats
            ? result.unfilledSeats === 1
              ? t('decide.check.one')
              : t('decide.check.count', { n: result.unfilledSeats })
            : null,
      },
    );
    if (data) onDone();
    return !!data;
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    await send();
  }

  return (
    <section className="card stack" aria-labelledby={`decide-${result.contestId}`}>
      <h2 id={`decide-${result.contestId}`}>{label}</h2>
      {result.unfilledSeats > 0 && <p>{t('decide.unfilled', { n: result.unfilledSeats })}</p>}
      {decision && (
        <ul>
          <li>
            {t('decide.proposal', {
              unit: unitName(names, decision.proposedByUnitId),
              units: decision.unitIds.map((u) => unitName(names, u)).join('; '),
            })}
          </li>
          {decision.counterByUnitId && decision.counterUnitIds && (
            <li>
              {t('decide.counter', {
                unit: unitName(names, decision.counterByUnitId),
                units: decision.counterUnitIds.map((u) => unitName(names, u)).join('; '),
              })}
            </li>
          )}
        </ul>
      )}
      {decision?.confirmedAt ? (
        <p className="success-text">
          {t('decide.confirmed', { units: decision.unitIds.map((u) => unitName(names, u)).join('; ') })}
        </p>
      ) : (
        side && (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <fieldset className="fieldset" aria-describedby={`hint-${result.contestId}`}>
              <legend>
                {result.unfilledSeats === 1
                  ? t('decide.chooseOne')
                  : t('decide.choose', { n: result.unfilledSeats })}
              </legend>
              <p id={`hint-${result.contestId}`} className="field-hint">
                {t('decide.votes')}
              </p>
              {remaining.map((u) => {
                const votes = result.candidates.find((c) => c.unitId === u)?.votes ?? 0;
                return (
                  <label key={u} className="check">
                    {/* One seat: one unit, chosen as one is among several (a radio); more: up to that many. */}
                    {result.unfilledSeats === 1 ? (
                      <input
                        type="radio"
                        name={`decide-${result.contestId}`}
                        checked={chosen.includes(u)}
                        onChange={() => setChosen([u])}
                      />
                    ) : (
                      <input
                        type="checkbox"
                        checked={chosen.includes(u)}
                        disabled={!chosen.includes(u) && chosen.length >= result.unfilledSeats}
                        onChange={(e) =>
                          setChosen((c) => (e.target.checked ? [...c, u] : c.filter((x) => x !== u)))
                        }
                      />
                    )}
                    <span>
                      {unitName(names, u)} ({facts(u, votes)})
                    </span>
                  </label>
                );
              })}
              {action.shown.fields.unitIds && <p className="field-error">{action.shown.fields.unitIds}</p>}
            </fieldset>
            {action.shown.general && <Alert>{action.shown.general}</Alert>}
            {ours && unchanged && <p className="muted">{t('decide.waiting')}</p>}
            <div className="actions">
              {/* Agreeing makes the decision final (R5): asked first, as every step that cannot be undone. */}
              {agrees ? (
                <ConfirmButton
                  label={t('decide.agree')}
                  title={t('decide.agreeTitle')}
                  className="button button-primary"
                  busy={action.busy}
                  error={action.shown.general && <Alert>{action.shown.general}</Alert>}
                  action={send}
                >
                  <p>
                    {t('decide.agreeBody', {
                      contest: label,
                      units: chosen.map((u) => unitName(names, u)).join('; '),
                    })}
                  </p>
                </ConfirmButton>
              ) : (
                !unchanged && (
                  <button type="submit" className="button button-primary" disabled={action.busy}>
                    {theirs || ours ? t('decide.counterButton') : t('decide.propose')}
                  </button>
                )
              )}
            </div>
          </form>
        )
      )}
    </section>
  );
}
