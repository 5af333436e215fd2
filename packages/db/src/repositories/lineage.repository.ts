import type { Achievement, AchievementFact, LineageKind, LineageLink, SubjectKind } from '@thidua/domain';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

export interface StoredLink extends LineageLink {
  subjectKind: SubjectKind;
  predecessorProvinceId: string;
  recordedAt: Date;
}

export interface StoredAchievement extends AchievementFact {
  id: string;
  subjectKind: SubjectKind;
  decisionRef: string;
  recordedAt: Date;
}

export interface NewLink {
  subjectKind: SubjectKind;
  successorId: string;
  predecessorProvinceId: string;
  predecessorId: string;
  predecessorName: string;
  kind: LineageKind;
  effectiveOn: string;
}

export interface NewAchievement {
  subjectKind: SubjectKind;
  subjectId: string;
  title: Achievement;
  year: number;
  decisionRef: string;
}

const LINK_COLUMNS = `subject_kind AS "subjectKind", successor_id AS "successorId",
  predecessor_province_id AS "predecessorProvinceId", predecessor_id AS "predecessorId",
  predecessor_name AS "predecessorName", kind, to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn",
  recorded_at AS "recordedAt"`;
const ACHIEVEMENT_COLUMNS = `id, subject_kind AS "subjectKind", subject_id AS "subjectId", title, year,
  decision_ref AS "decisionRef", recorded_at AS "recordedAt"`;

/** Lineage links and the achievements on record, of the current province (tenant context). */
export const lineageRepository = {
  /** Records links (a re-recorded link takes the new kind, date and name). */
  async recordLinks(links: readonly NewLink[], userId: string): Promise<StoredLink[]> {
    const m = await tenantManager();
    const out: StoredLink[] = [];
    for (const l of links) {
      const [row] = await m.query(
        `INSERT INTO lineage_link (province_id, subject_kind, successor_id, predecessor_province_id, predecessor_id,
                                   predecessor_name, kind, effective_on, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (province_id, subject_kind, successor_id, predecessor_id) DO UPDATE
           SET predecessor_province_id = excluded.predecessor_province_id, predecessor_name = excluded.predecessor_name,
               kind = excluded.kind, effective_on = excluded.effective_on, recorded_by = excluded.recorded_by,
               recorded_at = now()
         RETURNING ${LINK_COLUMNS}`,
        [
          currentProvinceId(),
          l.subjectKind,
          l.successorId,
          l.predecessorProvinceId,
          l.predecessorId,
          l.predecessorName,
          l.kind,
          l.effectiveOn,
          userId,
        ],
      );
      out.push(row as StoredLink);
    }
    return out;
  },

  /** Removes a link recorded by mistake; the removed link, or null when there was none. */
  async removeLink(
    kind: SubjectKind,
    successorId: string,
    predecessorId: string,
  ): Promise<StoredLink | null> {
    const [row] = await returning<StoredLink>(
      await tenantManager(),
      `DELETE FROM lineage_link WHERE subject_kind = $1 AND successor_id = $2 AND predecessor_id = $3
       RETURNING ${LINK_COLUMNS}`,
      [kind, successorId, predecessorId],
    );
    return row ?? null;
  },

  /**
   * One province's part of a lineage, for these subjects: their names ("Full Name (Unit)" for a person), their
   * links to direct predecessors and the titles and awards they hold. `provinceId` is the current province or one
   * it absorbed (the database refuses any other); read in this transaction, by the `lineage_record` function.
   */
  async record(
    provinceId: string,
    kind: SubjectKind,
    ids: readonly string[],
  ): Promise<{ names: Map<string, string>; links: StoredLink[]; facts: AchievementFact[] }> {
    if (!ids.length) return { names: new Map(), links: [], facts: [] };
    const [{ r }] = await (
      await tenantManager()
    ).query(`SELECT lineage_record($1, $2, $3::uuid[]) AS r`, [provinceId, kind, ids]);
    const out = r as { names: Record<string, string>; links: StoredLink[]; facts: AchievementFact[] };
    return {
      names: new Map(Object.entries(out.names)),
      links: out.links.map((l) => ({ ...l, recordedAt: new Date(l.recordedAt) })),
      facts: out.facts,
    };
  },

  /**
   * The ids among `ids` that have these subjects among their predecessors, directly or not (cycle guard). Both
   * steps read the province's links at `province_id = $3`: one shard on Citus, which runs a recursive query only
   * there (docs/scaling.md).
   */
  async descendants(kind: SubjectKind, ids: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await (
      await tenantManager()
    ).query(
      `WITH RECURSIVE d(id) AS (
         SELECT successor_id FROM lineage_link
          WHERE province_id = $3 AND subject_kind = $1 AND predecessor_id = ANY($2::uuid[])
         UNION SELECT l.successor_id FROM lineage_link l JOIN d ON l.predecessor_id = d.id
          WHERE l.province_id = $3 AND l.subject_kind = $1)
       SELECT id FROM d`,
      [kind, ids, currentProvinceId()],
    );
    return rows.map((r) => r.id);
  },

  /** Records achievements; recording one again corrects its decision reference. */
  async recordAchievements(rows: readonly NewAchievement[], userId: string): Promise<StoredAchievement[]> {
    const m = await tenantManager();
    const out: StoredAchievement[] = [];
    for (const a of rows) {
      const [row] = await m.query(
        `INSERT INTO achievement (province_id, subject_kind, subject_id, title, year, decision_ref, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (province_id, subject_kind, subject_id, title, year) DO UPDATE
           SET decision_ref = excluded.decision_ref, recorded_by = excluded.recorded_by, recorded_at = now()
         RETURNING ${ACHIEVEMENT_COLUMNS}`,
        [currentProvinceId(), a.subjectKind, a.subjectId, a.title, a.year, a.decisionRef, userId],
      );
      out.push(row as StoredAchievement);
    }
    return out;
  },

  /** Removes an achievement recorded by mistake; the removed one, or null when there was none. */
  async removeAchievement(id: string): Promise<StoredAchievement | null> {
    const [row] = await returning<StoredAchievement>(
      await tenantManager(),
      `DELETE FROM achievement WHERE id = $1 RETURNING ${ACHIEVEMENT_COLUMNS}`,
      [id],
    );
    return row ?? null;
  },

  async achievements(kind: SubjectKind, subjectIds: readonly string[]): Promise<StoredAchievement[]> {
    if (!subjectIds.length) return [];
    return (await tenantManager()).query(
      `SELECT ${ACHIEVEMENT_COLUMNS} FROM achievement WHERE subject_kind = $1 AND subject_id = ANY($2::uuid[])
       ORDER BY year DESC, title`,
      [kind, subjectIds],
    );
  },
};
