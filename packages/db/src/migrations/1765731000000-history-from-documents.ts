import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History from documents (issue 11, point 8). A block year the province did not run on the platform is recorded
 * from its documents: `recorded_from_documents` with the `source_reference` (the minutes' number, an article).
 *
 * Units of a former province end when it ended: a unit created in a province that has ended gets the province's
 * end as its own (a trigger, whoever inserts), a province that ends takes its units' validity with it, and the
 * units already in former provinces are ended here, province by province (their RLS needs the tenant set).
 */
export class HistoryFromDocuments1765731000000 implements MigrationInterface {
  name = 'HistoryFromDocuments1765731000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE emulation_year
        ADD COLUMN recorded_from_documents boolean NOT NULL DEFAULT false,
        ADD COLUMN source_reference text,
        ADD CONSTRAINT emulation_year_documents_source_check
          CHECK (NOT recorded_from_documents OR length(btrim(source_reference)) BETWEEN 3 AND 500);

      CREATE FUNCTION unit_ends_with_province() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE ended date;
      BEGIN
        SELECT valid_to INTO ended FROM province WHERE id = NEW.province_id;
        IF ended IS NOT NULL AND (NEW.valid_to IS NULL OR NEW.valid_to > ended) THEN
          IF NEW.valid_from IS NOT NULL AND NEW.valid_from > ended THEN
            RAISE EXCEPTION 'a unit of a province that ended on % cannot begin on %', ended, NEW.valid_from
              USING ERRCODE = '23514';
          END IF;
          NEW.valid_to := ended;
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER unit_ends_with_province BEFORE INSERT OR UPDATE OF valid_from, valid_to ON unit
        FOR EACH ROW EXECUTE FUNCTION unit_ends_with_province();

      -- A province that ends (a merger) ends its units on the same day, in its own tenant context.
      CREATE FUNCTION province_ends_units() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE here text := coalesce(current_setting('app.province_id', true), '');
      BEGIN
        PERFORM set_config('app.province_id', NEW.id::text, true);
        UPDATE unit SET valid_to = NEW.valid_to, updated_at = now()
         WHERE province_id = NEW.id AND (valid_to IS NULL OR valid_to > NEW.valid_to)
           AND (valid_from IS NULL OR valid_from <= NEW.valid_to);
        PERFORM set_config('app.province_id', here, true);
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER province_ends_units AFTER UPDATE OF valid_to ON province
        FOR EACH ROW WHEN (NEW.valid_to IS NOT NULL AND NEW.valid_to IS DISTINCT FROM OLD.valid_to)
        EXECUTE FUNCTION province_ends_units();
    `);
    await q.query(`
      DO $$
      DECLARE p record;
      BEGIN
        FOR p IN SELECT id, valid_to FROM province WHERE valid_to IS NOT NULL LOOP
          PERFORM set_config('app.province_id', p.id::text, true);
          UPDATE unit SET valid_to = p.valid_to, updated_at = now()
           WHERE province_id = p.id AND (valid_to IS NULL OR valid_to > p.valid_to)
             AND (valid_from IS NULL OR valid_from <= p.valid_to);
        END LOOP;
        PERFORM set_config('app.province_id', '', true);
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER province_ends_units ON province;
      DROP TRIGGER unit_ends_with_province ON unit;
      DROP FUNCTION province_ends_units(), unit_ends_with_province();
      ALTER TABLE emulation_year DROP CONSTRAINT emulation_year_documents_source_check,
        DROP COLUMN source_reference, DROP COLUMN recorded_from_documents;
    `);
  }
}
