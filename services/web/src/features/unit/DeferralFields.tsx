import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../ui/DateField';
import { SelectField } from '../../ui/Field';
import { today } from '../block/dates';

export const DEFERRAL_KINDS = ['INSPECTION', 'DISCIPLINE', 'COMPLAINT'] as const;
export type DeferralKind = (typeof DEFERRAL_KINDS)[number];

/** What process is open on a unit (R8) and since when: never a future day. */
export function DeferralFields({
  kind,
  openedOn,
  onChange,
  error,
}: {
  kind: DeferralKind;
  openedOn: string;
  onChange(next: { kind: DeferralKind; openedOn: string }): void;
  error?: string | null;
}) {
  const { t } = useI18n();
  return (
    <div className="form-row">
      <SelectField
        label={t('appraise.deferKind')}
        value={kind}
        onChange={(e) => onChange({ kind: e.target.value as DeferralKind, openedOn })}
      >
        {DEFERRAL_KINDS.map((r) => (
          <option key={r} value={r}>
            {t(`deferral.${r}`)}
          </option>
        ))}
      </SelectField>
      <DateField
        label={t('appraise.openedOn')}
        value={openedOn}
        max={today()}
        error={error}
        onChange={(value) => onChange({ kind, openedOn: value })}
      />
    </div>
  );
}
