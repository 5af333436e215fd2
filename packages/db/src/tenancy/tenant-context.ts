import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

interface TransactionStore {
  provinceId: string | null;
  manager(): Promise<EntityManager>;
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
}

/**
 * Runs `work` in one transaction whose first statement sets the tenant (transaction-local, bound parameter).
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
  let runner: QueryRunner | undefined;
  let opening: Promise<EntityManager> | undefined;
  const store: TransactionStore = {
    provinceId,
    manager: () =>
      (opening ??= (async () => {
        runner = serialized(dataSource.createQueryRunner());
        await runner.connect();
        if (options.autocommit) return runner.manager;
        await runner.startTransaction();
        if (provinceId) await runner.query(`SELECT set_config('app.province_id', $1, true)`, [provinceId]);
        return runner.manager;
      })()),
  };

  let result: T;
  try {
    result = await storage.run(store, work);
  } catch (error) {
    await finish(false);
    throw error;
  }
  await finish(options.commitIf ? options.commitIf(result) : true);
  return result;

  async function finish(commit: boolean): Promise<void> {
    if (!opening) return;
    try {
      await opening;
      if (options.autocommit) return;
      if (commit) await runner!.commitTransaction();
      else await runner!.rollbackTransaction();
    } finally {
      await runner?.release();
    }
  }
}

export function runInTenant<T>(
  dataSource: DataSource,
  provinceId: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!provinceId) throw new TenantContextError('runInTenant needs a province id');
  return runInTransaction(dataSource, provinceId, work);
}

/** The current transaction's manager, tenant or platform. Throws outside a transaction context. */
export function currentManager(): Promise<EntityManager> {
  const store = storage.getStore();
  if (!store) throw new TenantContextError('No transaction context: wrap the call in runInTransaction');
  return store.manager();
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

/**
 * GraphQL resolves sibling fields concurrently, and they share the request's one connection. A pg client runs
 * one statement at a time anyway; queue them here explicitly rather than rely on the driver's deprecated
 * implicit queue.
 */
function serialized(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = tail.then(() => query(...args));
    tail = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}
