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
