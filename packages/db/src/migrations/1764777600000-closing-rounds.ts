import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A province's closing can be resumed for the blocks that could not close the first time (a vote decided later,
 * a dossier submitted late): each resumption is a new round of the same closing.
 */
export class ClosingRounds1764777600000 implements MigrationInterface {
  name = 'ClosingRounds1764777600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE year_end_closing ADD COLUMN round int NOT NULL DEFAULT 1 CHECK (round >= 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE year_end_closing DROP COLUMN round`);
  }
}
