import type { DataSource } from 'typeorm';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

export type ImportKind = 'UNITS' | 'BLOCKS' | 'PERSONS' | 'MEMBERSHIPS' | 'ACHIEVEMENTS' | 'ACCOUNTS';
export type ImportStatus = 'CHECKED' | 'RUNNING' | 'DONE' | 'FAILED';

export interface ImportProblem {
  /** The spreadsheet's row number as the person sees it (the header is row 1). */
  row: number;
  /** The column's header as the template names it. */
  column: string;
  /** What is wrong and how to fix it, in Vietnamese. */
  message: string;
  /** The same in English (problems stored before it was written have none: the page shows the Vietnamese). */
  english?: string;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** What the counts do not say, in Vietnamese (a unit's head handed over to another person). */
  notes?: string[];
  /** The notes in English, one for each (counts stored before they were written have none). */
  notesEnglish?: string[];
}

export interface ImportJob {
  id: string;
  kind: ImportKind;
  fileName: string;
  checksum: string;
  sizeBytes: number;
  totalRows: number;
  problemCount: number;
  problems: ImportProblem[];
  plan: ImportCounts | null;
  status: ImportStatus;
  processedRows: number;
  result: ImportCounts | null;
  /** Why a FAILED import wrote nothing, in Vietnamese; none when its gateway stopped part-way (interrupted). */
  error: string | null;
  /** The same in English (failures recorded before it was written have none: the page shows the Vietnamese). */
  errorEnglish: string | null;
  checkedBy: string;
  checkedAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  finishedAt: Date | null;
  /** A RUNNING job not heard from for this long was interrupted (its gateway stopped): its transaction is gone. */
  stale: boolean;
}

/** Set when a running job's progress row is older: the import writes it at least every chunk of rows. */
const STALE_AFTER = `interval '2 minutes'`;

const JOB_COLUMNS = `id, kind, file_name AS "fileName", checksum, size_bytes AS "sizeBytes", total_rows AS "totalRows",
  problem_count AS "problemCount", problems, plan, status, processed_rows AS "processedRows", result, error,
  error_english AS "errorEnglish", checked_by AS "checkedBy", checked_at AS "checkedAt", confirmed_by AS "confirmedBy",
  confirmed_at AS "confirmedAt", finished_at AS "finishedAt",
  (status = 'RUNNING' AND updated_at < now() - ${STALE_AFTER}) AS stale`;

/** Rows go to PostgreSQL as one JSON parameter per statement (jsonb_to_recordset): set-based, any row count. */
const json = (rows: readonly object[]) => JSON.stringify(rows);

/** Import jobs and the set-based reads and writes of each import kind (tenant context). */
export const importRepository = {
  async createJob(job: {
    kind: ImportKind;
    fileName: string;
    checksum: string;
    content: Buffer;
    sheet: readonly { row: number; cells: string[] }[];
    totalRows: number;
    problemCount: number;
    problems: ImportProblem[];
    plan: ImportCounts | null;
    checkedBy: string;
  }): Promise<ImportJob> {
    const m = await tenantManager();
    const [row] = await m.query(
      `INSERT INTO import_job (province_id, kind, file_name, checksum, size_bytes, content, sheet, total_rows,
                               problem_count, problems, plan, status, checked_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'CHECKED', $12) RETURNING ${JOB_COLUMNS}`,
      [
        currentProvinceId(),
        job.kind,
        job.fileName,
        job.checksum,
        job.content.length,
        job.content,
        JSON.stringify(job.sheet),
        job.totalRows,
        job.problemCount,
        JSON.stringify(job.problems),
        job.plan ? JSON.stringify(job.plan) : null,
        job.checkedBy,
      ],
    );
    return row as ImportJob;
  },

  async job(id: string): Promise<ImportJob | null> {
    const m = await tenantManager();
    const [row] = await m.query(`SELECT ${JOB_COLUMNS} FROM import_job WHERE id = $1`, [id]);
    return (row as ImportJob | undefined) ?? null;
  },

  /**
   * The province's imports that were confirmed (running, done or failed), newest first, with who confirmed them:
   * the page's history, which a reload or another secretariat officer reads too. Checks never confirmed are
   * drafts of one person's session and stay out.
   */
  async recentJobs(limit: number): Promise<(ImportJob & { confirmedByName: string | null })[]> {
    const m = await tenantManager();
    return m.query(
      `SELECT j.*, u.full_name AS "confirmedByName"
         FROM (SELECT ${JOB_COLUMNS} FROM import_job WHERE confirmed_at IS NOT NULL
                ORDER BY confirmed_at DESC LIMIT $1) j
         LEFT JOIN app_user u ON u.id = j."confirmedBy"
        ORDER BY j."confirmedAt" DESC`,
      [limit],
    );
  },

  /** The rows the dry run read from the stored file (the import checks them again, without reading the file). */
  async sheet(id: string): Promise<{ row: number; cells: string[] }[] | null> {
    const m = await tenantManager();
    const [row] = await m.query(`SELECT sheet FROM import_job WHERE id = $1`, [id]);
    return (row?.sheet as { row: number; cells: string[] }[] | undefined) ?? null;
  },

  /**
   * Marks a checked job running, once: a second confirmation (a double click, another tab) finds it taken. A
   * FAILED or interrupted job may be confirmed again. Null when the job is not in a state to run.
   */
  async start(id: string, confirmedBy: string): Promise<ImportJob | null> {
    const m = await tenantManager();
    await m.query(
      `UPDATE import_job SET status = 'FAILED', error = NULL, error_english = NULL, finished_at = now()
        WHERE status = 'RUNNING' AND updated_at < now() - ${STALE_AFTER} AND id <> $1`,
      [id],
    );
    const [row] = await returning<ImportJob>(
      m,
      `UPDATE import_job SET status = 'RUNNING', confirmed_by = $2, confirmed_at = now(), processed_rows = 0,
              error = NULL, error_english = NULL, result = NULL, finished_at = NULL, updated_at = now()
        WHERE id = $1 AND problem_count = 0
          AND (status IN ('CHECKED', 'FAILED') OR (status = 'RUNNING' AND updated_at < now() - ${STALE_AFTER}))
       RETURNING ${JOB_COLUMNS}`,
      [id, confirmedBy],
    );
    return row ?? null;
  },

  /**
   * The progress of a running import, committed at once in a short transaction of its own (the import's own
   * transaction is still open, and what it writes stays invisible until it commits): a page polls this row.
   */
  async recordProgress(dataSource: DataSource, provinceId: string, id: string, processedRows: number) {
    await dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('app.province_id', $1, true)`, [provinceId]);
      await m.query(`UPDATE import_job SET processed_rows = $2, updated_at = now() WHERE id = $1`, [
        id,
        processedRows,
      ]);
    });
  },

  async finish(
    id: string,
    outcome:
      | { status: 'DONE'; result: ImportCounts }
      | {
          status: 'FAILED';
          error: string;
          errorEnglish: string;
          problems?: ImportProblem[];
          problemCount?: number;
        },
  ): Promise<void> {
    const m = await tenantManager();
    await m.query(
      `UPDATE import_job SET status = $2, result = $3, error = $4, error_english = $7,
              problems = coalesce($5, problems), problem_count = coalesce($6, problem_count),
              processed_rows = CASE WHEN $2 = 'DONE' THEN total_rows ELSE processed_rows END,
              finished_at = now(), updated_at = now()
        WHERE id = $1`,
      [
        id,
        outcome.status,
        outcome.status === 'DONE' ? JSON.stringify(outcome.result) : null,
        outcome.status === 'FAILED' ? outcome.error : null,
        outcome.status === 'FAILED' && outcome.problems ? JSON.stringify(outcome.problems) : null,
        outcome.status === 'FAILED' ? (outcome.problemCount ?? null) : null,
        outcome.status === 'FAILED' ? outcome.errorEnglish : null,
      ],
    );
  },

  /** Everything a check needs of the province, each in one statement (RLS: only this province's rows). */
  async existingUnits(): Promise<ExistingUnit[]> {
    return (await tenantManager()).query(
      `SELECT id, name, name_search AS "nameSearch", short_name AS "shortName", kind,
              to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
         FROM unit ORDER BY valid_to DESC NULLS FIRST`,
    );
  },

  async existingBlocks(): Promise<ExistingBlock[]> {
    return (await tenantManager()).query(
      `SELECT id, name, name_search AS "nameSearch", kind, description FROM block`,
    );
  },

  async existingPersons(): Promise<ExistingPerson[]> {
    return (await tenantManager()).query(
      `SELECT id, unit_id AS "unitId", full_name AS "fullName", full_name_search AS "fullNameSearch", gender, position,
              heads_unit AS "headsUnit"
         FROM person ORDER BY created_at`,
    );
  },

  async existingMemberships(): Promise<ExistingMembership[]> {
    return (await tenantManager()).query(
      `SELECT id, block_id AS "blockId", block_kind AS "blockKind", unit_id AS "unitId",
              to_char(valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
         FROM block_membership`,
    );
  },

  async existingYears(): Promise<ExistingYear[]> {
    return (await tenantManager()).query(
      `SELECT id, block_id AS "blockId", year, state, head_unit_id AS "headUnitId", deputy_unit_id AS "deputyUnitId"
         FROM emulation_year`,
    );
  },

  async existingAchievements(): Promise<ExistingAchievement[]> {
    return (await tenantManager()).query(
      `SELECT id, subject_kind AS "subjectKind", subject_id AS "subjectId", title, year, decision_ref AS "decisionRef"
         FROM achievement`,
    );
  },

  async insertUnits(rows: readonly NewUnitRow[]): Promise<void> {
    await (
      await tenantManager()
    ).query(
      `INSERT INTO unit (province_id, name, name_search, short_name, kind, valid_from, valid_to)
       SELECT $1, r.name, r.name_search, r.short_name, r.kind, r.valid_from, r.valid_to
         FROM jsonb_to_recordset($2::jsonb) AS r(name text, name_search text, short_name text, kind text,
                                                 valid_from date, valid_to date)`,
      [currentProvinceId(), json(rows)],
    );
  },

  async updateUnits(rows: readonly (NewUnitRow & { id: string })[]): Promise<void> {
    await (
      await tenantManager()
    ).query(
      `UPDATE unit u SET short_name = r.short_name, kind = r.kind, valid_from = r.valid_from, valid_to = r.valid_to,
              updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, short_name text, kind text, valid_from date, valid_to date)
        WHERE u.id = r.id`,
      [json(rows)],
    );
  },

  async insertBlocks(
    rows: readonly { name: string; name_search: string; kind: string; description: string | null }[],
  ) {
    await (
      await tenantManager()
    ).query(
      `INSERT INTO block (province_id, name, name_search, kind, description)
       SELECT $1, r.name, r.name_search, r.kind, r.description
         FROM jsonb_to_recordset($2::jsonb) AS r(name text, name_search text, kind text, description text)`,
      [currentProvinceId(), json(rows)],
    );
  },

  async updateBlocks(rows: readonly { id: string; description: string | null }[]) {
    await (
      await tenantManager()
    ).query(
      `UPDATE block b SET description = r.description, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, description text) WHERE b.id = r.id`,
      [json(rows)],
    );
  },

  async insertPersons(
    rows: readonly {
      unit_id: string;
      full_name: string;
      full_name_search: string;
      gender: string;
      position: string | null;
      heads_unit: boolean;
    }[],
  ) {
    await (
      await tenantManager()
    ).query(
      `INSERT INTO person (province_id, unit_id, full_name, full_name_search, gender, position, heads_unit)
       SELECT $1, r.unit_id, r.full_name, r.full_name_search, r.gender, r.position, r.heads_unit
         FROM jsonb_to_recordset($2::jsonb) AS r(unit_id uuid, full_name text, full_name_search text, gender text,
                                                 position text, heads_unit boolean)`,
      [currentProvinceId(), json(rows)],
    );
  },

  async updatePersons(
    rows: readonly { id: string; gender: string; position: string | null; heads_unit: boolean }[],
  ) {
    await (
      await tenantManager()
    ).query(
      `UPDATE person p SET gender = r.gender, position = r.position, heads_unit = r.heads_unit
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, gender text, position text, heads_unit boolean)
        WHERE p.id = r.id`,
      [json(rows)],
    );
  },

  /** Ends or reopens memberships first, then adds the new ones, so a shortened one makes room for its successor. */
  async writeMemberships(
    updates: readonly { id: string; valid_to: string | null }[],
    inserts: readonly {
      block_id: string;
      block_kind: string;
      unit_id: string;
      valid_from: string;
      valid_to: string | null;
    }[],
  ) {
    const m = await tenantManager();
    if (updates.length)
      await m.query(
        `UPDATE block_membership b SET valid_to = r.valid_to
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, valid_to date) WHERE b.id = r.id`,
        [json(updates)],
      );
    if (inserts.length)
      await m.query(
        `INSERT INTO block_membership (province_id, block_id, block_kind, unit_id, valid_from, valid_to)
         SELECT $1, r.block_id, r.block_kind, r.unit_id, r.valid_from, r.valid_to
           FROM jsonb_to_recordset($2::jsonb) AS r(block_id uuid, block_kind text, unit_id uuid, valid_from date,
                                                   valid_to date)`,
        [currentProvinceId(), json(inserts)],
      );
  },

  /** Head and deputy of block years: a year the block lacks is created in DRAFT, an existing one updated. */
  async writeYearHeads(
    rows: readonly {
      block_id: string;
      year: number;
      head_unit_id: string | null;
      deputy_unit_id: string | null;
    }[],
  ) {
    if (!rows.length) return;
    await (
      await tenantManager()
    ).query(
      `INSERT INTO emulation_year (province_id, block_id, year, head_unit_id, deputy_unit_id)
       SELECT $1, r.block_id, r.year, r.head_unit_id, r.deputy_unit_id
         FROM jsonb_to_recordset($2::jsonb) AS r(block_id uuid, year int, head_unit_id uuid, deputy_unit_id uuid)
       ON CONFLICT (province_id, block_id, year) DO UPDATE
         SET head_unit_id = coalesce(excluded.head_unit_id, emulation_year.head_unit_id),
             deputy_unit_id = coalesce(excluded.deputy_unit_id, emulation_year.deputy_unit_id), updated_at = now()`,
      [currentProvinceId(), json(rows)],
    );
  },

  async writeAchievements(
    rows: readonly {
      subject_kind: string;
      subject_id: string;
      title: string;
      year: number;
      decision_ref: string;
    }[],
    userId: string,
  ) {
    await (
      await tenantManager()
    ).query(
      `INSERT INTO achievement (province_id, subject_kind, subject_id, title, year, decision_ref, recorded_by)
       SELECT $1, r.subject_kind, r.subject_id, r.title, r.year, r.decision_ref, $3
         FROM jsonb_to_recordset($2::jsonb) AS r(subject_kind text, subject_id uuid, title text, year int,
                                                 decision_ref text)
       ON CONFLICT (province_id, subject_kind, subject_id, title, year) DO UPDATE
         SET decision_ref = excluded.decision_ref, recorded_by = excluded.recorded_by, recorded_at = now()`,
      [currentProvinceId(), json(rows), userId],
    );
  },
};

export interface ExistingUnit {
  id: string;
  name: string;
  nameSearch: string;
  shortName: string | null;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
}
export interface NewUnitRow {
  name: string;
  name_search: string;
  short_name: string | null;
  kind: string;
  valid_from: string | null;
  valid_to: string | null;
}
export interface ExistingBlock {
  id: string;
  name: string;
  nameSearch: string;
  kind: 'BLOCK' | 'CLUSTER';
  description: string | null;
}
export interface ExistingPerson {
  id: string;
  unitId: string;
  fullName: string;
  fullNameSearch: string;
  gender: string;
  position: string | null;
  headsUnit: boolean;
}
export interface ExistingMembership {
  id: string;
  blockId: string;
  blockKind: string;
  unitId: string;
  validFrom: string;
  validTo: string | null;
}
export interface ExistingYear {
  id: string;
  blockId: string;
  year: number;
  state: string;
  headUnitId: string | null;
  deputyUnitId: string | null;
}
export interface ExistingAchievement {
  id: string;
  subjectKind: 'UNIT' | 'PERSON';
  subjectId: string;
  title: string;
  year: number;
  decisionRef: string;
}
