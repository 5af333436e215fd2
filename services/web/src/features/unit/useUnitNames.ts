import { useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import { graphql, type ResultOf } from '../../graphql';

const UnitsPage = graphql(`
  query UnitsPage($after: String) {
    units(first: 100, after: $after, filter: { includeFormer: true }) {
      nodes {
        id
        name
        shortName
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * The names of the province's units, read page by page until every id asked for is known (a province has a
 * few hundred units at most; the pages are cached by urql for the other pages that need them).
 */
export function useUnitNames(ids: readonly string[]): { names: Map<string, string>; fetching: boolean } {
  const client = useClient();
  const [names, setNames] = useState(() => new Map<string, string>());
  const [fetching, setFetching] = useState(false);
  const key = useMemo(() => [...new Set(ids)].sort().join(','), [ids]);

  useEffect(() => {
    if (!key) return;
    let live = true;
    const wanted = key.split(',');
    void (async () => {
      setFetching(true);
      const found = new Map<string, string>();
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const res = await client.query(UnitsPage, { after }, { requestPolicy: 'cache-first' }).toPromise();
        const units: ResultOf<typeof UnitsPage>['units'] | undefined = res.data?.units;
        if (!units) break;
        for (const u of units.nodes) found.set(u.id, u.name);
        if (wanted.every((id) => found.has(id)) || !units.pageInfo.hasNextPage) break;
        after = units.pageInfo.endCursor ?? null;
      }
      if (live) {
        setNames(found);
        setFetching(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [client, key]);

  return { names, fetching };
}

/** The unit's name, or a short form of its id while names load. */
export function unitName(names: Map<string, string>, id: string): string {
  return names.get(id) ?? `…${id.slice(-6)}`;
}
