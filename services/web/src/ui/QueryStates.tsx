import type { CombinedError, OperationContext } from 'urql';
import type { ReactNode } from 'react';
import { ApiErrorView } from './ApiErrorView';
import { Empty, Loading } from './Page';

/**
 * A query's part of a page until it has something to show: the failure in the person's language, with a retry
 * that asks the server again rather than the cache; loading; the `empty` message when `isEmpty` says there is
 * nothing. Then `children` with the data.
 */
export function QueryStates<D>({
  error,
  refetch,
  data,
  isEmpty,
  empty,
  children,
}: {
  error: CombinedError | undefined;
  refetch: (opts?: Partial<OperationContext>) => void;
  /** Undefined (or null) while loading. */
  data: D | null | undefined;
  isEmpty?: (data: D) => boolean;
  empty?: ReactNode;
  children: (data: D) => ReactNode;
}) {
  if (error) return <ApiErrorView error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (data === undefined || data === null) return <Loading />;
  if (isEmpty?.(data)) return <Empty>{empty}</Empty>;
  return <>{children(data)}</>;
}
