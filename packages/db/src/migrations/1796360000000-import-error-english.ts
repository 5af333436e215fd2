import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inEveryProvince } from './rls';

/**
 * A failed import's message in English too, for the English page (`error` stays the Vietnamese). An import cut off
 * by a stopped gateway keeps no message: the page says what that means in the reader's language (it used to be
 * stored as an English sentence, which the Vietnamese page showed as it was).
 */
export class ImportErrorEnglish1796360000000 implements MigrationInterface {
  name = 'ImportErrorEnglish1796360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_job ADD COLUMN error_english text`);
    await q.query(
      inEveryProvince(`
        UPDATE import_job SET error = NULL
         WHERE province_id = p.id AND error = 'Interrupted: its gateway stopped';`),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The interrupted imports keep no message (the page before this read a missing one the same way).
    await q.query(`ALTER TABLE import_job DROP COLUMN error_english`);
  }
}
