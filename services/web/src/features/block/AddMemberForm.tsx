import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../ui/DateField';
import { Field, SelectField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { comingEmulationYear } from './dates';

const UnitSearch = graphql(`
  query UnitSearch($search: String) {
    units(first: 50, filter: { search: $search }) {
      totalCount
      nodes {
        id
        name
      }
    }
  }
`);
const AddMember = graphql(`
  mutation AddBlockMember($input: BlockMemberInput!) {
    addBlockMember(input: $input) {
      id
    }
  }
`);

/** Adds a unit from a date: the person narrows the province's units by name, then picks one. */
export function AddMemberForm({
  blockId,
  memberIds,
  onAdded,
}: {
  blockId: string;
  memberIds: readonly string[];
  onAdded: () => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [unitId, setUnitId] = useState('');
  const [date, setDate] = useState(() => `${comingEmulationYear()}-01-01`);
  const [units] = useQuery({ query: UnitSearch, variables: { search: search.trim() || null } });
  const add = useAction(AddMember);
  // The unit just added, named: the list above changes, but a person at the form reads nothing there.
  const [added, setAdded] = useState<string | null>(null);
  const found = units.data?.units;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAdded(null);
    const name = found?.nodes.find((u) => u.id === unitId)?.name ?? null;
    const done = await add.run(
      { input: { blockId, unitId, date } },
      {
        unitId: unitId ? null : t('members.chooseUnit'),
        date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? null : t('members.dateInvalid'),
      },
    );
    if (done) {
      setUnitId('');
      setAdded(name);
      onAdded();
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-member">
      <h3 id="add-member">{t('members.add')}</h3>
      {(add.shown.general ?? add.shown.fields.blockId) && (
        <Alert>{add.shown.general ?? add.shown.fields.blockId}</Alert>
      )}
      {added && <Alert kind="success">{t('members.added', { name: added })}</Alert>}
      <Field
        label={t('members.search')}
        type="search"
        value={search}
        onChange={(e) => {
          setSearch(e.target.value);
          setUnitId('');
        }}
      />
      <SelectField
        label={t('members.unit')}
        value={unitId}
        error={add.shown.fields.unitId}
        hint={found ? t('members.found', { n: found.totalCount }) : undefined}
        onChange={(e) => setUnitId(e.target.value)}
      >
        <option value="">{t('members.choose')}</option>
        {found?.nodes.map((u) => {
          const member = memberIds.includes(u.id);
          return (
            <option key={u.id} value={u.id} disabled={member}>
              {member ? t('members.alreadyMember', { name: u.name }) : u.name}
            </option>
          );
        })}
      </SelectField>
      <DateField
        label={t('members.firstDay')}
        hint={t('members.firstDayHint', { year: comingEmulationYear() })}
        value={date}
        error={add.shown.fields.date}
        onChange={setDate}
      />
      <button type="submit" className="button button-primary" disabled={add.busy}>
        {t('members.addButton')}
      </button>
    </form>
  );
}
