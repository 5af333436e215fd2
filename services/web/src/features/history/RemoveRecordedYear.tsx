import { useState } from 'react';
import { useLocation } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { TextAreaField } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';

const RemoveRecordedYearMutation = graphql(`
  mutation RemoveRecordedYear($input: RemoveRecordedYearInput!) {
    removeRecordedYear(input: $input)
  }
`);

/** What the history page says after a removal (its history state): the year removed, to record it again. */
export interface Removed {
  removedYear: number;
  removedBlock: string;
}

export const removedFrom = (state: unknown): Removed | null =>
  state && typeof state === 'object' && 'removedYear' in state && 'removedBlock' in state
    ? (state as Removed)
    : null;

/**
 * A year recorded from documents with a mistake its checks could not catch (the wrong block, year or outcome):
 * the secretariat removes it, saying why (kept in the audit log), and records it again on the history page. The
 * gateway refuses once something rests on it: a proposal taken further, a file, the year-end closing.
 */
export function RemoveRecordedYear({
  yearId,
  year,
  blockName,
}: {
  yearId: string;
  year: number;
  blockName: string;
}) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const remove = useAction(RemoveRecordedYearMutation);
  const [reason, setReason] = useState('');
  return (
    <section className="card" aria-labelledby="remove-recorded">
      <h2 id="remove-recorded">{t('past.remove.title')}</h2>
      <p className="muted">{t('past.remove.intro')}</p>
      <ConfirmButton
        label={t('past.remove.button')}
        title={t('past.remove.confirmTitle', { year, block: blockName })}
        confirmLabel={t('past.remove.button')}
        danger
        busy={remove.busy}
        error={remove.shown.general && <Alert>{remove.shown.general}</Alert>}
        onOpen={() => setReason('')}
        action={async () => {
          const why = reason.trim();
          const done = await remove.run(
            { input: { emulationYearId: yearId, reason: why } },
            { reason: why.length < 5 ? t('past.remove.reasonNeeded') : null },
          );
          if (done) navigate('/province/history', { state: { removedYear: year, removedBlock: blockName } });
          return !!done;
        }}
      >
        <p>{t('past.remove.body')}</p>
        <TextAreaField
          label={t('past.remove.reason')}
          hint={t('past.remove.reasonHint')}
          value={reason}
          rows={3}
          maxLength={500}
          error={remove.shown.fields.reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </ConfirmButton>
    </section>
  );
}
