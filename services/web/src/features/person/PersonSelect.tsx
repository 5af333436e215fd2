import { useDeferredValue, useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Field, SelectField } from '../../ui/Field';

/** As many as a select can hold and still be read; a unit with more is searched by name. */
const LISTED = 100;

const PersonOptions = graphql(`
  query UnitPersonOptions($unitId: ID!, $search: String, $first: Int!) {
    persons(first: $first, filter: { unitId: $unitId, search: $search }) {
      totalCount
      nodes {
        id
        fullName
        position
      }
    }
  }
`);
const ChosenPerson = graphql(`
  query ChosenPerson($id: ID!) {
    person(id: $id) {
      id
      fullName
      position
      unitId
    }
  }
`);

export interface PersonOption {
  id: string;
  fullName: string;
  position: string | null;
}

/**
 * One of a unit's people. A unit with more than a select can hold is searched by name on the server (with or
 * without diacritics); the person chosen stays an option whatever the search, and one chosen elsewhere (carried
 * back in the address) is looked up, and dropped unless they work in this unit.
 */
export function PersonSelect({
  unitId,
  label,
  emptyLabel,
  value,
  onChange,
  error,
  noneHint,
  onListed,
}: {
  unitId: string;
  label: string;
  emptyLabel: string;
  value: string;
  onChange: (person: PersonOption | null) => void;
  error?: string | null;
  /** Said when the unit has nobody on record yet. */
  noneHint: string;
  /** How many people the unit has on record, once known. */
  onListed?: (count: number) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const typed = useDeferredValue(search.trim());
  const [res, refetch] = useQuery({
    query: PersonOptions,
    variables: { unitId, search: typed || null, first: LISTED },
  });
  const found = res.data?.persons;
  const [chosen, setChosen] = useState<PersonOption | null>(null);
  const listed = found?.nodes.find((p) => p.id === value);
  const [lookup] = useQuery({
    query: ChosenPerson,
    variables: { id: value },
    pause: !value || !found || !!listed || chosen?.id === value,
  });
  const looked = lookup.data?.person;
  useEffect(() => {
    if (listed) setChosen(listed);
    else if (looked?.id === value) {
      if (looked.unitId === unitId) setChosen(looked);
      else onChange(null);
    } else if (lookup.error) onChange(null);
  }, [listed, looked, lookup.error, value, unitId, onChange]);
  const many = !!typed || (found?.totalCount ?? 0) > (found?.nodes.length ?? 0);
  useEffect(() => {
    if (found && !typed) onListed?.(found.totalCount);
  }, [found, typed, onListed]);
  const options = [...(chosen && chosen.id === value && !listed ? [chosen] : []), ...(found?.nodes ?? [])];
  return (
    <>
      {many && (
        <Field
          label={t('persons.personSearch')}
          hint={t(typed ? 'persons.personsFound' : 'persons.personsMany', {
            n: found?.totalCount ?? 0,
            listed: LISTED,
          })}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      )}
      <SelectField
        label={label}
        value={options.some((p) => p.id === value) ? value : ''}
        error={error}
        hint={found && !typed && found.totalCount === 0 ? noneHint : undefined}
        onChange={(e) => onChange(options.find((p) => p.id === e.target.value) ?? null)}
      >
        <option value="">{emptyLabel}</option>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.fullName}
            {p.position ? ` – ${p.position}` : ''}
          </option>
        ))}
      </SelectField>
      {res.error && (
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
    </>
  );
}
