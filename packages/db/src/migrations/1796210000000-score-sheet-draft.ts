import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * What a person typed on a score sheet and has not sent, kept by the gateway so that it follows them to another
 * device or a new session: a sheet of some forty criteria is typed over days. One draft per person and sheet,
 * private to its author; it is the form as typed (text, possibly not yet valid), never counted anywhere. Sending
 * the sheet, or the year's scores being locked, removes it.
 */
export class ScoreSheetDraft1796210000000 implements MigrationInterface {
  name = 'ScoreSheetDraft1796210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE score_sheet_draft (
        province_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        emulation_year_id uuid NOT NULL,
        scorer_unit_id uuid NOT NULL,
        target_unit_id uuid NOT NULL,
        content jsonb NOT NULL CHECK (octet_length(content::text) <= 600000),
        -- The sent version it was typed over (NULL: none yet): a draft over a sheet sent again since is stale.
        based_on_version int,
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, user_id, emulation_year_id, scorer_unit_id, target_unit_id),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, scorer_unit_id) REFERENCES unit(province_id, id),
        FOREIGN KEY (province_id, target_unit_id) REFERENCES unit(province_id, id)
      );
      CREATE INDEX score_sheet_draft_year ON score_sheet_draft (province_id, emulation_year_id);
    `);
    await enableTenantRls(q, 'score_sheet_draft');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON score_sheet_draft TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE score_sheet_draft`);
  }
}
