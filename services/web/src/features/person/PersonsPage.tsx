import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { canAct, readOnlyHere, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { UnitSelect } from './UnitSelect';
import { QueryStates } from '../../ui/QueryStates';

const PersonsQuery = graphql(`
  query PersonList($after: String, $filter: PersonFilterInput) {
    persons(first: 20, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        fullName
        gender
        position
        unit {
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

interface Filter {
  search: string;
  unit: { id: string; name: string } | null;
}

/** The province's people, searched by name and unit and paged by the API; each opens their own page. */
export default function PersonsPage() {
  const { t } = useI18n();
  // Who adds people (on a unit's page, or by import) is offered the way there when the list is empty.
  const session = useSession();
  const adds = canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const pager = usePager();
  const [draft, setDraft] = useState<Filter>({ search: '', unit: null });
  const [filter, setFilter] = useState(draft);
  const [res, refetch] = useQuery({
    query: PersonsQuery,
    variables: {
      after: pager.after,
      filter: { search: filter.search.trim() || null, unitId: filter.unit?.id ?? null },
    },
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    pager.reset();
    setFilter(draft);
  };
  const persons = res.data?.persons;
  // An empty list means "no match" only when something was asked for; otherwise the province has nobody
  // on record yet, and the person should learn where people are added rather than retry a search.
  const filtered = !!filter.search.trim() || !!filter.unit;
  return (
    <Page
      title={t('persons.title')}
      subtitle={t('persons.intro')}
      wide
      actions={
        canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN') && (
          <Link href="/import?kind=persons" className="button button-secondary">
            {t('units.import')}
          </Link>
        )
      }
    >
      <form className="filters" onSubmit={apply} role="search" aria-label={t('persons.filterLabel')}>
        <Field
          label={t('persons.search')}
          type="search"
          value={draft.search}
          onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        />
        <UnitSelect
          label={t('person.unit')}
          emptyLabel={t('persons.allUnits')}
          includeFormer
          value={draft.unit}
          onChange={(unit) => setDraft({ ...draft, unit })}
        />
        <button type="submit" className="button button-secondary">
          {t('persons.filter')}
        </button>
      </form>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={persons}
        isEmpty={(persons) => persons.nodes.length === 0}
        empty={
          filtered ? (
            t('persons.none')
          ) : readOnlyHere(session) ? (
            // A former province: nobody adds anyone there any more.
            t('persons.noneRecorded')
          ) : (
            <>
              {t('persons.noneYet')}
              {adds && (
                <>
                  {' '}
                  <Link href="/units">{t('persons.toUnits')}</Link> ·{' '}
                  <Link href="/import?kind=persons">{t('persons.toImport')}</Link>
                </>
              )}
            </>
          )
        }
      >
        {(persons) => (
          <>
            <TableWrap label={t('persons.title')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('person.fullName')}</th>
                    <th scope="col">{t('person.position')}</th>
                    <th scope="col">{t('person.unit')}</th>
                    <th scope="col">{t('person.gender')}</th>
                  </tr>
                </thead>
                <tbody>
                  {persons.nodes.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">
                        <Link href={`/persons/${p.id}`} className="link-tap">
                          {p.fullName}
                        </Link>
                      </th>
                      <td>{p.position ?? ''}</td>
                      <td>
                        <Link href={`/units/${p.unit.id}`}>{p.unit.name}</Link>
                      </td>
                      <td>{t(`person.gender.${p.gender}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager
              pager={pager}
              total={persons.totalCount}
              pageInfo={persons.pageInfo}
              label={t('persons.pages')}
            />
          </>
        )}
      </QueryStates>
    </Page>
  );
}
