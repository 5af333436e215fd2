import { useState } from 'react';
import { endedOnHere, useSession } from '../../app/session';
import type { ResultOf } from '../../graphql';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { Alert, Empty } from '../../ui/Page';
import { CardTable } from '../../ui/CardTable';
import { TableWrap } from '../../ui/TableWrap';
import { useAction } from '../../ui/useAction';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { AddMemberForm } from './AddMemberForm';
import type { BlockPageQuery } from './BlockPage';
import { today } from './dates';

type Block = ResultOf<typeof BlockPageQuery>['block'];

const RemoveMember = graphql(`
  mutation RemoveBlockMember($input: BlockMemberInput!) {
    removeBlockMember(input: $input) {
      id
      validTo
    }
  }
`);

/** Every membership with its dates; the secretariat adds units and ends memberships (asking first). */
export function Members({ block, admin, onChange }: { block: Block; admin: boolean; onChange: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { names } = useUnitNames(block.memberships.map((m) => m.unitId));
  // A former province's blocks ended with it: a membership left open then is not current today.
  const provinceEnded = endedOnHere(useSession());
  const [ending, setEnding] = useState<{ unitId: string; from: string } | null>(null);
  const [endDate, setEndDate] = useState(today());
  const remove = useAction(RemoveMember);
  const rows = [...block.memberships].sort(
    (a, b) => Number(!!a.validTo) - Number(!!b.validTo) || b.validFrom.localeCompare(a.validFrom),
  );

  async function end() {
    if (!ending) return;
    const done = await remove.run(
      { input: { blockId: block.id, unitId: ending.unitId, date: endDate } },
      { date: !endDate || endDate < ending.from ? t('members.endBeforeStart') : null },
    );
    if (done) {
      setEnding(null);
      onChange();
    }
  }

  return (
    <section className="card" aria-labelledby="members">
      <h2 id="members">{t('members.title')}</h2>
      {rows.length === 0 ? (
        <Empty>{t('members.none')}</Empty>
      ) : (
        <TableWrap label={t('members.title')}>
          {/* Cards on a phone: "Đang là thành viên" in a narrow column would be a word a line. */}
          <CardTable
            caption={<span className="visually-hidden">{t('members.title')}</span>}
            columns={[
              t('members.unit'),
              t('members.from'),
              t('members.to'),
              ...(admin ? [t('members.actions')] : []),
            ]}
            rows={rows.map((m) => ({
              key: m.id,
              heading: unitName(names, m.unitId),
              cells: [
                i18n.date(m.validFrom),
                m.validTo
                  ? i18n.date(m.validTo)
                  : provinceEnded
                    ? t('members.untilProvinceEnded', { date: i18n.date(provinceEnded) })
                    : m.validFrom > today()
                      ? t('members.notYet')
                      : t('members.current'),
                ...(admin
                  ? [
                      !m.validTo && !provinceEnded && (
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={`${t('members.end')}: ${unitName(names, m.unitId)}`}
                          onClick={() => {
                            remove.reset();
                            setEndDate(today());
                            setEnding({ unitId: m.unitId, from: m.validFrom });
                          }}
                        >
                          {t('members.end')}
                        </button>
                      ),
                    ]
                  : []),
              ],
            }))}
          />
        </TableWrap>
      )}
      {admin && (
        <AddMemberForm
          blockId={block.id}
          // Open memberships: those units are offered but marked, not added twice.
          memberIds={block.memberships.filter((m) => !m.validTo).map((m) => m.unitId)}
          onAdded={onChange}
        />
      )}
      <ConfirmDialog
        open={!!ending}
        title={t('members.endTitle')}
        confirmLabel={t('members.endConfirm')}
        danger
        busy={remove.busy}
        error={remove.shown.general ? <Alert>{remove.shown.general}</Alert> : null}
        onCancel={() => setEnding(null)}
        onConfirm={() => void end()}
      >
        <p>
          {t('members.endExplain', { unit: ending ? unitName(names, ending.unitId) : '', block: block.name })}
        </p>
        <DateField
          label={t('members.lastDay')}
          value={endDate}
          error={remove.shown.fields.date ?? remove.shown.fields.unitId}
          onChange={setEndDate}
        />
      </ConfirmDialog>
    </section>
  );
}
