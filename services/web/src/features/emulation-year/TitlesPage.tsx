import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { SelectField } from '../../ui/Field';
import { Alert, Empty } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { today } from '../block/dates';
import { PersonSelect } from '../person/PersonSelect';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { ActingFor, reasonProblem, useActingFor } from './ActingFor';
import { registrationText } from './Registrations';
import { TaskPage } from './TaskPage';
import { REGISTRATION_OPEN, registrationOpen, yearPath, type useStanding, type Year } from './useYear';

const TITLES = [
  'FLAG_PROVINCE',
  'COLL_EXCELLENT',
  'COLL_ADVANCED',
  'FLAG_GOVERNMENT',
  'CSTD_BASE',
  'CSTD_PROV',
  'CSTD_NAT',
  'LDTT',
] as const;
type Title = (typeof TITLES)[number];
const INDIVIDUAL: readonly Title[] = ['CSTD_BASE', 'CSTD_PROV', 'CSTD_NAT', 'LDTT'];
const asTitle = (x: string | null): Title | '' => TITLES.find((title) => title === x) ?? '';

const Register = graphql(`
  mutation RegisterTitle($input: RegisterTitleInput!) {
    registerTitle(input: $input) {
      id
      person {
        fullName
      }
    }
  }
`);
const Withdraw = graphql(`
  mutation WithdrawTitle($id: ID!, $reason: String) {
    withdrawTitleRegistration(id: $id, onBehalfReason: $reason) {
      id
    }
  }
`);

/** A member unit registers the titles it aims for this year (and its people's), or withdraws one. */
export default function TitlesPage() {
  const { blockId, year } = useParams<{ blockId: string; year: string }>();
  const { t } = useI18n();
  return (
    <TaskPage blockId={blockId} year={year} title={t('titles.pageTitle')}>
      {(y, standing, reload) => <TitlesForm y={y} standing={standing} onChange={reload} />}
    </TaskPage>
  );
}

function TitlesForm({
  y,
  standing,
  onChange,
}: {
  y: Year;
  standing: ReturnType<typeof useStanding>;
  onChange: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { blockId } = useParams<{ blockId: string }>();
  // Back from the unit's page with a person just added: the title chosen before, and that person.
  const params = new URLSearchParams(useSearch());
  const [path, navigate] = useLocation();
  const acting = useActingFor(y, standing, params.get('unit'));
  // The deadline is the last day, as the gateway counts it in Vietnam (assertBeforeDeadline).
  const deadline = y.registrationDeadline;
  const late = !!deadline && today() > deadline;
  // In a former province (read-only) the registrations are read, as once registration closed or its day passed.
  const registering = REGISTRATION_OPEN.includes(y.state) && standing.writable;
  const open = registrationOpen(y) && standing.writable;
  const [registeredNow, setRegisteredNow] = useState<string | null>(null);
  const [title, setTitle] = useState<Title | ''>(() => asTitle(params.get('title')));
  const [personId, setPersonId] = useState(() => params.get('person') ?? '');
  const individual = !!title && INDIVIDUAL.includes(title);
  // How many people the unit has on record (PersonSelect says, once it has listed them).
  const [personCount, setPersonCount] = useState<number | null>(null);
  const register = useAction(Register);
  const withdraw = useAction(Withdraw);
  const { names } = useUnitNames(acting.choices);
  const mine = y.titleRegistrations.filter((r) => r.unitId === acting.unitId);
  const noPersons = personCount === 0;
  const addPersonHref = `/units/${acting.unitId}?titles=${encodeURIComponent(
    `${yearPath(blockId, y.year)}/titles?unit=${acting.unitId}&title=${title}`,
  )}`;

  if (!acting.choices.length) return <Alert>{t('sign.notMember')}</Alert>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setRegisteredNow(null);
    const registered = await register.run(
      {
        input: {
          emulationYearId: y.id,
          unitId: acting.unitId,
          title: title as Title,
          personId: individual ? personId : null,
          ...(acting.reasonArg !== undefined ? { onBehalfReason: acting.reasonArg } : {}),
        },
      },
      {
        unitId: acting.unitId ? null : t('members.chooseUnit'),
        title: title ? null : t('titles.chooseTitle'),
        personId: individual && !personId ? t('titles.choosePerson') : null,
        onBehalfReason: reasonProblem(acting, t('acting.reasonShort')),
      },
    );
    if (registered) {
      const who = registered.registerTitle.person?.fullName;
      setRegisteredNow(`${t(`title.${title as Title}`)}${who ? ` – ${who}` : ''}`);
      setTitle('');
      setPersonId('');
      // Registered: a reload does not bring back the title and person carried from the unit's page.
      if (params.has('person') || params.has('title'))
        navigate(`${path}?unit=${acting.unitId}`, { replace: true });
      onChange();
    }
  }

  return (
    <>
      {registering && late ? (
        <Alert kind="info">{t('titles.deadlinePassed', { date: i18n.date(deadline!) })}</Alert>
      ) : (
        !open && <Alert kind="info">{t(standing.writable ? 'titles.closed' : 'app.readOnly')}</Alert>
      )}
      {open && deadline && <p>{t('titles.deadline', { date: i18n.date(deadline) })}</p>}
      {registeredNow && <Alert kind="success">{t('titles.registeredNow', { title: registeredNow })}</Alert>}
      {!open ? (
        <ActingFor acting={acting} errors={{}} readOnly />
      ) : (
        <form className="form card" onSubmit={(e) => void submit(e)} noValidate>
          {register.shown.general && <Alert>{register.shown.general}</Alert>}
          <ActingFor acting={acting} errors={register.shown.fields} />
          <SelectField
            label={t('titles.title')}
            value={title}
            error={register.shown.fields.title}
            onChange={(e) => {
              // A refusal about the choice before is no longer true of this one.
              register.reset();
              setTitle(e.target.value as Title);
            }}
          >
            <option value="">{t('titles.pickTitle')}</option>
            {(['collective', 'individual'] as const).map((group) => (
              <optgroup key={group} label={t(`titles.group.${group}`)}>
                {TITLES.filter((x) => INDIVIDUAL.includes(x) === (group === 'individual')).map((x) => (
                  <option key={x} value={x}>
                    {t(`title.${x}`)}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          {individual && acting.unitId && (
            <PersonSelect
              // Another unit's people: its choice starts afresh (one chosen for the unit before is not this one's).
              key={acting.unitId}
              unitId={acting.unitId}
              label={t('titles.person')}
              emptyLabel={t('titles.pickPerson')}
              value={personId}
              error={register.shown.fields.personId}
              noneHint={t('titles.noPersons')}
              onListed={setPersonCount}
              onChange={(person) => {
                register.reset();
                setPersonId(person?.id ?? '');
              }}
            />
          )}
          {/* The unit's officers and the secretariat add its people on the unit's page, which links back here. */}
          {individual && personCount !== null && acting.unitId && (
            <p>
              <Link href={addPersonHref}>
                {t(noPersons ? 'titles.addPersons' : 'titles.addAnotherPerson')}
              </Link>
            </p>
          )}
          <button
            type="submit"
            className="button button-primary button-large button-block"
            disabled={register.busy}
          >
            {t('titles.register')}
          </button>
        </form>
      )}
      {acting.unitId && (
        <section className="card" aria-labelledby="my-titles">
          <h2 id="my-titles">{t('titles.ofUnit', { unit: unitName(names, acting.unitId) })}</h2>
          {mine.length === 0 ? (
            <Empty>{t('titles.none')}</Empty>
          ) : (
            <ul className="list">
              {mine.map((r) => (
                <li key={r.id} className="item-head">
                  <span>{registrationText(t, r)}</span>
                  {open && (
                    <ConfirmButton
                      label={t('titles.withdraw')}
                      // Two titles, two buttons: each is named by the title (and person) it withdraws.
                      labelMore={registrationText(t, r)}
                      title={t('titles.withdrawTitle')}
                      danger
                      busy={withdraw.busy}
                      error={
                        (withdraw.shown.general ?? withdraw.shown.fields.onBehalfReason) && (
                          <Alert>{withdraw.shown.general ?? withdraw.shown.fields.onBehalfReason}</Alert>
                        )
                      }
                      action={async () => {
                        const done = await withdraw.run(
                          { id: r.id, reason: acting.reasonArg ?? null },
                          { onBehalfReason: reasonProblem(acting, t('acting.reasonShort')) },
                        );
                        if (done) {
                          setRegisteredNow(null);
                          onChange();
                        }
                        return !!done;
                      }}
                    >
                      <p>{t('titles.withdrawExplain', { title: t(`title.${r.title}`) })}</p>
                    </ConfirmButton>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
