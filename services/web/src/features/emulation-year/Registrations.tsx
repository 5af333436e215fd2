import { useI18n, type I18n } from '../../i18n/i18n';
import { Empty } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import type { Year } from './useYear';

/** "Chiến sĩ thi đua cơ sở – Nguyễn Thị Mai": who is registered, not only that someone is. */
export const registrationText = (t: I18n['t'], r: Year['titleRegistrations'][number]) =>
  `${t(`title.${r.title}`)}${r.person ? ` – ${r.person.fullName}` : ''}`;

/** By unit, then the unit's own title before its people's, then by words: a unit's rows read together. */
export const registrationOrder =
  (t: I18n['t'], names: Map<string, string>) =>
  (a: Year['titleRegistrations'][number], b: Year['titleRegistrations'][number]) =>
    unitName(names, a.unitId).localeCompare(unitName(names, b.unitId), 'vi') ||
    Number(!!a.person) - Number(!!b.person) ||
    registrationText(t, a).localeCompare(registrationText(t, b), 'vi');

/** The titles the members registered for (in force; withdrawn ones are left out by the API). */
export function Registrations({ y }: { y: Year }) {
  const { t } = useI18n();
  const { names } = useUnitNames(y.titleRegistrations.map((r) => r.unitId));
  const rows = [...y.titleRegistrations].sort(registrationOrder(t, names));
  return (
    <section className="card" aria-labelledby="registrations">
      <h2 id="registrations">{t('titles.registered')}</h2>
      {y.titleRegistrations.length === 0 ? (
        <Empty>{t('titles.none')}</Empty>
      ) : (
        <TableWrap label={t('titles.registered')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('members.unit')}</th>
                <th scope="col">{t('titles.title')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{unitName(names, r.unitId)}</th>
                  <td>{registrationText(t, r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
