import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** Server-side paging over the API's opaque cursors: the cursors of pages seen are kept to go back. */
export function usePager() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors.at(-1) ?? null,
    page: cursors.length,
    next: (cursor: string | null | undefined) => cursor && setCursors((c) => [...c, cursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([null]),
  };
}

/** Previous / next, and which page of how many items. */
export function Pager({
  pager,
  total,
  pageInfo,
  label,
}: {
  pager: ReturnType<typeof usePager>;
  total: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  label: string;
}) {
  const { t } = useI18n();
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button button-secondary"
        disabled={pager.page <= 1}
        onClick={pager.previous}
      >
        {t('pager.previous')}
      </button>
      <span aria-live="polite">{t('pager.status', { page: pager.page, total })}</span>
      <button
        type="button"
        className="button button-secondary"
        disabled={!pageInfo.hasNextPage}
        onClick={() => pager.next(pageInfo.endCursor)}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
