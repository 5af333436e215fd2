import type { ReactNode } from 'react';

export interface CardTableRow {
  key: string;
  /** The row's first cell, its header. */
  heading: ReactNode;
  /** The other cells, in the order of the columns after the first. */
  cells: ReactNode[];
}

/**
 * A list that reads as cards on a phone (styles.css `.table.cards`): each row a block, each cell under its column's
 * name. `display: block` takes a table's implicit roles away, so they are given explicitly: screen readers still
 * read a table, with its headers.
 */
export function CardTable({
  caption,
  columns,
  rows,
}: {
  caption: ReactNode;
  columns: string[];
  rows: CardTableRow[];
}) {
  return (
    <table className="table cards" role="table">
      <caption>{caption}</caption>
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((name) => (
            <th key={name} scope="col" role="columnheader">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row) => (
          <tr key={row.key} role="row">
            <th scope="row" role="rowheader">
              {row.heading}
            </th>
            {row.cells.map((cell, i) => (
              <td key={columns[i + 1]} role="cell" data-label={columns[i + 1]}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
