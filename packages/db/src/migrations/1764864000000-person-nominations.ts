import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People proposed for the provincial Emulation Fighter title (their grassroots streak qualifies them; the council
 * selects at its own threshold, R10). R7 stays one block form per unit; a person has at most one proposal a year.
 */
export class PersonNominations1764864000000 implements MigrationInterface {
  name = 'PersonNominations1764864000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE nomination ADD COLUMN person_id uuid;
      ALTER TABLE nomination ADD FOREIGN KEY (province_id, person_id) REFERENCES person(province_id, id);
      ALTER TABLE nomination DROP CONSTRAINT nomination_form_check;
      ALTER TABLE nomination ADD CONSTRAINT nomination_form_check
        CHECK (form IN ('FLAG_PROVINCE', 'MERIT_PROVINCE', 'CSTD_PROV'));
      ALTER TABLE nomination ADD CONSTRAINT nomination_person_form_check
        CHECK ((person_id IS NOT NULL) = (form = 'CSTD_PROV'));
      ALTER TABLE nomination DROP CONSTRAINT nomination_province_id_emulation_year_id_unit_id_key;
      CREATE UNIQUE INDEX nomination_one_form_per_unit ON nomination (province_id, emulation_year_id, unit_id)
        WHERE person_id IS NULL;
      CREATE UNIQUE INDEX nomination_one_per_person ON nomination (province_id, emulation_year_id, person_id)
        WHERE person_id IS NOT NULL;

      ALTER TABLE award_decision_item ADD COLUMN person_id uuid;
      ALTER TABLE award_decision_item ADD FOREIGN KEY (province_id, person_id) REFERENCES person(province_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE award_decision_item DROP COLUMN person_id;
      DELETE FROM nomination WHERE person_id IS NOT NULL;
      DROP INDEX nomination_one_per_person;
      DROP INDEX nomination_one_form_per_unit;
      ALTER TABLE nomination ADD UNIQUE (province_id, emulation_year_id, unit_id);
      ALTER TABLE nomination DROP CONSTRAINT nomination_person_form_check;
      ALTER TABLE nomination DROP CONSTRAINT nomination_form_check;
      ALTER TABLE nomination ADD CONSTRAINT nomination_form_check CHECK (form IN ('FLAG_PROVINCE', 'MERIT_PROVINCE'));
      ALTER TABLE nomination DROP COLUMN person_id;
    `);
  }
}
