import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Field, SelectField } from '../../ui/Field';

/** The roles the secretariat gives in its province (by invitation, or instead of another role). */
export const PROVINCE_ROLES = ['UNIT_OFFICER', 'PROVINCE_ADMIN', 'COUNCIL_MEMBER'] as const;
export type ProvinceRole = (typeof PROVINCE_ROLES)[number];

const UnitsQuery = graphql(`
  query RoleUnits($search: String) {
    units(first: 100, filter: { search: $search }) {
      nodes {
        id
        name
      }
      totalCount
    }
  }
`);

/** A role in the province and, for a unit's officer, the unit (found by a part of its name). */
export function RoleFields({
  role,
  unitId,
  onRole,
  onUnit,
  unitError,
}: {
  role: ProvinceRole;
  unitId: string;
  onRole: (role: ProvinceRole) => void;
  onUnit: (unitId: string) => void;
  unitError?: string | null;
}) {
  const { t } = useI18n();
  const [unitSearch, setUnitSearch] = useState('');
  const officer = role === 'UNIT_OFFICER';
  const [units] = useQuery({
    query: UnitsQuery,
    variables: { search: unitSearch.trim() || null },
    pause: !officer,
  });
  const found = units.data?.units;
  // A search that leaves one unit has found it: chosen, not left behind "— Chọn đơn vị —" for a second step.
  // Once the answer for the search typed is in (the previous one is shown while it loads); chosen again only when
  // the search finds another, so the person may still unchoose it.
  const only = unitSearch.trim() && !units.fetching && found?.nodes.length === 1 ? found.nodes[0]!.id : null;
  // A search that no longer lists the unit chosen leaves the list on "— Chọn đơn vị —": so is the choice, or the
  // form would send a unit the person no longer sees. One effect for both: a search that finds one other unit
  // chooses it (two would run in turn, and the emptying would win).
  const lost =
    !!unitId &&
    !!unitSearch.trim() &&
    !units.fetching &&
    !!found &&
    !found.nodes.some((u) => u.id === unitId);
  useEffect(() => {
    if (only) onUnit(only);
    else if (lost) onUnit('');
  }, [only, lost]); // eslint-disable-line react-hooks/exhaustive-deps -- when the search's answer changes them
  return (
    <>
      <SelectField
        label={t('users.role')}
        value={role}
        onChange={(e) => onRole(e.target.value as ProvinceRole)}
      >
        {PROVINCE_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </SelectField>
      {officer && (
        <>
          <Field
            label={t('users.unitSearch')}
            type="search"
            name="unit-search"
            value={unitSearch}
            onChange={(e) => setUnitSearch(e.target.value)}
          />
          <SelectField
            label={t('users.unit')}
            hint={
              !found
                ? undefined
                : found.totalCount === 0 && !unitSearch.trim()
                  ? t('users.noUnitsYet')
                  : t('users.unitsFound', { n: found.totalCount })
            }
            value={unitId}
            onChange={(e) => onUnit(e.target.value)}
            error={unitError}
            required
          >
            <option value="">{t('users.chooseUnit')}</option>
            {found?.nodes.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </>
  );
}
