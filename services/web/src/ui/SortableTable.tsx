import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { TableWrap } from './TableWrap';

export interface Column<R> {
  key: string;
  label: string;
  numeric?: boolean;
  /** A name among figures: it keeps a readable width (the table scrolls instead of breaking it a word a line). */
  name?: boolean;
  /** The value sorted on; numbers sort as numbers, text with Vietnamese collation. */
  value(row: R): number | string | null;
  render?(row: R): ReactNode;
}

const collator = new Intl.Collator('vi');

/** A table whose column headers sort it (aria-sort says how), with a caption for screen readers. */
export function SortableTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
}: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey(row: R): string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
}) {
  const i18n = useI18n();
  const [sort, setSort] = useState(initialSort ?? { key: columns[0]!.key, dir: 'asc' as const });
  const col = columns.find((c) => c.key === sort.key) ?? columns[0]!;
  const sorted = [...rows].sort((a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // blanks last
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sort.dir === 'asc' ? c : -c;
  });
  return (
    <TableWrap label={caption}>
      <table className="table table-sortable">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = c.key === sort.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'num' : c.name ? 'name' : undefined}
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() =>
                      setSort({
                        key: c.key,
                        dir: active ? (sort.dir === 'asc' ? 'desc' : 'asc') : c.numeric ? 'desc' : 'asc',
                      })
                    }
                  >
                    {c.label}
                    <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
                    <span className="visually-hidden"> – {i18n.t('dash.sortBy', { col: c.label })}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c, i) => {
                const content = c.render ? c.render(r) : formatCell(i18n.number, c.value(r));
                return i === 0 ? (
                  <th key={c.key} scope="row" className={c.numeric ? 'num' : c.name ? 'name' : undefined}>
                    {content}
                  </th>
                ) : (
                  <td key={c.key} className={c.numeric ? 'num' : c.name ? 'name' : undefined}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function formatCell(number: (n: number | null) => string, v: number | string | null): string {
  return typeof v === 'number' || v === null ? number(v) : v;
}
