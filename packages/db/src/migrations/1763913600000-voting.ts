import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

const TENANT_TABLES = [
  'voting_period',
  'voting_contest',
  'ballot_receipt',
  'ballot',
  'voting_result',
  'head_deputy_decision',
];

/**
 * Voting periods and secret ballots. Who voted (ballot_receipt) and what was voted (ballot) are kept apart:
 * a ballot has a random id, no unit and no timestamp, and the two tables share no key but the period.
 */
export class Voting1763913600000 implements MigrationInterface {
  name = 'Voting1763913600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE voting_period (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        emulation_year_id uuid NOT NULL,
        round int NOT NULL CHECK (round >= 1),
        previous_period_id uuid,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED', 'TALLIED')),
        -- After the tally: the quota is filled, a next round was opened, or the head and deputy must decide.
        outcome text CHECK (outcome IN ('COMPLETE', 'NEXT_ROUND', 'AWAITING_DECISION', 'DECIDED')),
        eligible_unit_ids uuid[] NOT NULL,
        threshold_percent numeric(5, 2) NOT NULL CHECK (threshold_percent > 0 AND threshold_percent <= 100),
        threshold_mode text NOT NULL CHECK (threshold_mode IN ('MORE_THAN', 'AT_LEAST')),
        allow_self_vote boolean NOT NULL,
        max_rounds int NOT NULL CHECK (max_rounds >= 1),
        reminder_minutes int[] NOT NULL,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        opened_by uuid,
        extended_until timestamptz,
        extended_by uuid,
        closed_at timestamptz,
        closed_by uuid,
        close_reason text CHECK (close_reason IN ('DEADLINE', 'ALL_VOTED', 'BY_ADMIN')),
        tallied_at timestamptz,
        results_published_at timestamptz,
        published_by uuid,
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, emulation_year_id, round),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, previous_period_id) REFERENCES voting_period(province_id, id),
        CHECK (closes_at > opens_at)
      );
      CREATE INDEX voting_period_open ON voting_period (province_id, closes_at) WHERE status = 'OPEN';

      CREATE TABLE voting_contest (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        voting_period_id uuid NOT NULL,
        position int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('FLAG', 'MERIT', 'NEXT_HEAD', 'NEXT_DEPUTY')),
        seats int NOT NULL CHECK (seats >= 1),
        candidate_unit_ids uuid[] NOT NULL,
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, voting_period_id, position),
        FOREIGN KEY (province_id, voting_period_id) REFERENCES voting_period(province_id, id)
      );

      -- The unit voted: one row per unit and period, guaranteed by the key, not by the code.
      CREATE TABLE ballot_receipt (
        province_id uuid NOT NULL,
        voting_period_id uuid NOT NULL,
        unit_id uuid NOT NULL,
        receipt_code text NOT NULL,
        cast_at timestamptz NOT NULL DEFAULT now(),
        cast_by uuid NOT NULL,
        PRIMARY KEY (province_id, voting_period_id, unit_id),
        FOREIGN KEY (province_id, voting_period_id) REFERENCES voting_period(province_id, id),
        FOREIGN KEY (province_id, unit_id) REFERENCES unit(province_id, id)
      );

      -- What was voted: a random id, the choices, nothing else.
      CREATE TABLE ballot (
        province_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        voting_period_id uuid NOT NULL,
        choices jsonb NOT NULL,
        PRIMARY KEY (province_id, id),
        FOREIGN KEY (province_id, voting_period_id) REFERENCES voting_period(province_id, id)
      );
      CREATE INDEX ballot_period ON ballot (province_id, voting_period_id);

      CREATE TABLE voting_result (
        province_id uuid NOT NULL,
        voting_period_id uuid NOT NULL,
        contest_id uuid NOT NULL,
        result jsonb NOT NULL,
        PRIMARY KEY (province_id, voting_period_id, contest_id),
        FOREIGN KEY (province_id, voting_period_id) REFERENCES voting_period(province_id, id),
        FOREIGN KEY (province_id, contest_id) REFERENCES voting_contest(province_id, id)
      );

      -- After the last round: the head proposes (or the deputy), the other confirms the same choice.
      CREATE TABLE head_deputy_decision (
        province_id uuid NOT NULL,
        voting_period_id uuid NOT NULL,
        contest_id uuid NOT NULL,
        unit_ids uuid[] NOT NULL,
        proposed_by_unit_id uuid NOT NULL,
        proposed_by uuid NOT NULL,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by_unit_id uuid,
        confirmed_by uuid,
        confirmed_at timestamptz,
        PRIMARY KEY (province_id, voting_period_id, contest_id),
        FOREIGN KEY (province_id, voting_period_id) REFERENCES voting_period(province_id, id),
        FOREIGN KEY (province_id, contest_id) REFERENCES voting_contest(province_id, id)
      );
    `);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO ${APP_GROUP_ROLE}`);
    for (const table of TENANT_TABLES) await enableTenantRls(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${[...TENANT_TABLES].reverse().join(', ')}`);
  }
}
