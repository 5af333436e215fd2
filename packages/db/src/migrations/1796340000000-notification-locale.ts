import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language an in-app notice was written in (its reader's at the time), so the page marks it as such: a reader
 * who switches language later still has older notices in the one they were written in. Null for notices written
 * before: in both languages before migration 1796320000000, in their reader's since (not known which then).
 */
export class NotificationLocale1796340000000 implements MigrationInterface {
  name = 'NotificationLocale1796340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification ADD COLUMN locale text CHECK (locale IN ('vi', 'en'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification DROP COLUMN locale`);
  }
}
