import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * Server-side paging over the API's opaque cursors: the cursors of pages seen are kept to go back. A page turned
 * is remembered until its rows have come (`turnedFrom`: the last cursor of the page left), here rather than in the
 * Pager, which a list may unmount while the next page loads.
 */
export function usePager() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [turnedFrom, setTurnedFrom] = useState<{ endCursor: string | null } | null>(null);
  return {
    after: cursors.at(-1) ?? null,
    page: cursors.length,
    next: (cursor: string | null | undefined) => cursor && setCursors((c) => [...c, cursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset: () => setCursors([null]),
    turnedFrom,
    turning: (endCursor: string | null) => setTurnedFrom({ endCursor }),
    settled: () => setTurnedFrom(null),
  };
}

/** What a pager's list is: the nearest table, list or its scrolling region before it (not a message between). */
const LIST = '.table-wrap, table, ul, ol';

/**
 * Previous / next, and which page of how many items. Once the rows of the page asked for have come (the list's
 * last cursor is no longer the one of the page left), the list before the pager is brought into view and takes
 * the keyboard's focus: its first rows are read first, not its last ones from where the button was.
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
  const endCursor = pageInfo.endCursor ?? null;
  const { turnedFrom, settled } = pager;
  useEffect(() => {
    if (!turnedFrom || turnedFrom.endCursor === endCursor) return;
    settled();
    let list = nav.current?.previousElementSibling;
    while (list && !list.matches(LIST)) list = list.previousElementSibling;
    if (!(list instanceof HTMLElement)) return;
    list.scrollIntoView({ block: 'start' });
    if (list.tabIndex < 0) list.tabIndex = -1;
    list.focus({ preventScroll: true });
  }, [turnedFrom, endCursor, settled]);
  const turn = (to: () => void) => () => {
    pager.turning(endCursor);
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
