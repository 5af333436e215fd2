import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextAreaField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { DeferralFields, type DeferralKind } from '../unit/DeferralFields';
import { today } from '../block/dates';
import { AppraiseMutation, DeferMutation } from './operations';

type Step = 'IN_APPRAISAL' | 'COUNCIL_REVIEW' | 'RETURNED' | 'NOT_ELIGIBLE' | 'DEFERRED';

/** The steps the secretariat may take from each status (packages/domain's nomination lifecycle). */
const NEXT: Record<string, Step[]> = {
  SUBMITTED: ['IN_APPRAISAL'],
  IN_APPRAISAL: ['COUNCIL_REVIEW', 'RETURNED', 'DEFERRED', 'NOT_ELIGIBLE'],
  DEFERRED: ['IN_APPRAISAL'],
};
const NEEDS_REASON: Step[] = ['RETURNED', 'NOT_ELIGIBLE', 'DEFERRED'];

/**
 * The secretariat's appraisal of one nomination: start, put to the council, return with a reason, defer (R8,
 * recording the open process on the unit, which defers its nominations on their way and leaves it out when the engine runs again), or find it not eligible. Each step is
 * confirmed in a dialog that says what it does and who is told.
 */
export function AppraisalActions({
  id,
  status,
  unitId,
  unitName,
  personal,
  noReport = false,
  onDone,
}: {
  id: string;
  status: string;
  unitId: string;
  unitName: string;
  /** A person's title: deferring it is this nomination's step, not a matter recorded on their unit. */
  personal: boolean;
  /** No achievement report is attached: said before it goes to the council, whose ballot says it too. */
  noReport?: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step | null>(null);
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<DeferralKind>('INSPECTION');
  const [openedOn, setOpenedOn] = useState(today);
  const appraise = useAction(AppraiseMutation);
  const defer = useAction(DeferMutation);
  const steps = NEXT[status] ?? [];
  if (!steps.length) return null;

  const close = () => {
    setStep(null);
    appraise.reset();
    defer.reset();
  };
  async function confirm() {
    if (!step) return;
    const needs = NEEDS_REASON.includes(step);
    const why = needs && reason.trim().length < 3 ? t('appraise.check.reason') : null;
    const done =
      step === 'DEFERRED' && !personal
        ? await defer.run(
            // Recording the open process defers the unit's nominations on their way, this one among them (R8).
            { deferral: { unitId, reason: kind, note: reason.trim(), openedOn } },
            { note: why, openedOn: openedOn ? null : t('appraise.check.openedOn') },
          )
        : await appraise.run(
            { input: { id, to: step, reason: needs ? reason.trim() : null } },
            { reason: why },
          );
    if (done) {
      close();
      setReason('');
      onDone();
    }
  }
  const errors = { ...defer.shown.fields, ...appraise.shown.fields };
  // A refusal of the step itself (`to`) shows beside the reason when there is one, else above the buttons.
  const general =
    defer.shown.general ??
    appraise.shown.general ??
    (step && !NEEDS_REASON.includes(step) ? (errors.to ?? null) : null);

  return (
    <section className="card stack" aria-labelledby="appraise">
      <h2 id="appraise">{t('appraise.title')}</h2>
      <div className="actions">
        {steps.map((s) => (
          <button
            key={s}
            type="button"
            className={
              s === 'COUNCIL_REVIEW' || s === 'IN_APPRAISAL'
                ? 'button button-primary'
                : 'button button-secondary'
            }
            onClick={() => setStep(s)}
          >
            {t(`appraise.step.${s}`)}
          </button>
        ))}
      </div>
      <ConfirmDialog
        open={!!step}
        title={step ? t(`appraise.title.${step}`) : ''}
        confirmLabel={step ? t(`appraise.step.${step}`) : ''}
        danger={step === 'NOT_ELIGIBLE'}
        busy={appraise.busy || defer.busy}
        error={general && <Alert>{general}</Alert>}
        onCancel={close}
        onConfirm={() => void confirm()}
      >
        {step && (
          <p>
            {step === 'DEFERRED' && personal
              ? t('appraise.body.DEFERRED_PERSON')
              : t(`appraise.body.${step}`, { unit: unitName })}
          </p>
        )}
        {step === 'COUNCIL_REVIEW' && noReport && <Alert kind="warning">{t('appraise.noReport')}</Alert>}
        {step === 'DEFERRED' && !personal && (
          <>
            <DeferralFields
              kind={kind}
              openedOn={openedOn}
              error={errors.openedOn}
              onChange={(next) => {
                setKind(next.kind);
                setOpenedOn(next.openedOn);
              }}
            />
          </>
        )}
        {step && NEEDS_REASON.includes(step) && (
          <TextAreaField
            label={step === 'DEFERRED' && !personal ? t('appraise.deferNote') : t('appraise.reason')}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason ?? errors.note ?? errors.to}
          />
        )}
      </ConfirmDialog>
    </section>
  );
}
