import pg, { type PoolClient, type QueryResult } from 'pg';
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
  /**
   * The transaction's last statement, a named one with its values bound, sent with its COMMIT in one write and
   * one round trip (`ThenCommit`); its rows are the answer. Once it has succeeded the transaction is over:
   * TypeORM's own COMMIT or ROLLBACK is not sent, and any other statement throws. When it fails, PostgreSQL skips
   * the COMMIT: nothing is committed and the transaction rolls back as usual.
   */
  preparedThenCommit<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /** Whether a statement sent with COMMIT has committed the transaction. */
  committedWithStatement(): boolean;
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
/** How a COMMIT sent with the statement before it is logged (tests and benchmarks count statements). */
export const COMMIT_WITH_STATEMENT = 'COMMIT -- in the same round trip as the statement before it';

/** The parts of pg's connection a query writes the extended protocol's messages with. */
interface ProtocolWriter {
  execute(message: { portal?: string; rows?: number }): void;
  parse(message: { text: string }): void;
  bind(message: object): void;
  sync(): void;
}
type Answer = (error: Error | null, answer: QueryResult | QueryResult[]) => void;
const PgQuery = pg.Query as unknown as new (
  config: { name: string; text: string; values: unknown[] },
  values: undefined,
  callback: Answer,
) => { portal: string; _getRows(connection: ProtocolWriter, rows?: number): void };

/**
 * pg's own query of a named statement, its values bound as always (never written into the SQL text, where
 * `pg_stat_activity` and the server's error log would show them: a ballot's choices next to its voter), followed
 * before its one Sync by an unnamed COMMIT; pg writes them corked, in one write. After an error PostgreSQL skips
 * everything up to the Sync, the COMMIT with it. pg reads both statements' answers as it reads a multi-statement
 * query's.
 */
class ThenCommit extends PgQuery {
  override _getRows(connection: ProtocolWriter, rows?: number) {
    connection.execute({ portal: this.portal, rows });
    connection.parse({ text: 'COMMIT' });
    connection.bind({});
    connection.execute({});
    connection.sync();
  }
}

const sqlState = (e: unknown) => (e as { driverError?: { code?: string } }).driverError?.code;

export function serialized(runner: QueryRunner): SerializedRunner {
  const query = runner.query.bind(runner);
  const client = () => (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  let tail: Promise<unknown> = Promise.resolve();
  let withStart: string[] = [];
  let committed = false;
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
  /** After a statement sent with COMMIT: TypeORM's COMMIT or ROLLBACK is not sent, anything else refused. */
  const afterCommit = async (sql: string) => {
    if (sql === 'COMMIT' || sql === 'ROLLBACK') return [];
    throw new Error(`The transaction was committed with its last statement: not sent: ${sql}`);
  };
  runner.query = ((...args: Parameters<QueryRunner['query']>) =>
    inTurn(() => {
      if (committed) return afterCommit(args[0]);
      // Without parameters pg sends a simple query, which may hold several statements.
      return withStart.length && args[0] === 'START TRANSACTION' && !args[1] ? start() : query(...args);
    })) as QueryRunner['query'];
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
  named.preparedThenCommit = <T>(name: string, text: string, values: unknown[]) =>
    inTurn(async () => {
      if (committed) return afterCommit(name) as Promise<T[]>;
      if (!runner.isTransactionActive) throw new Error(`${name}: no transaction to commit`);
      // Inside a savepoint, COMMIT would end the outer transaction too.
      if ((runner as unknown as { transactionDepth: number }).transactionDepth > 1)
        throw new Error(`${name}: not sent with COMMIT inside a savepoint`);
      runner.connection.logger.logQuery(text, values, runner);
      runner.connection.logger.logQuery(COMMIT_WITH_STATEMENT, [], runner);
      const results = await new Promise<QueryResult[]>((resolve, reject) => {
        const query = new ThenCommit({ name, text, values }, undefined, (error, answer) =>
          // Two statements: pg answers with the result of each.
          error ? reject(new QueryFailedError(text, values, error)) : resolve(answer as QueryResult[]),
        );
        client().query(query as unknown as pg.Submittable);
      });
      committed = true;
      return results[0]!.rows as T[];
    });
  named.committedWithStatement = () => committed;
  named.prepared = <T>(name: string, text: string, values: unknown[]) =>
    inTurn(async () => {
      if (committed) return afterCommit(name) as Promise<T[]>;
      // pg prepares a name once per connection and then sends only Bind/Execute.
      const result = await send(text, values, name);
      return result.rows as T[];
    });
  return named;
}
