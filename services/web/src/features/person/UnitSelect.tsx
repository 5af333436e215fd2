import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Field, SelectField } from '../../ui/Field';

const UnitOptions = graphql(`
  query PersonUnitOptions($search: String, $includeFormer: Boolean!) {
    units(first: 50, filter: { search: $search, includeFormer: $includeFormer }) {
      totalCount
      nodes {
        id
        name
        validTo
      }
    }
  }
`);

/**
 * One unit of the province, narrowed by name on the server (a province has hundreds): a search box and the
 * matching units. The unit already chosen stays an option whatever the search.
 */
export function UnitSelect({
  label,
  value,
  onChange,
  emptyLabel,
  includeFormer = false,
  hint,
  error,
}: {
  label: string;
  value: { id: string; name: string } | null;
  onChange: (unit: { id: string; name: string } | null) => void;
  /** The option for no unit (in a filter: every unit). */
  emptyLabel: string;
  /** Ended units too (a filter: people of a unit that ended are still on record). */
  includeFormer?: boolean;
  hint?: string;
  error?: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [search, setSearch] = useState('');
  const [res, refetch] = useQuery({
    query: UnitOptions,
    variables: { search: search.trim() || null, includeFormer },
  });
  const found = res.data?.units;
  const options = [
    ...(value && !found?.nodes.some((u) => u.id === value.id) ? [{ ...value, validTo: null }] : []),
    ...(found?.nodes ?? []),
  ];
  return (
    <>
      <Field
        label={t('persons.unitSearch')}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <SelectField
        label={label}
        value={value?.id ?? ''}
        error={error}
        hint={[hint, found ? t('persons.unitsFound', { n: found.totalCount }) : null]
          .filter(Boolean)
          .join(' ')}
        onChange={(e) => {
          const unit = options.find((u) => u.id === e.target.value);
          onChange(unit ? { id: unit.id, name: unit.name } : null);
        }}
      >
        <option value="">{emptyLabel}</option>
        {options.map((u) => (
          <option key={u.id} value={u.id}>
            {u.validTo ? t('persons.unitEnded', { name: u.name, date: i18n.date(u.validTo) }) : u.name}
          </option>
        ))}
      </SelectField>
      {res.error && (
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
    </>
  );
}
