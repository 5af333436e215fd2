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
import { CardTable } from '../../ui/CardTable';
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
            {/* Cards on a phone: a province's invitation link stays on the screen. */}
            <CardTable
              caption={<span className="visually-hidden">{t('platform.title')}</span>}
              columns={[
                t('platform.name'),
                t('platform.code'),
                t('platform.kind'),
                t('platform.validity'),
                t('platform.lineage'),
                ...(onboards ? [t('platform.accounts')] : []),
              ]}
              rows={list.nodes.map((p) => ({
                key: p.id,
                heading: p.name,
                cells: [
                  p.code,
                  t(`platform.kind.${p.kind}`),
                  [
                    p.validFrom ? t('platform.since', { date: i18n.date(p.validFrom) }) : '',
                    p.validTo ? t('platform.until', { date: i18n.date(p.validTo) }) : '',
                  ]
                    .filter(Boolean)
                    .join(' ') || t('platform.always'),
                  (p.predecessors.length > 0 || p.successors.length > 0) && (
                    <>
                      {p.predecessors.length > 0 && (
                        <p>
                          {t('platform.mergedFrom', { names: p.predecessors.map((x) => x.name).join(', ') })}
                        </p>
                      )}
                      {p.successors.length > 0 && (
                        <p>
                          {t('platform.mergedInto', { names: p.successors.map((x) => x.name).join(', ') })}
                        </p>
                      )}
                    </>
                  ),
                  // A merged province takes no new accounts: its data is read from its successor.
                  ...(onboards
                    ? [
                        p.isCurrent && (
                          <Link href={`/platform/provinces/${p.id}/accounts`}>
                            {t('platform.invite')}
                            <span className="visually-hidden"> – {p.name}</span>
                          </Link>
                        ),
                      ]
                    : []),
                ],
              }))}
            />
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
