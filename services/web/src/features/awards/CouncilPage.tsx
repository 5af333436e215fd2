import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../ui/DateField';
import { Alert, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { fromVietnamInput, nextWorkingDayClose } from '../../ui/vietnamTime';
import { NominationPicker, toggled } from './NominationPicker';
import { OpenCouncilVoteMutation } from './operations';

/**
 * The provincial council's vote (/council): the nominations the secretariat put to it, chosen page by page,
 * and the time the vote closes. Council members then vote on part 1's ballot page (each nomination an
 * approve / do not approve question); attendance and results are on the vote's own pages (R10).
 */
export default function CouncilPage() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [total, setTotal] = useState<number | null>(null);
  const [closesAt, setClosesAt] = useState(() => nextWorkingDayClose(new Date()));
  const action = useAction(OpenCouncilVoteMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const when = fromVietnamInput(closesAt);
    const opened = await action.run(
      { input: { nominationIds: [...chosen], closesAt: when?.toISOString() ?? '' } },
      {
        nominationIds: chosen.size ? null : t('council.check.none'),
        closesAt: when && when.getTime() > Date.now() + 60_000 ? null : t('vote.check.closesAt'),
      },
    );
    if (opened) navigate(`/voting-periods/${opened.openCouncilVote.id}`);
  }

  return (
    <Page
      title={t('council.title')}
      wide
      actions={
        <Link href="/nominations?status=COUNCIL_REVIEW" className="button button-secondary">
          {t('queue.title')}
        </Link>
      }
    >
      <Alert kind="info">{t('council.intro')}</Alert>
      <form className="card form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="council-open">
        <h2 id="council-open">{t('council.open')}</h2>
        {action.shown.general && <Alert>{action.shown.general}</Alert>}
        <NominationPicker
          status="COUNCIL_REVIEW"
          label={t('council.nominations')}
          chosen={chosen}
          onToggle={(ids, on) => setChosen((s) => toggled(s, ids, on))}
          empty={t('council.none')}
          onTotal={setTotal}
          error={
            action.shown.fields.nominationIds && (
              <p className="field-error">{action.shown.fields.nominationIds}</p>
            )
          }
        />
        {total !== 0 && (
          <>
            <DateField
              label={t('council.closesAt')}
              withTime
              value={closesAt}
              onChange={setClosesAt}
              error={action.shown.fields.closesAt}
            />
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={action.busy}>
                {action.busy ? t('confirm.busy') : t('council.openButton', { n: chosen.size })}
              </button>
            </div>
          </>
        )}
      </form>
    </Page>
  );
}
