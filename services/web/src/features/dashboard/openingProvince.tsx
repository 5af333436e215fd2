import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { ProvinceScope } from '../../app/ProvinceScope';
import { graphql } from '../../graphql';
import type { FormerOrCurrent } from '../province/useFormerProvinces';

/** The years with figures, newest first: every province's, or the given one's (read within it). */
export const YearsQuery = graphql(`
  query DashboardYears($provinceId: ID) {
    dashboardYears(provinceId: $provinceId)
  }
`);

/**
 * Which of the secretariat's lineage its ranking opens on: its own province, unless that has no figures in any year
 * and a former province merged into it has (a merged province's years before 2025 are its former provinces'): then
 * the former one with the latest figures, rather than an empty table. `choice` is undefined until every one's years
 * are known; `probes` read them (each within its province) and must be rendered.
 */
export function useOpeningProvince(
  lineage: FormerOrCurrent[],
  skip: boolean,
): { choice: FormerOrCurrent | undefined; probes: ReactNode } {
  const [latest, setLatest] = useState<Record<string, number | null>>({});
  // The lineage is read first (a placeholder without a name until then).
  const loaded = lineage.length > 0 && lineage[0]!.label !== '';
  if (skip || !loaded || lineage.length === 1)
    return { choice: loaded ? lineage[0] : undefined, probes: null };
  const known = lineage.every((p) => p.id in latest);
  const own = lineage[0]!;
  const best = lineage
    .filter((p) => p.former && latest[p.id] != null)
    .sort((a, b) => latest[b.id]! - latest[a.id]!)[0];
  return {
    choice: !known ? undefined : latest[own.id] == null && best ? best : own,
    probes: lineage.map((p) => (
      <ProvinceScope key={p.id} provinceId={p.id}>
        <LatestYear provinceId={p.id} onKnown={(year) => setLatest((l) => ({ ...l, [p.id]: year }))} />
      </ProvinceScope>
    )),
  };
}

/** Reads one province's latest year with figures (null: none, or it could not be read) and says it once known. */
function LatestYear({ provinceId, onKnown }: { provinceId: string; onKnown(year: number | null): void }) {
  const [years] = useQuery({ query: YearsQuery, variables: { provinceId } });
  const done = !years.fetching && (years.data !== undefined || years.error !== undefined);
  const year = years.data?.dashboardYears[0] ?? null;
  useEffect(() => {
    if (done) onKnown(year);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [done, year]);
  return null;
}
