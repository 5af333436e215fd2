import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { nextScheduledClosing } from '../../ui/vietnamTime';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { usePolling } from '../../ui/usePolling';
import { NOT_CLOSED } from './reasons';

const ScheduleQuery = graphql(`
  query YearEndSchedule {
    yearEndSchedule {
      month
      day
      time
    }
  }
`);

/** Whether the closings of the next run's year and of the following run's were started before. */
const ScheduledYearsQuery = graphql(`
  query YearEndScheduledYears($provinceId: ID!, $year: Int!, $after: Int!) {
    next: yearEndClosing(provinceId: $provinceId, year: $year) {
      state
      blocks {
        status
      }
    }
    after: yearEndClosing(provinceId: $provinceId, year: $after) {
      state
    }
  }
`);
// Starting a closing on the page changes what the next run does, though no closing was read before to invalidate.
const CLOSINGS_CONTEXT = { additionalTypenames: ['YearEndClosing'] };

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
  const { t } = useI18n();
  const [res, refetch] = useQuery({ query: ScheduleQuery });
  const save = useAction(SetSchedule);
  const [form, setForm] = useState({ month: '', day: '', time: '' });
  const [saved, setSaved] = useState(false);
  const s = res.data?.yearEndSchedule;
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
      {s && <NextRun schedule={s} />}
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

/**
 * When the next run starts and what it will do. Which year it closes: the schedule alone does not say it (a
 * January run closes last year). And whether it closes anything: the worker starts a year's closing only once, so
 * a year whose closing was started before (by hand or by an earlier run) is left as it is, its blocks that could
 * not close included; the run after it is then the one that closes a year.
 */
function NextRun({ schedule }: { schedule: { month: number; day: number; time: string } }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { provinceId } = useSession();
  const next = nextScheduledClosing(schedule);
  const after = nextScheduledClosing(schedule, next.at);
  const [res, refetch] = useQuery({
    query: ScheduledYearsQuery,
    variables: { provinceId: provinceId ?? '', year: next.year, after: after.year },
    pause: !provinceId,
    context: CLOSINGS_CONTEXT,
  });
  const started = res.data?.next;
  // Its blocks not closed are known once it is done.
  usePolling(refetch, started?.state === 'RUNNING' ? 2000 : null);
  // Unreadable, the closings leave the line as the schedule alone says it.
  if (!res.data && !res.error) return null;
  if (!started)
    return (
      <p>
        <strong>{t('yearEnd.nextRun', { when: i18n.dateTime(next.at), year: next.year })}</strong>
      </p>
    );
  const notClosed =
    started.state === 'DONE' ? started.blocks.filter((b) => NOT_CLOSED.has(b.status)).length : 0;
  return (
    <>
      <p>
        <strong>{t('yearEnd.nextRunNothing', { when: i18n.dateTime(next.at), year: next.year })}</strong>
        {notClosed > 0 && ` ${t('yearEnd.nextRunNotResumed', { n: notClosed, year: next.year })}`}
      </p>
      {!res.data?.after && (
        <p>{t('yearEnd.nextRunAfter', { when: i18n.dateTime(after.at), year: after.year })}</p>
      )}
    </>
  );
}
