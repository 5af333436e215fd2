import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log read by its subject: a unit's receipt reads why the secretariat cast its ballot (the audit of the
 * cast, by period and action), and the audit page filters by entity. Without it each read scans the province's log.
 */
export class AuditEntityIndex1796300000000 implements MigrationInterface {
  name = 'AuditEntityIndex1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX audit_event_entity ON audit_event (province_id, entity_type, entity_id, action)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_event_entity`);
  }
}
