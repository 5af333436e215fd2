import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { Link, useLocation } from 'wouter';
import { graphql } from '../../graphql';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../ui/DateField';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Alert, Page } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { fromVietnamInput, nextWorkingDayClose, seasonYears } from '../../ui/vietnamTime';
import { canAct, hasRole, useSession } from '../../app/session';
import { CouncilSessions } from './CouncilSessions';
import { NominationPicker, toggled } from './NominationPicker';
import { OpenCouncilVoteMutation } from './operations';

/** The council's thresholds and quorum for the season's year, as the session will apply them (R10). */
const CouncilRulesQuery = graphql(`
  query CouncilRules($year: Int!) {
    awardRuleSet(year: $year) {
      rules {
        councilAttendancePercent
        councilFlagPercent
        councilCstdProvPercent
      }
    }
  }
`);

/**
 * The provincial council's vote (/council): the nominations the secretariat put to it, chosen page by page,
 * and the time the vote closes. Council members then vote on part 1's ballot page (each nomination an
 * approve / do not approve question); attendance and results are on the vote's own pages (R10). Below, and
 * alone for a council member, the sessions.
 */
export default function CouncilPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [, navigate] = useLocation();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [total, setTotal] = useState<number | null>(null);
  const [closesAt, setClosesAt] = useState(() => nextWorkingDayClose(new Date()));
  const action = useAction(OpenCouncilVoteMutation);
  // Opening notifies every council member at once: it is said first, as issuing a decision is.
  const [confirming, setConfirming] = useState(false);
  // The secretariat opens sessions; a council member (or a reader) sees the sessions only.
  const session = useSession();
  const opens = canAct(session, 'PROVINCE_ADMIN');
  // A former province's secretariat reads its sessions (the read-only band says why there is no form).
  const member = !hasRole(session, 'PROVINCE_ADMIN');
  const when = fromVietnamInput(closesAt);
  const year = seasonYears()[0]!;
  const [rules] = useQuery({ query: CouncilRulesQuery, variables: { year }, pause: !opens });
  const r = rules.data?.awardRuleSet.rules;

  function review(e: FormEvent) {
    e.preventDefault();
    const ok = action.check({
      nominationIds: chosen.size ? null : t('council.check.none'),
      closesAt: when && when.getTime() > Date.now() + 60_000 ? null : t('vote.check.closesAt'),
    });
    if (ok) setConfirming(true);
  }

  async function open() {
    const opened = await action.run({ input: { nominationIds: [...chosen], closesAt: when!.toISOString() } });
    if (opened) navigate(`/voting-periods/${opened.openCouncilVote.id}`);
    // Refused: the form says why, beside the field or above it.
    else setConfirming(false);
  }

  return (
    <Page
      title={t('council.title')}
      wide
      actions={
        opens && (
          <Link href="/nominations?status=COUNCIL_REVIEW" className="button button-secondary">
            {t('queue.title')}
          </Link>
        )
      }
    >
      {!opens ? (
        <>
          {member && <Alert kind="info">{t('council.memberIntro')}</Alert>}
          <CouncilSessions />
        </>
      ) : (
        <>
          <Alert kind="info">
            {t('council.intro')}{' '}
            {r &&
              t('council.thresholds', {
                attendance: i18n.number(r.councilAttendancePercent),
                flag: i18n.number(r.councilFlagPercent),
                cstd: i18n.number(r.councilCstdProvPercent),
                year,
              })}
          </Alert>
          <form className="card form" onSubmit={review} noValidate aria-labelledby="council-open">
            <h2 id="council-open">{t('council.open')}</h2>
            {action.shown.general && <Alert>{action.shown.general}</Alert>}
            <NominationPicker
              status="COUNCIL_REVIEW"
              label={t('council.nominations')}
              chosen={chosen}
              onToggle={(ids, on) => {
                setChosen((s) => toggled(s, ids, on));
                // "Choose at least one" no longer holds once one is chosen.
                if (on && action.shown.fields.nominationIds) action.reset();
              }}
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
          <ConfirmDialog
            open={confirming}
            title={t('council.confirmTitle')}
            confirmLabel={t('council.confirmOpen')}
            busy={action.busy}
            onCancel={() => setConfirming(false)}
            onConfirm={() => void open()}
          >
            <p>{t('council.confirmBody', { n: chosen.size, when: when ? i18n.dateTime(when) : '' })}</p>
          </ConfirmDialog>
          <CouncilSessions />
        </>
      )}
    </Page>
  );
}
