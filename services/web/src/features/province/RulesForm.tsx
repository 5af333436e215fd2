import { useEffect, useRef, useState } from 'react';
import { graphql } from '../../graphql';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Choice } from '../../ui/Choice';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { explainDisqualifications, explainTieBreaks, type Rules } from './explain';
import { num, percentProblem, roundsProblem } from './rule-checks';

const SetRules = graphql(`
  mutation SetAwardRuleSet($effectiveYear: Int!, $input: AwardRulesInput!) {
    setAwardRuleSet(effectiveYear: $effectiveYear, input: $input) {
      effectiveYear
    }
  }
`);

type Form = Record<
  | 'effectiveYear'
  | 'flagKind'
  | 'flagValue'
  | 'meritKind'
  | 'meritValue'
  | 'threshold'
  | 'thresholdMode'
  | 'maxRounds'
  | 'runoff'
  | 'headDeputy'
  | 'deadlineKind'
  | 'days'
  | 'day'
  | 'month'
  | 'yearOffset'
  | 'councilFlag'
  | 'councilCstd'
  | 'councilAttendance'
  | 'minimumScore',
  string
>;

/** A fixed deadline is a day of every year: no 29 February (as the API checks it). */
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The API's enums (schema.graphql TieBreak, Disqualification), in the order the page offers them. */
const TIE_BREAKS = ['SCORE', 'NET_BONUS', 'WOMEN'] as const;
const DISQUALIFICATIONS = [
  'UNIT_DISCIPLINED',
  'HEAD_DISCIPLINED',
  'COVENANT_BREACH',
  'SCORE_BELOW_MINIMUM',
  'LATE_DOSSIER',
] as const;
type TieBreak = (typeof TIE_BREAKS)[number];
type Disqualification = (typeof DISQUALIFICATIONS)[number];
const k = (key: string) => key as MessageKey;
/** The rules' lower-case phrases ("tập thể bị kỷ luật…") as a checkbox's label. */
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A new version of the rules, from a year, prefilled with the version in force; checked before it is sent. */
export function RulesForm({
  year,
  rules,
  onSaved,
}: {
  year: number;
  rules: Rules;
  onSaved: (year: number) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const save = useAction(SetRules);
  const dl = rules.dossierDeadline;
  const [f, setF] = useState<Form>({
    effectiveYear: String(year),
    flagKind: rules.flagQuota.kind,
    flagValue: String(rules.flagQuota.value),
    meritKind: rules.meritQuota.kind,
    meritValue: String(rules.meritQuota.value),
    threshold: String(rules.voteThresholdPercent),
    thresholdMode: rules.voteThresholdMode,
    maxRounds: String(rules.maxRounds),
    runoff: rules.runoffCandidates,
    headDeputy: rules.headDeputyMode,
    deadlineKind: dl.kind,
    days: String(dl.days ?? 15),
    day: String(dl.day ?? 10),
    month: String(dl.month ?? 12),
    yearOffset: String(dl.yearOffset ?? 0),
    councilFlag: String(rules.councilFlagPercent),
    councilCstd: String(rules.councilCstdProvPercent),
    councilAttendance: String(rules.councilAttendancePercent),
    minimumScore: rules.minimumScore === null ? '' : String(rules.minimumScore),
  });
  const [tieBreaks, setTieBreaks] = useState<TieBreak[]>(rules.tieBreaks as TieBreak[]);
  const [disqualifications, setDisqualifications] = useState<Disqualification[]>(
    rules.disqualifications as Disqualification[],
  );
  const [confirming, setConfirming] = useState(false);
  const byMinimum = disqualifications.includes('SCORE_BELOW_MINIMUM');
  const tieItems = useRef(new Map<TieBreak, HTMLLIElement>());
  const [moved, setMoved] = useState<{ b: TieBreak; by: -1 | 1 } | null>(null);
  const moveTie = (i: number, by: -1 | 1) => {
    setMoved({ b: tieBreaks[i]!, by });
    setTieBreaks((list) => {
      const next = [...list];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  };
  // A keyboard user keeps their place: the focus follows the moved item (its other button once at an end).
  useEffect(() => {
    if (!moved) return;
    const [up, down] = tieItems.current.get(moved.b)?.querySelectorAll('button') ?? [];
    const wanted = moved.by < 0 ? up : down;
    (wanted?.disabled ? (moved.by < 0 ? down : up) : wanted)?.focus();
    setMoved(null);
  }, [moved]);
  // Kept in the API's order, whatever order they were ticked in.
  const toggleDq = (d: Disqualification, on: boolean) =>
    setDisqualifications((list) => DISQUALIFICATIONS.filter((x) => (x === d ? on : list.includes(x))));
  const set = (key: keyof Form) => (e: { target: { value: string } }) =>
    setF({ ...f, [key]: e.target.value });

  const whole = (s: string) => (Number.isInteger(num(s)) && num(s) >= 0 ? null : t('rules.check.whole'));
  const quota = (kind: string, s: string) =>
    kind === 'COUNT' ? whole(s) : num(s) >= 0 && num(s) <= 100 ? null : t('rules.check.percent');
  const percent = (s: string) => percentProblem(t, s);
  const fixed = f.deadlineKind === 'FIXED_DAY';
  const checks = {
    effectiveYear:
      /^\d{4}$/.test(f.effectiveYear) && num(f.effectiveYear) >= 2000 && num(f.effectiveYear) <= 2100
        ? null
        : t('rules.check.year'),
    'flagQuota.value': quota(f.flagKind, f.flagValue),
    'meritQuota.value': quota(f.meritKind, f.meritValue),
    voteThresholdPercent: percent(f.threshold),
    maxRounds: roundsProblem(t, f.maxRounds),
    'dossierDeadline.days':
      fixed || (Number.isInteger(num(f.days)) && num(f.days) >= 0 && num(f.days) <= 120)
        ? null
        : t('rules.check.days'),
    dossierDeadline:
      !fixed ||
      (num(f.month) >= 1 && num(f.month) <= 12 && num(f.day) >= 1 && num(f.day) <= DAYS[num(f.month) - 1]!)
        ? null
        : t('rules.check.date'),
    councilFlagPercent: percent(f.councilFlag),
    councilCstdProvPercent: percent(f.councilCstd),
    councilAttendancePercent: percent(f.councilAttendance),
    // The minimum applies only while its reason is listed (R9), and then it needs a figure.
    minimumScore:
      !byMinimum || (num(f.minimumScore) >= 0 && num(f.minimumScore) <= 200) ? null : t('rules.check.score'),
  };
  const variables = () => ({
    effectiveYear: num(f.effectiveYear),
    input: {
      flagQuota: { kind: f.flagKind as 'COUNT' | 'SHARE', value: num(f.flagValue) },
      meritQuota: { kind: f.meritKind as 'COUNT' | 'SHARE', value: num(f.meritValue) },
      voteThresholdPercent: num(f.threshold),
      voteThresholdMode: f.thresholdMode as 'MORE_THAN' | 'AT_LEAST',
      maxRounds: num(f.maxRounds),
      runoffCandidates: f.runoff as 'TIED_ONLY' | 'ALL_REMAINING',
      headDeputyMode: f.headDeputy as 'ELECTED' | 'ROTATION' | 'DEPUTY_SUCCEEDS',
      dossierDeadline: fixed
        ? { kind: 'FIXED_DAY' as const, month: num(f.month), day: num(f.day), yearOffset: num(f.yearOffset) }
        : { kind: 'DAYS_AFTER_CONFERENCE' as const, days: num(f.days) },
      councilFlagPercent: num(f.councilFlag),
      councilCstdProvPercent: num(f.councilCstd),
      councilAttendancePercent: num(f.councilAttendance),
      tieBreaks,
      disqualifications,
      minimumScore: byMinimum ? num(f.minimumScore) : null,
    },
  });
  const err = (field: string) => save.shown.fields[field] ?? null;

  async function submit() {
    const done = await save.run(variables(), checks);
    setConfirming(false);
    if (done) onSaved(done.setAwardRuleSet.effectiveYear!);
  }

  return (
    <section className="card" aria-labelledby="edit-rules">
      <h2 id="edit-rules">{t('rules.edit')}</h2>
      <p>{t('rules.editIntro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // The page's own checks first: the dialog opens only for a form that can be sent.
          if (Object.values(checks).some(Boolean)) void save.run(variables(), checks);
          else setConfirming(true);
        }}
      >
        <Field
          label={t('rules.effectiveFrom')}
          inputMode="numeric"
          value={f.effectiveYear}
          error={err('effectiveYear')}
          onChange={set('effectiveYear')}
        />
        <fieldset>
          <legend>{t('rules.flagQuota')}</legend>
          <Choice
            label={t('rules.quotaKind')}
            value={f.flagKind}
            onChange={set('flagKind')}
            options={['COUNT', 'SHARE']}
            prefix="rules.quota"
          />
          <Field
            label={t('rules.quotaValue')}
            inputMode="decimal"
            value={f.flagValue}
            error={err('flagQuota.value') ?? err('flagQuota.percent')}
            onChange={set('flagValue')}
          />
        </fieldset>
        <fieldset>
          <legend>{t('rules.meritQuota')}</legend>
          <Choice
            label={t('rules.quotaKind')}
            value={f.meritKind}
            onChange={set('meritKind')}
            options={['COUNT', 'SHARE']}
            prefix="rules.quota"
          />
          <Field
            label={t('rules.quotaValue')}
            inputMode="decimal"
            value={f.meritValue}
            error={err('meritQuota.value') ?? err('meritQuota.percent')}
            onChange={set('meritValue')}
          />
        </fieldset>
        <fieldset>
          <legend>{t('rules.group.threshold')}</legend>
          <Field
            label={t('rules.threshold')}
            inputMode="decimal"
            value={f.threshold}
            error={err('voteThresholdPercent')}
            onChange={set('threshold')}
          />
          <Choice
            label={t('rules.thresholdMode')}
            value={f.thresholdMode}
            onChange={set('thresholdMode')}
            options={['MORE_THAN', 'AT_LEAST']}
            prefix="rules.mode"
          />
        </fieldset>
        <fieldset>
          <legend>{t('rules.group.rounds')}</legend>
          <Field
            label={t('rules.maxRounds')}
            inputMode="numeric"
            value={f.maxRounds}
            error={err('maxRounds')}
            onChange={set('maxRounds')}
          />
          <Choice
            label={t('rules.runoff')}
            value={f.runoff}
            onChange={set('runoff')}
            options={['TIED_ONLY', 'ALL_REMAINING']}
            prefix="rules.runoff"
            error={err('runoffCandidates')}
          />
          <Choice
            label={t('rules.headDeputy')}
            value={f.headDeputy}
            onChange={set('headDeputy')}
            options={['ELECTED', 'ROTATION', 'DEPUTY_SUCCEEDS']}
            prefix="rules.hd"
          />
        </fieldset>
        <fieldset aria-describedby="tie-breaks-hint">
          <legend>{t('rules.tieBreaks')}</legend>
          <p id="tie-breaks-hint" className="field-hint">
            {t('rules.tieBreaksHint')}
          </p>
          {tieBreaks.length === 0 ? (
            <p>{t('rules.tieNone')}</p>
          ) : (
            <ol className="tie-breaks">
              {tieBreaks.map((b, i) => {
                const name = t(k(`rules.tie.${b}`));
                return (
                  <li
                    key={b}
                    ref={(el) => {
                      if (el) tieItems.current.set(b, el);
                      else tieItems.current.delete(b);
                    }}
                  >
                    <strong>{capital(name)}</strong>
                    <p className="field-hint">{t(k(`rules.tieHint.${b}`))}</p>
                    <div className="actions">
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={i === 0}
                        aria-label={t('rules.tieUp', { name })}
                        onClick={() => moveTie(i, -1)}
                      >
                        {t('rules.up')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={i === tieBreaks.length - 1}
                        aria-label={t('rules.tieDown', { name })}
                        onClick={() => moveTie(i, 1)}
                      >
                        {t('rules.down')}
                      </button>
                      {b !== 'WOMEN' && (
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('rules.tieRemove', { name })}
                          onClick={() => setTieBreaks(tieBreaks.filter((x) => x !== b))}
                        >
                          {t('rules.remove')}
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          {TIE_BREAKS.some((b) => !tieBreaks.includes(b)) && (
            <div className="actions">
              {TIE_BREAKS.filter((b) => !tieBreaks.includes(b)).map((b) => (
                <button
                  key={b}
                  type="button"
                  className="button button-secondary"
                  onClick={() => setTieBreaks([...tieBreaks, b])}
                >
                  {t('rules.tieAdd', { name: t(k(`rules.tie.${b}`)) })}
                </button>
              ))}
            </div>
          )}
          <p className="field-hint">{t('rules.tieWomenLaw')}</p>
          {err('tieBreaks') && <p className="field-error">{err('tieBreaks')}</p>}
          <p className="rule-preview" aria-live="polite">
            <strong>R6:</strong> {explainTieBreaks(i18n, tieBreaks)}
          </p>
        </fieldset>
        <fieldset>
          <legend>{t('rules.disqualifications')}</legend>
          <p className="field-hint">{t('rules.disqualificationsHint')}</p>
          {DISQUALIFICATIONS.map((d) => (
            <div key={d}>
              <label className="check">
                <input
                  type="checkbox"
                  checked={disqualifications.includes(d)}
                  onChange={(e) => toggleDq(d, e.target.checked)}
                />
                <span>{capital(t(k(`rules.dq.${d}`)))}</span>
              </label>
              {d === 'SCORE_BELOW_MINIMUM' && byMinimum && (
                <Field
                  label={t('rules.minimumScore')}
                  inputMode="decimal"
                  required
                  value={f.minimumScore}
                  error={err('minimumScore')}
                  onChange={set('minimumScore')}
                />
              )}
            </div>
          ))}
          {err('disqualifications') && <p className="field-error">{err('disqualifications')}</p>}
          <p className="rule-preview" aria-live="polite">
            <strong>R9:</strong>{' '}
            {explainDisqualifications(
              i18n,
              disqualifications,
              byMinimum && num(f.minimumScore) >= 0 ? num(f.minimumScore) : null,
            )}
          </p>
        </fieldset>
        <fieldset>
          <legend>{t('rules.group.deadline')}</legend>
          <Choice
            label={t('rules.deadline')}
            value={f.deadlineKind}
            onChange={set('deadlineKind')}
            options={['DAYS_AFTER_CONFERENCE', 'FIXED_DAY']}
            prefix="rules.deadline"
          />
          {fixed ? (
            <>
              <Field
                label={t('rules.day')}
                inputMode="numeric"
                value={f.day}
                error={err('dossierDeadline') ?? err('dossierDeadline.day')}
                onChange={set('day')}
              />
              <Field
                label={t('rules.month')}
                inputMode="numeric"
                value={f.month}
                error={err('dossierDeadline.month')}
                onChange={set('month')}
              />
              <Choice
                label={t('rules.yearOffset')}
                value={f.yearOffset}
                onChange={set('yearOffset')}
                options={['0', '1']}
                prefix="rules.yearOffset"
                error={err('dossierDeadline.yearOffset')}
              />
            </>
          ) : (
            <Field
              label={t('rules.days')}
              inputMode="numeric"
              value={f.days}
              error={err('dossierDeadline.days')}
              onChange={set('days')}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>{t('rules.council')}</legend>
          <Field
            label={t('rules.councilFlag')}
            inputMode="decimal"
            value={f.councilFlag}
            error={err('councilFlagPercent')}
            onChange={set('councilFlag')}
          />
          <Field
            label={t('rules.councilCstd')}
            inputMode="decimal"
            value={f.councilCstd}
            error={err('councilCstdProvPercent')}
            onChange={set('councilCstd')}
          />
          <Field
            label={t('rules.councilAttendance')}
            inputMode="decimal"
            value={f.councilAttendance}
            error={err('councilAttendancePercent')}
            onChange={set('councilAttendance')}
          />
        </fieldset>
        <p className="muted">{t('rules.prizeNote')}</p>
        {save.shown.general && <Alert>{save.shown.general}</Alert>}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={save.busy}>
            {t('rules.save')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('rules.saveTitle', { year: f.effectiveYear })}
        confirmLabel={t('rules.save')}
        busy={save.busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void submit()}
      >
        <p>{t('rules.saveBody', { year: f.effectiveYear })}</p>
      </ConfirmDialog>
    </section>
  );
}
