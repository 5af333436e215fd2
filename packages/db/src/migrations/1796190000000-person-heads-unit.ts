import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The women tie-break (R6, Decree 152/2025) prefers a collective headed by a woman, or one with at least 70 %
 * women. Who heads a unit is recorded on its people: at most one head per unit at a time.
 */
export class PersonHeadsUnit1796190000000 implements MigrationInterface {
  name = 'PersonHeadsUnit1796190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE person ADD COLUMN heads_unit boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE UNIQUE INDEX person_one_head_per_unit ON person (province_id, unit_id) WHERE heads_unit`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX person_one_head_per_unit`);
    await q.query(`ALTER TABLE person DROP COLUMN heads_unit`);
  }
}
