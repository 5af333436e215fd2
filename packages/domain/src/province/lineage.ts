export interface LineageEdge {
  predecessorId: string;
  successorId: string;
}

/**
 * The provinces whose data a holder of `provinceIds` may read: the provinces themselves and,
 * transitively, every former province they absorbed (a former province stays readable under its successor).
 */
export function readableProvinces(provinceIds: Iterable<string>, edges: readonly LineageEdge[]): Set<string> {
  const predecessorsOf = new Map<string, string[]>();
  for (const e of edges) {
    predecessorsOf.set(e.successorId, [...(predecessorsOf.get(e.successorId) ?? []), e.predecessorId]);
  }
  const seen = new Set<string>();
  const stack = [...provinceIds];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(predecessorsOf.get(id) ?? []));
  }
  return seen;
}
