import { useI18n } from '../../i18n/i18n';
import { Empty } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import type { Year } from './useYear';

/** The theme, the numbered covenant, and who has signed it (and who signed for whom, with the reason). */
export function CovenantView({ y }: { y: Year }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { names } = useUnitNames(y.members.map((m) => m.unitId));
  const signatures = new Map(y.covenantSignatures.map((s) => [s.unitId, s]));
  return (
    <section className="card" aria-labelledby="covenant">
      <h2 id="covenant">{t('covenant.title')}</h2>
      {y.covenantItems.length === 0 ? (
        <Empty>{t('covenant.empty')}</Empty>
      ) : (
        <ol className="covenant-items">
          {y.covenantItems.map((i) => (
            <li key={i.position}>{i.text}</li>
          ))}
        </ol>
      )}
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
