import { useMemo, type ReactNode } from 'react';
import { Provider, useClient } from 'urql';
import { useSession } from './session';
import { createClient } from './client';

/**
 * Queries and mutations below act in another province than the session's: a former province this one absorbed,
 * whose units and history its secretariat reads (and records history in) while the page stays in the successor; or,
 * for the platform's operator, who works in none, the province whose accounts it invites. Its own client, so its
 * answers never mix with the session province's in the cache.
 */
export function ProvinceScope({ provinceId, children }: { provinceId: string; children: ReactNode }) {
  const session = useSession();
  const sessions = useClient();
  const own = provinceId === session.provinceId;
  const client = useMemo(() => (own ? null : createClient(provinceId, () => undefined)), [own, provinceId]);
  // Always a Provider, the session's client for its own province: moving between provinces keeps the page below
  // mounted, with what the person chose on it (a year, a figure).
  return <Provider value={client ?? sessions}>{children}</Provider>;
}
