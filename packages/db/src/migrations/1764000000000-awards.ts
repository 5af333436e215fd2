import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

const TENANT_TABLES = ['award_rule_set', 'year_award_outcome', 'nomination'];

/** Award rule sets, the engine's outcome per block year, and the nominations it proposes. */
export class Awards1764000000000 implements MigrationInterface {
  name = 'Awards1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- In force from effective_year until a later version.
      CREATE TABLE award_rule_set (
        province_id uuid NOT NULL REFERENCES province(id),
        effective_year int NOT NULL CHECK (effective_year BETWEEN 2000 AND 2100),
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL,
        PRIMARY KEY (province_id, effective_year)
      );

      CREATE TABLE year_award_outcome (
        province_id uuid NOT NULL,
        emulation_year_id uuid NOT NULL,
        next_head_unit_id uuid,
        next_deputy_unit_id uuid,
        explanations jsonb NOT NULL,
        unresolved_ties jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        dossier_submitted_at timestamptz,
        dossier_submitted_by uuid,
        PRIMARY KEY (province_id, emulation_year_id),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, next_head_unit_id) REFERENCES unit(province_id, id),
        FOREIGN KEY (province_id, next_deputy_unit_id) REFERENCES unit(province_id, id)
      );

      CREATE TABLE nomination (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        emulation_year_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        form text NOT NULL CHECK (form IN ('FLAG_PROVINCE', 'MERIT_PROVINCE')),
        status text NOT NULL DEFAULT 'PROPOSED_BY_BLOCK' CHECK (status IN ('PROPOSED_BY_BLOCK', 'SUBMITTED',
          'IN_APPRAISAL', 'RETURNED', 'NOT_ELIGIBLE', 'DEFERRED', 'COUNCIL_REVIEW', 'COUNCIL_APPROVED',
          'COUNCIL_REJECTED', 'DECIDED', 'REVOKED')),
        status_reason text,
        explanation jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        -- R7: one block proposal form per unit per year.
        UNIQUE (province_id, emulation_year_id, unit_id),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id)
      );
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${APP_GROUP_ROLE}`);
    for (const table of TENANT_TABLES) await enableTenantRls(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...TENANT_TABLES].reverse().join(', ')}`);
  }
}
