import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Alert } from '../../ui/Page';
import { downloadFrom } from '../../ui/download';

/**
 * The statutory statistics forms 0601–0605 of the province for a year, as the API builds them (XLSX): the
 * session's province, or `provinceId` (the ministry's viewer, from the dashboards), then said in `label`.
 */
export function StatisticsButton({
  year,
  provinceId,
  label,
}: {
  year: number;
  provinceId?: string;
  label?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          setError(
            await downloadFrom(
              `/reports/statistics?year=${year}`,
              `thong-ke-tdkt-${year}.xlsx`,
              i18n,
              provinceId,
            ).catch(() => t('error.network')),
          );
          setBusy(false);
        }}
      >
        {busy ? t('statistics.downloading') : (label ?? t('statistics.download'))}
      </button>
      {error && <Alert>{error}</Alert>}
    </>
  );
}
