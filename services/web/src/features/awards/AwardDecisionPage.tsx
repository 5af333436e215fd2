import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading, Page } from '../../ui/Page';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { TableWrap } from '../../ui/TableWrap';

/** Where the decision stands in its issuer's year (newest first): there is no query for one decision. */
const DecisionIndexQuery = graphql(`
  query AwardDecisionIndex {
    awardDecisions(first: 500) {
      id
      issuerCode
      decisionDate
    }
  }
`);

/**
 * The gateway prices a decision's items at their largest (500 each), so the decisions with their items are
 * read for the issuer's year only, down to the one asked for.
 */
const DecisionsQuery = graphql(`
  query AwardDecisions($first: Int!, $issuerCode: String!, $year: Int!) {
    awardDecisions(first: $first, issuerCode: $issuerCode, year: $year) {
      id
      numberText
      issuerName
      decisionDate
      signerName
      signerTitle
      items {
        nominationId
        form
        unitId
        personId
        prizeVnd
      }
    }
  }
`);

/** An award decision as issued (its number, issuer and signer as they stand on the paper), with its awards. */
export default function AwardDecisionPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const [index, refetch] = useQuery({ query: DecisionIndexQuery });
  const target = index.data?.awardDecisions.find((x) => x.id === id);
  const sameSeries = (index.data?.awardDecisions ?? []).filter(
    (x) =>
      x.issuerCode === target?.issuerCode && x.decisionDate.slice(0, 4) === target?.decisionDate.slice(0, 4),
  );
  const position = sameSeries.findIndex((x) => x.id === id) + 1;
  const [res] = useQuery({
    query: DecisionsQuery,
    variables: {
      first: Math.min(Math.max(position, 1), 20),
      issuerCode: target?.issuerCode ?? '',
      year: Number(target?.decisionDate.slice(0, 4) ?? 0),
    },
    pause: !target || position > 20,
  });
  const d = res.data?.awardDecisions.find((x) => x.id === id);
  const { names } = useUnitNames(d ? d.items.map((i) => i.unitId) : []);

  const error = index.error ?? res.error;
  if (error)
    return (
      <Page title={t('decision.title', { number: '' })}>
        <ApiErrorView error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!index.data || (target && position <= 20 && !res.data)) return <Loading />;
  if (!d)
    return (
      <Page title={t('decision.title', { number: '' })}>
        <Empty>{t('decision.notFound')}</Empty>
      </Page>
    );

  return (
    <Page title={t('decision.title', { number: d.numberText })} subtitle={d.issuerName} wide>
      <section className="card">
        <dl className="facts">
          <div>
            <dt>{t('decision.issuer')}</dt>
            <dd>{d.issuerName}</dd>
          </div>
          <div>
            <dt>{t('decision.date')}</dt>
            <dd>{i18n.date(d.decisionDate)}</dd>
          </div>
          <div>
            <dt>{t('decision.signer')}</dt>
            <dd>
              {d.signerTitle} {d.signerName}
            </dd>
          </div>
        </dl>
        <TableWrap label={t('decision.items')}>
          <table className="table">
            <caption>{t('decision.items')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('nomination.unit')}</th>
                <th scope="col">{t('nomination.form')}</th>
                <th scope="col" className="num">
                  {t('decision.prize')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((item) => (
                <tr key={item.nominationId}>
                  <th scope="row">
                    <Link href={`/nominations/${item.nominationId}`}>{unitName(names, item.unitId)}</Link>
                  </th>
                  <td>{t(`form.${item.form}`)}</td>
                  <td className="num">{i18n.number(item.prizeVnd, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </Page>
  );
}
