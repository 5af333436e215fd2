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

  /** The links from these successors to their direct predecessors. */
  async links(kind: SubjectKind, successorIds: readonly string[]): Promise<StoredLink[]> {
    if (!successorIds.length) return [];
    return (await tenantManager()).query(
      `SELECT ${LINK_COLUMNS} FROM lineage_link WHERE subject_kind = $1 AND successor_id = ANY($2::uuid[])
       ORDER BY successor_id, predecessor_id`,
      [kind, successorIds],
    );
  },

  /** The ids among `ids` that have these subjects among their predecessors, directly or not (cycle guard). */
  async descendants(kind: SubjectKind, ids: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await (
      await tenantManager()
    ).query(
      `WITH RECURSIVE d(id) AS (
         SELECT successor_id FROM lineage_link WHERE subject_kind = $1 AND predecessor_id = ANY($2::uuid[])
         UNION SELECT l.successor_id FROM lineage_link l JOIN d ON l.predecessor_id = d.id WHERE l.subject_kind = $1)
       SELECT id FROM d`,
      [kind, ids],
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

  /**
   * What streaks count for these subjects: the achievements on record and the proposals an award decision
   * granted on the platform (not revoked), in the emulation year they were for.
   */
  async facts(kind: SubjectKind, subjectIds: readonly string[]): Promise<AchievementFact[]> {
    if (!subjectIds.length) return [];
    return (await tenantManager()).query(
      `SELECT subject_id AS "subjectId", year, title FROM achievement
       WHERE subject_kind = $1 AND subject_id = ANY($2::uuid[])
       UNION
       SELECT coalesce(n.person_id, n.unit_id), y.year, n.form
       FROM nomination n JOIN emulation_year y ON y.id = n.emulation_year_id
       WHERE n.status = 'DECIDED' AND CASE WHEN $1 = 'UNIT' THEN n.person_id IS NULL AND n.unit_id = ANY($2::uuid[])
                                           ELSE n.person_id = ANY($2::uuid[]) END`,
      [kind, subjectIds],
    );
  },
};
