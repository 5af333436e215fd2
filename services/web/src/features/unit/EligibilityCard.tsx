import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { sentenceCase, useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmButton, ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { Alert, Loading } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { thisYear, today } from '../block/dates';
import { DeferralFields, type DeferralKind } from './DeferralFields';

const DISQUALIFICATIONS = [
  'UNIT_DISCIPLINED',
  'HEAD_DISCIPLINED',
  'COVENANT_BREACH',
  'LATE_DOSSIER',
] as const;

const EligibilityQuery = graphql(`
  query UnitEligibility($id: ID!) {
    unit(id: $id) {
      id
      deferrals(first: 100) {
        id
        reason
        note
        openedOn
        closedOn
      }
      disqualifications {
        id
        year
        reason
        detail
      }
    }
  }
`);

const RecordDeferral = graphql(`
  mutation RecordUnitDeferral($input: RecordDeferralInput!) {
    recordDeferral(input: $input) {
      id
    }
  }
`);

const CloseDeferral = graphql(`
  mutation CloseUnitDeferral($id: ID!, $closedOn: LocalDate!) {
    closeDeferral(id: $id, closedOn: $closedOn) {
      id
      closedOn
    }
  }
`);

const RecordDisqualification = graphql(`
  mutation RecordUnitDisqualification($input: RecordDisqualificationInput!) {
    recordDisqualification(input: $input) {
      id
    }
  }
`);

const RemoveDisqualification = graphql(`
  mutation RemoveUnitDisqualification($id: ID!) {
    removeDisqualification(id: $id) {
      id
    }
  }
`);

/**
 * What keeps a unit from being proposed (R8, R9): the discipline processes, inspections and complaints open on it
 * (its nominations on their way are deferred while one is open) and the facts that disqualify a year. The
 * secretariat records and closes them; the unit's own officers read them; nobody else sees the details.
 */
export function EligibilityCard({ unitId, admin }: { unitId: string; admin: boolean }) {
  const { t, date } = useI18n();
  const [res, refetch] = useQuery({ query: EligibilityQuery, variables: { id: unitId } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const close = useAction(CloseDeferral);
  const remove = useAction(RemoveDisqualification);
  const [closedOn, setClosedOn] = useState(today);
  const unit = res.data?.unit;
  return (
    <section className="card stack" aria-labelledby="eligibility-title">
      <h2 id="eligibility-title">{t('eligibility.title')}</h2>
      <p className="muted">{t('eligibility.intro')}</p>
      {res.error ? (
        <ApiErrorView error={res.error} retry={reload} />
      ) : !unit ? (
        <Loading />
      ) : (
        <>
          <h3>{t('eligibility.deferrals')}</h3>
          {unit.deferrals.length === 0 ? (
            <p className="muted">{t('eligibility.noDeferrals')}</p>
          ) : (
            <TableWrap label={t('eligibility.deferrals')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('eligibility.kind')}</th>
                    <th scope="col">{t('eligibility.note')}</th>
                    <th scope="col">{t('eligibility.openedOn')}</th>
                    <th scope="col">{t('eligibility.closedOn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {unit.deferrals.map((d) => (
                    <tr key={d.id}>
                      <th scope="row">{t(`deferral.${d.reason}`)}</th>
                      <td>{d.note}</td>
                      <td>{date(d.openedOn)}</td>
                      <td>
                        {d.closedOn ? (
                          date(d.closedOn)
                        ) : (
                          <>
                            <span className="status status-open">{t('eligibility.open')}</span>
                            {admin && (
                              <ConfirmButton
                                label={t('eligibility.close')}
                                title={t('eligibility.closeTitle')}
                                busy={close.busy}
                                error={
                                  (close.shown.general || close.shown.fields.closedOn) && (
                                    <Alert>{close.shown.general ?? close.shown.fields.closedOn}</Alert>
                                  )
                                }
                                action={async () => {
                                  const ok = !!(await close.run({ id: d.id, closedOn }));
                                  if (ok) reload();
                                  return ok;
                                }}
                              >
                                <p>{t('eligibility.closeBody', { note: d.note })}</p>
                                <DateField
                                  label={t('eligibility.closedOn')}
                                  value={closedOn}
                                  max={today()}
                                  onChange={setClosedOn}
                                />
                              </ConfirmButton>
                            )}
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {admin && <DeferralForm unitId={unitId} onDone={reload} />}

          <h3>{t('eligibility.disqualifications')}</h3>
          {unit.disqualifications.length === 0 ? (
            <p className="muted">{t('eligibility.noDisqualifications')}</p>
          ) : (
            <TableWrap label={t('eligibility.disqualifications')}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('eligibility.year')}</th>
                    <th scope="col">{t('eligibility.kind')}</th>
                    <th scope="col">{t('eligibility.detail')}</th>
                    {admin && <th scope="col">{t('unit.remove')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {unit.disqualifications.map((d) => (
                    <tr key={d.id}>
                      <th scope="row" className="short">
                        {d.year}
                      </th>
                      <td>{sentenceCase(t(`rules.dq.${d.reason}`))}</td>
                      <td>{d.detail}</td>
                      {admin && (
                        <td>
                          <ConfirmButton
                            label={t('unit.remove')}
                            title={t('eligibility.removeTitle')}
                            danger
                            busy={remove.busy}
                            error={remove.shown.general && <Alert>{remove.shown.general}</Alert>}
                            action={async () => {
                              const ok = !!(await remove.run({ id: d.id }));
                              if (ok) reload();
                              return ok;
                            }}
                          >
                            <p>{t('eligibility.removeBody', { year: d.year, detail: d.detail })}</p>
                          </ConfirmButton>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {admin && <DisqualificationForm unitId={unitId} onDone={reload} />}
        </>
      )}
    </section>
  );
}

/** A process opened on the unit (R8): what kind, what it is (a decision's number), since when. */
function DeferralForm({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const { t } = useI18n();
  const record = useAction(RecordDeferral);
  const [f, setF] = useState({
    reason: 'INSPECTION' as DeferralKind,
    note: '',
    openedOn: today(),
  });
  const [done, setDone] = useState(false);
  // It defers every proposal of the unit under appraisal at once, and tells the unit: read back first.
  const [confirming, setConfirming] = useState(false);
  const note = f.note.trim();
  const checks = () => ({
    note: note.length >= 3 ? null : t('appraise.check.reason'),
    openedOn: f.openedOn ? null : t('appraise.check.openedOn'),
  });
  function review(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (record.check(checks())) setConfirming(true);
  }
  async function submit() {
    const ok = await record.run(
      { input: { unitId, reason: f.reason, note, openedOn: f.openedOn } },
      checks(),
    );
    setConfirming(false);
    if (ok) {
      setDone(true);
      setF({ ...f, note: '' });
      onDone();
    }
  }
  const err = (k: string) => record.shown.fields[k] ?? record.shown.fields[`input.${k}`] ?? null;
  return (
    <form className="form" noValidate onSubmit={review} aria-labelledby="record-deferral">
      <h4 id="record-deferral">{t('eligibility.recordDeferral')}</h4>
      <p className="field-hint">{t('eligibility.recordDeferralHint')}</p>
      <DeferralFields
        kind={f.reason}
        openedOn={f.openedOn}
        error={err('openedOn')}
        onChange={(next) => setF({ ...f, reason: next.kind, openedOn: next.openedOn })}
      />
      <TextAreaField
        label={t('appraise.deferNote')}
        rows={2}
        value={f.note}
        error={err('note')}
        onChange={(e) => setF({ ...f, note: e.target.value })}
      />
      {record.shown.general && <Alert>{record.shown.general}</Alert>}
      {done && <Alert kind="success">{t('eligibility.deferralRecorded')}</Alert>}
      <div className="actions">
        <button type="submit" className="button button-secondary" disabled={record.busy}>
          {t('eligibility.recordDeferral')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('eligibility.confirmDeferral')}
        confirmLabel={t('eligibility.recordDeferral')}
        busy={record.busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void submit()}
      >
        <p>
          {t(`deferral.${f.reason}`)}: {note}
        </p>
        <p>{t('eligibility.recordDeferralHint')}</p>
      </ConfirmDialog>
    </form>
  );
}

/** A fact that disqualifies the unit's year when the province's rule set lists it (R9). */
function DisqualificationForm({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const { t } = useI18n();
  const record = useAction(RecordDisqualification);
  const [f, setF] = useState({
    reason: 'UNIT_DISCIPLINED' as (typeof DISQUALIFICATIONS)[number],
    year: String(thisYear()),
    detail: '',
  });
  const [done, setDone] = useState(false);
  // It takes the unit out of its block's proposals for the year: read back first.
  const [confirming, setConfirming] = useState(false);
  const year = Number(f.year);
  const detail = f.detail.trim();
  const checks = () => ({
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? null : t('unit.check.year'),
    detail: detail.length >= 3 ? null : t('appraise.check.reason'),
  });
  function review(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (record.check(checks())) setConfirming(true);
  }
  async function submit() {
    const ok = await record.run({ input: { unitId, year, reason: f.reason, detail } }, checks());
    setConfirming(false);
    if (ok) {
      setDone(true);
      setF({ ...f, detail: '' });
      onDone();
    }
  }
  const err = (k: string) => record.shown.fields[k] ?? record.shown.fields[`input.${k}`] ?? null;
  return (
    <form className="form" noValidate onSubmit={review} aria-labelledby="record-dq">
      <h4 id="record-dq">{t('eligibility.recordDisqualification')}</h4>
      <div className="form-row">
        <SelectField
          label={t('eligibility.kind')}
          value={f.reason}
          onChange={(e) => setF({ ...f, reason: e.target.value as (typeof DISQUALIFICATIONS)[number] })}
        >
          {DISQUALIFICATIONS.map((r) => (
            <option key={r} value={r}>
              {sentenceCase(t(`rules.dq.${r}`))}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('eligibility.year')}
          inputMode="numeric"
          value={f.year}
          error={err('year')}
          onChange={(e) => setF({ ...f, year: e.target.value })}
        />
      </div>
      <TextAreaField
        label={t('eligibility.detail')}
        hint={t('eligibility.detailHint')}
        rows={2}
        value={f.detail}
        error={err('detail')}
        onChange={(e) => setF({ ...f, detail: e.target.value })}
      />
      {record.shown.general && <Alert>{record.shown.general}</Alert>}
      {done && <Alert kind="success">{t('eligibility.disqualificationRecorded')}</Alert>}
      <div className="actions">
        <button type="submit" className="button button-secondary" disabled={record.busy}>
          {t('eligibility.recordDisqualification')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('eligibility.confirmDisqualification', { year: f.year.trim() })}
        confirmLabel={t('eligibility.recordDisqualification')}
        busy={record.busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void submit()}
      >
        <p>
          {sentenceCase(t(`rules.dq.${f.reason}`))}: {detail}
        </p>
        <p>{t('eligibility.confirmDisqualificationBody', { year: f.year.trim() })}</p>
      </ConfirmDialog>
    </form>
  );
}
