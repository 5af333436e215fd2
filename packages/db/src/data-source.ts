import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DataSourceOptions {
  poolSize?: number;
  applicationName?: string;
  /** How long to wait for a pooled connection (pg's connectionTimeoutMillis); unset, forever. */
  acquireTimeoutMs?: number;
  /** Session settings the server enforces; unset for migrations, whose statements may rightly run long. */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  /** Called with every SQL statement sent (benchmarks and tests count statements per request). */
  onQuery?: (sql: string) => void;
}

/** Migrations only, never `synchronize`: the schema is what the migrations say. */
export function createDataSource(url: string, opts: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    ...(opts.onQuery
      ? {
          logging: ['query' as const],
          logger: {
            logQuery: (sql: string) => opts.onQuery!(sql),
            logQueryError: () => {},
            logQuerySlow: () => {},
            logSchemaBuild: () => {},
            logMigration: () => {},
            log: () => {},
          },
        }
      : { logging: false }),
    applicationName: opts.applicationName ?? 'thidua',
    extra: {
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: opts.acquireTimeoutMs,
      // Sent as startup parameters: every pooled session carries them, whoever opens it.
      statement_timeout: opts.statementTimeoutMs,
      idle_in_transaction_session_timeout: opts.idleInTransactionTimeoutMs,
    },
  });
}
