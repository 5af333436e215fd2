import { useEffect, useRef, useState } from 'react';
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

/**
 * Previous / next, and which page of how many items. Once the page asked for has come, the list (what stands just
 * before the pager) is brought into view and takes the keyboard's focus: its first rows are read first, not its
 * last ones from where the button was.
 */
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
  const nav = useRef<HTMLElement>(null);
  const turned = useRef(false);
  useEffect(() => {
    if (!turned.current) return;
    turned.current = false;
    const list = nav.current?.previousElementSibling;
    if (!(list instanceof HTMLElement)) return;
    list.scrollIntoView({ block: 'start' });
    if (list.tabIndex < 0) list.tabIndex = -1;
    list.focus({ preventScroll: true });
  }, [pageInfo.endCursor, pager.page]);
  const turn = (to: () => void) => () => {
    turned.current = true;
    to();
  };
  return (
    <nav ref={nav} className="pager" aria-label={label}>
      <button
        type="button"
        className="button button-secondary"
        disabled={pager.page <= 1}
        onClick={turn(pager.previous)}
      >
        {t('pager.previous')}
      </button>
      <span aria-live="polite">{t('pager.status', { page: pager.page, total })}</span>
      <button
        type="button"
        className="button button-secondary"
        disabled={!pageInfo.hasNextPage}
        onClick={turn(() => pager.next(pageInfo.endCursor))}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
