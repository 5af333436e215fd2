import { useI18n } from '../../i18n/i18n';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { ResubmitNominationMutation } from './operations';

/**
 * A proposal returned for more material: what to do (attach what the reason asks for, below), and for whoever runs
 * the block's year, sending it to the secretariat again. The others read who sends it.
 */
export function Resubmit({
  id,
  canResubmit,
  onDone,
}: {
  id: string;
  canResubmit: boolean;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const send = useAction(ResubmitNominationMutation);
  return (
    <section className="card" aria-labelledby="resubmit">
      <h2 id="resubmit">{t('resubmit.title')}</h2>
      <p>{t('resubmit.what')}</p>
      {canResubmit ? (
        <ConfirmButton
          label={t('resubmit.send')}
          title={t('resubmit.confirmTitle')}
          confirmLabel={t('resubmit.send')}
          className="button button-primary"
          busy={send.busy}
          error={send.shown.general && <Alert>{send.shown.general}</Alert>}
          action={async () => {
            const done = !!(await send.run({ id }));
            if (done) onDone();
            return done;
          }}
        >
          <p>{t('resubmit.confirm')}</p>
        </ConfirmButton>
      ) : (
        <p className="muted">{t('resubmit.who')}</p>
      )}
    </section>
  );
}
