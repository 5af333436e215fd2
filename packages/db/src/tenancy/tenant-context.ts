import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { foldable, serialized, UUID, type SerializedRunner } from './serialized-runner';

interface TransactionStore {
  provinceId: string | null;
  manager(): Promise<EntityManager>;
  /** Runs a named (prepared) statement on the transaction's connection, in turn with its other statements. */
  prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /** The transaction's last statement, sent with its COMMIT (serialized-runner.ts). */
  preparedThenCommit<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /** Whether a pooled connection is checked out for this transaction right now. */
  holdsConnection(): boolean;
  afterRelease: (() => Promise<unknown>)[];
}

const storage = new AsyncLocalStorage<TransactionStore>();

export class TenantContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantContextError';
  }
}

export interface TransactionOptions<T> {
  /** Decide from the result whether to commit; a GraphQL response with errors rolls back. */
  commitIf?: (result: T) => boolean;
  /**
   * Platform reads only (no province): statements run on one connection without BEGIN/COMMIT, two round trips
   * fewer. Refused with a province, whose setting must stay local to a transaction.
   */
  autocommit?: boolean;
  /**
   * Called once the work's writes are committed: after its COMMIT, or when its last statement committed them
   * (`preparedQuery`'s `commit`) even if the result then asked for a rollback. Work that is told of a commit
   * afterwards (an announcement) waits for this, not for the result.
   */
  onCommit?: () => void;
}

/**
 * Runs `work` in one transaction whose first statement sets the tenant (transaction-local; sent with START).
 * The transaction opens lazily on the first repository call, so work that never touches the database costs
 * nothing. `provinceId: null` is a platform transaction: tenant tables then show no rows (RLS fails closed).
 */
export async function runInTransaction<T>(
  dataSource: DataSource,
  provinceId: string | null,
  work: () => Promise<T>,
  options: TransactionOptions<T> = {},
): Promise<T> {
  if (options.autocommit && provinceId) throw new TenantContextError('A tenant context needs a transaction');
  if (storage.getStore()?.holdsConnection()) {
    // Holding one pooled connection while waiting for another: enough of these at once and every connection
    // waits for one that never comes back.
    throw new TenantContextError(
      'A transaction inside a transaction that holds a connection: use afterRelease() for separate work',
    );
  }
  let runner: SerializedRunner | undefined;
  let opening: Promise<EntityManager> | undefined;
  let held = false;
  // One round trip instead of two (measured ×1.16 on ballots): TypeORM still opens the transaction and keeps its
  // own state; only its START TRANSACTION travels with the setting. A literal is safe here, the id being a checked
  // UUID; the simple query protocol it needs takes no bound parameters.
  const foldsIntoStart =
    !!provinceId && UUID.test(provinceId) && !dataSource.options.isolationLevel && !options.autocommit;
  const open = (beforeStart?: (r: SerializedRunner) => void) =>
    (opening ??= (async () => {
      runner = serialized(dataSource.createQueryRunner());
      held = true;
      await runner.connect();
      if (options.autocommit) return runner.manager;
      if (foldsIntoStart) {
        runner.startsWith(`SELECT set_config('app.province_id', '${provinceId}', true)`);
        beforeStart?.(runner);
      }
      await runner.startTransaction();
      runner.assertStarted();
      if (provinceId && !foldsIntoStart)
        await runner.query(`SELECT set_config('app.province_id', $1, true)`, [provinceId]);
      return runner.manager;
    })());
  const store: TransactionStore = {
    provinceId,
    holdsConnection: () => held,
    afterRelease: [],
    manager: () => open(),
    prepared: async <R>(name: string, text: string, values: unknown[]) => {
      if (!opening && foldsIntoStart && foldable(values)) {
        // The transaction's first statement (a request's principal) travels with its START as well: one round
        // trip for the three.
        let rows: Promise<R[]> | undefined;
        await open((r) => {
          rows = r.startsWithPrepared<R>(name, text, values);
        });
        if (rows) return rows;
      }
      await open();
      return runner!.prepared<R>(name, text, values);
    },
    preparedThenCommit: async <R>(name: string, text: string, values: unknown[]) => {
      if (options.autocommit) throw new TenantContextError('Nothing to commit outside a transaction');
      await open();
      return runner!.preparedThenCommit<R>(name, text, values);
    },
  };

  let result: T;
  try {
    try {
      result = await storage.run(store, work);
    } catch (error) {
      await finish(false);
      throw error;
    }
    if (await finish(options.commitIf ? options.commitIf(result) : true)) options.onCommit?.();
  } catch (error) {
    await runAfterRelease(store.afterRelease).catch(() => undefined);
    throw error;
  }
  await runAfterRelease(store.afterRelease);
  return result;

  /** Ends the transaction; whether its writes are committed. */
  async function finish(commit: boolean): Promise<boolean> {
    if (!opening) return commit;
    try {
      try {
        await opening;
      } catch (error) {
        // Opened part-way (START went through, the tenant setting did not, as on a cancel): the connection must
        // not go back to the pool inside a failed transaction. ROLLBACK outside a transaction only warns.
        if (runner?.isTransactionActive) await runner.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      if (options.autocommit) return commit;
      // Committed with its last statement: TypeORM's COMMIT or ROLLBACK sends nothing any more.
      const committed = commit || runner!.committedWithStatement();
      if (commit) await runner!.commitTransaction();
      else await runner!.rollbackTransaction();
      return committed;
    } finally {
      await runner?.release();
      held = false;
    }
  }
}

/**
 * Work that must happen whatever becomes of the current transaction (a failed sign-in is counted even though the
 * request rolls back), run once the transaction has ended and its connection is back in the pool, so that it
 * never waits for a second connection while holding one. It opens its own transaction if it needs one. The
 * caller of `runInTransaction` waits for it; its failure fails that call unless the work itself failed first.
 */
export function afterRelease(work: () => Promise<unknown>): void {
  const store = storage.getStore();
  if (!store) throw new TenantContextError('No transaction context: afterRelease needs runInTransaction');
  store.afterRelease.push(work);
}

/** Each in turn, all of them even when one fails; the first failure is thrown at the end. */
async function runAfterRelease(hooks: (() => Promise<unknown>)[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

export function runInTenant<T>(
  dataSource: DataSource,
  provinceId: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!provinceId) throw new TenantContextError('runInTenant needs a province id');
  return runInTransaction(dataSource, provinceId, work);
}

/** Whether the current transaction has a pooled connection checked out (false outside any). */
export function holdsConnection(): boolean {
  return storage.getStore()?.holdsConnection() ?? false;
}

/** The current transaction's manager, tenant or platform. Throws outside a transaction context. */
export function currentManager(): Promise<EntityManager> {
  const store = storage.getStore();
  if (!store) throw new TenantContextError('No transaction context: wrap the call in runInTransaction');
  return store.manager();
}

/**
 * A statement of a hot path, named so that PostgreSQL parses and plans it once per connection instead of on every
 * request (TypeORM's query() sends every statement unnamed). Runs in the current transaction, tenant setting and
 * RLS included, like any other statement of it; `tenant` refuses to run outside a province's transaction.
 */
export function preparedQuery<T>(
  name: string,
  text: string,
  values: unknown[],
  { tenant = false, commit = false }: PreparedQueryOptions = {},
): Promise<T[]> {
  const store = storage.getStore();
  if (!store) throw new TenantContextError('No transaction context: wrap the call in runInTransaction');
  if (tenant && !store.provinceId)
    throw new TenantContextError('No tenant context: tenant repositories run only inside runInTenant');
  return commit ? store.preparedThenCommit<T>(name, text, values) : store.prepared<T>(name, text, values);
}

export interface PreparedQueryOptions {
  /** Refused outside a province's transaction. */
  tenant?: boolean;
  /**
   * The transaction's last statement: sent with its COMMIT in one round trip. Once it has succeeded, the work
   * cannot roll back any more and sends no other statement (one would throw); when it fails, nothing is
   * committed. For a request whose answer cannot fail after it (a ballot's cast, alone in its mutation).
   */
  commit?: boolean;
}

/** The current transaction's manager, which must belong to a province. */
export function tenantManager(): Promise<EntityManager> {
  const store = storage.getStore();
  if (!store?.provinceId) {
    throw new TenantContextError('No tenant context: tenant repositories run only inside runInTenant');
  }
  return store.manager();
}

export function currentProvinceId(): string {
  const id = storage.getStore()?.provinceId;
  if (!id) throw new TenantContextError('No tenant context');
  return id;
}

export function currentProvinceIdOrNull(): string | null {
  return storage.getStore()?.provinceId ?? null;
}
