import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { canAct, myUnits, readOnlyHere, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { errorCode } from '../../i18n/errors';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Choice } from '../../ui/Choice';
import { Field, SelectField } from '../../ui/Field';
import { Alert, Loading, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { HeadsUnitCheck } from './HeadsUnitCheck';
import { thisYear, today } from '../block/dates';
import { AchievementsCard } from '../unit/AchievementsCard';
import { UnitSelect } from './UnitSelect';

const PersonQuery = graphql(`
  query PersonDetail($id: ID!) {
    person(id: $id) {
      id
      fullName
      gender
      position
      headsUnit
      unit {
        id
        name
        validTo
      }
    }
    lineage(id: $id, subjectKind: PERSON) {
      predecessorId
      predecessorName
      kind
      effectiveOn
    }
  }
`);

const StreaksQuery = graphql(`
  query PersonStreaks($id: ID!, $year: Int!) {
    streaks(subjectId: $id, subjectKind: PERSON, year: $year) {
      target
      title
      needed
      met
      years
      via
      lastTargetYear
    }
  }
`);

const UpdatePerson = graphql(`
  mutation UpdatePerson($id: ID!, $input: UpdatePersonInput!) {
    updatePerson(id: $id, input: $input) {
      id
      fullName
      gender
      position
      headsUnit
      unit {
        id
        name
        validTo
      }
    }
  }
`);

type Person = {
  id: string;
  fullName: string;
  gender: 'FEMALE' | 'MALE';
  position: string | null;
  headsUnit: boolean;
  unit: { id: string; name: string; validTo: string | null };
};

/**
 * One person: their details (corrected or moved to another unit by the secretariat, or by their unit's
 * officer), their achievements on record, where they stand on the Emulation Fighter streaks, and the records
 * they continue (read here; recorded by the secretariat).
 */
export default function PersonPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  // In a former province (read-only) nobody corrects or records: the page is read.
  const admin = canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  const [res, refetch] = useQuery({ query: PersonQuery, variables: { id } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  if (res.error)
    return (
      <Page title={t('persons.title')}>
        {errorCode(res.error) === 'NOT_FOUND' || errorCode(res.error) === 'BAD_USER_INPUT' ? (
          <Alert>{t('person.notFound')}</Alert>
        ) : (
          <ApiErrorView error={res.error} retry={reload} />
        )}
        <p>
          <Link href="/persons">{t('person.backToList')}</Link>
        </p>
      </Page>
    );
  if (!res.data) return <Loading />;
  const p = res.data.person;
  const editor = admin || (!readOnlyHere(session) && myUnits(session).includes(p.unit.id));
  return (
    <Page
      title={p.fullName}
      subtitle={[p.position, p.unit.name].filter(Boolean).join(' – ')}
      wide
      actions={
        <Link href={`/persons/${p.id}/awards`} className="button button-secondary">
          {t('person.history')}
        </Link>
      }
    >
      {p.unit.validTo && p.unit.validTo < today() && (
        <Alert kind="warning">
          {t('person.unitEndedNote', { unit: p.unit.name, date: i18n.date(p.unit.validTo) })}
        </Alert>
      )}
      <section className="card" aria-labelledby="person-details">
        <h2 id="person-details">{t('person.details')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('person.unit')}</dt>
            <dd>
              <Link href={`/units/${p.unit.id}`}>{p.unit.name}</Link>
            </dd>
          </div>
          <div>
            <dt>{t('person.position')}</dt>
            <dd>{p.position ?? t('person.noPosition')}</dd>
          </div>
          <div>
            <dt>{t('person.gender')}</dt>
            <dd>{t(`person.gender.${p.gender}`)}</dd>
          </div>
          <div>
            <dt>{t('person.headsUnit')}</dt>
            <dd>{p.headsUnit ? t('person.headsUnit.yes') : t('person.headsUnit.no')}</dd>
          </div>
        </dl>
      </section>
      {editor && <EditPerson key={p.id} person={p} moves={admin} onSaved={reload} />}
      <AchievementsCard subjectKind="PERSON" subjectId={p.id} admin={admin} />
      <StreaksCard personId={p.id} />
      <section className="card" aria-labelledby="person-lineage">
        <h2 id="person-lineage">{t('person.lineage')}</h2>
        {res.data.lineage.length === 0 ? (
          <p className="muted">{t('person.noLineage')}</p>
        ) : (
          <ul>
            {res.data.lineage.map((l) => (
              <li key={l.predecessorId}>
                {t('person.lineageLine', {
                  kind: t(`lineage.kind.${l.kind}`),
                  name: l.predecessorName,
                  date: i18n.date(l.effectiveOn),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

/** Name, gender, position and whether they head their unit; the unit too for the secretariat (an officer manages only their own unit). */
function EditPerson({ person, moves, onSaved }: { person: Person; moves: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const save = useAction(UpdatePerson);
  const [f, setF] = useState({
    fullName: person.fullName,
    gender: person.gender as string,
    position: person.position ?? '',
    headsUnit: person.headsUnit,
    unit: { id: person.unit.id, name: person.unit.name } as { id: string; name: string } | null,
  });
  const [saved, setSaved] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const fullName = f.fullName.trim();
    const position = f.position.trim();
    const done = await save.run(
      {
        id: person.id,
        input: {
          fullName,
          gender: f.gender as Person['gender'],
          position: position || null,
          // Sent only when changed: moved to another unit, a head does not head it unless ticked again.
          ...(f.headsUnit !== person.headsUnit ? { headsUnit: f.headsUnit } : {}),
          // Sent only when changed: a person whose unit has ended keeps it until moved.
          ...(f.unit && f.unit.id !== person.unit.id ? { unitId: f.unit.id } : {}),
        },
      },
      {
        fullName: fullName.length >= 2 && fullName.length <= 200 ? null : t('person.check.name'),
        position: position.length <= 200 ? null : t('person.check.position'),
        unitId: f.unit ? null : t('person.check.unit'),
      },
    );
    if (done) {
      // The form shows what was stored (the name with its spacing normalised), and stays mounted to say so.
      const stored = done.updatePerson;
      setF({
        fullName: stored.fullName,
        gender: stored.gender,
        position: stored.position ?? '',
        headsUnit: stored.headsUnit,
        unit: { id: stored.unit.id, name: stored.unit.name },
      });
      setSaved(stored.fullName);
      onSaved();
    }
  };
  const err = (k: string) => save.shown.fields[k] ?? save.shown.fields[`input.${k}`] ?? null;
  return (
    <section className="card" aria-labelledby="edit-person">
      <h2 id="edit-person">{t('person.edit')}</h2>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <div className="form-row">
          <Field
            label={t('person.fullName')}
            value={f.fullName}
            autoComplete="off"
            error={err('fullName')}
            onChange={(e) => setF({ ...f, fullName: e.target.value })}
          />
          <Field
            label={t('person.position')}
            value={f.position}
            autoComplete="off"
            error={err('position')}
            onChange={(e) => setF({ ...f, position: e.target.value })}
          />
          <Choice
            label={t('person.gender')}
            prefix="person.gender"
            options={['FEMALE', 'MALE']}
            value={f.gender}
            error={err('gender')}
            onChange={(e) => setF({ ...f, gender: e.target.value })}
          />
        </div>
        <HeadsUnitCheck checked={f.headsUnit} onChange={(headsUnit) => setF({ ...f, headsUnit })} />
        {moves && (
          <div className="form-row">
            <UnitSelect
              label={t('person.unit')}
              emptyLabel={t('person.chooseUnit')}
              hint={t('person.unitHint')}
              value={f.unit}
              error={err('unitId')}
              onChange={(unit) => setF({ ...f, unit })}
            />
          </div>
        )}
        {save.shown.general && <Alert>{save.shown.general}</Alert>}
        {saved && <Alert kind="success">{t('person.saved', { name: saved })}</Alert>}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={save.busy}>
            {t('person.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The §2 streaks (grassroots → provincial → national Emulation Fighter) as the awards engine counts them. */
function StreaksCard({ personId }: { personId: string }) {
  const { t } = useI18n();
  const title = (x: string) => t(`title.${x}` as MessageKey);
  const now = thisYear();
  const [year, setYear] = useState(now);
  const [res, refetch] = useQuery({ query: StreaksQuery, variables: { id: personId, year } });
  return (
    <section className="card" aria-labelledby="person-streaks">
      <h2 id="person-streaks">{t('person.streaks')}</h2>
      <p className="muted">{t('person.streaksIntro')}</p>
      <div className="filters">
        <SelectField
          label={t('person.streaksYear')}
          value={String(year)}
          onChange={(e) => setYear(Number(e.target.value))}
        >
          {[0, 1, 2, 3, 4].map((back) => (
            <option key={back} value={now - back}>
              {now - back}
            </option>
          ))}
        </SelectField>
      </div>
      {res.error ? (
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <ul className="list">
          {res.data.streaks.map((s) => (
            <li key={s.target}>
              <div className="item-head">
                <strong>{title(s.target)}</strong>
                <span className={s.met ? 'status status-open' : 'status'}>
                  {s.met
                    ? t('person.streakMet')
                    : t('person.streakShort', { n: s.years.length, needed: s.needed })}
                </span>
              </div>
              <p>{t('person.streakRule', { needed: s.needed, title: title(s.title) })}</p>
              <p className="item-meta">
                {s.years.length
                  ? t('person.streakYears', { years: s.years.join(', ') })
                  : t('person.streakNone', { title: title(s.title) })}
                {s.via.length > 0 && ` ${t('person.streakVia', { names: s.via.join(', ') })}`}
                {s.lastTargetYear !== null &&
                  ` ${t('person.streakUsed', { title: title(s.target), year: s.lastTargetYear })}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
