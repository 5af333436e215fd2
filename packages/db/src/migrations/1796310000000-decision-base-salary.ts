import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inEveryProvince } from './rls';

/**
 * The base salary row a decision's prize money was counted on, by the day it took effect (the table's key; its
 * rows are never changed). Said on the decision's page: a reader checks the prizes against it. Decisions already
 * issued took the row in force on their date, as the issue does; they are given it one province at a time (row-level
 * security is forced on award_decision).
 */
export class DecisionBaseSalary1796310000000 implements MigrationInterface {
  name = 'DecisionBaseSalary1796310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE award_decision ADD COLUMN base_salary_from date`);
    await q.query(BASE_SALARIES_OF_DECISIONS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE award_decision DROP COLUMN base_salary_from`);
  }
}

/**
 * Every province's decisions without one: the row in force on the decision's date among those recorded when it
 * was issued (a row recorded later for an earlier date did not count its prizes); none known, none said.
 */
export const BASE_SALARIES_OF_DECISIONS = inEveryProvince(`
  UPDATE award_decision d SET base_salary_from =
    (SELECT max(s.effective_from) FROM base_salary s
      WHERE s.effective_from <= d.decision_date AND s.recorded_at <= d.created_at)
   WHERE d.province_id = p.id AND d.base_salary_from IS NULL;`);
