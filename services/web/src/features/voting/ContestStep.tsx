import { useEffect, useRef } from 'react';
import type { I18n } from '../../i18n/i18n';
import { unitName } from '../unit/useUnitNames';
import { ContestTitle, ApprovalGrounds } from './parts';
import { contestThreshold, votesNeeded, type Contest, type Period } from './rules';

/**
 * One contest of the ballot, its own screen: a council question (approve or not, with the dossier and the block's
 * grounds), or the units standing for a post's seats with blank as an answer of its own.
 */
export function ContestStep({
  i18n,
  period,
  contest,
  eligible,
  names,
  voterUnit,
  ownNote,
  chosen,
  answered,
  problem,
  headingRef,
  onChange,
}: {
  i18n: I18n;
  period: Period;
  contest: Contest;
  eligible: number;
  names: Map<string, string>;
  voterUnit: string | null;
  /** Said beside the voting unit's own name where self-votes are not allowed. */
  ownNote: string;
  chosen: string[];
  answered: boolean;
  problem: string | null;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  /** The units chosen ([] when the contest is left blank on purpose), or null when it is not answered. */
  onChange(ids: string[] | null): void;
}) {
  const { t } = i18n;
  const legendId = `contest-${contest.id}`;
  const errorId = `${legendId}-error`;
  const single = contest.seats === 1;
  const full = chosen.length >= contest.seats;
  // Units ticked among several seats are not cleared by one tick on "blank" behind the voter's back: they untick
  // them first (one seat is a radio group, where choosing blank visibly replaces the unit).
  const blankLocked = !single && chosen.length > 0;
  // A refusal on this screen ("Tiếp theo" with nothing chosen, head = deputy…) is brought into sight on a phone,
  // and the keyboard moves to the choice made (the one to change), else the first; its fieldset reads the refusal
  // out.
  const fieldset = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (!problem) return;
    // After the page's own focus on a step's heading (its effect runs after this one): a step shown again for a
    // refusal keeps the keyboard at its choices.
    const frame = requestAnimationFrame(() => {
      fieldset.current?.querySelector('.field-error')?.scrollIntoView({ block: 'center' });
      const inputs = fieldset.current;
      (
        inputs?.querySelector<HTMLInputElement>('input:checked:not(:disabled)') ??
        inputs?.querySelector<HTMLInputElement>('input:not(:disabled)')
      )?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [problem]);

  const threshold = contestThreshold(period, contest);
  const need = votesNeeded(eligible, threshold.percent, threshold.mode);
  const thresholdWords =
    eligible > 0
      ? t(`voting.threshold.${threshold.mode}`, { p: i18n.number(threshold.percent), eligible, need })
      : null;

  if (contest.kind === 'APPROVAL') {
    const unit = contest.candidateUnitIds[0]!;
    return (
      <fieldset
        ref={fieldset}
        className="contest"
        aria-describedby={`${legendId}-rules${problem ? ` ${errorId}` : ''}`}
      >
        <legend>
          {/* The question itself as the heading ("Đề nghị tặng Cờ thi đua … cho …"): every question of a session
              would otherwise be headed alike. */}
          <h2 id={legendId} ref={headingRef} tabIndex={-1}>
            <ContestTitle i18n={i18n} kind="APPROVAL" contest={contest} names={names} />
          </h2>
        </legend>
        {contest.nominationId && (
          <p>
            {/* A new tab: the dossier is read beside the ballot, whose answers so far stay where they are. */}
            <a href={`/nominations/${contest.nominationId}`} target="_blank" rel="noopener">
              {t('ballot.readDossier')}
            </a>
          </p>
        )}
        {contest.nominationId && <ApprovalGrounds i18n={i18n} nominationId={contest.nominationId} />}
        {/* The question's own threshold (R10: a flag needs more of the council than a certificate). */}
        <p id={`${legendId}-rules`} className="contest-rules">
          {thresholdWords}
        </p>
        {problem && (
          <p id={errorId} className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="options">
          {[
            { label: t('ballot.approve'), ids: [unit] },
            { label: t('ballot.reject'), ids: [] as string[] },
          ].map((o) => (
            <label key={o.label} className="option">
              <input
                type="radio"
                name={legendId}
                checked={answered && chosen.length === o.ids.length}
                onChange={() => onChange(o.ids)}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  return (
    <fieldset
      ref={fieldset}
      className="contest"
      aria-describedby={`${legendId}-rules${problem ? ` ${errorId}` : ''}`}
    >
      <legend>
        <h2 id={legendId} ref={headingRef} tabIndex={-1}>
          {t(`voting.contest.${contest.kind}`)}
        </h2>
      </legend>
      <ul id={`${legendId}-rules`} className="contest-rules">
        <li>{t('voting.seats', { n: contest.seats })}</li>
        {thresholdWords && <li>{thresholdWords}</li>}
      </ul>
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      {!single && (
        <p className="ballot-count" aria-live="polite">
          {full
            ? t('ballot.full', { n: contest.seats })
            : t('ballot.chosen', { k: chosen.length, n: contest.seats })}
        </p>
      )}
      <div className="options">
        {contest.candidateUnitIds.map((u) => {
          const own = !period.allowSelfVote && u === voterUnit;
          const checked = chosen.includes(u);
          return (
            <label key={u} className={own ? 'option option-disabled' : 'option'}>
              <input
                type={single ? 'radio' : 'checkbox'}
                name={legendId}
                value={u}
                checked={checked}
                disabled={own || (!single && full && !checked)}
                onChange={(e) => {
                  const next = single
                    ? [u]
                    : e.target.checked
                      ? [...chosen, u]
                      : chosen.filter((x) => x !== u);
                  // The last unit unticked leaves the contest unanswered, not blank: blank is ticked as such.
                  onChange(next.length ? next : null);
                }}
              />
              <span>
                {unitName(names, u)}
                {own && <span className="option-note"> ({ownNote})</span>}
              </span>
            </label>
          );
        })}
        <label className={blankLocked ? 'option option-blank option-disabled' : 'option option-blank'}>
          <input
            type={single ? 'radio' : 'checkbox'}
            name={legendId}
            checked={answered && chosen.length === 0}
            disabled={blankLocked}
            // Ticked, it leaves the contest blank; unticked, the contest is unanswered again.
            onChange={(e) => onChange(e.target.checked ? [] : null)}
          />
          <span>
            {t('ballot.blank')}
            {blankLocked && <span className="option-note"> ({t('ballot.blankLocked')})</span>}
          </span>
        </label>
      </div>
    </fieldset>
  );
}
