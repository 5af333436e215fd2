import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { hasRole, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { Alert, Loading } from '../../ui/Page';
import { CardTable } from '../../ui/CardTable';
import { useAction } from '../../ui/useAction';

export const SalariesQuery = graphql(`
  query BaseSalaries {
    baseSalaries {
      effectiveFrom
      amountVnd
      legalBasis
      sourceUrl
    }
  }
`);

const RecordSalary = graphql(`
  mutation RecordBaseSalary($input: RecordBaseSalaryInput!) {
    recordBaseSalary(input: $input) {
      effectiveFrom
    }
  }
`);

/**
 * The platform's base salary table (prize money = multiplier × the amount in force on the decision's date): read
 * by everyone, extended by the platform admin — a new decree is a new row, rows are never changed.
 */
export function BaseSalaryTable() {
  const i18n = useI18n();
  const { t } = i18n;
  const platform = hasRole(useSession(), 'PLATFORM_ADMIN');
  const [res, refetch] = useQuery({ query: SalariesQuery });
  const sourced = !!res.data?.baseSalaries.some((s) => s.sourceUrl);
  return (
    <section className="card" aria-labelledby="salary-title">
      <h2 id="salary-title">{t('salary.title')}</h2>
      <p>{t('salary.intro')}</p>
      {res.error ? (
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !res.data ? (
        <Loading />
      ) : (
        // Cards on a phone: the legal basis is a long sentence that a fourth column squeezed to a word a line.
        <CardTable
          caption={<span className="visually-hidden">{t('salary.title')}</span>}
          // The source's column only when a row has one: an empty column is a question nobody can answer.
          columns={[
            t('salary.from'),
            t('salary.amount'),
            t('salary.basis'),
            ...(sourced ? [t('salary.source')] : []),
          ]}
          rows={[...res.data.baseSalaries].reverse().map((s) => ({
            key: s.effectiveFrom,
            heading: i18n.date(s.effectiveFrom),
            cells: [
              i18n.number(s.amountVnd, 0),
              s.legalBasis,
              ...(!sourced
                ? []
                : s.sourceUrl
                  ? [
                      <a key="source" href={s.sourceUrl} rel="noreferrer noopener" target="_blank">
                        {t('salary.link')}
                      </a>,
                    ]
                  : [null]),
            ],
          }))}
        />
      )}
      {platform && <RecordSalaryForm onSaved={() => refetch({ requestPolicy: 'network-only' })} />}
    </section>
  );
}

function RecordSalaryForm({ onSaved }: { onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const save = useAction(RecordSalary);
  const [f, setF] = useState({ effectiveFrom: '', amountVnd: '', legalBasis: '', sourceUrl: '' });
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  const amount = Number(f.amountVnd.replace(/[.\s]/g, ''));
  const checks = {
    effectiveFrom: /^\d{4}-\d{2}-\d{2}$/.test(f.effectiveFrom) ? null : t('salary.check.date'),
    amountVnd: Number.isInteger(amount) && amount > 0 ? null : t('salary.check.amount'),
    legalBasis: f.legalBasis.trim().length >= 5 ? null : t('salary.check.basis'),
    sourceUrl: !f.sourceUrl || /^https?:\/\/\S+$/.test(f.sourceUrl) ? null : t('salary.check.url'),
  };
  const variables = {
    input: {
      effectiveFrom: f.effectiveFrom,
      amountVnd: amount,
      legalBasis: f.legalBasis.trim(),
      sourceUrl: f.sourceUrl.trim() || null,
    },
  };
  const err = (k: keyof typeof checks) => save.shown.fields[k] ?? save.shown.fields[`input.${k}`] ?? null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (Object.values(checks).some(Boolean)) void save.run(variables, checks);
    else setConfirming(true);
  };
  return (
    <form className="form form-after-table" noValidate onSubmit={submit} aria-labelledby="salary-add">
      <h3 id="salary-add">{t('salary.add')}</h3>
      <DateField
        label={t('salary.from')}
        value={f.effectiveFrom}
        error={err('effectiveFrom')}
        onChange={(value) => setF({ ...f, effectiveFrom: value })}
      />
      <Field
        label={t('salary.amount')}
        inputMode="numeric"
        value={f.amountVnd}
        error={err('amountVnd')}
        onChange={(e) => setF({ ...f, amountVnd: e.target.value })}
      />
      <Field
        label={t('salary.basis')}
        hint={t('salary.basisHint')}
        value={f.legalBasis}
        error={err('legalBasis')}
        onChange={(e) => setF({ ...f, legalBasis: e.target.value })}
      />
      <Field
        label={t('salary.sourceUrl')}
        type="url"
        value={f.sourceUrl}
        error={err('sourceUrl')}
        onChange={(e) => setF({ ...f, sourceUrl: e.target.value })}
      />
      {save.shown.general && <Alert>{save.shown.general}</Alert>}
      {saved && <Alert kind="success">{t('salary.saved')}</Alert>}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.busy}>
          {t('salary.save')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('salary.confirmTitle')}
        confirmLabel={t('salary.save')}
        busy={save.busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          void save.run(variables).then((done) => {
            setConfirming(false);
            if (done) {
              setSaved(true);
              setF({ effectiveFrom: '', amountVnd: '', legalBasis: '', sourceUrl: '' });
              onSaved();
            }
          })
        }
      >
        <p>
          {t('salary.confirmBody', {
            amount: i18n.number(amount, 0),
            date: f.effectiveFrom ? i18n.date(f.effectiveFrom) : '',
          })}
        </p>
      </ConfirmDialog>
    </form>
  );
}
