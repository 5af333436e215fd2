import { useI18n } from '../../i18n/i18n';
import { TableWrap } from '../../ui/TableWrap';
import type { Year } from './useYear';

/** The scoring table: groups of criteria with their maxima, and the deduction items. */
export function CriteriaTable({ set }: { set: NonNullable<Year['criteriaSet']> }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <TableWrap label={t('criteria.table')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('criteria.code')}</th>
            <th scope="col">{t('criteria.criterion')}</th>
            <th scope="col" className="num">
              {t('criteria.maxPoints')}
            </th>
          </tr>
        </thead>
        {set.groups.map((g) => (
          <tbody key={g.name}>
            <tr>
              <th scope="colgroup" colSpan={3}>
                {g.name}
              </th>
            </tr>
            {g.criteria.map((c) => (
              <tr key={c.code}>
                <td>{c.code}</td>
                <td>{c.title}</td>
                <td className="num">{i18n.number(c.maxPoints)}</td>
              </tr>
            ))}
          </tbody>
        ))}
        {set.deductionItems.length > 0 && (
          <tbody>
            <tr>
              <th scope="colgroup" colSpan={3}>
                {t('criteria.deductions')}
              </th>
            </tr>
            {set.deductionItems.map((c) => (
              <tr key={c.code}>
                <td>{c.code}</td>
                <td>{c.title}</td>
                <td className="num">−{i18n.number(c.maxPoints)}</td>
              </tr>
            ))}
          </tbody>
        )}
      </table>
    </TableWrap>
  );
}
