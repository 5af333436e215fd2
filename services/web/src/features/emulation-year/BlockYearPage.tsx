import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading, Page } from '../../ui/Page';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { TableWrap } from '../../ui/TableWrap';

const YearQuery = graphql(`
  query BlockYearPage($blockId: ID!, $year: Int!) {
    block(id: $blockId) {
      id
      name
    }
    emulationYear(blockId: $blockId, year: $year) {
      id
      year
      state
      theme
      headUnit {
        id
        name
      }
      deputyUnit {
        id
        name
      }
      members {
        unitId
        signedAt
        score {
          final
          rank
        }
      }
      awardOutcome {
        nextHeadUnitId
        nextDeputyUnitId
      }
    }
  }
`);

const YearDetailQuery = graphql(`
  query BlockYearDetail($yearId: ID!) {
    votingPeriods(emulationYearId: $yearId) {
      id
      round
      status
      resultsPublishedAt
    }
    nominations(emulationYearId: $yearId) {
      id
      form
      unitId
      status
    }
  }
`);

/** A block's year: where the year-closed notices lead. */
export default function BlockYearPage() {
  const { blockId, year } = useParams<{ blockId: string; year: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({ query: YearQuery, variables: { blockId, year: Number(year) } });
  const y = res.data?.emulationYear;
  const [detail] = useQuery({ query: YearDetailQuery, variables: { yearId: y?.id ?? '' }, pause: !y });
  const { names } = useUnitNames([
    ...(y?.members.map((m) => m.unitId) ?? []),
    ...(detail.data?.nominations.map((n) => n.unitId) ?? []),
    ...(y?.awardOutcome?.nextHeadUnitId ? [y.awardOutcome.nextHeadUnitId] : []),
    ...(y?.awardOutcome?.nextDeputyUnitId ? [y.awardOutcome.nextDeputyUnitId] : []),
  ]);

  if (res.error)
    return (
      <Page title={t('year.title', { block: '', year })}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!res.data) return <Loading />;
  const title = t('year.title', { block: res.data.block.name, year });
  if (!y)
    return (
      <Page title={title}>
        <Empty>{t('year.notOpened')}</Empty>
      </Page>
    );
  const members = [...y.members].sort((a, b) => (a.score?.rank ?? 999) - (b.score?.rank ?? 999));

  return (
    <Page title={title} wide>
      <section className="card">
        <dl className="facts">
          <div>
            <dt>{t('year.state')}</dt>
            <dd>
              <span className="status">{t(`yearState.${y.state}`)}</span>
            </dd>
          </div>
          {y.theme && (
            <div>
              <dt>{t('year.theme')}</dt>
              <dd>{y.theme}</dd>
            </div>
          )}
          <div>
            <dt>{t('year.head')}</dt>
            <dd>{y.headUnit?.name ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('year.deputy')}</dt>
            <dd>{y.deputyUnit?.name ?? '–'}</dd>
          </div>
          {y.awardOutcome?.nextHeadUnitId && (
            <div>
              <dt>{t('year.nextHead')}</dt>
              <dd>{unitName(names, y.awardOutcome.nextHeadUnitId)}</dd>
            </div>
          )}
          {y.awardOutcome?.nextDeputyUnitId && (
            <div>
              <dt>{t('year.nextDeputy')}</dt>
              <dd>{unitName(names, y.awardOutcome.nextDeputyUnitId)}</dd>
            </div>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="members">
        <h2 id="members">{t('year.members')}</h2>
        <TableWrap label={t('year.members')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('year.rank')}</th>
                <th scope="col">{t('nomination.unit')}</th>
                <th scope="col" className="num">
                  {t('year.score')}
                </th>
                <th scope="col">{t('year.signed')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.unitId}>
                  <td>{m.score?.rank ?? '–'}</td>
                  <th scope="row">{unitName(names, m.unitId)}</th>
                  <td className="num">{i18n.number(m.score?.final ?? null)}</td>
                  <td>{m.signedAt ? i18n.date(m.signedAt) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      {detail.data && detail.data.votingPeriods.length > 0 && (
        <section className="card" aria-labelledby="votes">
          <h2 id="votes">{t('year.votes')}</h2>
          <ul>
            {[...detail.data.votingPeriods]
              .sort((a, b) => a.round - b.round)
              .map((p) => (
                <li key={p.id}>
                  <Link href={`/voting-periods/${p.id}`}>{t('voting.round', { n: p.round })}</Link> –{' '}
                  {p.status === 'TALLIED' && p.resultsPublishedAt
                    ? t('voting.published')
                    : t(`voting.status.${p.status}`)}
                </li>
              ))}
          </ul>
        </section>
      )}
      {detail.data && detail.data.nominations.length > 0 && (
        <section className="card" aria-labelledby="proposals">
          <h2 id="proposals">{t('year.proposals')}</h2>
          <ul>
            {detail.data.nominations.map((n) => (
              <li key={n.id}>
                <Link href={`/nominations/${n.id}`}>
                  {unitName(names, n.unitId)} – {t(`form.${n.form}`)}
                </Link>{' '}
                ({t(`nomination.status.${n.status}`)})
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
