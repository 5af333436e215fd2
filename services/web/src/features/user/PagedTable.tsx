import type { CombinedError } from '@urql/core';
import { ApiErrorView } from '../../ui/ApiErrorView';
import { CardTable, type CardTableRow } from '../../ui/CardTable';
import { Empty, Loading } from '../../ui/Page';
import { Pager, type usePager } from '../../ui/Pager';

interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * One page of a server-side list as a table (cards on a phone, so a row's actions stay on the screen): loading,
 * the API's error with a retry, empty, rows, and the pager.
 */
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
  row: (item: T) => CardTableRow;
}) {
  if (error) return <ApiErrorView error={error} retry={retry} />;
  if (!page) return <Loading />;
  return (
    <>
      {page.nodes.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <CardTable
          caption={<span className="visually-hidden">{label}</span>}
          columns={columns}
          rows={page.nodes.map(row)}
        />
      )}
      <Pager pager={pager} total={page.totalCount} pageInfo={page.pageInfo} label={label} />
    </>
  );
}
