import { Link } from 'wouter';
import type { ResultOf } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { CardTable } from '../../ui/CardTable';
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
          {/* Cards on a phone: five columns of names would be a word a line. */}
          <CardTable
            caption={<span className="visually-hidden">{t('blocks.history')}</span>}
            columns={[
              t('blocks.yearCol'),
              t('year.state'),
              t('year.head'),
              t('year.deputy'),
              t('blocks.firstRanked'),
            ]}
            rows={block.years.map((y, i) => {
              const first = firsts[i];
              return {
                key: y.id,
                heading: <Link href={`/blocks/${block.id}/years/${y.year}`}>{y.year}</Link>,
                cells: [
                  t(`yearState.${y.state}`),
                  y.headUnit?.name ?? '–',
                  y.deputyUnit?.name ?? '–',
                  first
                    ? `${unitName(names, first.unitId)} (${i18n.number(first.score?.final ?? null)})`
                    : '–',
                ],
              };
            })}
          />
        </TableWrap>
      )}
    </section>
  );
}
