import { useRef, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Field, SelectField } from '../../ui/Field';

const UnitChoices = graphql(`
  query UnitChoices($search: String) {
    units(first: 50, filter: { search: $search, includeFormer: true }) {
      totalCount
      nodes {
        id
        name
        validTo
      }
    }
  }
`);

export interface ChosenUnit {
  id: string;
  name: string;
  /** Its last day, when it has ended. */
  validTo?: string | null;
}

/**
 * Adds units to a list the form keeps: the person narrows the units of the province in scope (ended ones too:
 * history names them) by name on the server, picks one and adds it. Units already chosen are left out.
 */
export function UnitChooser({
  label,
  addLabel,
  exclude,
  error,
  onAdd,
}: {
  label: string;
  addLabel: string;
  exclude: ReadonlySet<string>;
  error?: string | null;
  onAdd: (unit: ChosenUnit) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [search, setSearch] = useState('');
  const [unitId, setUnitId] = useState('');
  const row = useRef<HTMLDivElement>(null);
  const [res, refetch] = useQuery({ query: UnitChoices, variables: { search: search.trim() || null } });
  const found = res.data?.units;
  const options = found?.nodes.filter((u) => !exclude.has(u.id)) ?? [];
  const add = () => {
    const unit = options.find((u) => u.id === unitId);
    if (!unit) return;
    onAdd({ id: unit.id, name: unit.name, validTo: unit.validTo });
    setUnitId('');
    // The button is disabled now (nothing chosen): the keyboard goes back to the search, for the next unit.
    const box = row.current?.querySelector<HTMLInputElement>('input[type=search]');
    box?.focus();
    box?.select();
  };
  return (
    <div className="form-row" ref={row}>
      <Field
        label={t('chooser.search')}
        type="search"
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setUnitId('');
        }}
      />
      <SelectField
        label={label}
        value={unitId}
        error={error}
        // Those already added are not offered again, nor counted.
        hint={
          found
            ? t('chooser.found', { n: found.totalCount - (found.nodes.length - options.length) })
            : undefined
        }
        onChange={(e) => setUnitId(e.target.value)}
      >
        <option value="">{t('chooser.choose')}</option>
        {options.map((u) => (
          <option key={u.id} value={u.id}>
            {u.validTo ? t('chooser.ended', { name: u.name, date: i18n.date(u.validTo) }) : u.name}
          </option>
        ))}
      </SelectField>
      <button type="button" className="button button-secondary" disabled={!unitId} onClick={add}>
        {addLabel}
      </button>
      {res.error && (
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      )}
    </div>
  );
}
