import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provincial council votes with the same machinery as blocks: a COUNCIL voting period belongs to no block
 * year, its voters are council members (users, not units), and each contest approves one nomination against its
 * own threshold (R10). Receipts therefore name a voter, not necessarily a unit.
 */
export class CouncilVote1764172800000 implements MigrationInterface {
  name = 'CouncilVote1764172800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE voting_period ADD COLUMN kind text NOT NULL DEFAULT 'BLOCK' CHECK (kind IN ('BLOCK', 'COUNCIL'));
      ALTER TABLE voting_period ALTER COLUMN emulation_year_id DROP NOT NULL;
      ALTER TABLE voting_period ADD CONSTRAINT voting_period_kind_year_check CHECK ((kind = 'BLOCK') = (emulation_year_id IS NOT NULL));
      ALTER TABLE voting_period ADD COLUMN attendance_percent numeric(5, 2)
        CHECK (attendance_percent IS NULL OR (attendance_percent > 0 AND attendance_percent <= 100));
      ALTER TABLE voting_period RENAME COLUMN eligible_unit_ids TO eligible_voter_ids;
      ALTER TABLE voting_period DROP CONSTRAINT voting_period_outcome_check;
      ALTER TABLE voting_period ADD CONSTRAINT voting_period_outcome_check
        CHECK (outcome IN ('COMPLETE', 'NEXT_ROUND', 'AWAITING_DECISION', 'DECIDED', 'NO_QUORUM'));

      ALTER TABLE ballot_receipt RENAME COLUMN unit_id TO voter_id;
      ALTER TABLE ballot_receipt DROP CONSTRAINT ballot_receipt_province_id_unit_id_fkey;

      ALTER TABLE voting_contest DROP CONSTRAINT voting_contest_kind_check;
      ALTER TABLE voting_contest ADD CONSTRAINT voting_contest_kind_check
        CHECK (kind IN ('FLAG', 'MERIT', 'NEXT_HEAD', 'NEXT_DEPUTY', 'APPROVAL'));
      ALTER TABLE voting_contest ADD COLUMN nomination_id uuid;
      ALTER TABLE voting_contest ADD CONSTRAINT voting_contest_nomination_fkey
        FOREIGN KEY (province_id, nomination_id) REFERENCES nomination(province_id, id);
      ALTER TABLE voting_contest ADD COLUMN threshold_percent numeric(5, 2);
      ALTER TABLE voting_contest ADD COLUMN threshold_mode text CHECK (threshold_mode IN ('MORE_THAN', 'AT_LEAST'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE voting_contest DROP COLUMN threshold_mode, DROP COLUMN threshold_percent, DROP COLUMN nomination_id;
      ALTER TABLE ballot_receipt RENAME COLUMN voter_id TO unit_id;
      ALTER TABLE voting_period RENAME COLUMN eligible_voter_ids TO eligible_unit_ids;
      ALTER TABLE voting_period DROP COLUMN attendance_percent, DROP COLUMN kind;
    `);
  }
}
