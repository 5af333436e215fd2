import type { PoolClient } from 'pg';
import { QueryFailedError, type QueryRunner } from 'typeorm';

/**
 * GraphQL resolves sibling fields concurrently, and they share the request's one connection. A pg client runs
 * one statement at a time anyway; queue them here explicitly rather than rely on the driver's deprecated
 * implicit queue.
 */
export type SerializedRunner = QueryRunner & {
  prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /** A statement sent in the same message as the transaction's START TRANSACTION, run right after it. */
  startsWith(statement: string): void;
  /**
   * A prepared statement sent in that message too, after the others; its rows are the answer. The values are
   * written into the message as literals, so only UUIDs and nulls are taken (see `foldable`).
   */
  startsWithPrepared<T>(name: string, text: string, values: readonly (string | null)[]): Promise<T[]>;
  /** Throws when what was asked to travel with START TRANSACTION did not (TypeORM sent something else). */
  assertStarted(): void;
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Values that may travel as literals in the simple query protocol, which takes no bound parameters. */
export const foldable = (values: readonly unknown[]): values is readonly (string | null)[] =>
  values.every((v) => v === null || (typeof v === 'string' && UUID.test(v)));

/**
 * The SQL-level prepared statements each connection holds, name to text (pg does not know of them: they have
 * names of their own).
 */
const preparedOn = new WeakMap<PoolClient, Map<string, string>>();
const STATEMENT_NAME = /^[a-z_][a-z0-9_]*$/;
const DUPLICATE_PREPARED_STATEMENT = '42P05';
const UNDEFINED_PREPARED_STATEMENT = '26000';
const sqlState = (e: unknown) => (e as { driverError?: { code?: string } }).driverError?.code;

export function serialized(runner: QueryRunner): SerializedRunner {
  const query = runner.query.bind(runner);
  const client = () => (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  let tail: Promise<unknown> = Promise.resolve();
  let withStart: string[] = [];
  let atStart:
    { sqlName: string; text: string; resolve(rows: unknown[]): void; reject(e: unknown): void } | undefined;
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work);
    tail = next.catch(() => undefined);
    return next;
  };
  /** Sent as TypeORM sends its own (same logger: tests and benchmarks count statements per request). */
  const send = async (text: string, values?: unknown[], name?: string) => {
    runner.connection.logger.logQuery(text, values, runner);
    try {
      return await client().query(values ? { name, text, values } : text);
    } catch (e) {
      // The same error type (and SQLSTATE `code`) as TypeORM's query() throws.
      throw new QueryFailedError(text, values ?? [], e as Error);
    }
  };
  /** START TRANSACTION with what was asked to travel with it, the prepared statement's rows handed over. */
  const start = async () => {
    const statement = ['START TRANSACTION', ...withStart].join('; ');
    const waiting = atStart;
    withStart = [];
    atStart = undefined;
    if (!waiting) return query(statement);
    const known = preparedOn.get(client()) ?? new Map<string, string>();
    try {
      if (known.get(waiting.sqlName) !== waiting.text) {
        if (known.has(waiting.sqlName)) throw new Error(`${waiting.sqlName} is prepared with another text`);
        // Once per connection, in a round trip of its own: inside the message, a failure after it would leave
        // the name taken without our knowing. Taken all the same (never seen): prepared again.
        const prepare = `PREPARE ${waiting.sqlName} AS ${waiting.text}`;
        await send(prepare).catch(async (e: unknown) => {
          if (sqlState(e) !== DUPLICATE_PREPARED_STATEMENT) throw e;
          await send(`DEALLOCATE ${waiting.sqlName}`);
          await send(prepare);
        });
        preparedOn.set(client(), known.set(waiting.sqlName, waiting.text));
      }
      // TypeORM's query() keeps one statement's rows only: the last statement's are read here.
      const results = (await send(statement)) as unknown as { rows: unknown[] }[];
      waiting.resolve(results.at(-1)!.rows);
    } catch (e) {
      // Gone from the connection (never seen): the next transaction on it prepares it again.
      if (sqlState(e) === UNDEFINED_PREPARED_STATEMENT) known.delete(waiting.sqlName);
      waiting.reject(e);
      throw e;
    }
  };
  runner.query = ((...args: Parameters<QueryRunner['query']>) =>
    inTurn(() =>
      // Without parameters pg sends a simple query, which may hold several statements.
      withStart.length && args[0] === 'START TRANSACTION' && !args[1] ? start() : query(...args),
    )) as QueryRunner['query'];
  const named = runner as SerializedRunner;
  named.startsWith = (statement) => {
    withStart.push(statement);
  };
  named.startsWithPrepared = <T>(name: string, text: string, values: readonly (string | null)[]) => {
    if (!foldable(values)) throw new TypeError(`${name}: only UUIDs and nulls travel as literals`);
    if (!STATEMENT_NAME.test(name))
      throw new TypeError(`${name}: a statement's name is lower case, digits and _`);
    const sqlName = `${name}_at_start`;
    const rows = new Promise<unknown[]>((resolve, reject) => {
      atStart = { sqlName, text, resolve, reject };
    });
    // Whoever waits for the START sees its failure; this answer may then never be read.
    rows.catch(() => undefined);
    withStart.push(`EXECUTE ${sqlName}(${values.map((v) => (v === null ? 'NULL' : `'${v}'`)).join(', ')})`);
    return rows as Promise<T[]>;
  };
  named.assertStarted = () => {
    if (!withStart.length) return;
    const error = new Error(`Not sent with START TRANSACTION: ${withStart.join('; ')}`);
    withStart = [];
    atStart?.reject(error);
    atStart = undefined;
    throw error;
  };
  named.prepared = <T>(name: string, text: string, values: unknown[]) =>
    inTurn(async () => {
      // pg prepares a name once per connection and then sends only Bind/Execute.
      const result = await send(text, values, name);
      return result.rows as T[];
    });
  return named;
}
