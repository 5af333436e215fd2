import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { canAct, readOnlyHere, useSession } from '../../app/session';
import { graphql } from '../../graphql';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { ConfirmButton } from '../../ui/ConfirmDialog';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { usePolling } from '../../ui/usePolling';
import { unitName, useUnitNames } from '../unit/useUnitNames';
import { missingInWords, SET_BY_SECRETARIAT, waitingForYear } from './missing';
import { yearPath, type Year } from './useYear';

/** A year's lifecycle in order (the domain's YEAR_STATES; the web does not import the domain package). */
export const YEAR_STATES = [
  'DRAFT',
  'OPEN',
  'COVENANT_SIGNED',
  'SCORING',
  'SCORES_LOCKED',
  'VOTING',
  'RESULTS_RECORDED',
  'DOSSIER_SUBMITTED',
  'CLOSED',
] as const;
/** Steps people take on these screens; the later ones follow the conference, the dossier and the year-end. */
const TAKEN_HERE: Partial<Record<Year['state'], Year['state']>> = {
  DRAFT: 'OPEN',
  OPEN: 'COVENANT_SIGNED',
  COVENANT_SIGNED: 'SCORING',
  SCORING: 'SCORES_LOCKED',
};
/** The states those steps reach: a home page offers them to whoever runs the year. */
export const STEPS_TAKEN_HERE: readonly Year['state'][] = Object.values(TAKEN_HERE);

const Transition = graphql(`
  mutation TransitionYear($id: ID!, $to: YearState!) {
    transitionEmulationYear(id: $id, to: $to) {
      id
      state
    }
  }
`);
const LockScores = graphql(`
  mutation LockScores($id: ID!) {
    lockScores(emulationYearId: $id) {
      id
      state
    }
  }
`);

/** The units that run a year, by name: enough to say who takes its next step. */
interface Runners {
  nextStates: readonly Year['state'][];
  nextStepMissing: readonly string[];
  headUnit?: { name: string } | null;
  deputyUnit?: { name: string } | null;
}

/**
 * Who takes the year's next step, for a member who does not (an officer sees the step without its button): the
 * head or deputy unit runs the year (domain.md §4), the head alone announces the count it chaired, the
 * secretariat closes the year; what the step waits for from the secretariat (the year's setup) is said first.
 */
export function whoTakesNext(i18n: I18n, y: Runners): string | null {
  const next = y.nextStates[0];
  if (!next) return null;
  if (next === 'CLOSED' || !y.headUnit) return i18n.t('steps.who.secretariat');
  const runner =
    next === 'RESULTS_RECORDED' || !y.deputyUnit
      ? i18n.t('steps.who.head', { head: y.headUnit.name })
      : i18n.t('steps.who.units', { head: y.headUnit.name, deputy: y.deputyUnit.name });
  return y.nextStepMissing.some((m) => SET_BY_SECRETARIAT.has(m))
    ? `${i18n.t('steps.who.secretariatFirst')} ${runner}`
    : runner;
}

/** Where the year stands in its lifecycle, what the next step still needs, and the button that takes it. */
export function NextStep({
  y,
  blockId,
  runs,
  returned = 0,
  onDone,
}: {
  y: Year;
  blockId: string;
  runs: boolean;
  /** The block's proposals the secretariat returned for more material: the block's work is not done. */
  returned?: number;
  onDone: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const transition = useAction(Transition);
  const lock = useAction(LockScores);
  const action = y.state === 'SCORING' ? lock : transition;
  const to = TAKEN_HERE[y.state];
  const next = y.nextStates[0];
  const waiting = waitingForYear(i18n, y);
  const at = YEAR_STATES.indexOf(y.state);
  const session = useSession();
  const secretariat = canAct(session, 'PROVINCE_ADMIN', 'PLATFORM_ADMIN');
  // A former province's years are kept as they stood at the merger: no step is anyone's to take any more.
  const former = readOnlyHere(session);
  // Whoever runs the year waits on the page for the last sheets or signatures: it reads the year again every
  // half minute, so the step's button comes alive without a reload.
  usePolling(onDone, runs && to && y.nextStepMissing.length > 0 ? 30_000 : null);

  // After a step, the next one's button is often disabled (waiting for the members): the keyboard, left on <body>
  // when it went, is put on the section's heading once the year read again has the new state.
  const heading = useRef<HTMLHeadingElement>(null);
  const taken = useRef<string | null>(null);
  useEffect(() => {
    if (taken.current === null || taken.current === y.state) return;
    taken.current = null;
    heading.current?.focus();
  }, [y.state]);

  async function take() {
    const from = y.state;
    const done =
      y.state === 'SCORING' ? await lock.run({ id: y.id }) : await transition.run({ id: y.id, to: to! });
    if (done) taken.current = from;
    // Refused or not, read the year again: a refusal's missing items show in the dialog and on the page.
    onDone();
    return !!done;
  }

  return (
    <section className="card" aria-labelledby="steps">
      <h2 id="steps" ref={heading} tabIndex={-1}>
        {t('steps.title')}
      </h2>
      <ol className="steps">
        {YEAR_STATES.map((s, i) => (
          <li
            key={s}
            className={i < at ? 'step-done' : i === at ? 'step-current' : undefined}
            aria-current={i === at ? 'step' : undefined}
          >
            {t(`yearState.${s}`)}
            {i < at && <span className="visually-hidden"> ({t('steps.done')})</span>}
          </li>
        ))}
      </ol>
      {next && former && <p className="muted">{t('steps.former', { state: t(`yearState.${y.state}`) })}</p>}
      {next && !former && (
        <>
          <h3>{t('steps.next', { state: t(`steps.goal.${next}` as MessageKey) })}</h3>
          {waiting ? (
            <p>{waiting}</p>
          ) : y.nextStepMissing.length > 0 ? (
            <>
              <p>{t('steps.missing')}</p>
              <MissingList y={y} blockId={blockId} forRunner={runs && !secretariat} />
            </>
          ) : (
            <p>{t('steps.ready')}</p>
          )}
          {/* The closing's own line follows (the secretariat's, said once). */}
          {!runs && !secretariat && next !== 'CLOSED' && <p className="muted">{whoTakesNext(i18n, y)}</p>}
          {!to &&
            (y.state !== 'DOSSIER_SUBMITTED' ? (
              <>
                {/* Said to those who take the step; a member reads who does it (above). */}
                {(runs || secretariat) && <p className="muted">{t('steps.elsewhere')}</p>}
                {/* The conference's page is where the year moves on from here: a button, not words in grey. */}
                <Link href={`${yearPath(blockId, y.year)}/conference`} className="button button-primary">
                  {t('steps.toConference')}
                </Link>
              </>
            ) : secretariat ? (
              <p className="muted">
                {t('steps.yearEnd')} <Link href={`/year-end/${y.year}`}>{t('steps.toYearEnd')}</Link>
              </p>
            ) : returned > 0 ? (
              <p>{t('steps.returned', { n: returned })}</p>
            ) : (
              // The year-end closing is the secretariat's: the block has nothing left to do.
              <p className="muted">{t('steps.yearEndBySecretariat')}</p>
            ))}
        </>
      )}
      {to && runs && !former && (
        <ConfirmButton
          label={t(`steps.action.${to}` as MessageKey)}
          title={t(`steps.action.${to}` as MessageKey)}
          className="button button-primary button-large"
          // Refused while anything is missing: the list above says what; the page reads the year again after.
          disabled={y.nextStepMissing.length > 0}
          busy={action.busy}
          error={
            action.shown.general && (
              <Alert>
                <p>{action.shown.general}</p>
                <MissingList y={y} blockId={blockId} forRunner={!secretariat} />
              </Alert>
            )
          }
          action={take}
        >
          <p>{t(`steps.explain.${to}` as MessageKey)}</p>
        </ConfirmButton>
      )}
    </section>
  );
}

function MissingList({ y, blockId, forRunner }: { y: Year; blockId: string; forRunner: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  // Who is yet to send which sheet (for those who run the year, who remind them): the member's own, or a
  // cross-scorer's.
  const { names } = useUnitNames(y.missingSheets.flatMap((m) => [m.unitId, ...m.from]));
  return y.nextStepMissing.length ? (
    <ul className="missing-list">
      {y.nextStepMissing.map((m) => (
        <li key={m}>
          {missingInWords(i18n, m, { forRunner, year: y.year })}
          {/* The secretariat's part, where the head unit can only wait: where it is chosen, and seen. */}
          {m === 'a criteria set for the year' && (
            <>
              {' – '}
              <Link href={`${yearPath(blockId, y.year)}/criteria`}>{t('missing.criteriaLink')}</Link>
            </>
          )}
          {/^\d+ of \d+ members have not got every score sheet/.test(m) && y.missingSheets.length > 0 && (
            <ul>
              {y.missingSheets.map((s) => (
                <li key={s.unitId}>
                  {t('steps.sheetsOf', {
                    unit: unitName(names, s.unitId),
                    sheets: s.from
                      .map((u) =>
                        u === s.unitId
                          ? t('steps.sheetSelf')
                          : t('steps.sheetCross', { scorer: unitName(names, u) }),
                      )
                      .join('; '),
                  })}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  ) : null;
}
