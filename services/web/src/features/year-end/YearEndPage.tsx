import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';

const ClosingQuery = graphql(`
  query YearEndPage($provinceId: ID!, $year: Int!) {
    yearEndClosing(provinceId: $provinceId, year: $year) {
      state
      round
      startedAt
      finishedAt
      durationMs
      blocks {
        blockId
        status
        reason
      }
    }
    blocks(first: 100) {
      nodes {
        id
        name
      }
    }
  }
`);

/** The province's year-end closing: where the secretariat's year-end notice leads. */
export default function YearEndPage() {
  const { year } = useParams<{ year: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const { provinceId } = useSession();
  const [res, refetch] = useQuery({
    query: ClosingQuery,
    variables: { provinceId: provinceId ?? '', year: Number(year) },
    pause: !provinceId,
  });
  const title = t('yearEnd.title', { year });
  if (res.error)
    return (
      <Page title={title}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!res.data) return <Loading />;
  const c = res.data.yearEndClosing;
  if (!c)
    return (
      <Page title={title}>
        <Empty>{t('yearEnd.none')}</Empty>
      </Page>
    );
  const names = new Map(res.data.blocks.nodes.map((b) => [b.id, b.name]));

  return (
    <Page title={title} wide>
      <section className="card">
        <dl className="facts">
          <div>
            <dt>{t('year.state')}</dt>
            <dd>
              <span className="status">{t(`yearEnd.state.${c.state}`)}</span>{' '}
              {c.round && c.round > 1 ? t('yearEnd.round', { n: c.round }) : ''}
            </dd>
          </div>
          {c.startedAt && (
            <div>
              <dt>{t('yearEnd.started')}</dt>
              <dd>{i18n.dateTime(c.startedAt)}</dd>
            </div>
          )}
          {c.finishedAt && (
            <div>
              <dt>{t('yearEnd.finished')}</dt>
              <dd>{i18n.dateTime(c.finishedAt)}</dd>
            </div>
          )}
        </dl>
        <TableWrap label={title}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('yearEnd.block')}</th>
                <th scope="col">{t('yearEnd.status')}</th>
                <th scope="col">{t('yearEnd.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {c.blocks.map((b) => (
                <tr key={b.blockId}>
                  <th scope="row">
                    <Link href={`/blocks/${b.blockId}/years/${year}`}>
                      {names.get(b.blockId) ?? b.blockId}
                    </Link>
                  </th>
                  <td>{t(`yearEnd.blockStatus.${b.status}`)}</td>
                  <td>{b.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </Page>
  );
}
