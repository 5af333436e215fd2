import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language a person reads the platform in (the web's switch, kept with the account): their notices, and the
 * e-mails that carry them, are written in it alone, not in Vietnamese with an English copy beside it.
 */
export class UserLocale1796320000000 implements MigrationInterface {
  name = 'UserLocale1796320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE app_user ADD COLUMN locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN locale`);
  }
}
