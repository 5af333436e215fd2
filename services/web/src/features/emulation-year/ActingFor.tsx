import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { SelectField, TextAreaField } from '../../ui/Field';
import { unitName, useUnitNames } from '../unit/useUnitNames';

/**
 * Which member unit the person acts for. An officer acts for their own unit (chosen only when they serve
 * several); the secretariat may act for any member only on its behalf, giving the reason the record keeps.
 * The members are a block year's (the year pages) or a round's voters (the ballot).
 */
export function useActingFor(
  y: { members: readonly { unitId: string }[] },
  standing: { admin: boolean; mine: string[] },
  initial?: string | null,
) {
  const choices = standing.mine.length ? standing.mine : standing.admin ? y.members.map((m) => m.unitId) : [];
  const [unitId, setUnitId] = useState(
    initial && choices.includes(initial) ? initial : choices.length === 1 ? choices[0]! : '',
  );
  const [reason, setReason] = useState('');
  const onBehalf = !standing.mine.includes(unitId) && standing.admin;
  return {
    unitId,
    setUnitId,
    choices,
    onBehalf,
    reason,
    setReason,
    /** The mutation's onBehalfReason: sent only when acting on behalf. */
    reasonArg: onBehalf ? reason.trim() : undefined,
  };
}

/** What the fields show and change: the hook's state, whose setters a page may wrap (to clear its errors). */
type ActingFields = Omit<ReturnType<typeof useActingFor>, 'setUnitId' | 'setReason'> & {
  setUnitId(unitId: string): void;
  setReason(reason: string): void;
};

export function ActingFor({
  acting,
  errors,
  readOnly = false,
  done,
  labels = {},
}: {
  acting: ActingFields;
  errors: Record<string, string>;
  /** Only choosing whose records to read: nothing is done on anyone's behalf, so no reason is asked. */
  readOnly?: boolean;
  /** Units that can no longer be chosen (a ballot already recorded), with the note said beside their name. */
  done?: ReadonlyMap<string, string>;
  /** The page's own words for the fields, where the general ones would say too little. */
  labels?: { unit?: string; reason?: string; reasonHint?: string };
}) {
  const { t } = useI18n();
  const { names } = useUnitNames(acting.choices);
  return (
    <>
      {acting.choices.length > 1 && (
        <SelectField
          label={labels.unit ?? t('acting.unit')}
          value={acting.unitId}
          error={errors.unitId ?? errors.scorerUnitId}
          onChange={(e) => acting.setUnitId(e.target.value)}
        >
          <option value="">{t('members.choose')}</option>
          {acting.choices.map((u) => (
            <option key={u} value={u} disabled={done?.has(u)}>
              {done?.has(u) ? `${unitName(names, u)} (${done.get(u)})` : unitName(names, u)}
            </option>
          ))}
        </SelectField>
      )}
      {acting.onBehalf && !readOnly && (
        <TextAreaField
          label={labels.reason ?? t('acting.reason')}
          hint={labels.reasonHint ?? t('acting.reasonHint')}
          value={acting.reason}
          rows={2}
          error={errors.onBehalfReason}
          onChange={(e) => acting.setReason(e.target.value)}
        />
      )}
    </>
  );
}

export function reasonProblem(acting: ReturnType<typeof useActingFor>, message: string): string | null {
  return acting.onBehalf && acting.reason.trim().length < 5 ? message : null;
}
