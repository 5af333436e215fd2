import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A collective is "lao động xuất sắc" or "lao động tiên tiến" in a year, not both (Law 06/2022 art. 27–28): the
 * gateway refused the second grade (OTHER_GRADE) by reading first, so two requests at once could still register
 * both. The database now holds it. A unit found with both (registered before the check) keeps the one registered
 * first; the other is withdrawn, as the unit would have had to, and stays on record.
 */
export class OneCollectiveGrade1796230000000 implements MigrationInterface {
  name = 'OneCollectiveGrade1796230000000';

  async up(q: QueryRunner): Promise<void> {
    // Row-level security is forced on the table: the duplicates are found one province at a time.
    await q.query(`
      DO $$
      DECLARE p record;
      BEGIN
        FOR p IN SELECT id FROM province LOOP
          PERFORM set_config('app.province_id', p.id::text, true);
          UPDATE title_registration r SET withdrawn_at = now()
           WHERE r.withdrawn_at IS NULL AND r.title IN ('COLL_EXCELLENT', 'COLL_ADVANCED')
             AND EXISTS (
               SELECT 1 FROM title_registration o
                WHERE o.province_id = r.province_id AND o.emulation_year_id = r.emulation_year_id
                  AND o.unit_id = r.unit_id AND o.withdrawn_at IS NULL
                  AND o.title IN ('COLL_EXCELLENT', 'COLL_ADVANCED')
                  AND (o.registered_at, o.id) < (r.registered_at, r.id));
        END LOOP;
        PERFORM set_config('app.province_id', '', true);
      END $$;
    `);
    await q.query(`
      CREATE UNIQUE INDEX title_registration_one_grade ON title_registration
        (province_id, emulation_year_id, unit_id)
        WHERE withdrawn_at IS NULL AND title IN ('COLL_EXCELLENT', 'COLL_ADVANCED');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX title_registration_one_grade`);
  }
}
