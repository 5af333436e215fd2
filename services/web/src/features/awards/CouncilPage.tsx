import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Field } from '../../ui/Field';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { localInput } from '../conference/OpenVoteForm';
import { OpenCouncilVoteMutation, QueueQuery } from './operations';

const PAGE = 100;

/**
 * The provincial council's vote (/council): the nominations the secretariat put to it, chosen page by page,
 * and the time the vote closes. Council members then vote on part 1's ballot page (each nomination an
 * approve / do not approve question); attendance and results are on the vote's own pages (R10).
 */
export default function CouncilPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [, navigate] = useLocation();
  const pager = usePager();
  const [res, refetch] = useQuery({
    query: QueueQuery,
    variables: { first: PAGE, after: pager.after, filter: { statuses: ['COUNCIL_REVIEW'] } },
    requestPolicy: 'cache-and-network',
  });
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 3 * 3600_000)));
  const action = useAction(OpenCouncilVoteMutation);
  const data = res.data?.nominationQueue;
  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const when = closesAt ? new Date(closesAt) : null;
    const opened = await action.run(
      { input: { nominationIds: [...chosen], closesAt: when?.toISOString() ?? '' } },
      {
        nominationIds: chosen.size ? null : t('council.check.none'),
        closesAt: when && when.getTime() > Date.now() + 60_000 ? null : t('vote.check.closesAt'),
      },
    );
    if (opened) navigate(`/voting-periods/${opened.openCouncilVote.id}`);
  }

  return (
    <Page
      title={t('council.title')}
      wide
      actions={
        <Link href="/nominations?status=COUNCIL_REVIEW" className="button button-secondary">
          {t('queue.title')}
        </Link>
      }
    >
      <Alert kind="info">{t('council.intro')}</Alert>
      {res.error ? (
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading />
      ) : data.nodes.length === 0 ? (
        <Empty>{t('council.none')}</Empty>
      ) : (
        <form
          className="card form"
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-labelledby="council-open"
        >
          <h2 id="council-open">{t('council.open')}</h2>
          {action.shown.general && <Alert>{action.shown.general}</Alert>}
          <TableWrap label={t('council.nominations')}>
            <table className="table">
              <caption>{t('council.caption', { n: data.totalCount, chosen: chosen.size })}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={data.nodes.every((n) => chosen.has(n.id))}
                        onChange={(e) => data.nodes.forEach((n) => toggle(n.id, e.target.checked))}
                      />
                      <span>{t('council.all')}</span>
                    </label>
                  </th>
                  <th scope="col">{t('nomination.form')}</th>
                  <th scope="col">{t('queue.block')}</th>
                </tr>
              </thead>
              <tbody>
                {data.nodes.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={chosen.has(n.id)}
                          onChange={(e) => toggle(n.id, e.target.checked)}
                        />
                        <span>{n.unit.name}</span>
                      </label>
                    </th>
                    <td>
                      <Link href={`/nominations/${n.id}`}>{t(`form.${n.form}`)}</Link>
                    </td>
                    <td>
                      {n.emulationYear.block.name} – {n.emulationYear.year}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {action.shown.fields.nominationIds && (
            <p className="field-error">{action.shown.fields.nominationIds}</p>
          )}
          <Pager pager={pager} total={data.totalCount} pageInfo={data.pageInfo} label={t('queue.pages')} />
          <Field
            label={t('council.closesAt')}
            type="datetime-local"
            value={closesAt}
            onChange={(e) => setClosesAt(e.target.value)}
            error={action.shown.fields.closesAt}
          />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={action.busy}>
              {action.busy ? t('confirm.busy') : t('council.openButton', { n: chosen.size })}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
