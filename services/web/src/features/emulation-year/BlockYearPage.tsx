import { useQuery } from 'urql';
import { Link, useParams, useSearch } from 'wouter';
import { recordsHistoryHere, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { YearFiles } from '../attachment/YearFiles';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { CovenantView } from './CovenantView';
import { NextStep } from './NextStep';
import { Ranking } from './Ranking';
import { Registrations } from './Registrations';
import { useStanding, useYear, yearPath } from './useYear';
import { YearNotFound, yearMissing } from './YearNotFound';
import { YearSetup } from './YearSetup';
import { YearTasks } from './YearTasks';
import { DocumentDownloads } from '../documents/DocumentDownloads';
import { nominee } from '../awards/nominee';
import { RemoveRecordedYear } from '../history/RemoveRecordedYear';
import { formName } from '../awards/formName';

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
      person {
        fullName
      }
      status
    }
  }
`);

/**
 * A block's year on one page: where it stands in its lifecycle and what the next step needs, what the person
 * can do now (each task on its own screen), the covenant and signatures, registrations and the ranking.
 */
export default function BlockYearPage() {
  const { blockId, year } = useParams<{ blockId: string; year: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const { res, block, y, reload } = useYear(blockId, year);
  // Back from the covenant's editor (CovenantPage adds the count of items saved).
  const saved = new URLSearchParams(useSearch()).get('covenantSaved');
  const standing = useStanding(y);
  const session = useSession();
  const [detail] = useQuery({ query: YearDetailQuery, variables: { yearId: y?.id ?? '' }, pause: !y });
  const { names } = useUnitNames([
    ...(detail.data?.nominations.map((n) => n.unitId) ?? []),
    ...(y?.awardOutcome?.nextHeadUnitId ? [y.awardOutcome.nextHeadUnitId] : []),
    ...(y?.awardOutcome?.nextDeputyUnitId ? [y.awardOutcome.nextDeputyUnitId] : []),
  ]);

  // A person's title names the person, with their unit.
  const proposal = (n: NonNullable<typeof detail.data>['nominations'][number]) =>
    `${nominee({ unit: { name: unitName(names, n.unitId) }, person: n.person })} – ${formName(i18n, n.form)}`;
  // Returned proposals the reader completes: whoever runs the year, or the nominated unit's officers.
  const returned = (detail.data?.nominations ?? [])
    .filter((n) => n.status === 'RETURNED' && (standing.runs || standing.mine.includes(n.unitId)))
    .map((n) => ({ id: n.id, label: proposal(n) }));

  if (yearMissing({ res, block })) return <YearNotFound />;
  if (res.error)
    return (
      <Page title={t('year.titleOnly', { year })}>
        <ApiErrorView error={res.error} retry={reload} />
      </Page>
    );
  if (!block) return <Loading />;
  const title = t('year.title', { block: block.name, year });
  const back = (
    <Link href={`/blocks/${blockId}`} className="button button-secondary">
      {t('year.toBlock')}
    </Link>
  );
  if (!y)
    return (
      <Page title={title} actions={back}>
        <Empty>{t('year.notOpened')}</Empty>
      </Page>
    );

  return (
    <Page title={title} wide actions={back}>
      <section className="card">
        <dl className="facts">
          <div>
            <dt>{t('year.state')}</dt>
            <dd>
              <span className="status">{t(`yearState.${y.state}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('year.theme')}</dt>
            <dd>{y.theme ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('year.head')}</dt>
            <dd>{y.headUnit?.name ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('year.deputy')}</dt>
            <dd>{y.deputyUnit?.name ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('criteria.title')}</dt>
            <dd>
              {/* The table itself, criteria and maxima, is a link away for every member. */}
              {y.criteriaSet ? (
                <Link href={`${yearPath(blockId, y.year)}/criteria`}>
                  {t('criteria.version', { name: y.criteriaSet.name, v: y.criteriaSet.version })}
                </Link>
              ) : y.recordedFromDocuments ? (
                '–'
              ) : standing.admin && standing.writable ? (
                // Nobody scores without it: the secretariat, which chooses it, is told here from the start.
                <>
                  {t('criteria.notChosen')}{' '}
                  <Link href={`${yearPath(blockId, y.year)}/criteria`}>{t('criteria.chooseNow')}</Link>
                </>
              ) : (
                t('criteria.notChosen')
              )}
            </dd>
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
      {saved && <Alert kind="success">{t('covenant.saved', { n: saved })}</Alert>}
      {y.recordedFromDocuments ? (
        // Recorded at once from its minutes: no covenant, sheets or online vote ran here, and no step is next.
        <Alert kind="info">
          {y.sourceReference
            ? t('year.fromDocuments', { source: y.sourceReference })
            : t('year.fromDocumentsNoSource')}
        </Alert>
      ) : (
        <>
          <YearTasks blockId={blockId} y={y} standing={standing} returned={returned} />
          <NextStep y={y} blockId={blockId} runs={standing.runs} returned={returned.length} onDone={reload} />
        </>
      )}
      {standing.admin &&
        standing.writable &&
        !['SCORES_LOCKED', 'VOTING', 'RESULTS_RECORDED', 'DOSSIER_SUBMITTED', 'CLOSED'].includes(y.state) && (
          <YearSetup key={y.id + y.state} y={y} onSaved={reload} />
        )}
      {!y.recordedFromDocuments && (
        <>
          <CovenantView y={y} />
          <Registrations y={y} />
        </>
      )}
      <Ranking y={y} />
      {detail.data && detail.data.votingPeriods.length > 0 && (
        <section className="card" aria-labelledby="votes">
          <h2 id="votes">{t('year.votes')}</h2>
          {/* The conference's record and minutes, for a year long closed too (not only through a round). */}
          <p>
            <Link href={`${yearPath(blockId, y.year)}/conference`} className="button button-secondary">
              {t('year.conferenceRecord')}
            </Link>
          </p>
          <ul className="link-list">
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
          {/* A year recorded from documents sent its submission on paper: nothing to print again. */}
          {!y.recordedFromDocuments && <DocumentDownloads kind="submission" id={y.id} />}
          <ul>
            {detail.data.nominations.map((n) => (
              <li key={n.id}>
                <Link href={`/nominations/${n.id}`}>{proposal(n)}</Link> ({t(`nomination.status.${n.status}`)}
                )
              </li>
            ))}
          </ul>
        </section>
      )}
      <YearFiles blockId={blockId} year={Number(year)} yearId={y.id} />
      {/* Whoever records history here: a former province's too (its successor's secretariat, the operator). */}
      {y.recordedFromDocuments && recordsHistoryHere(session) && (
        <RemoveRecordedYear yearId={y.id} year={y.year} blockName={block.name} />
      )}
    </Page>
  );
}
