import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, enableTenantRls } from './rls';

/**
 * Ballots the application role can write but never read (issue 12, point 3).
 *
 * A receipt and its ballot are written by one statement, so they share a transaction id (`xmin`); a readable
 * `ballot` table let the application's own role join ballots to receipts (by xmin, by physical order against
 * receipt times, by watching rows arrive) while a vote was open. Now:
 *
 * - The application role has no privilege at all on `ballot`, nor INSERT/DELETE on `ballot_receipt`: a ballot
 *   and its receipt are written together by `cast_ballot`, a SECURITY DEFINER function owned by the owner role.
 * - Ballots are read only through `closed_ballot_choices`, which answers for a closed period only, returns the
 *   choices (no id, no system column) in random order, and refuses while the close is not committed unless the
 *   deadline has passed: closing in a transaction, reading and rolling back (a "peek") must not let a vote go on
 *   afterwards, or two peeks around one voter's receipt would tell that voter's ballot.
 * - A trigger rewrites a period's ballots in random order under new ids the moment it leaves OPEN, whatever
 *   path closes it, and records the closing transaction in `ballot_seal` (no grant to the application).
 * - A period never goes back to OPEN, and while it is open the application role may not bring its deadline
 *   forward, nor extend it once passed; casting re-checks the deadline on the clock after taking its share lock.
 *   So once a deadline has passed no ballot can be added, and reading in the closing transaction reveals nothing
 *   that the results will not.
 *
 * RLS is forced on these tables, so it applies to the owner role inside the SECURITY DEFINER functions too (the
 * owner is not a superuser and has no BYPASSRLS); the functions also check the tenant themselves, pin their
 * search_path and qualify every name.
 */
export class BallotSecrecy1765200000000 implements MigrationInterface {
  name = 'BallotSecrecy1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      REVOKE ALL ON ballot FROM ${APP_GROUP_ROLE};
      REVOKE INSERT, DELETE ON ballot_receipt FROM ${APP_GROUP_ROLE};

      -- The transaction that took the period out of OPEN (NULL: it left OPEN before this table existed).
      CREATE TABLE ballot_seal (
        province_id uuid NOT NULL,
        voting_period_id uuid NOT NULL,
        sealed_by_xact xid8,
        sealed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (province_id, voting_period_id),
        FOREIGN KEY (province_id, voting_period_id) REFERENCES voting_period(province_id, id)
      );
    `);
    await enableTenantRls(q, 'ballot_seal');

    await q.query(`
      CREATE FUNCTION cast_ballot(p_period uuid, p_voter uuid, p_receipt_code text, p_cast_by uuid, p_choices jsonb)
      RETURNS TABLE (voting_period_id uuid, voter_id uuid, receipt_code text, cast_at timestamptz)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      DECLARE
        v_province uuid := nullif(current_setting('app.province_id', true), '')::uuid;
        v_deadline timestamptz;
      BEGIN
        IF v_province IS NULL THEN
          RAISE EXCEPTION 'cast_ballot needs a tenant context' USING ERRCODE = '42501';
        END IF;
        -- The share lock makes a concurrent close wait for this ballot; the clock is read after the lock, so a
        -- cast that waited behind a close (even one rolled back) past the deadline is refused.
        SELECT coalesce(p.extended_until, p.closes_at) INTO v_deadline
        FROM public.voting_period p
        WHERE p.province_id = v_province AND p.id = p_period AND p.status = 'OPEN'
        FOR SHARE;
        IF NOT FOUND OR clock_timestamp() >= v_deadline THEN
          RETURN;
        END IF;
        RETURN QUERY
          WITH receipt AS (
            INSERT INTO public.ballot_receipt AS r (province_id, voting_period_id, voter_id, receipt_code, cast_by)
            VALUES (v_province, p_period, p_voter, p_receipt_code, p_cast_by)
            RETURNING r.voting_period_id, r.voter_id, r.receipt_code, r.cast_at
          ), ballot AS (
            INSERT INTO public.ballot (province_id, voting_period_id, choices)
            SELECT v_province, receipt.voting_period_id, p_choices FROM receipt
          )
          SELECT receipt.voting_period_id, receipt.voter_id, receipt.receipt_code, receipt.cast_at FROM receipt;
      END
      $fn$;

      CREATE FUNCTION closed_ballot_choices(p_period uuid) RETURNS SETOF jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      DECLARE
        v_province uuid := nullif(current_setting('app.province_id', true), '')::uuid;
        v_status text;
        v_deadline timestamptz;
        v_sealed_by xid8;
      BEGIN
        IF v_province IS NULL THEN
          RAISE EXCEPTION 'closed_ballot_choices needs a tenant context' USING ERRCODE = '42501';
        END IF;
        SELECT p.status, coalesce(p.extended_until, p.closes_at) INTO v_status, v_deadline
        FROM public.voting_period p WHERE p.province_id = v_province AND p.id = p_period;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'voting period % not found', p_period USING ERRCODE = 'P0002';
        END IF;
        IF v_status = 'OPEN' THEN
          RAISE EXCEPTION 'the ballots of an open voting period cannot be read' USING ERRCODE = '42501';
        END IF;
        SELECT s.sealed_by_xact INTO v_sealed_by
        FROM public.ballot_seal s WHERE s.province_id = v_province AND s.voting_period_id = p_period;
        -- Closed by this very transaction, which could still roll back and let the vote go on.
        IF v_sealed_by IS NOT NULL AND pg_xact_status(v_sealed_by) = 'in progress' AND v_deadline > now() THEN
          RAISE EXCEPTION 'the ballots of a voting period closed before its deadline are read only once the close is committed'
            USING ERRCODE = '42501';
        END IF;
        RETURN QUERY SELECT b.choices FROM public.ballot b
          WHERE b.province_id = v_province AND b.voting_period_id = p_period ORDER BY random();
      END
      $fn$;

      -- Leaving OPEN: the ballots are rewritten in random order under new ids, and the closing transaction recorded.
      CREATE FUNCTION ballot_seal_on_close() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      BEGIN
        IF NEW.province_id IS DISTINCT FROM nullif(current_setting('app.province_id', true), '')::uuid THEN
          RAISE EXCEPTION 'a voting period is closed in its own province''s context' USING ERRCODE = '42501';
        END IF;
        WITH gone AS (
          DELETE FROM public.ballot WHERE province_id = NEW.province_id AND voting_period_id = NEW.id RETURNING choices
        )
        INSERT INTO public.ballot (province_id, voting_period_id, choices)
        SELECT NEW.province_id, NEW.id, gone.choices FROM gone ORDER BY random();
        INSERT INTO public.ballot_seal (province_id, voting_period_id, sealed_by_xact)
        VALUES (NEW.province_id, NEW.id, pg_current_xact_id());
        RETURN NULL;
      END
      $fn$;

      -- Runs as whoever updates: the owner role (operators, tests moving time) is not held to the deadline rules.
      CREATE FUNCTION voting_period_guard() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $fn$
      DECLARE
        v_old_deadline timestamptz := coalesce(OLD.extended_until, OLD.closes_at);
      BEGIN
        IF OLD.status <> 'OPEN' AND NEW.status = 'OPEN' THEN
          RAISE EXCEPTION 'a closed voting period cannot be reopened' USING ERRCODE = '55000';
        END IF;
        IF OLD.status = 'OPEN' AND NOT pg_has_role(current_user,
             (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'MEMBER') THEN
          IF NEW.closes_at IS DISTINCT FROM OLD.closes_at THEN
            RAISE EXCEPTION 'the deadline of an open voting period is moved by extending it' USING ERRCODE = '55000';
          END IF;
          IF NEW.extended_until IS DISTINCT FROM OLD.extended_until AND (
               NEW.extended_until IS NULL OR NEW.extended_until <= v_old_deadline
               OR v_old_deadline <= clock_timestamp()) THEN
            RAISE EXCEPTION 'an open voting period is extended to a later deadline, before its deadline has passed'
              USING ERRCODE = '55000';
          END IF;
        END IF;
        RETURN NEW;
      END
      $fn$;

      CREATE TRIGGER voting_period_guard BEFORE UPDATE ON voting_period
        FOR EACH ROW EXECUTE FUNCTION voting_period_guard();
      CREATE TRIGGER ballot_seal_on_close AFTER UPDATE ON voting_period
        FOR EACH ROW WHEN (OLD.status = 'OPEN' AND NEW.status <> 'OPEN') EXECUTE FUNCTION ballot_seal_on_close();

      REVOKE ALL ON FUNCTION cast_ballot(uuid, uuid, text, uuid, jsonb), closed_ballot_choices(uuid),
        ballot_seal_on_close(), voting_period_guard() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION cast_ballot(uuid, uuid, text, uuid, jsonb), closed_ballot_choices(uuid)
        TO ${APP_GROUP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER ballot_seal_on_close ON voting_period;
      DROP TRIGGER voting_period_guard ON voting_period;
      DROP FUNCTION ballot_seal_on_close(), voting_period_guard(), closed_ballot_choices(uuid),
        cast_ballot(uuid, uuid, text, uuid, jsonb);
      DROP TABLE ballot_seal;
      GRANT INSERT, DELETE ON ballot_receipt TO ${APP_GROUP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ballot TO ${APP_GROUP_ROLE};
    `);
  }
}
