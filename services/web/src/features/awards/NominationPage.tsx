import { useQuery } from 'urql';
import { useParams } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Loading, Page } from '../../ui/Page';
import { unitName, useUnitNames } from '../unit/useUnitNames';

const NominationQuery = graphql(`
  query NominationPage($id: ID!) {
    nomination(id: $id) {
      id
      form
      path
      status
      statusReason
      unitId
      personId
      updatedAt
      explanation {
        rule
        text
      }
    }
  }
`);

const PersonQuery = graphql(`
  query NominationPerson($unitId: ID!) {
    persons(first: 100, filter: { unitId: $unitId }) {
      nodes {
        id
        fullName
      }
    }
  }
`);

/** Where a nomination's notices lead: the proposal, its status and the engine's explanation. */
export default function NominationPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({ query: NominationQuery, variables: { id } });
  const n = res.data?.nomination;
  const { names } = useUnitNames(n ? [n.unitId] : []);
  const [persons] = useQuery({
    query: PersonQuery,
    variables: { unitId: n?.unitId ?? '' },
    pause: !n?.personId,
  });
  if (res.error)
    return (
      <Page title={t('nomination.title')}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!n) return <Loading />;
  const person = persons.data?.persons.nodes.find((p) => p.id === n.personId);

  return (
    <Page title={t('nomination.title')} subtitle={unitName(names, n.unitId)}>
      <section className="card">
        <dl className="facts">
          <div>
            <dt>{t('nomination.form')}</dt>
            <dd>{t(`form.${n.form}`)}</dd>
          </div>
          <div>
            <dt>{t('nomination.unit')}</dt>
            <dd>{unitName(names, n.unitId)}</dd>
          </div>
          {n.personId && (
            <div>
              <dt>{t('nomination.person')}</dt>
              <dd>{person?.fullName ?? '…'}</dd>
            </div>
          )}
          <div>
            <dt>{t('nomination.status')}</dt>
            <dd>
              <span className="status">{t(`nomination.status.${n.status}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('nomination.pathLabel')}</dt>
            <dd>{t(`nomination.path.${n.path}`)}</dd>
          </div>
          <div>
            <dt>{t('nomination.updated')}</dt>
            <dd>{i18n.dateTime(n.updatedAt)}</dd>
          </div>
        </dl>
        {n.statusReason && (
          <p>
            <strong>{t('nomination.reason')}:</strong> {n.statusReason}
          </p>
        )}
      </section>
      {n.explanation.length > 0 && (
        <section className="card" aria-labelledby="explanation">
          <h2 id="explanation">{t('nomination.explanation')}</h2>
          <ul>
            {n.explanation.map((line, i) => (
              <li key={i}>
                <strong>{line.rule}</strong>: {line.text}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
