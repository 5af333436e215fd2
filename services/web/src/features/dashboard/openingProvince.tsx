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
 * are known; `probes` read them (each within its province) and must be rendered. Whatever cannot be read (the
 * lineage, a province's years) leaves the ranking on its own province, as before this choice was made.
 */
export function useOpeningProvince(
  { lineage, settled }: { lineage: FormerOrCurrent[]; settled: boolean },
  skip: boolean,
): { choice: FormerOrCurrent | undefined; probes: ReactNode } {
  const [latest, setLatest] = useState<Record<string, Latest>>({});
  const own = lineage[0];
  // One province (or its lineage unread: the session's alone): nothing to choose.
  if (skip || !settled || lineage.length === 1) return { choice: settled ? own : undefined, probes: null };
  const known = lineage.every((p) => p.id in latest);
  const failed = lineage.some((p) => latest[p.id] === 'failed');
  const yearOf = (p: FormerOrCurrent) => latest[p.id] as number | null;
  const best = lineage
    .filter((p) => p.former && yearOf(p) !== null)
    .sort((a, b) => yearOf(b)! - yearOf(a)!)[0];
  return {
    choice: !known ? undefined : !failed && yearOf(own!) === null && best ? best : own,
    probes: lineage.map((p) => (
      <ProvinceScope key={p.id} provinceId={p.id}>
        <LatestYear provinceId={p.id} onKnown={(year) => setLatest((l) => ({ ...l, [p.id]: year }))} />
      </ProvinceScope>
    )),
  };
}

/** A province's latest year with figures; null: none; 'failed': could not be read. */
type Latest = number | null | 'failed';

/** Reads one province's latest year with figures and says it once known. */
function LatestYear({ provinceId, onKnown }: { provinceId: string; onKnown(year: Latest): void }) {
  const [years] = useQuery({ query: YearsQuery, variables: { provinceId } });
  const latest: Latest | undefined = years.fetching
    ? undefined
    : years.error
      ? 'failed'
      : years.data
        ? (years.data.dashboardYears[0] ?? null)
        : undefined;
  useEffect(() => {
    if (latest !== undefined) onKnown(latest);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latest]);
  return null;
}
