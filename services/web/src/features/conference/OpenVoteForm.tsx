import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../ui/DateField';
import { Field } from '../../ui/Field';
import { Alert } from '../../ui/Page';
import { useAction } from '../../ui/useAction';
import { fromVietnamInput, vietnamInput } from '../../ui/vietnamTime';
import { OpenVoteMutation } from './operations';
import { draftOf, exceptionOf, VoteRulesFields, type VoteRules } from './VoteRulesFields';

const KINDS = ['FLAG', 'MERIT', 'NEXT_HEAD', 'NEXT_DEPUTY'] as const;
type Kind = (typeof KINDS)[number];

/** An award's quota for the year: how many units, and whether the secretariat set it for this block (not the rule). */
export interface Quota {
  seats: number;
  own: boolean;
}

/**
 * R2, R3: the secretariat's number for the block's year, else the province's rule (a count, or a share rounded down),
 * as the gateway's quotaProblem counts it with the domain's quotaSeats (the web does not import the domain: keep the
 * two alike).
 */
export function quotaOf(
  rule: { kind: string; value: number },
  override: number | null,
  members: number,
): Quota {
  if (override !== null) return { seats: override, own: true };
  return { seats: rule.kind === 'COUNT' ? rule.value : Math.floor((members * rule.value) / 100), own: false };
}

/**
 * Round 1 of the block vote, at the recorded conference: online (members vote on their phones until the
 * deadline) or on paper (the counting committee's count is entered and confirmed). Later rounds open by
 * themselves when a round's results are published (R5).
 */
export function OpenVoteForm({
  yearId,
  memberCount,
  excluded,
  rules,
  canSetOwnRules,
  quotas,
}: {
  yearId: string;
  memberCount: number;
  /** The province's threshold and rounds for the year (R4, R5). */
  rules: VoteRules;
  /** The secretariat may give this one vote its own (an audited exception). */
  canSetOwnRules: boolean;
  /**
   * R1: members that may not be proposed for an award, with why (the engine's lines, marked Vietnamese where they
   * have no English); they are not on the flag or merit ballot.
   */
  excluded: { name: string; why: { text: string; lang: 'vi' | 'en' }[] }[];
  /** R2, R3: how many flags and merit certificates the block may propose this year, and whose quota it is. */
  quotas: Record<'FLAG' | 'MERIT', Quota>;
}) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [method, setMethod] = useState<'ONLINE' | 'PAPER'>('ONLINE');
  const [closesAt, setClosesAt] = useState(() => vietnamInput(new Date(Date.now() + 2 * 3600_000)));
  // The award contests start from the quota (R2, R3), as far as the units on those ballots allow: a block of ten
  // with three merit certificates votes for three, and one whose quota is none has no such contest.
  const candidates = Math.max(0, memberCount - excluded.length);
  const award = (q: Quota) => ({
    on: q.seats > 0 && candidates > 0,
    seats: Math.max(1, Math.min(q.seats, candidates)),
  });
  const [chosen, setChosen] = useState<Record<Kind, { on: boolean; seats: number }>>(() => ({
    FLAG: award(quotas.FLAG),
    MERIT: award(quotas.MERIT),
    NEXT_HEAD: { on: true, seats: 1 },
    NEXT_DEPUTY: { on: true, seats: 1 },
  }));
  const [allowSelfVote, setAllowSelfVote] = useState(true);
  const [own, setOwn] = useState(() => draftOf(rules));
  const action = useAction(OpenVoteMutation);
  const kinds = KINDS.filter((k) => chosen[k].on);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const exception = exceptionOf(own, rules, t);
    const deadline = fromVietnamInput(closesAt);
    const checks: Record<string, string | null> = {
      ...exception.checks,
      contests: kinds.length ? null : t('vote.check.contests'),
      closesAt:
        method === 'ONLINE' && !(deadline && deadline.getTime() > Date.now() + 60_000)
          ? t('vote.check.closesAt')
          : null,
    };
    kinds.forEach((k, i) => {
      const s = chosen[k].seats;
      if (!Number.isInteger(s) || s < 1 || s > memberCount)
        checks[`contests.${i}.seats`] = t('vote.check.seats', { n: memberCount });
    });
    const data = await action.run(
      {
        input: {
          emulationYearId: yearId,
          method,
          closesAt: method === 'ONLINE' ? (deadline?.toISOString() ?? '') : null,
          contests: kinds.map((kind) => ({ kind, seats: chosen[kind].seats })),
          allowSelfVote,
          ...exception.values,
        },
      },
      checks,
    );
    if (data) navigate(`/voting-periods/${data.openVotingPeriod.id}`);
  }

  const seatsError = (k: Kind) => {
    const i = kinds.indexOf(k);
    return i >= 0 ? action.shown.fields[`contests.${i}.seats`] : undefined;
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="open-vote">
      <h2 id="open-vote">{t('vote.open')}</h2>
      {action.shown.general && <Alert>{action.shown.general}</Alert>}
      <fieldset className="fieldset">
        <legend>{t('vote.method')}</legend>
        {(['ONLINE', 'PAPER'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="method" checked={method === m} onChange={() => setMethod(m)} />
            <span>{t(`vote.method.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      {method === 'ONLINE' && (
        <DateField
          label={t('vote.closesAt')}
          withTime
          value={closesAt}
          onChange={setClosesAt}
          error={action.shown.fields.closesAt}
        />
      )}
      <fieldset className="fieldset">
        <legend>{t('vote.contests')}</legend>
        {action.shown.fields.contests && <p className="field-error">{action.shown.fields.contests}</p>}
        {excluded.length > 0 && (
          <Alert kind="info">
            <p>{t('vote.excluded')}</p>
            <ul>
              {excluded.map((e) => (
                <li key={e.name}>
                  <strong>{e.name}</strong>:{' '}
                  {e.why.map((line, i) => (
                    <span key={i} lang={line.lang}>
                      {i > 0 && ' '}
                      {line.text}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {KINDS.map((k) => (
          <div key={k} className="form-row">
            <label className="check">
              <input
                type="checkbox"
                checked={chosen[k].on}
                onChange={(e) => setChosen((c) => ({ ...c, [k]: { ...c[k], on: e.target.checked } }))}
              />
              <span>{t(`voting.contest.${k}`)}</span>
            </label>
            {chosen[k].on && (
              <Field
                label={t('vote.seats', { contest: t(`voting.contest.${k}`) })}
                type="number"
                min={1}
                max={memberCount}
                inputMode="numeric"
                value={String(chosen[k].seats)}
                onChange={(e) =>
                  setChosen((c) => ({ ...c, [k]: { ...c[k], seats: Number(e.target.value) } }))
                }
                error={seatsError(k)}
                hint={
                  k === 'FLAG' || k === 'MERIT'
                    ? t(quotas[k].own ? 'vote.quotaHintOwn' : 'vote.quotaHint', { n: quotas[k].seats })
                    : undefined
                }
              />
            )}
          </div>
        ))}
      </fieldset>
      <VoteRulesFields
        rules={rules}
        canSetOwn={canSetOwnRules}
        draft={own}
        onChange={setOwn}
        errors={action.shown.fields}
      />
      <label className="check">
        <input type="checkbox" checked={allowSelfVote} onChange={(e) => setAllowSelfVote(e.target.checked)} />
        <span>{t('vote.allowSelfVote')}</span>
      </label>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={action.busy}>
          {action.busy ? t('confirm.busy') : t(`vote.openButton.${method}`)}
        </button>
      </div>
    </form>
  );
}
