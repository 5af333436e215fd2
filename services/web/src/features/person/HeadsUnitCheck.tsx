import { useId } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Whether the person heads their unit: the women tie-break (R6) reads a woman at a collective's head. */
export function HeadsUnitCheck({ checked, onChange }: { checked: boolean; onChange(heads: boolean): void }) {
  const { t } = useI18n();
  const hintId = useId();
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby={hintId}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>{t('person.headsUnitCheck')}</span>
      </label>
      <p id={hintId} className="field-hint">
        {t('person.headsUnitHint')}
      </p>
    </>
  );
}
