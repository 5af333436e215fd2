import { useI18n, type MessageKey } from '../i18n/i18n';
import { SelectField } from './Field';

/** A labelled select of an enum's values, each in words (the message `prefix.VALUE`), its error beside it. */
export function Choice({
  prefix,
  options,
  placeholder,
  ...select
}: {
  label: string;
  value: string;
  options: readonly string[];
  prefix: string;
  /** Shown while nothing is chosen (value ''), for a choice the person must make rather than a default. */
  placeholder?: string;
  error?: string | null;
  onChange: (e: { target: { value: string } }) => void;
}) {
  const { t } = useI18n();
  return (
    <SelectField {...select}>
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {options.map((o) => (
        <option key={o} value={o}>
          {t(`${prefix}.${o}` as MessageKey)}
        </option>
      ))}
    </SelectField>
  );
}
