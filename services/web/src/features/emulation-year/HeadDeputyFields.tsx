import { useI18n } from '../../i18n/i18n';
import { SelectField } from '../../ui/Field';

/** The year's head and deputy units, chosen among the block's members that year (they must differ). */
export function HeadDeputyFields({
  units,
  head,
  deputy,
  onHead,
  onDeputy,
  errors,
  disabled,
}: {
  units: readonly { id: string; name: string }[];
  head: string;
  deputy: string;
  onHead(id: string): void;
  onDeputy(id: string): void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const options = (
    <>
      <option value="">{t('headDeputy.none')}</option>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </>
  );
  return (
    <div className="form-row">
      <SelectField
        label={t('year.head')}
        value={head}
        disabled={disabled}
        error={errors.headUnitId}
        onChange={(e) => onHead(e.target.value)}
      >
        {options}
      </SelectField>
      <SelectField
        label={t('year.deputy')}
        value={deputy}
        disabled={disabled}
        error={errors.deputyUnitId}
        onChange={(e) => onDeputy(e.target.value)}
      >
        {options}
      </SelectField>
    </div>
  );
}
