import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's evidence as files (the documents it self-scores with: reports, decisions, photos), one criterion of
 * the year's scoring table each. `owner_id` is the member unit, `subject` the criterion's code. They are read as
 * the unit's own sheet is (the unit, the members that cross-score it, the secretariat), not as the dossier, and
 * may change only while the unit may still send its sheet.
 */
export class EvidenceFiles1796220000000 implements MigrationInterface {
  name = 'EvidenceFiles1796220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE attachment DROP CONSTRAINT attachment_owner_type_check;
      -- Named by PostgreSQL when the table was created (a check over two columns).
      ALTER TABLE attachment DROP CONSTRAINT attachment_check;
      ALTER TABLE attachment ADD CONSTRAINT attachment_owner_type_check
        CHECK (owner_type IN ('EMULATION_YEAR', 'CONFERENCE', 'NOMINATION', 'EVIDENCE'));
      ALTER TABLE attachment ADD CONSTRAINT attachment_subject_check
        CHECK ((owner_type IN ('NOMINATION', 'EVIDENCE')) = (subject IS NOT NULL));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Row-level security is forced: one province at a time. (The files' bytes stay in the storage, unused.)
      DO $$
      DECLARE p record;
      BEGIN
        FOR p IN SELECT id FROM province LOOP
          PERFORM set_config('app.province_id', p.id::text, true);
          DELETE FROM attachment WHERE owner_type = 'EVIDENCE';
        END LOOP;
        PERFORM set_config('app.province_id', '', true);
      END $$;
      ALTER TABLE attachment DROP CONSTRAINT attachment_owner_type_check;
      ALTER TABLE attachment DROP CONSTRAINT attachment_subject_check;
      ALTER TABLE attachment ADD CONSTRAINT attachment_owner_type_check
        CHECK (owner_type IN ('EMULATION_YEAR', 'CONFERENCE', 'NOMINATION'));
      ALTER TABLE attachment ADD CONSTRAINT attachment_check
        CHECK ((owner_type = 'NOMINATION') = (subject IS NOT NULL));
    `);
  }
}
