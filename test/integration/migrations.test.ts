import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDataSource } from '@thidua/db';
import { cloneDatabase, dropDatabase, type TestDatabase } from '@thidua/testing';

let db: TestDatabase;
beforeAll(async () => {
  // The template was built from an empty database by db:setup's own code and every migration.
  db = await cloneDatabase(inject('templateDatabase'));
});
afterAll(() => dropDatabase(db.name));

describe('migrations', () => {
  it('build a schema the entities agree with: nothing left for TypeORM to change', async () => {
    const ds = await createDataSource(db.ownerUrl, { poolSize: 1 }).initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      // Foreign keys, checks, unique and exclusion constraints and indexes are declared in the migrations only (entities carry no relations), so TypeORM
      // would drop them; every column, type, default and primary key must agree.
      const migrationOnly =
        /^(ALTER TABLE "\w+" DROP CONSTRAINT "\w+_(fkey|check\d*|key|excl)"|DROP INDEX "public"\."\w+")$/;
      const meaningful = pending.upQueries.map((q) => q.query).filter((q) => !migrationOnly.test(q));
      expect(meaningful).toEqual([]);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
  });

  it('load the reference provinces: 63 former, 34 current, 11 untouched by the merger', async () => {
    const ds = await createDataSource(db.ownerUrl, { poolSize: 1 }).initialize();
    try {
      const [row] = await ds.query(`SELECT
        count(*) FILTER (WHERE valid_from IS NULL)::int AS former,
        count(*) FILTER (WHERE valid_to IS NULL)::int AS current,
        count(*) FILTER (WHERE valid_from IS NULL AND valid_to IS NULL)::int AS untouched,
        (SELECT count(*)::int FROM province_lineage) AS lineage
        FROM province`);
      expect(row).toEqual({ former: 63, current: 34, untouched: 11, lineage: 52 });
    } finally {
      await ds.destroy();
    }
  });
});
