import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Choice } from '../../ui/Choice';
import { Field } from '../../ui/Field';
import { Alert, Loading } from '../../ui/Page';
import { Pager, usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { HeadsUnitCheck } from '../person/HeadsUnitCheck';

const PersonsQuery = graphql(`
  query UnitPersons($unitId: ID!, $after: String) {
    persons(first: 20, after: $after, filter: { unitId: $unitId }) {
      totalCount
      nodes {
        id
        fullName
        gender
        position
        headsUnit
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreatePerson = graphql(`
  mutation CreatePerson($input: CreatePersonInput!) {
    createPerson(input: $input) {
      id
      fullName
    }
  }
`);

/** A unit's people (paged by the API); the secretariat or the unit's officer adds one (the women rule, R6, reads them). */
export function PersonsCard({
  unitId,
  manages,
  titlesPage,
}: {
  unitId: string;
  manages: boolean;
  /** The titles page that sent the person here to add someone: the form is shown, and leads back there. */
  titlesPage?: string | null;
}) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!titlesPage) return;
    // After the page's own focus on its heading (a parent's effect, which runs after this one).
    const frame = requestAnimationFrame(() => {
      form.current?.scrollIntoView({ block: 'center' });
      form.current?.querySelector('input')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [titlesPage]);
  const pager = usePager();
  const [res, refetch] = useQuery({ query: PersonsQuery, variables: { unitId, after: pager.after } });
  const create = useAction(CreatePerson);
  // No gender chosen beforehand: a default would record men as women unnoticed, and the women rule reads it.
  const [f, setF] = useState({ fullName: '', gender: '', position: '', headsUnit: false });
  const [added, setAdded] = useState<{ id: string; fullName: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    const fullName = f.fullName.trim();
    const done = await create.run(
      {
        input: {
          unitId,
          fullName,
          gender: f.gender as 'FEMALE' | 'MALE',
          position: f.position.trim() || null,
          headsUnit: f.headsUnit,
        },
      },
      {
        fullName: fullName.length >= 2 && fullName.length <= 200 ? null : t('person.check.name'),
        gender: f.gender ? null : t('person.check.gender'),
      },
    );
    if (done) {
      setAdded(done.createPerson);
      setF({ fullName: '', gender: '', position: '', headsUnit: false });
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const err = (k: string) => create.shown.fields[k] ?? create.shown.fields[`input.${k}`] ?? null;
  const persons = res.data?.persons;
  return (
    <section className="card" aria-labelledby="persons-title">
      <h2 id="persons-title">{t('unit.persons')}</h2>
      {res.error ? (
        <ApiErrorView error={res.error} />
      ) : !persons ? (
        <Loading />
      ) : persons.nodes.length === 0 ? (
        <p className="muted">{t('unit.noPersons')}</p>
      ) : (
        <>
          <TableWrap label={t('unit.persons')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('person.fullName')}</th>
                  <th scope="col">{t('person.gender')}</th>
                  <th scope="col">{t('person.position')}</th>
                </tr>
              </thead>
              <tbody>
                {persons.nodes.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link href={`/persons/${p.id}`}>{p.fullName}</Link>
                    </th>
                    <td>{t(`person.gender.${p.gender}`)}</td>
                    <td>
                      {p.position ? `${p.position} ` : ''}
                      {p.headsUnit && <span className="tag">{t('person.headsUnit')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {persons.totalCount > 20 && (
            <Pager
              pager={pager}
              total={persons.totalCount}
              pageInfo={persons.pageInfo}
              label={t('unit.personsPages')}
            />
          )}
        </>
      )}
      {manages && (
        <form
          ref={form}
          className="form"
          noValidate
          onSubmit={(e) => void submit(e)}
          aria-labelledby="add-person"
        >
          <h3 id="add-person">{t('unit.addPerson')}</h3>
          {titlesPage && !added && (
            <p>
              {t('unit.addForTitles')} <Link href={titlesPage}>{t('unit.backToTitles')}</Link>
            </p>
          )}
          <Field
            label={t('person.fullName')}
            value={f.fullName}
            error={err('fullName')}
            onChange={(e) => setF({ ...f, fullName: e.target.value })}
          />
          <Choice
            label={t('person.gender')}
            prefix="person.gender"
            options={['FEMALE', 'MALE']}
            placeholder={t('person.chooseGender')}
            value={f.gender}
            error={err('gender')}
            onChange={(e) => setF({ ...f, gender: e.target.value })}
          />
          <Field
            label={t('person.position')}
            value={f.position}
            error={err('position')}
            onChange={(e) => setF({ ...f, position: e.target.value })}
          />
          <HeadsUnitCheck checked={f.headsUnit} onChange={(headsUnit) => setF({ ...f, headsUnit })} />
          {create.shown.general && <Alert>{create.shown.general}</Alert>}
          {added && (
            <Alert kind="success">
              {t('person.added', { name: added.fullName })}
              {titlesPage && (
                <>
                  {' '}
                  <Link href={`${titlesPage}&person=${added.id}`}>
                    {t('unit.backToTitlesFor', { name: added.fullName })}
                  </Link>
                </>
              )}
            </Alert>
          )}
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={create.busy}>
              {t('unit.addPerson')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
