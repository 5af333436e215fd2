import { readFragment, type ResultOf } from 'gql.tada';
import { useState } from 'react';
import { useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { canAct, hasRole, myUnits, readOnlyHere, useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { Alert, Empty, Loading, Page } from '../../ui/Page';
import { daysUntil } from '../block/dates';
import { useAction } from '../../ui/useAction';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { ConferenceForm } from './ConferenceForm';
import { OpenVoteForm, quotaOf } from './OpenVoteForm';
import {
  AcceptLateDossierMutation,
  ConferenceFields,
  RoundsQuery,
  SubmitDossierMutation,
  WorkspaceQuery,
} from './operations';
import { DocumentDownloads } from '../documents/DocumentDownloads';
import { saidIn } from '../../i18n/saidIn';
import { formName } from '../awards/formName';

/** A position that already names its unit ("Giám đốc Sở Công Thương"): the unit is not said again after it. */
const positionNames = (position: string | null | undefined, unit: string) =>
  !!position && folded(position).includes(folded(unit));
/** Without marks or case, as the minutes compare them (domain's foldVietnamese): "Tỉnh uỷ" is "Tỉnh ủy". */
const folded = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLocaleLowerCase('vi');

/**
 * The head unit's workspace for the year-end conference (/blocks/:blockId/years/:year/conference): the record
 * of the conference, round 1 of the vote, the rounds that followed, and the dossier to the secretariat.
 */
export default function ConferencePage() {
  const { blockId, year } = useParams<{ blockId: string; year: string }>();
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [res, refetch] = useQuery({ query: WorkspaceQuery, variables: { blockId, year: Number(year) } });
  const y = res.data?.emulationYear;
  const [rounds, refetchRounds] = useQuery({
    query: RoundsQuery,
    variables: { yearId: y?.id ?? '' },
    pause: !y,
    requestPolicy: 'cache-and-network',
  });
  const { names } = useUnitNames(y?.members.map((m) => m.unitId) ?? []);
  const [editing, setEditing] = useState(false);
  // Said on the record as read back: the form that was sent is gone once it is saved.
  const [saved, setSaved] = useState(false);

  const title = t('conference.title', { block: res.data?.block.name ?? '', year });
  if (res.error)
    return (
      <Page title={title}>
        <ApiErrorView error={res.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      </Page>
    );
  if (!res.data) return <Loading />;
  if (!y)
    return (
      <Page title={title}>
        <Empty>{t('year.notOpened')}</Empty>
      </Page>
    );
  const admin = hasRole(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  // The head and the deputy unit both run the year (domain.md §4).
  // In a former province (read-only) the conference is read, nobody runs it.
  const runs =
    !readOnlyHere(session) &&
    (admin || [y.headUnit?.id, y.deputyUnit?.id].some((u) => !!u && myUnits(session).includes(u)));
  const members = y.members.map((m) => m.unitId);
  const c = y.conference ? readFragment(ConferenceFields, y.conference) : null;
  const periods = [...(rounds.data?.votingPeriods ?? [])].sort((a, b) => a.round - b.round);
  const locked = y.state === 'DOSSIER_SUBMITTED' || y.state === 'CLOSED';
  const reload = () => {
    setEditing(false);
    refetch({ requestPolicy: 'network-only' });
    refetchRounds({ requestPolicy: 'network-only' });
  };

  return (
    <Page
      title={title}
      subtitle={
        <>
          {t('year.head')}: {y.headUnit?.name ?? '–'} · {t('year.deputy')}: {y.deputyUnit?.name ?? '–'} ·{' '}
          <Link href={`/blocks/${blockId}/years/${year}`}>{t('conference.toYear')}</Link>
        </>
      }
      wide
    >
      <section className="card" aria-labelledby="conference-facts">
        {runs && !locked && (editing || !c) ? (
          <ConferenceForm
            yearId={y.id}
            members={members}
            names={names}
            conference={y.conference ?? null}
            datesFixed={!admin && !!c && (y.state === 'VOTING' || y.state === 'RESULTS_RECORDED')}
            onSaved={() => {
              setSaved(true);
              reload();
            }}
          />
        ) : (
          <>
            <h2 id="conference-facts">{t('conference.record')}</h2>
            {saved && <Alert kind="success">{t('conference.saved')}</Alert>}
            {!c ? <Empty>{t('conference.notRecorded')}</Empty> : <ConferenceFacts c={c} names={names} />}
            {c && <DocumentDownloads kind="conference-minutes" id={c.id} />}
            {runs && !locked && c && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t('conference.correct')}
              </button>
            )}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="rounds">
        <h2 id="rounds">{t('year.votes')}</h2>
        {periods.length > 0 ? (
          <ul className="link-list">
            {periods.map((p) => (
              <li key={p.id}>
                <Link href={`/voting-periods/${p.id}`}>
                  {t('voting.round', { n: p.round })} – {t(`vote.method.${p.method as 'ONLINE' | 'PAPER'}`)}
                </Link>{' '}
                (
                {p.status === 'TALLIED' && p.resultsPublishedAt
                  ? t('voting.published')
                  : t(`voting.status.${p.status}`)}
                )
              </li>
            ))}
          </ul>
        ) : !c ? (
          // Said as a step to those who take it; to the others (a former province's readers too), as a fact.
          <p className="muted">{t(runs ? 'vote.needConference' : 'vote.noRounds')}</p>
        ) : y.state !== 'SCORES_LOCKED' ? (
          <p className="muted">{t('vote.needLocked', { state: t(`yearState.${y.state}`) })}</p>
        ) : runs ? (
          <OpenVoteForm
            yearId={y.id}
            memberCount={members.length}
            excluded={y.awardExclusions.map((e) => ({
              name: unitName(names, e.unitId),
              why: e.lines.map((l) => saidIn(i18n.locale, l)),
            }))}
            rules={res.data.awardRuleSet.rules}
            quotas={{
              FLAG: quotaOf(res.data.awardRuleSet.rules.flagQuota, y.flagQuotaOverride, members.length),
              MERIT: quotaOf(res.data.awardRuleSet.rules.meritQuota, y.meritQuotaOverride, members.length),
            }}
            canSetOwnRules={hasRole(session, 'PROVINCE_ADMIN')}
          />
        ) : (
          <p className="muted">{t('vote.notOpened')}</p>
        )}
      </section>

      {(y.state === 'RESULTS_RECORDED' || y.awardOutcome?.dossierSubmittedAt) && (
        <Dossier
          yearId={y.id}
          runs={runs}
          submittedAt={y.awardOutcome?.dossierSubmittedAt ?? null}
          deadline={y.dossierDeadline ?? null}
          lateAccepted={!!y.awardOutcome?.lateAcceptedAt}
          nominations={rounds.data?.nominations ?? []}
          onDone={reload}
        />
      )}
    </Page>
  );
}

function ConferenceFacts({ c, names }: { c: ResultOf<typeof ConferenceFields>; names: Map<string, string> }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('conference.heldOn')}</dt>
          <dd>
            {i18n.date(c.heldOn)}
            {c.endedOn && c.endedOn !== c.heldOn ? ` – ${i18n.date(c.endedOn)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('conference.place')}</dt>
          <dd>{c.place}</dd>
        </div>
        <div>
          <dt>{t('conference.chair')}</dt>
          <dd>
            {[
              c.chairPerson,
              c.chairPerson && c.chairPosition,
              c.chairUnitId &&
              !positionNames(c.chairPerson && c.chairPosition, unitName(names, c.chairUnitId))
                ? unitName(names, c.chairUnitId)
                : null,
            ]
              .filter(Boolean)
              .join(', ') || <span className="muted">{t('conference.unnamed')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('conference.secretary')}</dt>
          <dd>
            {c.secretaryName ? (
              [c.secretaryName, c.secretaryPosition].filter(Boolean).join(', ')
            ) : (
              <span className="muted">{t('conference.unnamed')}</span>
            )}
            {c.secretaryUserId &&
              ` (${
                c.secretaryAccountName
                  ? t('conference.secretaryAccountOf', { user: c.secretaryAccountName })
                  : t('conference.secretaryHasAccount')
              })`}
          </dd>
        </div>
      </dl>
      <h3>{t('conference.attendance')}</h3>
      <ul>
        {c.attendance.map((a) => (
          <li key={a.unitId}>
            <strong>{unitName(names, a.unitId)}</strong>:{' '}
            {a.present
              ? `${t('conference.present')}${a.representatives.length ? ` (${a.representatives.join(', ')})` : ''}`
              : `${t('conference.absent')}${a.absenceReason ? ` (${a.absenceReason})` : ''}`}
          </li>
        ))}
      </ul>
      {c.countingCommittee.length > 0 && (
        <>
          <h3>{t('conference.committee')}</h3>
          <ul>
            {c.countingCommittee.map((m, i) => (
              <li key={i}>
                {m.name} – {m.role}
                {m.unitId ? ` (${unitName(names, m.unitId)})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {c.minutes && (
        <>
          <h3>{t('conference.minutes')}</h3>
          <p className="prewrap">{c.minutes}</p>
        </>
      )}
    </>
  );
}

/** The block's dossier: what it proposes, and the head unit's one step to send it to the secretariat (R13). */
function Dossier({
  yearId,
  runs,
  submittedAt,
  deadline,
  lateAccepted,
  nominations,
  onDone,
}: {
  yearId: string;
  runs: boolean;
  submittedAt: string | null;
  /** R13's day, null while it counts from a conference not recorded. */
  deadline: string | null;
  lateAccepted: boolean;
  nominations: {
    id: string;
    form: string;
    status: string;
    unit: { name: string };
    attachments: { id: string }[];
  }[];
  onDone: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const action = useAction(SubmitDossierMutation);
  const secretariat = canAct(useSession(), 'PROVINCE_ADMIN');
  // The achievement reports go with the proposals (domain.md §1.5): one sent without a file is likely returned.
  const withoutFiles = nominations.filter((n) => n.attachments.length === 0).length;
  // R13, said wherever the dossier is sent from: before the conference's page asks for it, and in its dialog.
  const left = deadline ? daysUntil(deadline) : null;
  // Past the deadline only the secretariat's late acceptance lets the dossier go (the API refuses it otherwise).
  const overdue = left !== null && left < 0 && !lateAccepted;
  const due =
    !deadline || left === null ? (
      <Alert kind="info">{t('dossier.dueUnknown')}</Alert>
    ) : lateAccepted && left < 0 ? (
      <Alert kind="info">{t('dossier.lateAccepted', { date: i18n.date(deadline) })}</Alert>
    ) : overdue ? (
      <Alert>
        {t(secretariat ? 'dossier.overdueSecretariat' : 'dossier.overdue', { date: i18n.date(deadline) })}
      </Alert>
    ) : (
      <Alert kind={left <= 3 ? 'warning' : 'info'}>
        {left === 0
          ? t('dossier.dueToday', { date: i18n.date(deadline) })
          : t('dossier.due', { date: i18n.date(deadline), n: left })}
      </Alert>
    );
  return (
    <section className="card" aria-labelledby="dossier">
      <h2 id="dossier">{t('dossier.title')}</h2>
      {nominations.length === 0 ? (
        <Empty>{t('dossier.none')}</Empty>
      ) : (
        <ul>
          {nominations.map((n) => (
            <li key={n.id}>
              <Link href={`/nominations/${n.id}`}>
                {n.unit.name} – {formName(i18n, n.form)}
              </Link>{' '}
              ({t(`nomination.status.${n.status as 'SUBMITTED'}`)}){' – '}
              {n.attachments.length ? (
                t('dossier.files', { n: n.attachments.length })
              ) : (
                <span className="warning-text">{t('dossier.noFiles')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {!submittedAt && due}
      {!submittedAt && overdue && secretariat && <AcceptLate yearId={yearId} onDone={onDone} />}
      {submittedAt ? (
        <p className="success-text">{t('dossier.submitted', { when: i18n.dateTime(submittedAt) })}</p>
      ) : (
        runs && (
          <ConfirmButton
            label={t('dossier.submit')}
            title={t('dossier.submitTitle')}
            disabled={overdue}
            className="button button-primary"
            busy={action.busy}
            error={action.shown.general && <Alert>{action.shown.general}</Alert>}
            action={async () => {
              const done = !!(await action.run({ yearId }));
              if (done) onDone();
              return done;
            }}
          >
            <p>{t('dossier.submitBody', { n: nominations.length })}</p>
            {due}
            {withoutFiles > 0 && (
              <Alert kind="warning">
                {t('dossier.withoutFiles', { n: withoutFiles, of: nominations.length })}
              </Alert>
            )}
          </ConfirmButton>
        )
      )}
    </section>
  );
}

/** R13: the secretariat takes a block's dossier after its deadline, saying why (audited); the block then sends it. */
function AcceptLate({ yearId, onDone }: { yearId: string; onDone: () => void }) {
  const { t } = useI18n();
  const action = useAction(AcceptLateDossierMutation);
  const [reason, setReason] = useState('');
  return (
    <ConfirmButton
      label={t('dossier.acceptLate')}
      title={t('dossier.acceptLateTitle')}
      busy={action.busy}
      error={action.shown.general && <Alert>{action.shown.general}</Alert>}
      onOpen={() => {
        action.reset();
        setReason('');
      }}
      action={async () => {
        const done = !!(await action.run(
          { yearId, reason: reason.trim() },
          { reason: reason.trim().length < 3 ? t('dossier.acceptLateReasonShort') : null },
        ));
        if (done) onDone();
        return done;
      }}
    >
      <p>{t('dossier.acceptLateBody')}</p>
      <Field
        label={t('dossier.acceptLateReason')}
        name="late-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={action.shown.fields.reason}
        required
      />
    </ConfirmButton>
  );
}
