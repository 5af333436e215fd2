import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useParams, useSearch } from 'wouter';
import { canAct, hasRole, myUnits, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { errorCode } from '../../i18n/errors';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Choice } from '../../ui/Choice';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { Alert, Loading, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { AchievementsCard } from './AchievementsCard';
import { EligibilityCard } from './EligibilityCard';
import { LineageCard } from './LineageCard';
import { PersonsCard } from './PersonsCard';
import { UNIT_KINDS } from './UnitsPage';

const UnitQuery = graphql(`
  query UnitDetail($id: ID!) {
    unit(id: $id) {
      id
      name
      shortName
      kind
      validFrom
      validTo
      blockMemberships {
        id
        validFrom
        validTo
        block {
          id
          name
        }
      }
    }
  }
`);

const UpdateUnit = graphql(`
  mutation UpdateUnit($id: ID!, $input: UpdateUnitInput!) {
    updateUnit(id: $id, input: $input) {
      id
      name
      shortName
      kind
      validTo
    }
  }
`);

/**
 * The titles page that sent the person here to add one of the unit's people (`?titles=`), to go back to: only a
 * titles page of this application, never another address.
 */
function titlesPageFrom(search: string): string | null {
  const back = new URLSearchParams(search).get('titles');
  return back && /^\/blocks\/[\w-]+\/years\/\d{4}\/titles\?[\w=&-]*$/.test(back) ? back : null;
}

/**
 * One unit: the blocks it is and was in, its details (edit, end), its people, its achievements on record and its
 * predecessors.
 */
export default function UnitPage() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  // In a former province (read-only) the unit is read: no form is offered that the gateway would refuse.
  const admin = canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  // A unit's officers keep its people too (createPerson: the secretariat or the unit's officer).
  const officerHere = canAct(session, 'UNIT_OFFICER') && myUnits(session).includes(id);
  const [res, refetch] = useQuery({ query: UnitQuery, variables: { id } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const titlesPage = titlesPageFrom(useSearch());
  if (res.error)
    return (
      <Page title={t('units.title')}>
        {errorCode(res.error) === 'NOT_FOUND' || errorCode(res.error) === 'BAD_USER_INPUT' ? (
          <Alert>{t('unit.notFound')}</Alert>
        ) : (
          <ApiErrorView error={res.error} retry={reload} />
        )}
      </Page>
    );
  if (!res.data) return <Loading />;
  const u = res.data.unit;
  return (
    <Page
      title={u.name}
      subtitle={t(`units.kind.${u.kind}`)}
      wide
      actions={
        <Link href={`/units/${u.id}/awards`} className="button button-secondary">
          {t('unit.history')}
        </Link>
      }
    >
      {u.validTo && <Alert kind="warning">{t('unit.endedNote', { date: i18n.date(u.validTo) })}</Alert>}
      <BlocksCard memberships={u.blockMemberships} />
      {admin && <EditUnit key={`${u.name}:${u.kind}:${u.shortName}`} unit={u} onSaved={reload} />}
      <PersonsCard unitId={u.id} manages={admin || officerHere} titlesPage={titlesPage} />
      <AchievementsCard subjectId={u.id} admin={admin} />
      {/* A unit's deferrals and disqualifications: the secretariat's to record, the unit's own to read. */}
      {(hasRole(session, 'PROVINCE_ADMIN') || myUnits(session).includes(u.id)) && (
        <EligibilityCard unitId={u.id} admin={canAct(session, 'PROVINCE_ADMIN')} />
      )}
      <LineageCard unit={u} admin={admin} />
    </Page>
  );
}

/** The blocks the unit is and was in, each a link to the block's page, where its years' results are. */
function BlocksCard({
  memberships,
}: {
  memberships: {
    id: string;
    validFrom: string;
    validTo: string | null;
    block: { id: string; name: string };
  }[];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="card" aria-labelledby="unit-blocks">
      <h2 id="unit-blocks">{t('unit.blocks')}</h2>
      {memberships.length === 0 ? (
        <p className="muted">{t('unit.noBlock')}</p>
      ) : (
        <>
          <ul>
            {/* The present first, then the past; the latest first in each. */}
            {[...memberships]
              .sort(
                (a, b) => Number(!!a.validTo) - Number(!!b.validTo) || b.validFrom.localeCompare(a.validFrom),
              )
              .map((m) => (
                <li key={m.id}>
                  <Link href={`/blocks/${m.block.id}`}>{m.block.name}</Link>{' '}
                  <span className="item-meta">
                    (
                    {m.validTo
                      ? t('unit.blockBetween', { from: i18n.date(m.validFrom), to: i18n.date(m.validTo) })
                      : t('unit.blockSince', { from: i18n.date(m.validFrom) })}
                    )
                  </span>
                </li>
              ))}
          </ul>
          <p className="muted">{t('unit.blocksHint')}</p>
        </>
      )}
    </section>
  );
}

function EditUnit({
  unit,
  onSaved,
}: {
  unit: {
    id: string;
    name: string;
    shortName: string | null;
    kind: string;
    validFrom: string | null;
    validTo: string | null;
  };
  onSaved: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const save = useAction(UpdateUnit);
  const end = useAction(UpdateUnit);
  const [f, setF] = useState({ name: unit.name, shortName: unit.shortName ?? '', kind: unit.kind });
  const [endOn, setEndOn] = useState('');
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const name = f.name.trim();
    const done = await save.run(
      {
        id: unit.id,
        input: { name, shortName: f.shortName.trim() || null, kind: f.kind as (typeof UNIT_KINDS)[number] },
      },
      {
        name: name.length >= 2 && name.length <= 200 ? null : t('units.check.name'),
        shortName: f.shortName.trim().length <= 50 ? null : t('units.check.shortName'),
      },
    );
    if (done) {
      setSaved(true);
      onSaved();
    }
  };
  const askEnd = (e: FormEvent) => {
    e.preventDefault();
    if (!endOn) void end.run({ id: unit.id, input: { validTo: endOn } }, { validTo: t('units.check.date') });
    else setConfirming(true);
  };
  const err = (a: typeof save, k: string) => a.shown.fields[k] ?? a.shown.fields[`input.${k}`] ?? null;
  return (
    <>
      <section className="card" aria-labelledby="edit-unit">
        <h2 id="edit-unit">{t('unit.edit')}</h2>
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <Field
            label={t('units.name')}
            value={f.name}
            error={err(save, 'name')}
            onChange={(e) => setF({ ...f, name: e.target.value })}
          />
          <Field
            label={t('units.shortName')}
            value={f.shortName}
            error={err(save, 'shortName')}
            onChange={(e) => setF({ ...f, shortName: e.target.value })}
          />
          <Choice
            label={t('units.kind')}
            prefix="units.kind"
            options={UNIT_KINDS}
            value={f.kind}
            onChange={(e) => setF({ ...f, kind: e.target.value })}
          />
          {save.shown.general && <Alert>{save.shown.general}</Alert>}
          {saved && <Alert kind="success">{t('unit.saved')}</Alert>}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={save.busy}>
              {t('unit.save')}
            </button>
          </div>
        </form>
      </section>
      {!unit.validTo && (
        <section className="card" aria-labelledby="end-unit">
          <h2 id="end-unit">{t('unit.end')}</h2>
          <form className="filters" noValidate onSubmit={askEnd}>
            <DateField
              label={t('unit.endOn')}
              value={endOn}
              min={unit.validFrom ?? undefined}
              error={err(end, 'validTo')}
              onChange={setEndOn}
            />
            <button type="submit" className="button button-secondary">
              {t('unit.end')}
            </button>
          </form>
          {end.shown.general && <Alert>{end.shown.general}</Alert>}
          <ConfirmDialog
            open={confirming}
            title={t('unit.endTitle', { name: unit.name })}
            confirmLabel={t('unit.endConfirm')}
            danger
            busy={end.busy}
            onCancel={() => setConfirming(false)}
            onConfirm={() =>
              void end.run({ id: unit.id, input: { validTo: endOn } }).then((done) => {
                setConfirming(false);
                if (done) onSaved();
              })
            }
          >
            <p>{t('unit.endBody', { name: unit.name, date: endOn ? i18n.date(endOn) : '' })}</p>
          </ConfirmDialog>
        </section>
      )}
    </>
  );
}
