import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An award decision recorded afterwards from the province's documents (recordPastDecision) says so, as the years
 * it decides do: the decisions list tells them from those issued on the platform. Decisions already recorded are
 * marked from their nominations' years, one province at a time (row-level security is forced on these tables).
 */
export class AwardDecisionRecordedFromDocuments1796172000000 implements MigrationInterface {
  name = 'AwardDecisionRecordedFromDocuments1796172000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE award_decision ADD COLUMN recorded_from_documents boolean NOT NULL DEFAULT false`,
    );
    await q.query(MARK_DECISIONS_RECORDED_FROM_DOCUMENTS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE award_decision DROP COLUMN recorded_from_documents`);
  }
}

/** Marks the decisions whose nominations are of years recorded from documents (every province, one at a time). */
export const MARK_DECISIONS_RECORDED_FROM_DOCUMENTS = `
  DO $$
  DECLARE p record;
  BEGIN
    FOR p IN SELECT id FROM province LOOP
      PERFORM set_config('app.province_id', p.id::text, true);
      UPDATE award_decision d SET recorded_from_documents = true
       WHERE EXISTS (
         SELECT 1 FROM award_decision_item i
           JOIN nomination n ON n.province_id = i.province_id AND n.id = i.nomination_id
           JOIN emulation_year y ON y.province_id = n.province_id AND y.id = n.emulation_year_id
          WHERE i.province_id = d.province_id AND i.decision_id = d.id AND y.recorded_from_documents);
    END LOOP;
    PERFORM set_config('app.province_id', '', true);
  END $$;
`;
