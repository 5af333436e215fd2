import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createDataSource,
  currentManager,
  emulationYearRepository,
  runInTenant,
  runInTransaction,
  seedLockedYear,
  userRepository,
} from '@thidua/db';
import { cloneDatabase, createUnits, dropDatabase, type TestDatabase } from '@thidua/testing';
import { OneCollectiveGrade1796230000000 } from '../../packages/db/src/migrations/1796230000000-one-collective-grade';

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

  it("the collective grades' index: a unit found with both grades keeps the one registered first", async () => {
    const ds = await createDataSource(db.ownerUrl, { poolSize: 1 }).initialize();
    try {
      const [{ id: province }] = await ds.query(
        `SELECT id FROM province WHERE code = '15' AND valid_to IS NULL`,
      );
      const actor = await runInTransaction(ds, null, () =>
        userRepository.create({ email: 'chi.muc@thu.vn', fullName: 'Người Thử Chỉ Mục', passwordHash: 'x' }),
      );
      const [unit, other] = await createUnits(ds, province, [
        'Sở Xây dựng (thử chỉ mục)',
        'Sở Y tế (thử chỉ mục)',
      ]);
      const registered = () =>
        runInTenant(ds, province, async () =>
          (await currentManager()).query(
            `SELECT title FROM title_registration
              WHERE unit_id = $1 AND withdrawn_at IS NULL AND title LIKE 'COLL_%' ORDER BY title`,
            [unit!.id],
          ),
        );
      // A year as it stood before the index: the unit registered "xuất sắc" (the seed), then "tiên tiến" too.
      await ds.query(`DROP INDEX title_registration_one_grade`);
      const { yearId } = await runInTenant(ds, province, () =>
        seedLockedYear({
          blockName: 'Khối thử chỉ mục',
          description: null,
          year: 2024,
          theme: 'Thử',
          ranking: [unit!.id, other!.id],
          headUnitId: unit!.id,
          deputyUnitId: other!.id,
          actorId: actor.id,
        }),
      );
      // A transaction of its own: registered after the seed's (a transaction's rows share its time).
      await runInTenant(ds, province, () =>
        emulationYearRepository.register({
          emulationYearId: yearId,
          unitId: unit!.id,
          title: 'COLL_ADVANCED',
          personId: null,
          registeredBy: actor.id,
        }),
      );
      expect(await registered()).toEqual([{ title: 'COLL_ADVANCED' }, { title: 'COLL_EXCELLENT' }]);

      const runner = ds.createQueryRunner();
      await new OneCollectiveGrade1796230000000().up(runner).finally(() => runner.release());
      expect(await registered()).toEqual([{ title: 'COLL_EXCELLENT' }]);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'title_registration_one_grade'`,
      );
      expect(n).toBe(1);
    } finally {
      await ds.destroy();
    }
  });
});
