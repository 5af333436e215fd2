import { Link } from 'wouter';
import type { ResultOf } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { Empty } from '../../ui/Page';
import { TableWrap } from '../../ui/TableWrap';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import type { BlockPageQuery } from './BlockPage';

type Block = ResultOf<typeof BlockPageQuery>['block'];

/** The block's years, newest first: head and deputy, where the year stands, and who ranked first. */
export function BlockHistory({ block }: { block: Block }) {
  const i18n = useI18n();
  const { t } = i18n;
  const firsts = block.years.map((y) => y.members.find((m) => m.score?.rank === 1) ?? null);
  const { names } = useUnitNames(firsts.flatMap((m) => (m ? [m.unitId] : [])));
  return (
    <section className="card" aria-labelledby="history">
      <h2 id="history">{t('blocks.history')}</h2>
      {block.years.length === 0 ? (
        <Empty>{t('blocks.noYears')}</Empty>
      ) : (
        <TableWrap label={t('blocks.history')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('blocks.yearCol')}</th>
                <th scope="col">{t('year.state')}</th>
                <th scope="col">{t('year.head')}</th>
                <th scope="col">{t('year.deputy')}</th>
                <th scope="col">{t('blocks.firstRanked')}</th>
              </tr>
            </thead>
            <tbody>
              {block.years.map((y, i) => {
                const first = firsts[i];
                return (
                  <tr key={y.id}>
                    <th scope="row">
                      <Link href={`/blocks/${block.id}/years/${y.year}`}>{y.year}</Link>
                    </th>
                    <td>{t(`yearState.${y.state}`)}</td>
                    <td>{y.headUnit?.name ?? '–'}</td>
                    <td>{y.deputyUnit?.name ?? '–'}</td>
                    <td>
                      {first
                        ? `${unitName(names, first.unitId)} (${i18n.number(first.score?.final ?? null)})`
                        : '–'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
