import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateways keep each session's principal (session, user, roles, provinces) for a few seconds. These triggers
 * tell them, through NOTIFY on `thidua_principal` (delivered at commit), when what a principal is made of
 * changes: `session:<id>` when a session ends or is deleted, `user:<id>` when a user or their roles change, `*` when
 * provinces change (rare: every entry goes). See PrincipalCache in the gateway.
 */
export class PrincipalNotify1796146128000 implements MigrationInterface {
  name = 'PrincipalNotify1796146128000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_principal_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' OR TG_TABLE_NAME = 'province' THEN
          PERFORM pg_notify('thidua_principal', '*');
        ELSIF TG_TABLE_NAME = 'auth_session' THEN
          PERFORM pg_notify('thidua_principal', 'session:' || OLD.id);
        ELSIF TG_TABLE_NAME = 'app_user' THEN
          PERFORM pg_notify('thidua_principal', 'user:' || OLD.id);
        ELSE -- role_assignment
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('thidua_principal', 'user:' || OLD.user_id); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('thidua_principal', 'user:' || NEW.user_id); END IF;
        END IF;
        RETURN NULL;
      END $$;

      -- A new session is never in a cache: only its end matters.
      CREATE TRIGGER auth_session_principal AFTER UPDATE OR DELETE ON auth_session
        FOR EACH ROW EXECUTE FUNCTION notify_principal_change();
      CREATE TRIGGER app_user_principal AFTER UPDATE OR DELETE ON app_user
        FOR EACH ROW EXECUTE FUNCTION notify_principal_change();
      CREATE TRIGGER role_assignment_principal AFTER INSERT OR UPDATE OR DELETE ON role_assignment
        FOR EACH ROW EXECUTE FUNCTION notify_principal_change();
      CREATE TRIGGER province_principal AFTER INSERT OR UPDATE OR DELETE ON province
        FOR EACH ROW EXECUTE FUNCTION notify_principal_change();
      CREATE TRIGGER auth_session_principal_truncate AFTER TRUNCATE ON auth_session
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_change();
      CREATE TRIGGER app_user_principal_truncate AFTER TRUNCATE ON app_user
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_change();
      CREATE TRIGGER role_assignment_principal_truncate AFTER TRUNCATE ON role_assignment
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_change();
      CREATE TRIGGER province_principal_truncate AFTER TRUNCATE ON province
        FOR EACH STATEMENT EXECUTE FUNCTION notify_principal_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER auth_session_principal ON auth_session;
      DROP TRIGGER app_user_principal ON app_user;
      DROP TRIGGER role_assignment_principal ON role_assignment;
      DROP TRIGGER province_principal ON province;
      DROP TRIGGER auth_session_principal_truncate ON auth_session;
      DROP TRIGGER app_user_principal_truncate ON app_user;
      DROP TRIGGER role_assignment_principal_truncate ON role_assignment;
      DROP TRIGGER province_principal_truncate ON province;
      DROP FUNCTION notify_principal_change();
    `);
  }
}
