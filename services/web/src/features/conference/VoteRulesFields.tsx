import { useI18n, type I18n } from '../../i18n/i18n';
import { Choice } from '../../ui/Choice';
import { Field } from '../../ui/Field';
import { num, percentProblem, roundsProblem } from '../province/rule-checks';

export type ThresholdMode = 'MORE_THAN' | 'AT_LEAST';

/** The vote's threshold and rounds (R4, R5): the province's, or the secretariat's exception for this one vote. */
export interface VoteRules {
  voteThresholdPercent: number;
  voteThresholdMode: ThresholdMode;
  maxRounds: number;
  runoffCandidates: 'TIED_ONLY' | 'ALL_REMAINING';
}

/** The form's values, as typed. */
export interface VoteRulesDraft {
  open: boolean;
  threshold: string;
  mode: ThresholdMode;
  rounds: string;
}

export const draftOf = (rules: VoteRules): VoteRulesDraft => ({
  open: false,
  threshold: String(rules.voteThresholdPercent),
  mode: rules.voteThresholdMode,
  rounds: String(rules.maxRounds),
});

/**
 * What differs from the province's rules, to send with the vote (the API audits each as an exception), and the
 * fields that are not valid. An exception left closed sends nothing: the vote follows the province's rules.
 */
export function exceptionOf(
  draft: VoteRulesDraft,
  rules: VoteRules,
  t: I18n['t'],
): {
  values: { thresholdPercent?: number; thresholdMode?: ThresholdMode; maxRounds?: number };
  checks: Record<string, string | null>;
} {
  if (!draft.open) return { values: {}, checks: {} };
  const threshold = num(draft.threshold);
  const rounds = num(draft.rounds);
  return {
    values: {
      ...(threshold !== rules.voteThresholdPercent ? { thresholdPercent: threshold } : {}),
      ...(draft.mode !== rules.voteThresholdMode ? { thresholdMode: draft.mode } : {}),
      ...(rounds !== rules.maxRounds ? { maxRounds: rounds } : {}),
    },
    checks: {
      thresholdPercent: percentProblem(t, draft.threshold),
      maxRounds: roundsProblem(t, draft.rounds),
    },
  };
}

/**
 * The province's threshold and rounds said in words, and for the secretariat a folded section to set this one
 * vote's own (an exception, audited); the head and deputy units open the vote by the province's rules.
 */
export function VoteRulesFields({
  rules,
  canSetOwn,
  draft,
  onChange,
  errors,
}: {
  rules: VoteRules;
  canSetOwn: boolean;
  draft: VoteRulesDraft;
  onChange: (d: VoteRulesDraft) => void;
  errors: Record<string, string | undefined>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const set = (patch: Partial<VoteRulesDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="vote-rules">
      <p className="muted">
        {t('vote.own.province', {
          threshold: t(`rules.R4.${rules.voteThresholdMode}`, { p: i18n.number(rules.voteThresholdPercent) }),
          // One round only: no run-off to describe, the head and deputy decide what it leaves.
          rounds:
            rules.maxRounds === 1
              ? t('rules.R5.single')
              : t(`rules.R5.${rules.runoffCandidates}`, { n: rules.maxRounds }),
        })}
      </p>
      {canSetOwn && (
        <details open={draft.open} onToggle={(e) => set({ open: e.currentTarget.open })}>
          <summary>{t('vote.own.summary')}</summary>
          <p className="field-hint">{t('vote.own.hint')}</p>
          <Field
            label={t('rules.threshold')}
            inputMode="decimal"
            value={draft.threshold}
            error={errors.thresholdPercent}
            onChange={(e) => set({ threshold: e.target.value })}
          />
          <Choice
            label={t('rules.thresholdMode')}
            value={draft.mode}
            options={['MORE_THAN', 'AT_LEAST']}
            prefix="rules.mode"
            error={errors.thresholdMode}
            onChange={(e) => set({ mode: e.target.value as ThresholdMode })}
          />
          <Field
            label={t('rules.maxRounds')}
            inputMode="numeric"
            value={draft.rounds}
            error={errors.maxRounds}
            onChange={(e) => set({ rounds: e.target.value })}
          />
        </details>
      )}
    </div>
  );
}
