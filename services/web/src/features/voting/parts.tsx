import { useQuery } from 'urql';
import { useI18n, type I18n } from '../../i18n/i18n';
import { basisBrief } from '../awards/Basis';
import { unitName } from '../unit/useUnitNames';
import { NominationBriefQuery } from './operations';
import type { Period } from './rules';

/** Whose vote it is, for titles: "Khối …, năm 2026" for a block, the council's name for the council. */
export function periodOwner(t: I18n['t'], period: Pick<Period, 'kind' | 'emulationYear'>): string {
  const y = period.emulationYear;
  return y ? t('voting.ofBlock', { block: y.block.name, year: y.year }) : t('voting.kind.COUNCIL');
}

export function StatusBadge({ period }: { period: Pick<Period, 'status' | 'resultsPublishedAt'> }) {
  const { t } = useI18n();
  const published = period.status === 'TALLIED' && period.resultsPublishedAt;
  return (
    <span className={`status status-${published ? 'published' : period.status.toLowerCase()}`}>
      {published ? t('voting.published') : t(`voting.status.${period.status}`)}
    </span>
  );
}

export function TurnoutBar({
  cast,
  eligible,
  large = false,
}: {
  cast: number;
  eligible: number;
  large?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className={large ? 'turnout turnout-large' : 'turnout'}>
      <p className="turnout-figure">{t('voting.turnout', { cast, eligible })}</p>
      <progress max={eligible || 1} value={cast} aria-label={t('voting.turnoutLabel')}>
        {cast}/{eligible}
      </progress>
    </div>
  );
}

/** What a council question is about: the award form proposed and the unit (from the nomination). */
export function ApprovalSubject({
  i18n,
  nominationId,
  names,
  unit,
}: {
  i18n: I18n;
  nominationId: string;
  names: Map<string, string>;
  unit: string;
}) {
  const [res] = useQuery({ query: NominationBriefQuery, variables: { id: nominationId } });
  const form = res.data?.nomination.form;
  return (
    <span className="approval-subject">
      {form
        ? i18n.t('ballot.approvalOf', { form: i18n.t(`form.${form}`), who: unitName(names, unit) })
        : unitName(names, unit)}
    </span>
  );
}

/** The block's vote and score behind a council question, in one line, for the member deciding on a phone. */
export function ApprovalGrounds({ i18n, nominationId }: { i18n: I18n; nominationId: string }) {
  const [res] = useQuery({ query: NominationBriefQuery, variables: { id: nominationId } });
  const basis = res.data?.nomination.basis;
  return basis ? <p className="muted">{basisBrief(i18n, basis)}</p> : null;
}
