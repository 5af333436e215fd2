import { useQuery } from 'urql';
import { Link, useLocation, useParams } from 'wouter';
import { ProvinceLink } from '../../app/ProvinceLink';
import { graphql } from '../../graphql';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading, Page } from '../../ui/Page';
import { CardTable } from '../../ui/CardTable';
import { TableWrap } from '../../ui/TableWrap';
import { AchievementsQuery } from '../unit/AchievementsCard';
import { LineageQuery } from '../unit/LineageCard';
import { AwardFields, UnitHistoryQuery, UnitProposalsQuery } from './historyQueries';
import { formName } from './formName';

const PersonHistoryQuery = graphql(
  `
    query PersonAwardHistory($id: ID!) {
      person(id: $id) {
        id
        fullName
      }
      personAwardHistory(personId: $id, first: 200) {
        ...AwardHistoryFields
      }
    }
  `,
  [AwardFields],
);

/**
 * A unit's awards across the years (its own and its people's), or one person's (/units/:id/awards,
 * /persons/:id/awards), newest first; a revoked award stays listed with its status. A unit's proposals without a
 * decision follow (a dossier sent reads "Đã gửi hồ sơ", not "no award"). Below them, the titles and
 * awards recorded from decisions issued outside the platform, and a unit's predecessors, whose awards are theirs.
 */
export default function AwardHistoryPage() {
  const { id } = useParams<{ id: string }>();
  const [path] = useLocation();
  const i18n = useI18n();
  const { t } = i18n;
  const person = path.startsWith('/persons/');
  const [unit] = useQuery({ query: UnitHistoryQuery, variables: { id }, pause: person });
  const [individual] = useQuery({ query: PersonHistoryQuery, variables: { id }, pause: !person });
  const [recorded] = useQuery({
    query: AchievementsQuery,
    variables: { id, kind: person ? 'PERSON' : 'UNIT' },
  });
  const [lineage] = useQuery({ query: LineageQuery, variables: { id }, pause: person });
  const [proposals] = useQuery({ query: UnitProposalsQuery, variables: { id }, pause: person });
  const undecided = proposals.data?.unitProposals ?? [];
  const res = person ? individual : unit;
  const items = person ? individual.data?.personAwardHistory : unit.data?.unitAwardHistory;
  const achievements = recorded.data?.achievements ?? [];
  const predecessors = lineage.data?.lineage ?? [];
  // Named once the record is read; "Lịch sử khen thưởng" alone until then, or when there is none.
  const named = person ? individual.data?.person.fullName : unit.data?.unit.name;
  const title = !named
    ? t('history.titleAlone')
    : person
      ? t('history.personTitle', { name: named })
      : t('history.unitTitle', { unit: named });
  const back = (
    <Link href={person ? `/persons/${id}` : `/units/${id}`} className="link-tap">
      {t(person ? 'history.backToPerson' : 'history.backToUnit')}
    </Link>
  );
  if (res.error)
    return (
      <Page title={title}>
        <ApiErrorView error={res.error} />
      </Page>
    );
  if (!items) return <Loading />;
  return (
    <Page title={title} subtitle={back} wide>
      <h2>{t('history.onPlatform')}</h2>
      {items.length === 0 ? (
        <Empty>{t('history.none')}</Empty>
      ) : (
        // Cards on a phone: the prize and the status stay on the screen.
        <CardTable
          caption={<span className="visually-hidden">{title}</span>}
          columns={[
            t('history.year'),
            t('nomination.form'),
            t('history.decision'),
            t('decision.prize'),
            t('nomination.status'),
          ]}
          rows={items.map((a, i) => ({
            key: String(i),
            heading: a.year,
            cells: [
              <>
                {formName(i18n, a.form)}
                {!person && a.personId && (
                  <>
                    {' '}
                    (<Link href={`/persons/${a.personId}/awards`}>{t('history.individual')}</Link>)
                  </>
                )}
              </>,
              <>
                <Link href={`/award-decisions/${a.decision.id}`} className="link-tap">
                  {a.decision.numberText}
                </Link>
                , {i18n.date(a.decision.decisionDate)}
              </>,
              i18n.number(a.prizeVnd, 0),
              t(`nomination.status.${a.status as 'DECIDED'}`),
            ],
          }))}
        />
      )}
      {proposals.error && <ApiErrorView error={proposals.error} />}
      {undecided.length > 0 && (
        <>
          <h2>{t('history.proposals')}</h2>
          <p className="muted">{t('history.proposalsNote')}</p>
          <CardTable
            caption={<span className="visually-hidden">{t('history.proposals')}</span>}
            columns={[t('history.year'), t('nomination.form'), t('blocks.block'), t('nomination.status')]}
            rows={undecided.map((n) => ({
              key: n.id,
              heading: n.emulationYear.year,
              cells: [
                <>
                  <Link href={`/nominations/${n.id}`} className="link-tap">
                    {formName(i18n, n.form)}
                  </Link>
                  {n.person && <> – {n.person.fullName}</>}
                </>,
                n.emulationYear.block.name,
                t(`nomination.status.${n.status}`),
              ],
            }))}
          />
        </>
      )}
      <h2>{t('history.fromDocuments')}</h2>
      {recorded.error ? (
        <ApiErrorView error={recorded.error} />
      ) : !recorded.data ? (
        <Loading />
      ) : achievements.length === 0 ? (
        <p className="muted">{t('unit.noAchievements')}</p>
      ) : (
        <TableWrap label={t('history.fromDocuments')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('unit.achievementYear')}</th>
                <th scope="col">{t('unit.achievementTitle')}</th>
                <th scope="col">{t('unit.decisionRef')}</th>
              </tr>
            </thead>
            <tbody>
              {achievements.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.year}</th>
                  <td>{formName(i18n, a.title)}</td>
                  <td>{a.decisionRef}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {lineage.error && <ApiErrorView error={lineage.error} />}
      {predecessors.length > 0 && (
        <>
          <h2>{t('history.predecessors')}</h2>
          <ul>
            {predecessors.map((p) => (
              <li key={p.predecessorId}>
                <ProvinceLink href={`/units/${p.predecessorId}/awards`} provinceId={p.predecessorProvinceId}>
                  {p.predecessorName}
                </ProvinceLink>{' '}
                ({t(`lineage.kind.${p.kind}` as MessageKey)}, {i18n.date(p.effectiveOn)})
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
