import { useI18n } from '../../i18n/i18n';
import { TableWrap } from '../../ui/TableWrap';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { CovenantText } from './CovenantText';
import type { Year } from './useYear';

/**
 * The numbered covenant (with the theme where the page does not show it already), and who has signed it (and
 * who signed for whom, with the reason). Read only: the task screens show it once it can no longer change.
 */
export function CovenantView({ y, theme = false }: { y: Year; theme?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { names } = useUnitNames(y.members.map((m) => m.unitId));
  const signatures = new Map(y.covenantSignatures.map((s) => [s.unitId, s]));
  return (
    <section className="card" aria-labelledby="covenant">
      <h2 id="covenant">{t('covenant.title')}</h2>
      <CovenantText y={y} theme={theme} />
      <h3>{t('covenant.signatures', { n: signatures.size, of: y.members.length })}</h3>
      <TableWrap label={t('covenant.signaturesLabel')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('members.unit')}</th>
              <th scope="col">{t('covenant.signedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {y.members.map((m) => {
              const s = signatures.get(m.unitId);
              return (
                <tr key={m.unitId}>
                  <th scope="row">{unitName(names, m.unitId)}</th>
                  <td>
                    {s
                      ? `${i18n.dateTime(s.signedAt)}${s.onBehalfReason ? ` – ${t('covenant.onBehalf', { reason: s.onBehalfReason })}` : ''}`
                      : t('covenant.notSigned')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
