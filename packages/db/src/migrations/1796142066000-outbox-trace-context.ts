import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracing across the outbox: the W3C `traceparent` of the request that wrote a message, so that the relay adds the
 * job inside the same trace and the worker's span continues it. Null when tracing is off.
 */
export class OutboxTraceContext1796142066000 implements MigrationInterface {
  name = 'OutboxTraceContext1796142066000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN trace_parent text CHECK (length(trace_parent) <= 100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN trace_parent`);
  }
}
