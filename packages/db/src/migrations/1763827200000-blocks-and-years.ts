import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

const TENANT_TABLES = [
  'block',
  'block_membership',
  'person',
  'criteria_set',
  'emulation_year',
  'covenant_item',
  'covenant_signature',
  'title_registration',
  'score_sheet',
  'year_result',
  'deferral',
];

/** Blocks, memberships, people, the emulation year with its covenant, registrations, scoring and deferrals. */
export class BlocksAndYears1763827200000 implements MigrationInterface {
  name = 'BlocksAndYears1763827200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS btree_gist;

      CREATE TABLE block (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('BLOCK', 'CLUSTER')),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        name_search text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, id, kind)
      );
      CREATE UNIQUE INDEX block_name ON block (province_id, name_search);

      -- block_kind repeats the block's kind so the database itself keeps a unit in one block of each kind at a time.
      CREATE TABLE block_membership (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        block_id uuid NOT NULL,
        block_kind text NOT NULL,
        unit_id uuid NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        FOREIGN KEY (province_id, block_id, block_kind) REFERENCES block(province_id, id, kind),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        EXCLUDE USING gist (
          province_id WITH =, unit_id WITH =, block_kind WITH =,
          daterange(valid_from, valid_to, '[]') WITH &&
        )
      );
      CREATE INDEX block_membership_block ON block_membership (province_id, block_id);

      CREATE TABLE person (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        full_name text NOT NULL CHECK (length(trim(full_name)) > 0),
        full_name_search text NOT NULL,
        gender text NOT NULL CHECK (gender IN ('FEMALE', 'MALE')),
        position text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id)
      );
      CREATE INDEX person_unit ON person (province_id, unit_id);

      -- The scoring table, versioned per year; immutable once a year uses it.
      CREATE TABLE criteria_set (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        version int NOT NULL,
        name text NOT NULL,
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, year, version)
      );

      CREATE TABLE emulation_year (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        block_id uuid NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        theme text,
        head_unit_id uuid,
        deputy_unit_id uuid,
        state text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'OPEN', 'COVENANT_SIGNED', 'SCORING',
          'SCORES_LOCKED', 'VOTING', 'RESULTS_RECORDED', 'DOSSIER_SUBMITTED', 'CLOSED')),
        criteria_set_id uuid,
        registration_deadline date,
        scoring_deadline date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, block_id, year),
        FOREIGN KEY (province_id, block_id) REFERENCES block(province_id, id),
        FOREIGN KEY (province_id, head_unit_id) REFERENCES unit(province_id, id),
        FOREIGN KEY (province_id, deputy_unit_id) REFERENCES unit(province_id, id),
        FOREIGN KEY (province_id, criteria_set_id) REFERENCES criteria_set(province_id, id),
        CHECK (head_unit_id IS NULL OR head_unit_id IS DISTINCT FROM deputy_unit_id)
      );

      CREATE TABLE covenant_item (
        province_id uuid NOT NULL,
        emulation_year_id uuid NOT NULL,
        position int NOT NULL CHECK (position > 0),
        text text NOT NULL CHECK (length(trim(text)) > 0),
        PRIMARY KEY (province_id, emulation_year_id, position),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id) ON DELETE CASCADE
      );

      CREATE TABLE covenant_signature (
        province_id uuid NOT NULL,
        emulation_year_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        signed_by uuid NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, emulation_year_id, unit_id),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id)
      );

      CREATE TABLE title_registration (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        emulation_year_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        title text NOT NULL,
        person_id uuid,
        registered_by uuid NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        PRIMARY KEY (province_id, id),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id),
        FOREIGN KEY (province_id, person_id) REFERENCES person(province_id, id)
      );
      CREATE UNIQUE INDEX title_registration_active ON title_registration
        (province_id, emulation_year_id, unit_id, title, person_id) NULLS NOT DISTINCT WHERE withdrawn_at IS NULL;

      CREATE TABLE score_sheet (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        emulation_year_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SELF', 'CROSS')),
        scorer_unit_id uuid NOT NULL,
        target_unit_id uuid NOT NULL,
        content jsonb NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]',
        version int NOT NULL DEFAULT 1,
        submitted_by uuid NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, emulation_year_id, kind, scorer_unit_id, target_unit_id),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, scorer_unit_id) REFERENCES unit(province_id, id),
        FOREIGN KEY (province_id, target_unit_id) REFERENCES unit(province_id, id),
        CHECK ((kind = 'SELF') = (scorer_unit_id = target_unit_id))
      );

      -- Frozen when scores are locked: what the vote and the awards engine read.
      CREATE TABLE year_result (
        province_id uuid NOT NULL,
        emulation_year_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        base numeric(7, 2) NOT NULL,
        bonus numeric(7, 2) NOT NULL,
        deductions numeric(7, 2) NOT NULL,
        final numeric(7, 2) NOT NULL,
        rank int NOT NULL,
        position int NOT NULL,
        PRIMARY KEY (province_id, emulation_year_id, unit_id),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id)
      );

      CREATE TABLE deferral (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL,
        reason text NOT NULL CHECK (reason IN ('DISCIPLINE', 'INSPECTION', 'COMPLAINT')),
        note text NOT NULL CHECK (length(trim(note)) > 0),
        opened_on date NOT NULL,
        closed_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id),
        CHECK (closed_on IS NULL OR closed_on >= opened_on)
      );
      CREATE INDEX deferral_unit ON deferral (province_id, unit_id);
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${APP_GROUP_ROLE}`);
    for (const table of TENANT_TABLES) await enableTenantRls(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...TENANT_TABLES].reverse().join(', ')}`);
  }
}
