import DataLoader from 'dataloader';
import {
  provinceRepository,
  unitRepository,
  userRepository,
  type Province,
  type ProvinceLineage,
  type RoleAssignment,
  type Unit,
  type User,
} from '@thidua/db';

/**
 * One set per request, so a list asking for a relation costs one statement, and nothing is cached across
 * requests or provinces (the unit loader runs inside the request's tenant transaction).
 */
export function createLoaders() {
  // An id that is not a UUID names nothing: answer null (NOT_FOUND) rather than let Postgres fail the transaction.
  const byId = <T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const rows = new Map((await load(ids.filter(isUuid))).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    });
  const grouped = <T>(load: (ids: readonly string[]) => Promise<T[]>, keysOf: (row: T) => string[]) =>
    new DataLoader<string, T[]>(async (ids) => {
      const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
      for (const row of await load(ids.filter(isUuid)))
        for (const key of keysOf(row)) groups.get(key)?.push(row);
      return ids.map((id) => groups.get(id)!);
    });

  return {
    province: byId<Province>(provinceRepository.byIds),
    unit: byId<Unit>(unitRepository.byIds),
    user: byId<User>(userRepository.byIds),
    rolesOfUser: grouped<RoleAssignment>(userRepository.rolesOf, (r) => [r.userId]),
    lineage: grouped<ProvinceLineage>(provinceRepository.lineageOf, (l) => [l.predecessorId, l.successorId]),
  };
}

export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

export type Loaders = ReturnType<typeof createLoaders>;
