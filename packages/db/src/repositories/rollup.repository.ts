import type { RollupRow } from '@thidua/domain';
import { currentManager, currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { memberDuringYear } from './sql';

/** A province's rollup with the province told apart from another of the same name (validity, YYYY-MM-DD). */
export type ProvinceRollup = RollupRow & {
  province_id: string;
  code: string;
  name: string;
  kind: 'PROVINCE' | 'CITY';
  valid_from: string | null;
  valid_to: string | null;
  year: number;
};
export type BlockRollup = RollupRow & { block_id: string; block_name: string; closing_status: string };

const METRIC_COLUMNS = `member_units, eligible_votes, ballots_cast, rounds, flag_proposals, merit_proposals,
  council_approvals, decided_awards, mean_final_score, unsubmitted_proposals`;
/** The province's identity beside its figures: names and codes were reused in 2025. */
const PROVINCE_COLUMNS = `p.code, p.name, p.kind, to_char(p.valid_from, 'YYYY-MM-DD') AS valid_from,
  to_char(p.valid_to, 'YYYY-MM-DD') AS valid_to`;
const METRIC_UPDATES = METRIC_COLUMNS.split(',')
  .map((c) => `${c.trim()} = excluded.${c.trim()}`)
  .join(', ');

/** The rollups of one province-year, as the dashboards read them. */
export const rollupRepository = {
  /**
   * Rewrites the province's rollups of `year` from its own data (tenant context): one row per block year and
   * one for the province. Upserts on their keys, so a re-run leaves one row each, equal to the first.
   * A dossier came on time when submitted by the R13 deadline it was held to (stored when it was submitted).
   * Every table is read at `province_id = $1`, the province written: one shard on Citus (docs/scaling.md).
   */
  async writeYear(year: number): Promise<void> {
    const m = await tenantManager();
    await m.query(
      `WITH y AS (
         SELECT ey.id, ey.block_id, b.name, ey.recorded_from_documents
         FROM emulation_year ey JOIN block b ON b.province_id = ey.province_id AND b.id = ey.block_id
         WHERE ey.province_id = $1 AND ey.year = $2),
       members AS (
         SELECT m.block_id, count(DISTINCT m.unit_id)::int AS n FROM block_membership m
         WHERE m.province_id = $1 AND m.block_id IN (SELECT block_id FROM y)
           AND ${memberDuringYear('$2')}
         GROUP BY m.block_id),
       -- A paper round's ballots are the counting committee's returned ones; a round with no known figure (a
       -- year from documents giving only its outcome) counts in neither the eligible votes nor the ballots.
       periods AS (
         SELECT p.emulation_year_id, max(p.round) AS rounds,
                sum(cardinality(p.eligible_voter_ids)) FILTER (WHERE p.method = 'ONLINE' OR pc.returned IS NOT NULL)
                  AS eligible,
                sum(CASE WHEN p.method = 'PAPER' THEN pc.returned
                         ELSE (SELECT count(*) FROM ballot_receipt r
                                WHERE r.province_id = p.province_id AND r.voting_period_id = p.id) END) AS cast_
         FROM voting_period p
         LEFT JOIN LATERAL (
           SELECT (SELECT max((c->>'returned')::int) FROM jsonb_array_elements(x.contests) c) AS returned
           FROM paper_count x
           WHERE x.province_id = p.province_id AND x.voting_period_id = p.id AND x.confirmed_at IS NOT NULL) pc ON true
         WHERE p.province_id = $1 AND p.kind = 'BLOCK' AND p.emulation_year_id IN (SELECT id FROM y)
         GROUP BY p.emulation_year_id),
       -- Proposals count once the block's dossier is submitted; those of a block that never submitted are a
       -- figure of their own.
       noms AS (
         SELECT n.emulation_year_id,
                count(*) FILTER (WHERE n.form = 'FLAG_PROVINCE' AND o.dossier_submitted_at IS NOT NULL) AS flags,
                count(*) FILTER (WHERE n.form = 'MERIT_PROVINCE' AND o.dossier_submitted_at IS NOT NULL) AS merits,
                count(*) FILTER (WHERE n.form IN ('FLAG_PROVINCE', 'MERIT_PROVINCE')
                                   AND o.dossier_submitted_at IS NULL) AS unsubmitted,
                count(*) FILTER (WHERE n.status IN ('COUNCIL_APPROVED', 'DECIDED', 'REVOKED')) AS approved,
                -- Awards in force: a revoked one no longer counts.
                count(i.nomination_id) FILTER (WHERE n.status = 'DECIDED') AS decided
         FROM nomination n
         LEFT JOIN award_decision_item i ON i.province_id = n.province_id AND i.nomination_id = n.id
         LEFT JOIN year_award_outcome o
           ON o.province_id = n.province_id AND o.emulation_year_id = n.emulation_year_id
         WHERE n.province_id = $1 AND n.emulation_year_id IN (SELECT id FROM y) GROUP BY n.emulation_year_id),
       scores AS (
         SELECT emulation_year_id, avg(final) AS mean FROM year_result
         WHERE province_id = $1 AND emulation_year_id IN (SELECT id FROM y) GROUP BY emulation_year_id),
       dossiers AS (
         SELECT emulation_year_id,
                dossier_deadline IS NULL
                  OR (dossier_submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= dossier_deadline AS on_time
         FROM year_award_outcome
         WHERE province_id = $1 AND emulation_year_id IN (SELECT id FROM y) AND dossier_submitted_at IS NOT NULL)
       INSERT INTO block_year_rollup (province_id, year, block_id, block_name, closing_status, dossier_on_time,
         ${METRIC_COLUMNS})
       SELECT $1, $2, y.block_id, y.name,
              coalesce(c.status, CASE WHEN y.recorded_from_documents THEN 'FROM_DOCUMENTS' ELSE 'NOT_IN_CLOSING' END),
              coalesce(d.on_time, false),
              coalesce(members.n, 0), coalesce(periods.eligible, 0), coalesce(periods.cast_, 0),
              coalesce(periods.rounds, 0), coalesce(noms.flags, 0), coalesce(noms.merits, 0),
              -- A year from documents gives the block's proposals; what the council and the Chairman made of them
              -- is known once a decision is recorded: until then unknown (null), not "none approved".
              CASE WHEN y.recorded_from_documents AND coalesce(noms.approved, 0) = 0 THEN NULL
                   ELSE coalesce(noms.approved, 0) END,
              CASE WHEN y.recorded_from_documents AND coalesce(noms.approved, 0) = 0 THEN NULL
                   ELSE coalesce(noms.decided, 0) END,
              round(scores.mean, 2),
              coalesce(noms.unsubmitted, 0)
       FROM y
       LEFT JOIN members ON members.block_id = y.block_id
       LEFT JOIN periods ON periods.emulation_year_id = y.id
       LEFT JOIN noms ON noms.emulation_year_id = y.id
       LEFT JOIN scores ON scores.emulation_year_id = y.id
       LEFT JOIN dossiers d ON d.emulation_year_id = y.id
       LEFT JOIN year_end_closing_block c ON c.province_id = $1 AND c.emulation_year_id = y.id
       ON CONFLICT (province_id, year, block_id) DO UPDATE SET block_name = excluded.block_name,
         closing_status = excluded.closing_status, dossier_on_time = excluded.dossier_on_time, ${METRIC_UPDATES},
         computed_at = now()`,
      [currentProvinceId(), year],
    );
    await m.query(
      `INSERT INTO province_year_rollup (province_id, year, blocks, blocks_closed, dossiers_on_time, closing_ms,
         ${METRIC_COLUMNS})
       SELECT $1, $2, count(*),
              count(*) FILTER (WHERE r.closing_status IN ('CLOSED', 'ALREADY_CLOSED', 'FROM_DOCUMENTS')),
              count(*) FILTER (WHERE r.dossier_on_time),
              (SELECT (extract(epoch FROM finished_at - started_at) * 1000)::bigint
                 FROM year_end_closing WHERE year = $2),
              sum(member_units), sum(eligible_votes), sum(ballots_cast), coalesce(max(rounds), 0),
              sum(flag_proposals), sum(merit_proposals), sum(council_approvals), sum(decided_awards),
              round(avg(mean_final_score), 2), sum(unsubmitted_proposals)
       FROM block_year_rollup r WHERE r.province_id = $1 AND r.year = $2
       HAVING count(*) > 0
       ON CONFLICT (province_id, year) DO UPDATE SET blocks = excluded.blocks,
         blocks_closed = excluded.blocks_closed, dossiers_on_time = excluded.dossiers_on_time,
         closing_ms = excluded.closing_ms, ${METRIC_UPDATES}, computed_at = now()`,
      [currentProvinceId(), year],
    );
  },

  /** Every province's rollup of `year`, in one statement: aggregates any reader may compare. */
  async comparison(year: number): Promise<ProvinceRollup[]> {
    return (await currentManager()).query(
      `SELECT r.*, ${PROVINCE_COLUMNS} FROM province_year_rollup r JOIN province p ON p.id = r.province_id
       WHERE r.year = $1 ORDER BY p.name, p.valid_from NULLS FIRST, p.code`,
      [year],
    );
  },

  /** The province's rollups over the years and, with `former`, those of the provinces merged into it. */
  async trend(
    provinceId: string,
    fromYear: number,
    toYear: number,
    former: boolean,
  ): Promise<ProvinceRollup[]> {
    return (await currentManager()).query(
      `SELECT r.*, ${PROVINCE_COLUMNS} FROM province_year_rollup r JOIN province p ON p.id = r.province_id
       WHERE r.year BETWEEN $2 AND $3
         AND (r.province_id = $1
              OR ($4 AND r.province_id IN (SELECT predecessor_id FROM province_lineage WHERE successor_id = $1)))
       ORDER BY r.year, p.name, p.valid_from NULLS FIRST, p.code`,
      [provinceId, fromYear, toYear, former],
    );
  },

  /**
   * The years with a province rollup, latest first: of every province, or of `provinceId` only (with `former`,
   * also of the provinces merged into it).
   */
  async years(provinceId: string | null, former: boolean): Promise<number[]> {
    const rows: { year: number }[] = await (
      await currentManager()
    ).query(
      `SELECT DISTINCT r.year FROM province_year_rollup r
       WHERE $1::uuid IS NULL OR r.province_id = $1
          OR ($2 AND r.province_id IN (SELECT predecessor_id FROM province_lineage WHERE successor_id = $1))
       ORDER BY r.year DESC`,
      [provinceId, former],
    );
    return rows.map((r) => r.year);
  },

  /** The request province's block rollups of `year` (RLS: detail never leaves the province). */
  async blocks(year: number): Promise<BlockRollup[]> {
    return (await tenantManager()).query(
      `SELECT * FROM block_year_rollup WHERE year = $1 ORDER BY block_name`,
      [year],
    );
  },
};
