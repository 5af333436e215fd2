import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The secretariat may sign, register or score for a member unit only as an explicit on-behalf action with its
 * reason (issue 11, point 6): the record keeps the reason beside who entered it (signed_by, registered_by,
 * submitted_by already name the user).
 */
export class OnBehalf1765510000000 implements MigrationInterface {
  name = 'OnBehalf1765510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE covenant_signature ADD COLUMN on_behalf_reason text CHECK (length(on_behalf_reason) BETWEEN 5 AND 1000);
      ALTER TABLE title_registration ADD COLUMN on_behalf_reason text CHECK (length(on_behalf_reason) BETWEEN 5 AND 1000);
      ALTER TABLE score_sheet ADD COLUMN on_behalf_reason text CHECK (length(on_behalf_reason) BETWEEN 5 AND 1000);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE covenant_signature DROP COLUMN on_behalf_reason;
      ALTER TABLE title_registration DROP COLUMN on_behalf_reason;
      ALTER TABLE score_sheet DROP COLUMN on_behalf_reason;
    `);
  }
}
