import { useState, type FormEvent } from 'react';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { DateField } from '../../ui/DateField';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { HeadDeputyFields } from './HeadDeputyFields';
import type { Year } from './useYear';

const UpdateYear = graphql(`
  mutation UpdateEmulationYear($id: ID!, $input: UpdateEmulationYearInput!) {
    updateEmulationYear(id: $id, input: $input) {
      id
      theme
    }
  }
`);

/** The secretariat's settings of a year: theme, deadlines, and (while in draft) the head and deputy units. */
export function YearSetup({ y, onSaved }: { y: Year; onSaved: () => void }) {
  const { t } = useI18n();
  const ids = y.members.map((m) => m.unitId);
  const { names } = useUnitNames(ids);
  const [theme, setTheme] = useState(y.theme ?? '');
  const [head, setHead] = useState(y.headUnit?.id ?? '');
  const [deputy, setDeputy] = useState(y.deputyUnit?.id ?? '');
  const [registrationDeadline, setRegistration] = useState(y.registrationDeadline ?? '');
  const [scoringDeadline, setScoring] = useState(y.scoringDeadline ?? '');
  const [saved, setSaved] = useState(false);
  const update = useAction(UpdateYear);
  const draft = y.state === 'DRAFT';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const done = await update.run(
      {
        id: y.id,
        input: {
          ...(theme.trim() !== (y.theme ?? '') ? { theme: theme.trim() } : {}),
          ...(draft && head && head !== y.headUnit?.id ? { headUnitId: head } : {}),
          ...(draft && deputy && deputy !== y.deputyUnit?.id ? { deputyUnitId: deputy } : {}),
          ...(registrationDeadline ? { registrationDeadline } : {}),
          ...(scoringDeadline ? { scoringDeadline } : {}),
        },
      },
      {
        theme: theme.trim().length < 2 ? t('openYear.themeShort') : null,
        deputyUnitId: head && head === deputy ? t('openYear.sameUnit') : null,
      },
    );
    if (done) {
      setSaved(true);
      onSaved();
    }
  }

  return (
    <section className="card" aria-labelledby="setup">
      <h2 id="setup">{t('setup.title')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {update.shown.general && <Alert>{update.shown.general}</Alert>}
        {saved && <Alert kind="success">{t('setup.saved')}</Alert>}
        <Field
          label={t('year.theme')}
          value={theme}
          maxLength={500}
          error={update.shown.fields.theme}
          onChange={(e) => setTheme(e.target.value)}
        />
        <HeadDeputyFields
          units={ids.map((id) => ({ id, name: unitName(names, id) }))}
          head={head}
          deputy={deputy}
          onHead={setHead}
          onDeputy={setDeputy}
          errors={update.shown.fields}
          disabled={!draft}
        />
        {!draft && <p className="field-hint">{t('setup.headFixed')}</p>}
        <div className="form-row">
          <DateField
            label={t('setup.registrationDeadline')}
            value={registrationDeadline}
            error={update.shown.fields.registrationDeadline}
            onChange={setRegistration}
          />
          <DateField
            label={t('setup.scoringDeadline')}
            value={scoringDeadline}
            error={update.shown.fields.scoringDeadline}
            onChange={setScoring}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={update.busy}>
          {t('setup.save')}
        </button>
      </form>
    </section>
  );
}
