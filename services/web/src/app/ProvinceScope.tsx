import { useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
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
  const own = provinceId === session.provinceId;
  const client = useMemo(() => (own ? null : createClient(provinceId, () => undefined)), [own, provinceId]);
  return client ? <Provider value={client}>{children}</Provider> : children;
}
