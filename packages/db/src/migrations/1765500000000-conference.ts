import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * The year-end conference as a record (domain.md §1.5): when and where it was held, who chaired it, who attended,
 * the counting committee and the minutes. Voting periods belong to it and vote online or on paper; a paper count
 * is entered by the head unit and confirmed by the deputy (or the conference's secretary) before it counts.
 * A tie's run-off (R5) and the dossier deadline (R13) follow the conference.
 */
export class Conference1765500000000 implements MigrationInterface {
  name = 'Conference1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE conference (
        province_id uuid NOT NULL REFERENCES province(id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        emulation_year_id uuid NOT NULL,
        held_on date NOT NULL,
        -- A conference may run over several days; the dossier deadline counts from its last day.
        ended_on date,
        place text NOT NULL CHECK (length(place) BETWEEN 2 AND 500),
        chair_unit_id uuid,
        chair_person text,
        secretary_name text,
        -- The secretary's account, when they confirm a paper count on the platform.
        secretary_user_id uuid REFERENCES app_user(id),
        attendance jsonb NOT NULL DEFAULT '[]',
        counting_committee jsonb NOT NULL DEFAULT '[]',
        minutes text,
        recorded_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, id),
        UNIQUE (province_id, emulation_year_id),
        FOREIGN KEY (province_id, emulation_year_id) REFERENCES emulation_year(province_id, id),
        FOREIGN KEY (province_id, chair_unit_id) REFERENCES unit(province_id, id),
        CHECK (ended_on IS NULL OR ended_on >= held_on)
      );

      ALTER TABLE voting_period
        ADD COLUMN conference_id uuid,
        ADD COLUMN method text NOT NULL DEFAULT 'ONLINE' CHECK (method IN ('ONLINE', 'PAPER')),
        ADD COLUMN runoff_candidates text NOT NULL DEFAULT 'TIED_ONLY'
          CHECK (runoff_candidates IN ('TIED_ONLY', 'ALL_REMAINING')),
        ADD FOREIGN KEY (province_id, conference_id) REFERENCES conference(province_id, id);
      ALTER TABLE voting_period DROP CONSTRAINT IF EXISTS voting_period_close_reason_check;
      ALTER TABLE voting_period ADD CONSTRAINT voting_period_close_reason_check
        CHECK (close_reason IN ('DEADLINE', 'ALL_VOTED', 'BY_ADMIN', 'PAPER_COUNT'));

      -- What the counting committee counted on paper, contest by contest; it counts once confirmed.
      CREATE TABLE paper_count (
        province_id uuid NOT NULL,
        voting_period_id uuid NOT NULL,
        contests jsonb NOT NULL,
        entered_by uuid NOT NULL,
        entered_by_unit_id uuid NOT NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        confirmed_by uuid,
        confirmed_at timestamptz,
        PRIMARY KEY (province_id, voting_period_id),
        FOREIGN KEY (province_id, voting_period_id) REFERENCES voting_period(province_id, id)
      );

      -- A deputy (or head) who answers the other's proposal with other units: shown beside it, neither confirmed.
      ALTER TABLE head_deputy_decision
        ADD COLUMN counter_unit_ids uuid[],
        ADD COLUMN counter_by_unit_id uuid,
        ADD COLUMN counter_by uuid,
        ADD COLUMN counter_at timestamptz;

      -- R2/R3 for one block and one year, set by the secretariat (audited) without changing the province's rule.
      ALTER TABLE emulation_year
        ADD COLUMN flag_quota_override int CHECK (flag_quota_override BETWEEN 0 AND 50),
        ADD COLUMN merit_quota_override int CHECK (merit_quota_override BETWEEN 0 AND 50);

      -- R13: the deadline the dossier was held to, and a late one accepted by the secretariat with its reason.
      ALTER TABLE year_award_outcome
        ADD COLUMN dossier_deadline date,
        ADD COLUMN late_accepted_at timestamptz,
        ADD COLUMN late_accepted_by uuid,
        ADD COLUMN late_reason text;
    `);
    await enableTenantRls(q, 'conference');
    await enableTenantRls(q, 'paper_count');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON conference, paper_count TO ${APP_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE year_award_outcome DROP COLUMN dossier_deadline, DROP COLUMN late_accepted_at,
        DROP COLUMN late_accepted_by, DROP COLUMN late_reason;
      ALTER TABLE emulation_year DROP COLUMN flag_quota_override, DROP COLUMN merit_quota_override;
      ALTER TABLE head_deputy_decision DROP COLUMN counter_unit_ids, DROP COLUMN counter_by_unit_id,
        DROP COLUMN counter_by, DROP COLUMN counter_at;
      DROP TABLE paper_count;
      ALTER TABLE voting_period DROP COLUMN conference_id, DROP COLUMN method, DROP COLUMN runoff_candidates;
      DROP TABLE conference;
    `);
  }
}
