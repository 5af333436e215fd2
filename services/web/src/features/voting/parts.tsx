import { useI18n } from '../../i18n/i18n';
import type { Period } from './rules';

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
