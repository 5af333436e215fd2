import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { TableWrap } from '../../ui/TableWrap';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { REGISTRATION_OPEN, type Year } from './useYear';

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
  // Without scores to show, the members are a list: a table of dashes told nothing.
  if (!scored)
    return (
      <section className="card" aria-labelledby="ranking">
        <h2 id="ranking">{t('year.members')}</h2>
        {REGISTRATION_OPEN.includes(y.state) && <p className="muted">{t('ranking.later')}</p>}
        <ul>
          {rows.map((m) => (
            <li key={m.unitId}>{unitName(names, m.unitId)}</li>
          ))}
        </ul>
      </section>
    );
  return (
    <section className="card" aria-labelledby="ranking">
      <h2 id="ranking">{t('ranking.title')}</h2>
      {y.state === 'SCORING' && <p className="muted">{t('ranking.live')}</p>}
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
      {y.criteriaSet && <p className="muted">{formula(i18n, y.criteriaSet)}</p>}
    </section>
  );
}

/** How the final score is made, in the table's own terms (the method, who cross-scores, the bonus cap). */
function formula(i18n: I18n, set: NonNullable<Year['criteriaSet']>): string {
  const sheets =
    set.method === 'MEAN_OF_CROSS' ? `ranking.sheets.${set.crossScorers}` : `ranking.sheets.${set.method}`;
  return i18n.t('ranking.formula', { cap: i18n.number(set.bonusCap), sheets: i18n.t(sheets as MessageKey) });
}
