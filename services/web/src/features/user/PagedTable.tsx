import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { Empty, Loading } from '../../ui/Page';
import { Pager, type usePager } from '../../ui/Pager';
import { TableWrap } from '../../ui/TableWrap';

interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** One page of a server-side list as a table: loading, the API's error with a retry, empty, rows, and the pager. */
export function PagedTable<T>({
  label,
  columns,
  empty,
  page,
  error,
  retry,
  pager,
  row,
}: {
  label: string;
  columns: string[];
  empty: string;
  page: Connection<T> | undefined;
  error: CombinedError | undefined;
  retry: () => void;
  pager: ReturnType<typeof usePager>;
  row: (item: T) => ReactNode;
}) {
  if (error) return <ApiErrorView error={error} retry={retry} />;
  if (!page) return <Loading />;
  return (
    <>
      {page.nodes.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <TableWrap label={label}>
          <table className="table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th scope="col" key={c}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{page.nodes.map(row)}</tbody>
          </table>
        </TableWrap>
      )}
      <Pager pager={pager} total={page.totalCount} pageInfo={page.pageInfo} label={label} />
    </>
  );
}
