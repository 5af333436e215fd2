import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { hasRole, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Choice } from '../../ui/Choice';
import { Field } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { BaseSalaryTable } from '../base-salary/BaseSalaryTable';
import { QueryStates } from '../../ui/QueryStates';

const ProvincesQuery = graphql(`
  query PlatformProvinces($after: String, $filter: ProvinceFilterInput) {
    provinces(first: 20, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        code
        name
        kind
        isCurrent
        validFrom
        validTo
        predecessors {
          id
          name
        }
        successors {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The platform admin's provinces (current and former, with their mergers) and the base salary table. */
export default function ProvincesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const pager = usePager();
  const [draft, setDraft] = useState({ search: '', current: 'true' });
  const [filter, setFilter] = useState(draft);
  const [res, refetch] = useQuery({
    query: ProvincesQuery,
    variables: {
      after: pager.after,
      filter: {
        search: filter.search.trim() || null,
        current: filter.current === '' ? null : filter.current === 'true',
      },
    },
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    pager.reset();
    setFilter(draft);
  };
  const list = res.data?.provinces;
  // The ministry reads the list too; only the platform's operator brings a province in.
  const onboards = hasRole(useSession(), 'PLATFORM_ADMIN');
  return (
    <Page
      title={t('platform.title')}
      wide
      actions={
        onboards && (
          <Link href="/platform/provinces/new" className="button button-primary">
            {t('platform.onboard')}
          </Link>
        )
      }
    >
      <form className="filters" onSubmit={apply} role="search" aria-label={t('platform.filter')}>
        <Field
          label={t('platform.search')}
          type="search"
          value={draft.search}
          onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        />
        <Choice
          label={t('platform.current')}
          prefix="platform.current"
          options={['true', 'false', '']}
          value={draft.current}
          onChange={(e) => setDraft({ ...draft, current: e.target.value })}
        />
        <button type="submit" className="button button-secondary">
          {t('platform.filter')}
        </button>
      </form>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={list}
        isEmpty={(list) => list.nodes.length === 0}
        empty={t('platform.none')}
      >
        {(list) => (
          <>
            <TableWrap label={t('platform.title')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('platform.name')}</th>
                    <th scope="col">{t('platform.code')}</th>
                    <th scope="col">{t('platform.kind')}</th>
                    <th scope="col">{t('platform.validity')}</th>
                    <th scope="col">{t('platform.lineage')}</th>
                    {onboards && <th scope="col">{t('platform.accounts')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.nodes.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.name}</th>
                      <td>{p.code}</td>
                      <td>{t(`platform.kind.${p.kind}`)}</td>
                      <td>
                        {[
                          p.validFrom ? t('platform.since', { date: i18n.date(p.validFrom) }) : '',
                          p.validTo ? t('platform.until', { date: i18n.date(p.validTo) }) : '',
                        ]
                          .filter(Boolean)
                          .join(' ') || t('platform.always')}
                      </td>
                      <td>
                        {p.predecessors.length > 0 && (
                          <p>
                            {t('platform.mergedFrom', {
                              names: p.predecessors.map((x) => x.name).join(', '),
                            })}
                          </p>
                        )}
                        {p.successors.length > 0 && (
                          <p>
                            {t('platform.mergedInto', { names: p.successors.map((x) => x.name).join(', ') })}
                          </p>
                        )}
                      </td>
                      {onboards && (
                        <td>
                          {/* A merged province takes no new accounts: its data is read from its successor. */}
                          {p.isCurrent && (
                            <Link href={`/platform/provinces/${p.id}/accounts`}>
                              {t('platform.invite')}
                              <span className="visually-hidden">: {p.name}</span>
                            </Link>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager
              pager={pager}
              total={list.totalCount}
              pageInfo={list.pageInfo}
              label={t('platform.pages')}
            />
          </>
        )}
      </QueryStates>
      <BaseSalaryTable />
    </Page>
  );
}
