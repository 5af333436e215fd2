import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { myUnits, useSession } from '../../app/session';
import { useI18n, type I18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { Alert, Loading, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { ConfirmPaperCountMutation, EnterPaperCountMutation, PeriodControlsQuery } from './period-operations';

interface Count {
  contestId: string;
  issued: string;
  returned: string;
  valid: string;
  invalid: string;
  votes: Record<string, string>;
}
type Contest = { id: string; kind: string; seats: number; candidateUnitIds: string[] };

const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : Number.NaN);

/**
 * What the API refuses (packages/domain's paperCountProblems), checked before sending, in the person's words:
 * more ballots than members, more collected than issued, valid + invalid ≠ collected, a candidate above the
 * valid ballots, more votes than valid ballots × seats.
 */
export function paperProblems(
  t: I18n['t'],
  contests: readonly Contest[],
  counts: readonly Count[],
  eligible: number,
): Record<string, string> {
  const out: Record<string, string> = {};
  counts.forEach((c, i) => {
    const contest = contests.find((x) => x.id === c.contestId)!;
    const [issued, returned, valid, invalid] = [num(c.issued), num(c.returned), num(c.valid), num(c.invalid)];
    const at = (f: string) => `contests.${i}.${f}`;
    for (const [f, v] of [
      ['issued', issued],
      ['returned', returned],
      ['valid', valid],
      ['invalid', invalid],
    ] as const)
      if (Number.isNaN(v)) out[at(f)] = t('paper.check.number');
    if (issued > eligible) out[at('issued')] = t('paper.check.issued', { n: eligible });
    if (returned > issued) out[at('returned')] = t('paper.check.returned');
    if (!out[at('valid')] && valid + invalid !== returned)
      out[at('valid')] = t('paper.check.sum', { n: returned });
    let total = 0;
    for (const u of contest.candidateUnitIds) {
      const v = num(c.votes[u] ?? '0');
      if (Number.isNaN(v)) out[at(`votes.${u}`)] = t('paper.check.number');
      else if (v > valid) out[at(`votes.${u}`)] = t('paper.check.candidate', { n: valid });
      else total += v;
    }
    if (total > valid * contest.seats)
      out[at('votes')] = t('paper.check.total', { total, n: valid * contest.seats });
    // The form opens with the members' count of ballots and no votes: sent as it opened, it would read as every
    // valid ballot left blank. The page's own check; a count that truly is so says 0 valid ballots.
    else if (total === 0 && valid > 0 && !Object.keys(out).some((k) => k.startsWith(at('votes'))))
      out[at('votes')] = t('paper.check.noVotes', { n: valid });
  });
  return out;
}

/**
 * A paper round's count (/voting-periods/:id/paper-count): the head unit enters the counting committee's
 * figures; the deputy unit or the conference's secretary — never the person who entered them — confirms them,
 * which closes the round and counts it by the same rules as online ballots.
 */
export default function PaperCountPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [reentering, setReentering] = useState(false);
  const [res, refetch] = useQuery({
    query: PeriodControlsQuery,
    variables: { id },
    requestPolicy: 'network-only',
  });
  const p = res.data?.votingPeriod;
  const { names } = useUnitNames(p?.contests.flatMap((c) => c.candidateUnitIds) ?? []);
  const title = t('paper.title', { n: p?.round ?? '' });
  if (res.error)
    return (
      <Page title={title}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!p) return <Loading />;
  const y = p.emulationYear;
  const mine = myUnits(session);
  const head = !!y?.headUnit && mine.includes(y.headUnit.id);
  const confirms =
    (!!y?.deputyUnit && mine.includes(y.deputyUnit.id)) ||
    (!!y?.conference?.secretaryUserId && y.conference.secretaryUserId === session.user?.id);
  const entry = p.paperCount;
  // An online round is counted by the platform: its page says so and offers no count to enter.
  const open = p.status === 'OPEN' && p.method === 'PAPER';

  return (
    <Page
      title={title}
      subtitle={y ? `${y.block.name} – ${y.year}` : undefined}
      wide
      actions={
        <Link href={`/voting-periods/${id}`} className="button button-secondary">
          {t('ballot.toPeriod')}
        </Link>
      }
    >
      {p.method !== 'PAPER' && <Alert kind="info">{t('paper.online')}</Alert>}
      {entry && (
        <EnteredCount entry={entry} contests={p.contests} names={names} byUnit={y?.headUnit?.name ?? ''} />
      )}
      {entry && !entry.confirmedAt && open && confirms && (
        <ConfirmCount id={id} onDone={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      {entry && !entry.confirmedAt && open && !confirms && <Alert kind="info">{t('paper.waiting')}</Alert>}
      {/* The deputy or the secretary before the entry; anyone else, who sees no figures until they are
          published, at any time: whose step it is. */}
      {open && !head && (!confirms || !entry) && (
        <Alert kind="info">
          {t(confirms ? 'paper.notEntered' : 'paper.headEnters', { unit: y?.headUnit?.name ?? '' })}
        </Alert>
      )}
      {/* Once entered, the form to enter it again stays folded: the saved count is what the page is about. */}
      {open && head && entry && !entry.confirmedAt && !reentering && (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setReentering(true)}>
            {t('paper.reenter')}
          </button>
        </p>
      )}
      {open && head && !entry?.confirmedAt && (!entry || reentering) && (
        <CountForm
          key={entry?.enteredAt ?? 'new'}
          id={id}
          contests={p.contests}
          eligible={p.turnout?.eligible ?? p.contests[0]?.candidateUnitIds.length ?? 0}
          names={names}
          entry={entry ?? null}
          onDone={() => {
            setReentering(false);
            refetch({ requestPolicy: 'network-only' });
          }}
        />
      )}
      {p.status !== 'OPEN' && (
        <p>
          <Link href={`/voting-periods/${id}/results`}>{t('voting.goResults')}</Link>
        </p>
      )}
    </Page>
  );
}

type Entry = NonNullable<
  NonNullable<import('gql.tada').ResultOf<typeof PeriodControlsQuery>['votingPeriod']>['paperCount']
>;

function EnteredCount({
  entry,
  contests,
  names,
  byUnit,
}: {
  entry: Entry;
  contests: readonly Contest[];
  names: Map<string, string>;
  byUnit: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="card" aria-labelledby="entered">
      <h2 id="entered">{t('paper.entered')}</h2>
      <p>
        {t('paper.enteredBy', { unit: byUnit, when: i18n.dateTime(entry.enteredAt) })}{' '}
        {entry.confirmedAt ? (
          <span className="status status-open">
            {t('paper.confirmedAt', { when: i18n.dateTime(entry.confirmedAt) })}
          </span>
        ) : (
          <span className="status status-closed">{t('paper.unconfirmed')}</span>
        )}
      </p>
      {entry.contests.map((c) => {
        const contest = contests.find((x) => x.id === c.contestId);
        const label = contest ? t(`voting.contest.${contest.kind as 'FLAG'}`) : c.contestId;
        return (
          <TableWrap key={c.contestId} label={label}>
            <table className="table">
              <caption>
                {label}:{' '}
                {t('paper.figures', {
                  issued: c.issued,
                  returned: c.returned,
                  valid: c.valid,
                  invalid: c.invalid,
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('results.candidate')}</th>
                  <th scope="col" className="num">
                    {t('results.votes')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.votes.map((v) => (
                  <tr key={v.unitId}>
                    <th scope="row">{unitName(names, v.unitId)}</th>
                    <td className="num">{v.votes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        );
      })}
    </section>
  );
}

function ConfirmCount({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useI18n();
  const action = useAction(ConfirmPaperCountMutation);
  return (
    <section className="card stack">
      <p>{t('paper.confirmIntro')}</p>
      <ConfirmButton
        label={t('paper.confirm')}
        title={t('paper.confirmTitle')}
        className="button button-primary button-large"
        busy={action.busy}
        error={action.shown.general && <Alert>{action.shown.general}</Alert>}
        action={async () => {
          const ok = !!(await action.run({ id }));
          if (ok) onDone();
          return ok;
        }}
      >
        <p>{t('paper.confirmBody')}</p>
      </ConfirmButton>
    </section>
  );
}

function CountForm({
  id,
  contests,
  eligible,
  names,
  entry,
  onDone,
}: {
  id: string;
  contests: readonly Contest[];
  eligible: number;
  names: Map<string, string>;
  entry: Entry | null;
  onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened to enter the count again: the person is taken to it, as the button that opened it is gone.
  useEffect(() => {
    if (entry) heading.current?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- on opening only
  const { t } = useI18n();
  const [counts, setCounts] = useState<Count[]>(() =>
    contests.map((c) => {
      const e = entry?.contests.find((x) => x.contestId === c.id);
      return {
        contestId: c.id,
        issued: String(e?.issued ?? eligible),
        returned: String(e?.returned ?? eligible),
        valid: String(e?.valid ?? eligible),
        invalid: String(e?.invalid ?? 0),
        votes: Object.fromEntries(
          c.candidateUnitIds.map((u) => [u, String(e?.votes.find((v) => v.unitId === u)?.votes ?? 0)]),
        ),
      };
    }),
  );
  const action = useAction(EnterPaperCountMutation);
  const set = (i: number, patch: Partial<Count>) =>
    setCounts((cs) => cs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const err = (f: string) => action.shown.fields[f];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const data = await action.run(
      {
        input: {
          votingPeriodId: id,
          contests: counts.map((c) => ({
            contestId: c.contestId,
            issued: num(c.issued),
            returned: num(c.returned),
            valid: num(c.valid),
            invalid: num(c.invalid),
            votes: Object.entries(c.votes).map(([unitId, v]) => ({ unitId, votes: num(v) })),
          })),
        },
      },
      paperProblems(t, contests, counts, eligible),
    );
    if (data) onDone();
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="count-form">
      <h2 id="count-form" tabIndex={-1} ref={heading}>
        {entry ? t('paper.reenter') : t('paper.enter')}
      </h2>
      <p className="muted">{t('paper.intro', { n: eligible })}</p>
      {action.shown.general && <Alert>{action.shown.general}</Alert>}
      {contests.map((contest, i) => {
        const c = counts[i]!;
        const label = t(`voting.contest.${contest.kind as 'FLAG'}`);
        return (
          <fieldset key={contest.id} className="fieldset">
            <legend>
              {label} ({t('voting.seats', { n: contest.seats })})
            </legend>
            {/* The legend names the contest: the visible labels do not repeat it, their accessible names do
                (a field read alone, or its error, still says which contest it is). */}
            <div className="form-row">
              {(['issued', 'returned', 'valid', 'invalid'] as const).map((f) => (
                <Field
                  key={f}
                  label={t(`paper.${f}`)}
                  aria-label={`${t(`paper.${f}`)} – ${label}`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  className="num-input"
                  value={c[f]}
                  onChange={(e) => set(i, { [f]: e.target.value })}
                  error={err(`contests.${i}.${f}`)}
                />
              ))}
            </div>
            {err(`contests.${i}.votes`) && <p className="field-error">{err(`contests.${i}.votes`)}</p>}
            <p className="field-hint">{t('paper.votesEach')}</p>
            <div className="form-row">
              {contest.candidateUnitIds.map((u) => (
                <Field
                  key={u}
                  label={unitName(names, u)}
                  aria-label={t('paper.votesFor', { unit: unitName(names, u), contest: label })}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  className="num-input"
                  value={c.votes[u] ?? '0'}
                  onChange={(e) => set(i, { votes: { ...c.votes, [u]: e.target.value } })}
                  error={err(`contests.${i}.votes.${u}`)}
                />
              ))}
            </div>
          </fieldset>
        );
      })}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? t('confirm.busy') : t('paper.save')}
        </button>
      </div>
    </form>
  );
}
