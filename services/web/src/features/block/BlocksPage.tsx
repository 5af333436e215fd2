import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { canAct, openingYearHere, readOnlyHere, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField } from '../../ui/Field';
import { Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { QueryStates } from '../../ui/QueryStates';

const BlocksQuery = graphql(`
  query BlocksPage($after: String, $filter: BlockFilterInput, $year: Int) {
    blocks(first: 20, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        kind
        members(year: $year) {
          id
        }
      }
    }
  }
`);

type Kind = 'BLOCK' | 'CLUSTER';
interface Filter {
  search: string;
  kind: Kind | '';
  year: string;
}

/** The province's blocks and clusters, filtered and paged by the gateway. */
export default function BlocksPage() {
  const { t } = useI18n();
  const session = useSession();
  const admin = canAct(session, 'PROVINCE_ADMIN');
  const pager = usePager();
  const [draft, setDraft] = useState<Filter>({ search: '', kind: '', year: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const [yearError, setYearError] = useState<string | null>(null);
  const year = filter.year ? Number(filter.year) : openingYearHere(session);
  const [res, refetch] = useQuery({
    query: BlocksQuery,
    variables: {
      after: pager.after,
      year,
      filter: {
        ...(filter.search.trim() ? { search: filter.search.trim() } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.year ? { year: Number(filter.year) } : {}),
      },
    },
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    const y = draft.year.trim();
    if (y && !(/^\d{4}$/.test(y) && +y >= 2000 && +y <= 2100)) {
      setYearError(t('blocks.yearInvalid'));
      return;
    }
    setYearError(null);
    setFilter(draft);
    pager.reset();
  }

  const data = res.data?.blocks;
  return (
    <Page
      title={t('blocks.title')}
      wide
      actions={
        admin && (
          <Link href="/blocks/new" className="button button-primary">
            {t('blocks.new')}
          </Link>
        )
      }
    >
      <form className="filters" role="search" aria-label={t('blocks.filter')} onSubmit={apply} noValidate>
        <Field
          label={t('blocks.search')}
          type="search"
          value={draft.search}
          maxLength={200}
          onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        />
        <SelectField
          label={t('blocks.kind')}
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value as Filter['kind'] })}
        >
          <option value="">{t('blocks.kindAll')}</option>
          <option value="BLOCK">{t('blockKind.BLOCK')}</option>
          <option value="CLUSTER">{t('blockKind.CLUSTER')}</option>
        </SelectField>
        <Field
          label={t('blocks.year')}
          inputMode="numeric"
          className="num-input"
          value={draft.year}
          error={yearError}
          onChange={(e) => setDraft({ ...draft, year: e.target.value })}
        />
        <button type="submit" className="button button-primary">
          {t('blocks.apply')}
        </button>
      </form>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={data}
        isEmpty={(data) => data.nodes.length === 0}
        empty={t(
          filter.search.trim() || filter.kind || filter.year
            ? 'blocks.none'
            : readOnlyHere(session)
              ? 'blocks.noneRecorded'
              : 'blocks.noneYet',
        )}
      >
        {(data) => (
          <>
            <TableWrap label={t('blocks.title')}>
              <table className="table">
                <caption className="visually-hidden">{t('blocks.caption', { n: data.totalCount })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('blocks.nameAny')}</th>
                    <th scope="col">{t('blocks.kind')}</th>
                    <th scope="col" className="num">
                      {t('blocks.members', { year })}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.nodes.map((b) => (
                    <tr key={b.id}>
                      <th scope="row">
                        <Link href={`/blocks/${b.id}`}>{b.name}</Link>
                      </th>
                      <td>{t(`blockKind.${b.kind}`)}</td>
                      <td className="num">{b.members.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager pager={pager} total={data.totalCount} pageInfo={data.pageInfo} label={t('blocks.pages')} />
          </>
        )}
      </QueryStates>
    </Page>
  );
}
