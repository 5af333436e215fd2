import { inject, describe, expect, it, afterAll, beforeAll } from 'vitest';
import pg from 'pg';
import { cloneDatabase, dropDatabase, type TestDatabase } from '@thidua/testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await cloneDatabase(inject('templateDatabase'));
});
afterAll(async () => dropDatabase(db.name));

describe('migrations', () => {
  it('build the schema from nothing, with the reference provinces', async () => {
    const c = new pg.Client({ connectionString: db.ownerUrl });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM province`);
    await c.end();
    expect(rows[0].n).toBe(86);
  });
});
