import { useI18n } from '../../i18n/i18n';
import { TableWrap } from '../../ui/TableWrap';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import type { Year } from './useYear';

/**
 * The members in ranking order with their scores: everyone sees it once scores are locked; while scoring runs
 * the API gives the standings to the secretariat only (the others see the members without scores). The final score
 * comes right after the unit: on a phone the columns after it scroll off the screen.
 */
export function Ranking({ y }: { y: Year }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { names } = useUnitNames(y.members.flatMap((m) => [m.unitId, ...(m.score?.missingSheetsFrom ?? [])]));
  const scored = y.members.some((m) => m.score);
  const rows = [...y.members].sort((a, b) => (a.score?.rank ?? 999) - (b.score?.rank ?? 999));
  return (
    <section className="card" aria-labelledby="ranking">
      <h2 id="ranking">{scored ? t('ranking.title') : t('year.members')}</h2>
      {scored && y.state === 'SCORING' && <p className="muted">{t('ranking.live')}</p>}
      <TableWrap label={t('ranking.title')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('year.rank')}</th>
              <th scope="col">{t('members.unit')}</th>
              <th scope="col" className="num">
                {t('year.score')}
              </th>
              <th scope="col" className="num">
                {t('ranking.base')}
              </th>
              <th scope="col" className="num">
                {t('ranking.bonus')}
              </th>
              <th scope="col" className="num">
                {t('ranking.deductions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.unitId}>
                <td>{m.score?.rank ?? '–'}</td>
                <th scope="row">
                  {unitName(names, m.unitId)}
                  {m.score && m.score.missingSheetsFrom.length > 0 && (
                    <span className="field-hint">
                      {' '}
                      {t('ranking.waiting', {
                        units: m.score.missingSheetsFrom.map((u) => unitName(names, u)).join(', '),
                      })}
                    </span>
                  )}
                </th>
                <td className="num">{i18n.number(m.score?.final ?? null)}</td>
                <td className="num">{i18n.number(m.score?.base ?? null)}</td>
                <td className="num">{i18n.number(m.score?.bonus ?? null)}</td>
                <td className="num">{i18n.number(m.score?.deductions ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
