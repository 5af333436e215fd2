import { tenantManager } from '../tenancy/tenant-context';
import { memberDuringYear, YEAR_PUBLISHED } from './sql';

/** A count by a key (a block kind, a title, a form, a status…). */
export interface KeyedCount {
  key: string;
  n: number;
  /** Prize money in VND, where the count is of decided awards. */
  vnd?: number;
}

const VALID_IN_YEAR = memberDuringYear('$1');

/**
 * The statutory statistics' figures for one emulation year of the request's province, each straight from the
 * records (docs/rules.md, "Statutory statistics", says which column reads which).
 */
export const statisticsRepository = {
  async ofYear(year: number) {
    const m = await tenantManager();
    const q = async (sql: string): Promise<KeyedCount[]> =>
      (await m.query(sql, [year])).map((r: { key: string; n: number; vnd?: string | null }) => ({
        key: r.key,
        n: Number(r.n),
        ...(r.vnd !== undefined ? { vnd: Number(r.vnd ?? 0) } : {}),
      }));
    // The province's block years of `year`, joined to what is counted; conditions follow with AND. Every join
    // is on province_id as well: a co-located join once tables are distributed by province (docs/scaling.md).
    const from = (join: string) =>
      `emulation_year y JOIN block b ON b.province_id = y.province_id AND b.id = y.block_id ${join} WHERE y.year = $1`;
    return {
      blocks: await q(`SELECT b.kind AS key, count(*)::int AS n FROM ${from('')} GROUP BY 1`),
      members: await q(
        `SELECT b.kind AS key, count(DISTINCT m.unit_id)::int AS n FROM ${from('JOIN block_membership m ON m.province_id = b.province_id AND m.block_id = b.id')} AND ${VALID_IN_YEAR} GROUP BY 1`,
      ),
      signed: await q(
        `SELECT b.kind AS key, count(DISTINCT (s.emulation_year_id, s.unit_id))::int AS n
           FROM ${from('JOIN covenant_signature s ON s.province_id = y.province_id AND s.emulation_year_id = y.id')} GROUP BY 1`,
      ),
      registeringUnits: await q(
        `SELECT b.kind AS key, count(DISTINCT (r.emulation_year_id, r.unit_id))::int AS n
           FROM ${from('JOIN title_registration r ON r.province_id = y.province_id AND r.emulation_year_id = y.id')}
            AND r.withdrawn_at IS NULL GROUP BY 1`,
      ),
      conferences: await q(
        `SELECT b.kind AS key, count(*)::int AS n
           FROM ${from('JOIN conference c ON c.province_id = y.province_id AND c.emulation_year_id = y.id')} GROUP BY 1`,
      ),
      dossiers: await q(
        `SELECT b.kind AS key, count(*)::int AS n
           FROM ${from('JOIN year_award_outcome o ON o.province_id = y.province_id AND o.emulation_year_id = y.id')}
            AND o.dossier_submitted_at IS NOT NULL GROUP BY 1`,
      ),
      registrations: await q(
        `SELECT r.title AS key, count(*)::int AS n
           FROM ${from('JOIN title_registration r ON r.province_id = y.province_id AND r.emulation_year_id = y.id')}
            AND r.withdrawn_at IS NULL GROUP BY 1`,
      ),
      /** Proposals by form and subject: `FORM:UNIT`, `FORM:PERSON`, `FORM:PERSON_FEMALE`. */
      proposals: await q(
        `SELECT n.form || ':' || CASE WHEN n.person_id IS NULL THEN 'UNIT' ELSE 'PERSON' END AS key, count(*)::int AS n
           FROM ${from('JOIN nomination n ON n.province_id = y.province_id AND n.emulation_year_id = y.id')} AND ${YEAR_PUBLISHED}
          GROUP BY 1
         UNION ALL
         SELECT n.form || ':PERSON_FEMALE', count(*)::int
           FROM ${from('JOIN nomination n ON n.province_id = y.province_id AND n.emulation_year_id = y.id JOIN person p ON p.province_id = n.province_id AND p.id = n.person_id')} AND ${YEAR_PUBLISHED} AND p.gender = 'FEMALE' GROUP BY 1`,
      ),
      /** Awards decided and in force (an item of an award decision, not revoked), keyed as the proposals, with their prize money. */
      decided: await q(
        `SELECT i.form || ':' || CASE WHEN i.person_id IS NULL THEN 'UNIT' ELSE 'PERSON' END AS key,
                count(*)::int AS n, sum(i.prize_vnd)::text AS vnd
           FROM ${from('JOIN nomination n ON n.province_id = y.province_id AND n.emulation_year_id = y.id JOIN award_decision_item i ON i.province_id = n.province_id AND i.nomination_id = n.id')} AND n.status <> 'REVOKED' GROUP BY 1
         UNION ALL
         SELECT i.form || ':PERSON_FEMALE', count(*)::int, sum(i.prize_vnd)::text
           FROM ${from(`JOIN nomination n ON n.province_id = y.province_id AND n.emulation_year_id = y.id JOIN award_decision_item i ON i.province_id = n.province_id AND i.nomination_id = n.id
              JOIN person p ON p.province_id = i.province_id AND p.id = i.person_id`)} AND p.gender = 'FEMALE' AND n.status <> 'REVOKED' GROUP BY 1`,
      ),
      /** Proposals by form and where they stand: `FORM:STATUS`. */
      statuses: await q(
        `SELECT n.form || ':' || n.status AS key, count(*)::int AS n
           FROM ${from('JOIN nomination n ON n.province_id = y.province_id AND n.emulation_year_id = y.id')} AND ${YEAR_PUBLISHED}
          GROUP BY 1`,
      ),
      /** Titles recorded from documents (years or awards the platform did not run), by title. */
      recorded: await q(
        `SELECT a.title AS key, count(*)::int AS n FROM achievement a WHERE a.year = $1 GROUP BY 1`,
      ),
    };
  },
};

export type YearStatistics = Awaited<ReturnType<typeof statisticsRepository.ofYear>>;
