import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Department of Home Affairs' submission (tờ trình) an award decision answers, as its register numbered it:
 * the decision cites it ("Theo đề nghị … tại Tờ trình số 15/TTr-SNV ngày …"). Both or neither; decisions issued
 * before keep citing the council and the Department without a number.
 */
export class DecisionSubmission1796280000000 implements MigrationInterface {
  name = 'DecisionSubmission1796280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE award_decision ADD COLUMN submission_number text, ADD COLUMN submission_date date,
         ADD CONSTRAINT award_decision_submission_check
           CHECK ((submission_number IS NULL) = (submission_date IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE award_decision DROP CONSTRAINT award_decision_submission_check,
         DROP COLUMN submission_number, DROP COLUMN submission_date`,
    );
  }
}
