import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

const TENANT_TABLES = ['decision_series', 'award_decision', 'award_decision_item'];

/** Award decisions, numbered in a series per issuer and calendar year. */
export class AwardDecisions1764086400000 implements MigrationInterface {
  name = 'AwardDecisions1764086400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The last number issued; taking one locks the row until commit, so numbers are consecutive and a rolled-back
      -- decision gives its number back.
      CREATE TABLE decision_series (
        province_id uuid NOT NULL REFERENCES province(id),
        issuer_code text NOT NULL,
        year int NOT NULL,
        last_number int NOT NULL,
        PRIMARY KEY (province_id, issuer_code, year)
      );

      CREATE TABLE award_decision (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        issuer_code text NOT NULL,
        issuer_name text NOT NULL,
        year int NOT NULL,
        number int NOT NULL,
        number_text text NOT NULL,
        decision_date date NOT NULL,
        signer_name text NOT NULL,
        signer_title text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid NOT NULL,
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, issuer_code, year, number),
        CHECK (year = extract(year FROM decision_date))
      );

      CREATE TABLE award_decision_item (
        province_id uuid NOT NULL,
        decision_id uuid NOT NULL,
        nomination_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        form text NOT NULL,
        prize_vnd bigint NOT NULL CHECK (prize_vnd >= 0),
        PRIMARY KEY (province_id, decision_id, nomination_id),
        -- One achievement, one award: a nomination is decided once.
        UNIQUE (province_id, nomination_id),
        FOREIGN KEY (province_id, decision_id) REFERENCES award_decision(province_id, id),
        FOREIGN KEY (province_id, nomination_id) REFERENCES nomination(province_id, id),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id)
      );
      CREATE INDEX award_decision_item_unit ON award_decision_item (province_id, unit_id);
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON ${TENANT_TABLES.join(', ')} TO ${APP_GROUP_ROLE}`);
    for (const table of TENANT_TABLES) await enableTenantRls(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...TENANT_TABLES].reverse().join(', ')}`);
  }
}
