import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { canAct, readOnlyHere, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Choice } from '../../ui/Choice';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { Alert, Page } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { QueryStates } from '../../ui/QueryStates';

export const UNIT_KINDS = [
  'STATE_AGENCY',
  'PARTY_AGENCY',
  'MASS_ORGANIZATION',
  'LOCALITY',
  'ENTERPRISE',
  'SCHOOL',
  'PRESS',
  'OTHER',
] as const;
type Kind = (typeof UNIT_KINDS)[number];

const UnitsQuery = graphql(`
  query UnitList($after: String, $filter: UnitFilterInput) {
    units(first: 20, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        name
        shortName
        kind
        validFrom
        validTo
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateUnit = graphql(`
  mutation CreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      id
      name
    }
  }
`);

/** The province's units, filtered and paged by the API; the secretariat adds one here. */
export default function UnitsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const pager = usePager();
  const [draft, setDraft] = useState({ search: '', kind: '', includeFormer: false });
  const [filter, setFilter] = useState(draft);
  const [res, refetch] = useQuery({
    query: UnitsQuery,
    variables: {
      after: pager.after,
      filter: {
        search: filter.search.trim() || null,
        kind: (filter.kind || null) as Kind | null,
        includeFormer: filter.includeFormer,
      },
    },
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    pager.reset();
    setFilter(draft);
  };
  const units = res.data?.units;

  return (
    <Page
      title={t('units.title')}
      wide
      actions={
        <>
          <Link href="/persons" className="button button-secondary">
            {t('units.persons')}
          </Link>
          {/* Many units at once: the secretariat's import, which is otherwise only under Quản trị. */}
          {canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN') && (
            <Link href="/import" className="button button-secondary">
              {t('units.import')}
            </Link>
          )}
        </>
      }
    >
      {canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN') && (
        <CreateUnitForm onCreated={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      <form className="filters" onSubmit={apply} role="search" aria-label={t('units.filter')}>
        <Field
          label={t('units.search')}
          type="search"
          value={draft.search}
          onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        />
        <Choice
          label={t('units.kind')}
          prefix="units.kind"
          options={['', ...UNIT_KINDS]}
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={draft.includeFormer}
            onChange={(e) => setDraft({ ...draft, includeFormer: e.target.checked })}
          />
          {t('units.includeFormer')}
        </label>
        <button type="submit" className="button button-secondary">
          {t('units.filter')}
        </button>
      </form>
      <QueryStates
        error={res.error}
        refetch={refetch}
        data={units}
        isEmpty={(units) => units.nodes.length === 0}
        empty={t(
          filter.search.trim() || filter.kind
            ? 'units.none'
            : readOnlyHere(session)
              ? 'units.noneRecorded'
              : 'units.noneYet',
        )}
      >
        {(units) => (
          <>
            <TableWrap label={t('units.title')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('units.name')}</th>
                    <th scope="col">{t('units.shortName')}</th>
                    <th scope="col">{t('units.kind')}</th>
                    <th scope="col">{t('units.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {units.nodes.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">
                        <Link href={`/units/${u.id}`} className="link-tap">
                          {u.name}
                        </Link>
                      </th>
                      <td>{u.shortName ?? ''}</td>
                      <td>{t(`units.kind.${u.kind}`)}</td>
                      <td>
                        {u.validTo ? t('units.ended', { date: i18n.date(u.validTo) }) : t('units.active')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <Pager
              pager={pager}
              total={units.totalCount}
              pageInfo={units.pageInfo}
              label={t('units.pages')}
            />
          </>
        )}
      </QueryStates>
    </Page>
  );
}

function CreateUnitForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const create = useAction(CreateUnit);
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ name: '', shortName: '', kind: 'STATE_AGENCY', validFrom: '' });
  const [created, setCreated] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    const name = f.name.trim();
    const done = await create.run(
      {
        input: {
          name,
          shortName: f.shortName.trim() || null,
          kind: f.kind as Kind,
          validFrom: f.validFrom || null,
        },
      },
      {
        name: name.length >= 2 && name.length <= 200 ? null : t('units.check.name'),
        shortName: f.shortName.trim().length <= 50 ? null : t('units.check.shortName'),
      },
    );
    if (done) {
      setCreated(done.createUnit.name);
      setF({ name: '', shortName: '', kind: f.kind, validFrom: '' });
      onCreated();
    }
  };
  const err = (k: string) => create.shown.fields[k] ?? create.shown.fields[`input.${k}`] ?? null;
  return (
    <section className="card" aria-labelledby="new-unit">
      {/* The heading names the section and the button the action: the same words twice read as a stutter. */}
      <h2 id="new-unit">{t('units.newTitle')}</h2>
      {!open ? (
        <>
          <p className="muted">{t('units.newIntro')}</p>
          <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
            {t('units.new')}
          </button>
        </>
      ) : (
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <Field
            label={t('units.name')}
            value={f.name}
            error={err('name')}
            onChange={(e) => setF({ ...f, name: e.target.value })}
          />
          <Field
            label={t('units.shortName')}
            value={f.shortName}
            error={err('shortName')}
            onChange={(e) => setF({ ...f, shortName: e.target.value })}
          />
          <Choice
            label={t('units.kind')}
            prefix="units.kind"
            options={UNIT_KINDS}
            value={f.kind}
            error={err('kind')}
            onChange={(e) => setF({ ...f, kind: e.target.value })}
          />
          <DateField
            label={t('units.validFrom')}
            value={f.validFrom}
            error={err('validFrom')}
            onChange={(value) => setF({ ...f, validFrom: value })}
          />
          {create.shown.general && <Alert>{create.shown.general}</Alert>}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={create.busy}>
              {t('units.create')}
            </button>
          </div>
        </form>
      )}
      {created && <Alert kind="success">{t('units.created', { name: created })}</Alert>}
    </section>
  );
}
