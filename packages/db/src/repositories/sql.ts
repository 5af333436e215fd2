import type { EntityManager } from 'typeorm';

/**
 * Runs UPDATE/DELETE … RETURNING and gives back the rows. TypeORM's query() answers such statements with
 * [rows, affectedCount] but SELECT and INSERT with the rows alone; this hides the difference.
 */
export async function returning<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await m.query(sql, params);
  const isPair =
    Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
  return (isPair ? result[0] : result) as T[];
}

/**
 * A block year `y` whose outcome is public: its vote's results are published. Before, proposals and the counts
 * derived from them are as secret as the vote.
 */
export const YEAR_PUBLISHED = `y.state IN ('RESULTS_RECORDED', 'DOSSIER_SUBMITTED', 'CLOSED')`;

/**
 * A block membership `m` in force at some point of a calendar year, as SQL: `year` is the expression that gives
 * the year (a column such as `y.year`, or a parameter). Members who joined or left during the year count.
 */
export const memberDuringYear = (year: string) =>
  `m.valid_from <= make_date(${year}, 12, 31) AND (m.valid_to IS NULL OR m.valid_to >= make_date(${year}, 1, 1))`;
