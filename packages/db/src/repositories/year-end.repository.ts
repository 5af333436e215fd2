import type { YearEndSchedule } from '@thidua/domain';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

export type YearEndState = 'RUNNING' | 'DONE';
export type BlockClosingStatus = 'PENDING' | 'CLOSED' | 'ALREADY_CLOSED' | 'CANNOT_CLOSE' | 'FAILED';

export interface YearEndBlock {
  blockId: string;
  emulationYearId: string;
  status: BlockClosingStatus;
  reason: string | null;
  nextYearId: string | null;
  nextHeadUnitId: string | null;
  nextDeputyUnitId: string | null;
  finishedAt: Date | null;
}

export interface YearEndClosingRecord {
  year: number;
  state: YearEndState;
  /** 1, then one more each time the closing is resumed for blocks that could not close. */
  round: number;
  startedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  blocks: YearEndBlock[];
}

export const yearEndRepository = {
  async schedule(): Promise<YearEndSchedule | null> {
    const [row] = await (
      await tenantManager()
    ).query(`SELECT month, day, to_char(at, 'HH24:MI:SS') AS time FROM year_end_schedule`);
    return row ?? null;
  },

  async setSchedule(s: YearEndSchedule, userId: string): Promise<void> {
    await (
      await tenantManager()
    ).query(
      `INSERT INTO year_end_schedule (province_id, month, day, at, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (province_id) DO UPDATE
         SET month = $2, day = $3, at = $4, updated_by = $5, updated_at = now()`,
      [currentProvinceId(), s.month, s.day, s.time, userId],
    );
  },

  /**
   * Records the province's closing of `year` with one pending row per block that has that year. False, and
   * nothing written, when it was started before (running or done).
   */
  async start(year: number, startedBy: string | null): Promise<boolean> {
    const m = await tenantManager();
    const created = await returning(
      m,
      `INSERT INTO year_end_closing (province_id, year, started_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING year`,
      [currentProvinceId(), year, startedBy],
    );
    if (!created.length) return false;
    await m.query(
      `INSERT INTO year_end_closing_block (province_id, year, block_id, emulation_year_id)
       SELECT province_id, year, block_id, id FROM emulation_year WHERE year = $1`,
      [year],
    );
    return true;
  },

  async get(year: number): Promise<YearEndClosingRecord | null> {
    const m = await tenantManager();
    const [closing] = await m.query(
      `SELECT year, state, round, started_by AS "startedBy", started_at AS "startedAt", finished_at AS "finishedAt"
       FROM year_end_closing WHERE year = $1`,
      [year],
    );
    if (!closing) return null;
    const blocks: YearEndBlock[] = await m.query(
      `SELECT c.block_id AS "blockId", c.emulation_year_id AS "emulationYearId", c.status, c.reason,
              c.next_year_id AS "nextYearId", n.head_unit_id AS "nextHeadUnitId",
              n.deputy_unit_id AS "nextDeputyUnitId", c.finished_at AS "finishedAt"
       FROM year_end_closing_block c JOIN block b ON b.province_id = c.province_id AND b.id = c.block_id
       LEFT JOIN emulation_year n ON n.province_id = c.province_id AND n.id = c.next_year_id
       WHERE c.year = $1 ORDER BY b.name`,
      [year],
    );
    return { ...closing, blocks };
  },

  /**
   * Reopens a finished closing for its blocks that could not close or failed, and for block years of `year`
   * created since: they are pending again in a new round. The new round, or null when the closing is not done
   * or has nothing left to close (then nothing changes). Start and finish times become the new round's.
   */
  async resume(year: number): Promise<number | null> {
    const m = await tenantManager();
    const [resumed] = await returning<{ round: number }>(
      m,
      `UPDATE year_end_closing c SET state = 'RUNNING', round = round + 1, started_at = now(), finished_at = NULL
       WHERE c.year = $1 AND c.state = 'DONE'
         AND (EXISTS (SELECT 1 FROM year_end_closing_block b
                      WHERE b.year = $1 AND b.status IN ('CANNOT_CLOSE', 'FAILED'))
              OR EXISTS (SELECT 1 FROM emulation_year y WHERE y.year = $1 AND NOT EXISTS (
                           SELECT 1 FROM year_end_closing_block b
                            WHERE b.province_id = y.province_id AND b.emulation_year_id = y.id)))
       RETURNING round`,
      [year],
    );
    if (!resumed) return null;
    await m.query(
      `UPDATE year_end_closing_block SET status = 'PENDING', reason = NULL, finished_at = NULL
       WHERE year = $1 AND status IN ('CANNOT_CLOSE', 'FAILED')`,
      [year],
    );
    await m.query(
      `INSERT INTO year_end_closing_block (province_id, year, block_id, emulation_year_id)
       SELECT province_id, year, block_id, id FROM emulation_year WHERE year = $1
       ON CONFLICT DO NOTHING`,
      [year],
    );
    return resumed.round;
  },

  /** The block's outcome, once: a block already recorded keeps its first outcome. No-op outside a closing. */
  async recordBlock(
    emulationYearId: string,
    outcome: {
      status: Exclude<BlockClosingStatus, 'PENDING'>;
      reason: string | null;
      nextYearId: string | null;
    },
  ): Promise<void> {
    await (
      await tenantManager()
    ).query(
      `UPDATE year_end_closing_block SET status = $2, reason = $3, next_year_id = $4, finished_at = now()
       WHERE emulation_year_id = $1 AND status = 'PENDING'`,
      [emulationYearId, outcome.status, outcome.reason, outcome.nextYearId],
    );
  },

  /**
   * Ends the closing's round: a block still pending had its job fail every attempt. The round the first time,
   * null after, so the secretariat is told once per round.
   */
  async finish(year: number): Promise<number | null> {
    const m = await tenantManager();
    const [done] = await returning<{ round: number }>(
      m,
      `UPDATE year_end_closing SET state = 'DONE', finished_at = now() WHERE year = $1 AND state = 'RUNNING'
       RETURNING round`,
      [year],
    );
    if (!done) return null;
    await m.query(
      `UPDATE year_end_closing_block SET status = 'FAILED', finished_at = now(),
         reason = 'the block''s closing job failed; see the failed jobs'
       WHERE year = $1 AND status = 'PENDING'`,
      [year],
    );
    return done.round;
  },
};
