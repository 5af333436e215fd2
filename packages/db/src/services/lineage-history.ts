import { readableProvinces, type AchievementFact, type History, type SubjectKind } from '@thidua/domain';
import { lineageRepository, type StoredLink } from '../repositories/lineage.repository';
import { provinceRepository } from '../repositories/province.repository';
import { currentProvinceId } from '../tenancy/tenant-context';

/** The current province and the former provinces it absorbed: where a lineage may lead. */
async function readableHere(): Promise<Set<string>> {
  return readableProvinces([currentProvinceId()], await provinceRepository.lineageEdges());
}

/**
 * The record of `subjectIds` and of all their predecessors (tenant context), one province's part at a time in
 * this transaction: inside the province, then in the former provinces it absorbed. A link into any other province
 * is not followed, so a province never reads beyond what it may read anyway.
 */
export async function lineageHistory(kind: SubjectKind, subjectIds: readonly string[]): Promise<History> {
  const readable = await readableHere();
  const facts: AchievementFact[] = [];
  const links: StoredLink[] = [];
  const seen = new Set<string>();
  const pending = new Map<string, Set<string>>([[currentProvinceId(), new Set(subjectIds)]]);
  while (pending.size) {
    const [provinceId, ids] = pending.entries().next().value!;
    pending.delete(provinceId);
    const fresh = [...ids].filter((id) => !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    const part = await lineageRepository.record(provinceId, kind, fresh);
    facts.push(...part.facts);
    links.push(...part.links);
    for (const l of part.links) {
      if (seen.has(l.predecessorId) || !readable.has(l.predecessorProvinceId)) continue;
      pending.set(
        l.predecessorProvinceId,
        (pending.get(l.predecessorProvinceId) ?? new Set()).add(l.predecessorId),
      );
    }
  }
  return { facts, links };
}

/**
 * The names of units or people of `provinceId` (this province or one it absorbed; null for any other), for
 * recording a link to a predecessor there: "Nguyễn Thị Thu Hà (Sở Nội vụ tỉnh Bình Dương)" for a person. Ids not
 * found there are missing from the map.
 */
export async function subjectNamesIn(
  kind: SubjectKind,
  provinceId: string,
  ids: readonly string[],
): Promise<Map<string, string> | null> {
  if (!(await readableHere()).has(provinceId)) return null;
  return (await lineageRepository.record(provinceId, kind, ids)).names;
}
