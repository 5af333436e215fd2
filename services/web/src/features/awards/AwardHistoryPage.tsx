import { useQuery } from 'urql';
import { Link, useLocation, useParams } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading, Page } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { AwardFields, UnitHistoryQuery } from './historyQueries';

const PersonHistoryQuery = graphql(
  `
    query PersonAwardHistory($id: ID!) {
      personAwardHistory(personId: $id, first: 200) {
        ...AwardHistoryFields
      }
    }
  `,
  [AwardFields],
);

/**
 * A unit's awards across the years (its own and its people's), or one person's (/units/:id/awards,
 * /persons/:id/awards), newest first; a revoked award stays listed with its status.
 */
export default function AwardHistoryPage() {
  const { id } = useParams<{ id: string }>();
  const [path] = useLocation();
  const i18n = useI18n();
  const { t } = i18n;
  const person = path.startsWith('/persons/');
  const [unit] = useQuery({ query: UnitHistoryQuery, variables: { id }, pause: person });
  const [individual] = useQuery({ query: PersonHistoryQuery, variables: { id }, pause: !person });
  const res = person ? individual : unit;
  const items = person ? individual.data?.personAwardHistory : unit.data?.unitAwardHistory;
  const title = person
    ? t('history.personTitle')
    : t('history.unitTitle', { unit: unit.data?.unit.name ?? '' });
  if (res.error)
    return (
      <Page title={title}>
        <ApiErrorView error={res.error} />
      </Page>
    );
  if (!items) return <Loading />;
  return (
    <Page title={title} wide>
      {items.length === 0 ? (
        <Empty>{t('history.none')}</Empty>
      ) : (
        <TableWrap label={title}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.year')}</th>
                <th scope="col">{t('nomination.form')}</th>
                <th scope="col">{t('history.decision')}</th>
                <th scope="col" className="num">
                  {t('decision.prize')}
                </th>
                <th scope="col">{t('nomination.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a, i) => (
                <tr key={i}>
                  <th scope="row">{a.year}</th>
                  <td>
                    {t(`form.${a.form}`)}
                    {!person && a.personId && (
                      <>
                        {' '}
                        (<Link href={`/persons/${a.personId}/awards`}>{t('history.individual')}</Link>)
                      </>
                    )}
                  </td>
                  <td>
                    <Link href={`/award-decisions/${a.decision.id}`}>{a.decision.numberText}</Link>,{' '}
                    {i18n.date(a.decision.decisionDate)}
                  </td>
                  <td className="num">{i18n.number(a.prizeVnd, 0)}</td>
                  <td>{t(`nomination.status.${a.status as 'DECIDED'}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </Page>
  );
}
