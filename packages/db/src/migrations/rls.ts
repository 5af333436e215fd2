import type { QueryRunner } from 'typeorm';

/** The NOLOGIN role migrations grant to; the application's login role is made a member of it by db:setup. */
export const APP_GROUP_ROLE = 'thidua_app_rw';

/**
 * Fail closed: an unset tenant reads as NULL (nullif turns the '' a used-but-reset setting returns into NULL),
 * and `province_id = NULL` admits no row. The subselect makes Postgres evaluate the setting once per statement.
 */
export const TENANT_PREDICATE = `province_id = (SELECT nullif(current_setting('app.province_id', true), '')::uuid)`;

export async function enableTenantRls(q: QueryRunner, table: string): Promise<void> {
  await q.query(`
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ${table} USING (${TENANT_PREDICATE}) WITH CHECK (${TENANT_PREDICATE});
  `);
}

/**
 * A data change under forced row-level security: `body` runs once per province with its tenant set (`p.id` names
 * it), and the setting is cleared after.
 */
export function inEveryProvince(body: string): string {
  return `
    DO $$
    DECLARE p record;
    BEGIN
      FOR p IN SELECT id FROM province LOOP
        PERFORM set_config('app.province_id', p.id::text, true);
        ${body}
      END LOOP;
      PERFORM set_config('app.province_id', '', true);
    END $$;
  `;
}
