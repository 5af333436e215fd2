import { readableProvinces, type History, type SubjectKind } from '@thidua/domain';
import { lineageRepository, type StoredLink } from '../repositories/lineage.repository';
import { personRepository } from '../repositories/block.repository';
import { provinceRepository } from '../repositories/province.repository';
import { unitRepository } from '../repositories/unit.repository';
import { currentProvinceId, runInTenant, tenantManager } from '../tenancy/tenant-context';

/**
 * The record of `subjectIds` and of all their predecessors (tenant context). Lineage is followed inside the
 * province and into the former provinces it absorbed, each read in its own tenant transaction; a link into any
 * other province is ignored, so a province never reads beyond what it may read anyway.
 */
export async function lineageHistory(kind: SubjectKind, subjectIds: readonly string[]): Promise<History> {
  const readable = readableProvinces([currentProvinceId()], await provinceRepository.lineageEdges());
  return collect(kind, subjectIds, readable, new Set());
}

async function collect(
  kind: SubjectKind,
  ids: readonly string[],
  readable: ReadonlySet<string>,
  seen: Set<string>,
): Promise<History> {
  const here = currentProvinceId();
  const history: { facts: History['facts'][number][]; links: StoredLink[] } = { facts: [], links: [] };
  const elsewhere = new Map<string, string[]>();
  let frontier = ids.filter((id) => !seen.has(id));
  while (frontier.length) {
    frontier.forEach((id) => seen.add(id));
    const [links, facts] = await Promise.all([
      lineageRepository.links(kind, frontier),
      lineageRepository.facts(kind, frontier),
    ]);
    history.links.push(...links);
    history.facts.push(...facts);
    frontier = [];
    for (const l of links) {
      if (seen.has(l.predecessorId)) continue;
      if (l.predecessorProvinceId === here) frontier.push(l.predecessorId);
      else if (readable.has(l.predecessorProvinceId))
        elsewhere.set(l.predecessorProvinceId, [
          ...(elsewhere.get(l.predecessorProvinceId) ?? []),
          l.predecessorId,
        ]);
    }
  }
  const dataSource = (await tenantManager()).connection;
  for (const [provinceId, predecessors] of elsewhere) {
    const sub = await runInTenant(dataSource, provinceId, () => collect(kind, predecessors, readable, seen));
    history.facts.push(...sub.facts);
    history.links.push(...(sub.links as StoredLink[]));
  }
  return history;
}

/**
 * The names of units or people of `provinceId` (this province or one it absorbed; null for any other), for
 * recording a link to a predecessor there. Ids not found there are missing from the map.
 */
export async function subjectNamesIn(
  kind: SubjectKind,
  provinceId: string,
  ids: readonly string[],
): Promise<Map<string, string> | null> {
  const readable = readableProvinces([currentProvinceId()], await provinceRepository.lineageEdges());
  if (!readable.has(provinceId)) return null;
  const read = async () =>
    kind === 'UNIT'
      ? new Map((await unitRepository.byIds(ids)).map((u) => [u.id, u.name]))
      : await personNames(ids);
  if (provinceId === currentProvinceId()) return read();
  return runInTenant((await tenantManager()).connection, provinceId, read);
}

/** "Nguyễn Thị Thu Hà (Sở Nội vụ tỉnh Bình Dương)": a person with the unit they were in. */
async function personNames(ids: readonly string[]): Promise<Map<string, string>> {
  const people = await personRepository.byIds(ids);
  const units = await unitRepository.byIds(people.map((p) => p.unitId));
  return new Map(
    people.map((p) => [p.id, `${p.fullName} (${units.find((u) => u.id === p.unitId)?.name ?? p.unitId})`]),
  );
}
