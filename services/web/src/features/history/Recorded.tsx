import { useQuery } from 'urql';
import { ProvinceLink } from '../../app/ProvinceLink';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { QueryStates } from '../../ui/QueryStates';

/** The blocks with a member or a year in `year` (filtered by the API), each with its recent years. */
const YearsQuery = graphql(`
  query RecordedBlockYears($year: Int!, $after: String) {
    blocks(first: 20, after: $after, filter: { year: $year }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        years(first: 30) {
          id
          year
          state
          recordedFromDocuments
          sourceReference
        }
      }
    }
  }
`);

/** Refetched after a year is recorded, even when the list was empty (no EmulationYear in its answer yet). */
const YEARS_CONTEXT = { additionalTypenames: ['EmulationYear'] };
const DECISIONS_CONTEXT = { additionalTypenames: ['AwardDecision'] };

/** The block years of `year`: those recorded from documents with their source, and those run on the platform. */
export function RecordedYears({ year, provinceId }: { year: number; provinceId: string }) {
  const { t } = useI18n();
  const pager = usePager();
  const [res, refetch] = useQuery({
    query: YearsQuery,
    variables: { year, after: pager.after },
    requestPolicy: 'cache-and-network',
    context: YEARS_CONTEXT,
  });
  const data = res.data?.blocks;
  const rows =
    data?.nodes.flatMap((b) => b.years.filter((y) => y.year === year).map((y) => ({ block: b, y }))) ?? [];
  return (
    <section className="card" aria-labelledby="recorded-years">
      <h2 id="recorded-years">{t('past.yearsTitle', { year })}</h2>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={data}
        isEmpty={() => rows.length === 0}
        empty={t('past.noYears', { year })}
      >
        {() => (
          <TableWrap label={t('past.yearsTitle', { year })}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('past.block')}</th>
                  <th scope="col">{t('past.source')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ block, y }) => (
                  <tr key={y.id}>
                    <th scope="row">
                      <ProvinceLink href={`/blocks/${block.id}/years/${y.year}`} provinceId={provinceId}>
                        {block.name}
                      </ProvinceLink>
                    </th>
                    <td>{y.recordedFromDocuments ? y.sourceReference : t('past.onPlatform')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryStates>
      {data && data.totalCount > 20 && (
        <Pager pager={pager} total={data.totalCount} pageInfo={data.pageInfo} label={t('past.yearsPages')} />
      )}
    </section>
  );
}

const DecisionsQuery = graphql(`
  query RecordedDecisions($year: Int!, $next: Int!) {
    signed: awardDecisions(year: $year, first: 100) {
      id
      numberText
      issuerName
      decisionDate
      signerName
    }
    nextYear: awardDecisions(year: $next, first: 100) {
      id
      numberText
      issuerName
      decisionDate
      signerName
    }
  }
`);

/**
 * The award decisions signed in `year` and the year after (a year's awards are decided at its end or early in
 * the next), newest first.
 */
export function RecordedDecisions({ year, provinceId }: { year: number; provinceId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({
    query: DecisionsQuery,
    variables: { year, next: year + 1 },
    requestPolicy: 'cache-and-network',
    context: DECISIONS_CONTEXT,
  });
  const decisions = res.data ? [...res.data.nextYear, ...res.data.signed] : [];
  return (
    <section className="card" aria-labelledby="recorded-decisions">
      <h2 id="recorded-decisions">{t('past.decisionsTitle', { year, next: year + 1 })}</h2>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={res.data}
        isEmpty={() => decisions.length === 0}
        empty={t('past.noDecisions', { year, next: year + 1 })}
      >
        {() => (
          <TableWrap label={t('past.decisionsTitle', { year, next: year + 1 })}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('past.number')}</th>
                  <th scope="col">{t('decision.issuer')}</th>
                  <th scope="col">{t('decision.date')}</th>
                  <th scope="col">{t('decision.signer')}</th>
                </tr>
              </thead>
              <tbody>
                {decisions.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">
                      <ProvinceLink href={`/award-decisions/${d.id}`} provinceId={provinceId}>
                        {d.numberText}
                      </ProvinceLink>
                    </th>
                    <td>{d.issuerName}</td>
                    <td>{i18n.date(d.decisionDate)}</td>
                    <td>{d.signerName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryStates>
    </section>
  );
}
