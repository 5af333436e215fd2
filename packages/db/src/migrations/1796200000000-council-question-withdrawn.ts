import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R8 in the council: a nomination deferred while it is before a council session whose results are not published
 * is taken off that session for good, even if the process closes and the nomination returns before the session
 * ends. The question keeps the reason in words (the kind of process only: the council reads it) and when.
 */
export class CouncilQuestionWithdrawn1796200000000 implements MigrationInterface {
  name = 'CouncilQuestionWithdrawn1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE voting_contest ADD COLUMN withdrawn_reason text, ADD COLUMN withdrawn_at timestamptz,
         ADD CONSTRAINT voting_contest_withdrawn_check CHECK ((withdrawn_reason IS NULL) = (withdrawn_at IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE voting_contest DROP CONSTRAINT voting_contest_withdrawn_check,
         DROP COLUMN withdrawn_reason, DROP COLUMN withdrawn_at`,
    );
  }
}
