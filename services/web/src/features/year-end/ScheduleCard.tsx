import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { nextScheduledClosing } from '../../ui/vietnamTime';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';

const ScheduleQuery = graphql(`
  query YearEndSchedule {
    yearEndSchedule {
      month
      day
      time
    }
  }
`);

const SetSchedule = graphql(`
  mutation SetYearEndSchedule($input: YearEndScheduleInput!) {
    setYearEndSchedule(input: $input) {
      month
      day
      time
    }
  }
`);

/** Days of each month in a leap year: 29 February is a valid yearly date (the API says so too). */
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The province's yearly start of the closing: shown, and changed by the secretariat. */
export function ScheduleCard() {
  const i18n = useI18n();
  const { t } = i18n;
  const [res, refetch] = useQuery({ query: ScheduleQuery });
  const save = useAction(SetSchedule);
  const [form, setForm] = useState({ month: '', day: '', time: '' });
  const [saved, setSaved] = useState(false);
  const s = res.data?.yearEndSchedule;
  const next = s ? nextScheduledClosing(s) : null;
  useEffect(() => {
    if (s) setForm({ month: String(s.month), day: String(s.day), time: s.time.slice(0, 5) });
  }, [s]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const month = Number(form.month);
    const day = Number(form.day);
    const monthOk = Number.isInteger(month) && month >= 1 && month <= 12;
    const done = await save.run(
      { input: { month, day, time: form.time } },
      {
        // An empty field asks for its value; a wrong one says what is wrong with it.
        month: !form.month.trim()
          ? t('error.field.required', { field: t('field.month') })
          : monthOk
            ? null
            : t('yearEnd.check.month'),
        day: !form.day.trim()
          ? t('error.field.required', { field: t('field.day') })
          : Number.isInteger(day) && day >= 1 && (!monthOk || day <= DAYS[month - 1]!)
            ? null
            : t('yearEnd.check.day'),
        time: !form.time.trim()
          ? t('error.field.required', { field: t('field.time') })
          : /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(form.time)
            ? null
            : t('yearEnd.check.time'),
      },
    );
    if (done) {
      setSaved(true);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  const f = save.shown.fields;
  return (
    <section className="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('yearEnd.schedule')}</h2>
      <p>
        {s
          ? t('yearEnd.scheduleIs', { time: s.time.slice(0, 5), day: s.day, month: s.month })
          : t('yearEnd.scheduleNone')}
      </p>
      {/* Which year the next run closes: the schedule alone does not say it (a January run closes last year). */}
      {next && (
        <p>
          <strong>{t('yearEnd.nextRun', { when: i18n.dateTime(next.at), year: next.year })}</strong>
        </p>
      )}
      <form className="filters" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('yearEnd.day')}
          inputMode="numeric"
          value={form.day}
          error={f.day}
          onChange={(e) => setForm({ ...form, day: e.target.value })}
        />
        <Field
          label={t('yearEnd.month')}
          inputMode="numeric"
          value={form.month}
          error={f.month}
          onChange={(e) => setForm({ ...form, month: e.target.value })}
        />
        <Field
          label={t('yearEnd.time')}
          value={form.time}
          error={f.time}
          onChange={(e) => setForm({ ...form, time: e.target.value })}
        />
        <button type="submit" className="button button-primary" disabled={save.busy}>
          {t('yearEnd.saveSchedule')}
        </button>
      </form>
      {save.shown.general && <Alert>{save.shown.general}</Alert>}
      {saved && <Alert kind="success">{t('yearEnd.scheduleSaved')}</Alert>}
    </section>
  );
}
