import { readFragment, type FragmentOf } from 'gql.tada';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../ui/DateField';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { unitName } from '../unit/useUnitNames';
import { ConferenceFields, RecordConferenceMutation } from './operations';
import { SecretaryPicker, type Chosen } from './SecretaryPicker';

interface Attendance {
  unitId: string;
  present: boolean;
  representatives: string;
  absenceReason: string;
}
interface Member {
  name: string;
  role: string;
  unitId: string;
}

/**
 * The conference as held: day(s), place, chair, secretary, who attended (with their representatives) or why
 * not, the counting committee and the minutes. Recording again corrects the record until the dossier is sent.
 */
export function ConferenceForm({
  yearId,
  members,
  names,
  conference,
  datesFixed,
  onSaved,
}: {
  yearId: string;
  members: string[];
  names: Map<string, string>;
  conference: FragmentOf<typeof ConferenceFields> | null;
  /** R13: once voting opened the dossier deadline counts from these dates; only the secretariat changes them. */
  datesFixed: boolean;
  onSaved: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const c = conference ? readFragment(ConferenceFields, conference) : null;
  // The units to choose from, by name (the year lists them in no order a person would search).
  const choices = [...members].sort((a, b) => unitName(names, a).localeCompare(unitName(names, b), 'vi'));
  const [heldOn, setHeldOn] = useState(c?.heldOn ?? '');
  const [endedOn, setEndedOn] = useState(c?.endedOn ?? '');
  const [place, setPlace] = useState(c?.place ?? '');
  const [chairUnitId, setChairUnitId] = useState(c?.chairUnitId ?? '');
  const [chairPerson, setChairPerson] = useState(c?.chairPerson ?? '');
  const [chairPosition, setChairPosition] = useState(c?.chairPosition ?? '');
  const [secretaryName, setSecretaryName] = useState(c?.secretaryName ?? '');
  const [secretaryPosition, setSecretaryPosition] = useState(c?.secretaryPosition ?? '');
  // Sent back as read whoever records: recording again must not unlink the account the secretariat chose.
  const [secretaryUser, setSecretaryUser] = useState<Chosen | null>(
    c?.secretaryUserId ? { id: c.secretaryUserId, label: c.secretaryAccountName ?? null } : null,
  );
  const [minutes, setMinutes] = useState(c?.minutes ?? '');
  const [attendance, setAttendance] = useState<Attendance[]>(() =>
    members.map((unitId) => {
      const a = c?.attendance.find((x) => x.unitId === unitId);
      return {
        unitId,
        present: a?.present ?? true,
        representatives: a?.representatives.join('; ') ?? '',
        absenceReason: a?.absenceReason ?? '',
      };
    }),
  );
  const [committee, setCommittee] = useState<Member[]>(
    () => c?.countingCommittee.map((m) => ({ name: m.name, role: m.role, unitId: m.unitId ?? '' })) ?? [],
  );
  const action = useAction(RecordConferenceMutation);
  const err = (f: string) => action.shown.fields[f];

  const setRow = (i: number, patch: Partial<Attendance>) =>
    setAttendance((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const setMember = (i: number, patch: Partial<Member>) =>
    setCommittee((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checks: Record<string, string | null> = {
      heldOn: heldOn ? null : t('conference.check.heldOn'),
      endedOn: endedOn && heldOn && endedOn < heldOn ? t('conference.check.endedOn') : null,
      place: place.trim().length >= 2 ? null : t('conference.check.place'),
    };
    attendance.forEach((a, i) => {
      if (!a.present && a.absenceReason.trim().length < 2)
        checks[`attendance.${i}.absenceReason`] = t('conference.check.absenceReason');
    });
    committee.forEach((m, i) => {
      if (m.name.trim().length < 2) checks[`countingCommittee.${i}.name`] = t('conference.check.memberName');
    });
    const data = await action.run(
      {
        input: {
          emulationYearId: yearId,
          heldOn,
          endedOn: endedOn || null,
          place: place.trim(),
          chairUnitId: chairUnitId || null,
          chairPerson: chairPerson.trim() || null,
          chairPosition: chairPosition.trim() || null,
          secretaryName: secretaryName.trim() || null,
          secretaryPosition: secretaryPosition.trim() || null,
          secretaryUserId: secretaryUser?.id ?? null,
          attendance: attendance.map((a) => ({
            unitId: a.unitId,
            present: a.present,
            representatives: a.present
              ? a.representatives
                  .split(/[;\n]/)
                  .map((s) => s.trim())
                  .filter((s) => s.length >= 2)
              : [],
            absenceReason: a.present ? null : a.absenceReason.trim(),
          })),
          countingCommittee: committee.map((m) => ({
            name: m.name.trim(),
            role: m.role.trim() || t('conference.memberRole'),
            unitId: m.unitId || null,
          })),
          minutes: minutes.trim() || null,
        },
      },
      checks,
    );
    if (data) onSaved();
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="conference-form">
      <h2 id="conference-form">{t('conference.record')}</h2>
      {action.shown.general && <Alert>{action.shown.general}</Alert>}
      <div className="form-row">
        <DateField
          label={t('conference.heldOn')}
          hint={datesFixed ? t('conference.datesFixed') : undefined}
          value={heldOn}
          onChange={setHeldOn}
          error={err('heldOn')}
          disabled={datesFixed}
          required
        />
        <DateField
          label={t('conference.endedOn')}
          hint={t('conference.endedOnHint')}
          disabled={datesFixed}
          value={endedOn}
          onChange={setEndedOn}
          error={err('endedOn')}
        />
      </div>
      <Field
        label={t('conference.place')}
        value={place}
        onChange={(e) => setPlace(e.target.value)}
        error={err('place')}
        required
      />
      <SelectField
        label={t('conference.chairUnit')}
        value={chairUnitId}
        onChange={(e) => setChairUnitId(e.target.value)}
        error={err('chairUnitId')}
      >
        <option value="">{t('conference.none')}</option>
        {choices.map((u) => (
          <option key={u} value={u}>
            {unitName(names, u)}
          </option>
        ))}
      </SelectField>
      <NameAndPosition
        name={{
          label: t('conference.chairPerson'),
          value: chairPerson,
          set: setChairPerson,
          field: 'chairPerson',
        }}
        position={{
          label: t('conference.chairPosition'),
          value: chairPosition,
          set: setChairPosition,
          field: 'chairPosition',
        }}
        err={err}
      />
      <NameAndPosition
        name={{
          label: t('conference.secretary'),
          value: secretaryName,
          set: setSecretaryName,
          field: 'secretaryName',
        }}
        position={{
          label: t('conference.secretaryPosition'),
          value: secretaryPosition,
          set: setSecretaryPosition,
          field: 'secretaryPosition',
        }}
        err={err}
      />
      <SecretaryPicker
        chosen={secretaryUser}
        error={err('secretaryUserId')}
        onChoose={(user, fullName) => {
          setSecretaryUser(user);
          if (fullName && !secretaryName.trim()) setSecretaryName(fullName);
        }}
      />

      <fieldset className="fieldset">
        <legend>{t('conference.attendance')}</legend>
        {attendance.map((a, i) => (
          <div key={a.unitId} className="attendance-row">
            <label className="check">
              <input
                type="checkbox"
                checked={a.present}
                onChange={(e) => setRow(i, { present: e.target.checked })}
              />
              <span>
                {unitName(names, a.unitId)} – {t('conference.present')}
              </span>
            </label>
            {a.present ? (
              <Field
                label={t('conference.representatives', { unit: unitName(names, a.unitId) })}
                hint={t('conference.representativesHint')}
                value={a.representatives}
                onChange={(e) => setRow(i, { representatives: e.target.value })}
                error={err(`attendance.${i}.representatives`)}
              />
            ) : (
              <Field
                label={t('conference.absenceReason', { unit: unitName(names, a.unitId) })}
                value={a.absenceReason}
                onChange={(e) => setRow(i, { absenceReason: e.target.value })}
                error={err(`attendance.${i}.absenceReason`)}
                required
              />
            )}
          </div>
        ))}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('conference.committee')}</legend>
        {committee.length === 0 && <p className="muted">{t('conference.committeeEmpty')}</p>}
        {committee.map((m, i) => (
          <div key={i} className="form-row">
            <Field
              label={t('conference.memberName', { n: i + 1 })}
              value={m.name}
              onChange={(e) => setMember(i, { name: e.target.value })}
              error={err(`countingCommittee.${i}.name`)}
            />
            <Field
              label={t('conference.memberRoleLabel', { n: i + 1 })}
              value={m.role}
              placeholder={i === 0 ? t('conference.chairRole') : t('conference.memberRole')}
              onChange={(e) => setMember(i, { role: e.target.value })}
            />
            <SelectField
              label={t('conference.memberUnit', { n: i + 1 })}
              value={m.unitId}
              onChange={(e) => setMember(i, { unitId: e.target.value })}
              error={err(`countingCommittee.${i}.unitId`)}
            >
              <option value="">{t('conference.none')}</option>
              {choices.map((u) => (
                <option key={u} value={u}>
                  {unitName(names, u)}
                </option>
              ))}
            </SelectField>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setCommittee((rows) => rows.filter((_, j) => j !== i))}
            >
              {t('conference.removeMember', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            setCommittee((rows) => [
              ...rows,
              {
                name: '',
                role: rows.length === 0 ? t('conference.chairRole') : t('conference.memberRole'),
                unitId: '',
              },
            ])
          }
        >
          {t('conference.addMember')}
        </button>
      </fieldset>

      <TextAreaField
        label={t('conference.minutes')}
        hint={t('conference.minutesHint')}
        rows={6}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={err('minutes')}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? t('confirm.busy') : c ? t('conference.saveCorrection') : t('conference.save')}
        </button>
      </div>
    </form>
  );
}

interface Box {
  label: string;
  value: string;
  set: (value: string) => void;
  /** The input's field, as the API names it in a refusal. */
  field: string;
}

/** A person of the conference (its chair, its secretary): name and position apart, as the minutes print them. */
function NameAndPosition({
  name,
  position,
  err,
}: {
  name: Box;
  position: Box;
  err: (field: string) => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <div className="form-row">
      {[
        { box: name, hint: t('conference.nameHint') },
        { box: position, hint: t('conference.positionHint') },
      ].map(({ box, hint }) => (
        <Field
          key={box.field}
          label={box.label}
          hint={hint}
          value={box.value}
          onChange={(e) => box.set(e.target.value)}
          error={err(box.field)}
        />
      ))}
    </div>
  );
}
