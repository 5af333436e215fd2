import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A table that may scroll sideways on a phone: a named region the keyboard can reach and scroll. When the table is
 * wider than the screen, a line above it says so: the columns past the edge are otherwise simply not there for
 * someone who does not think of swiping a table.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useI18n();
  const region = useRef<HTMLDivElement>(null);
  const wide = useWiderThanItself(region);
  return (
    <>
      {wide && (
        // Visual only: a screen reader reads the table cell by cell, whatever its width.
        <p className="table-hint" aria-hidden="true">
          {t('table.scrollHint')}
        </p>
      )}
      <div ref={region} className="table-wrap" role="region" aria-label={label} tabIndex={0}>
        {children}
      </div>
    </>
  );
}

/** Whether the element's content is wider than the element, followed as either is resized. */
function useWiderThanItself(ref: RefObject<HTMLElement | null>): boolean {
  const [wide, setWide] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWide(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    // The table grows when its rows change, without the region changing size.
    for (const child of el.children) observer.observe(child);
    return () => observer.disconnect();
  }, [ref]);
  return wide;
}
