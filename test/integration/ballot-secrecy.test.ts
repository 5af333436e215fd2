import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runInTenant, votingRepository } from '@thidua/db';
import { tallyVoting } from '@thidua/worker';
import {
  APP_ROLE,
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createLockedBlock,
  openBlockVote,
  ownerQuery,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
  type OpenedVote,
  type TestApp,
} from '@thidua/testing';

/**
 * Issue 12, point 3: no role the services connect as can link a ballot to the unit that cast it, while the vote
 * is open or after, by a column, a system column (xmin, ctid), the physical or id order, statistics or timing.
 */
const NAMES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Xây dựng', 'Sở Y tế', 'Sở Giáo dục và Đào tạo'];

let app: TestApp;
let province: string;
let other: string;
let admin: Account;
let block: LockedBlock;
let vote: OpenedVote;

/** Each of the first four units votes for a different unit (the fourth leaves the ballot blank); one has not voted. */
const PICKS = [[1], [2], [3], []];
const choicesOf = (i: number) => [
  { contestId: vote.contests[0]!.id, unitIds: PICKS[i]!.map((j) => block.units[j]!.id) },
];

/** One attempt as the application role, in its own transaction (rolled back), in the given province. */
async function asApp(
  statements: string[],
  params: unknown[][] = [],
  tenant: string | null = province,
): Promise<{ rows: Record<string, unknown>[] } | { error: string }> {
  const c = new pg.Client({ connectionString: app.db.appUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    if (tenant) await c.query(`SELECT set_config('app.province_id', $1, true)`, [tenant]);
    let rows: Record<string, unknown>[] = [];
    for (const [i, sql] of statements.entries()) rows = (await c.query(sql, params[i] ?? [])).rows;
    return { rows };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    await c.query('ROLLBACK').catch(() => undefined);
    await c.end();
  }
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  province = await provinceId(app.dataSource, '15');
  other = await provinceId(app.dataSource, '01');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  block = await createLockedBlock(app, province, NAMES, admin);
  vote = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
  for (const [i, officer] of block.officers.slice(0, 4).entries()) {
    await castBlockBallots(app, province, block, vote, [PICKS[i]!], [officer]);
  }
});
afterAll(() => app?.close());

describe('the roles the services connect as', () => {
  it('the gateway and the worker connect as the application role, which has no privilege on ballots', async () => {
    // Both services take DATABASE_URL (packages/jobs service.ts); the test app hands them the same role.
    expect(new URL(app.config.DATABASE_URL).username).toBe(APP_ROLE);
    const [me] = await app.dataSource.query(`SELECT current_user AS role`);
    expect(me.role).toBe(APP_ROLE);
    const res = await asApp([
      `SELECT t.name, p.priv, has_table_privilege(current_user, t.name, p.priv) AS granted
       FROM unnest(array['ballot', 'ballot_seal']) t(name),
            unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES', 'TRIGGER', 'TRUNCATE']) p(priv)
       UNION ALL
       SELECT 'ballot_receipt', p.priv, has_table_privilege(current_user, 'ballot_receipt', p.priv)
       FROM unnest(array['INSERT', 'DELETE']) p(priv)`,
    ]);
    expect('rows' in res && res.rows.filter((r) => r.granted)).toEqual([]);
  });

  it('RLS is forced on ballots and the owner role cannot bypass it, so the definer functions see one province', async () => {
    const [row] = await ownerQuery<{ forced: boolean; super: boolean; bypass: boolean }>(
      app.db,
      null,
      `SELECT c.relforcerowsecurity AS forced, r.rolsuper AS super, r.rolbypassrls AS bypass
       FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = 'ballot'::regclass`,
    );
    expect(row).toEqual({ forced: true, super: false, bypass: false });
    const definers = await ownerQuery<{ name: string; config: string[] }>(
      app.db,
      null,
      `SELECT proname AS name, proconfig AS config FROM pg_proc
       WHERE proname IN ('cast_ballot', 'closed_ballot_choices', 'ballot_seal_on_close') AND prosecdef ORDER BY 1`,
    );
    expect(definers.map((d) => d.name)).toEqual([
      'ballot_seal_on_close',
      'cast_ballot',
      'closed_ballot_choices',
    ]);
    for (const d of definers) expect(d.config).toContain('search_path=pg_catalog, pg_temp');
  });
});

describe('while the vote is open, the application role', () => {
  it.each([
    ['reads ballots', `SELECT id, choices FROM ballot`],
    ['counts them', `SELECT count(*) FROM ballot`],
    [
      'joins them to receipts on the transaction id',
      `SELECT r.voter_id, b.choices FROM ballot b JOIN ballot_receipt r ON r.xmin = b.xmin`,
    ],
    ['orders them physically', `SELECT ctid, xmin, cmin, choices FROM ballot ORDER BY ctid`],
    ['orders them by id', `SELECT id, choices FROM ballot ORDER BY id`],
    [
      'inserts one of its own',
      `INSERT INTO ballot (province_id, voting_period_id, choices) SELECT province_id, id, '[]' FROM voting_period`,
    ],
    ['deletes them', `DELETE FROM ballot`],
    [
      'writes a receipt without a ballot',
      `INSERT INTO ballot_receipt (province_id, voting_period_id, voter_id, receipt_code, cast_by) SELECT province_id, id, id, 'X', id FROM voting_period`,
    ],
    ['deletes a receipt to vote again', `DELETE FROM ballot_receipt`],
    ['reads the seals', `SELECT * FROM ballot_seal`],
  ])('cannot: %s', async (_what, sql) => {
    const res = await asApp([sql]);
    expect(res).toEqual({ error: expect.stringMatching(/permission denied/) });
  });

  it('sees receipts (turnout), whose system columns match nothing it can read', async () => {
    const res = await asApp(
      [
        `SELECT voter_id, xmin::text AS xmin, ctid::text AS ctid FROM ballot_receipt WHERE voting_period_id = $1`,
      ],
      [[vote.id]],
    );
    expect('rows' in res && res.rows).toHaveLength(4);
  });

  it('finds no statistics on ballots (pg_stats hides columns it may not read)', async () => {
    await ownerQuery(app.db, null, `ANALYZE ballot`);
    const res = await asApp([
      `SELECT attname, most_common_vals::text FROM pg_stats WHERE tablename = 'ballot'`,
    ]);
    expect(res).toEqual({ rows: [] });
  });

  it('is refused the ballots by the counting function', async () => {
    const res = await asApp([`SELECT closed_ballot_choices($1)`], [[vote.id]]);
    expect(res).toEqual({ error: 'the ballots of an open voting period cannot be read' });
  });

  it.each([
    ['closing', [`UPDATE voting_period SET status = 'CLOSED' WHERE id = $1`]],
    [
      'closing in a savepoint',
      ['SAVEPOINT s', `UPDATE voting_period SET status = 'CLOSED' WHERE id = $1`, 'RELEASE s'],
    ],
  ])('cannot peek by %s in its transaction, reading and rolling back', async (_what, close) => {
    const res = await asApp(
      [...close, `SELECT closed_ballot_choices($1)`],
      [...close.map((s) => (s.includes('$1') ? [vote.id] : [])), [vote.id]],
    );
    expect(res).toEqual({ error: expect.stringMatching(/read only once the close is committed/) });
  });

  it('cannot bring the deadline forward to make the peek look due', async () => {
    for (const move of [
      `UPDATE voting_period SET closes_at = now() - interval '1 second' WHERE id = $1`,
      `UPDATE voting_period SET extended_until = now() - interval '1 second' WHERE id = $1`,
    ]) {
      const res = await asApp(
        [
          move,
          `UPDATE voting_period SET status = 'CLOSED' WHERE id = $1`,
          `SELECT closed_ballot_choices($1)`,
        ],
        [[vote.id], [vote.id], [vote.id]],
      );
      expect(res).toEqual({ error: expect.stringMatching(/deadline/) });
    }
  });

  it('cannot cast outside a tenant, nor read another province’s ballots', async () => {
    const cast = await asApp(
      [`SELECT * FROM cast_ballot($1, $2, 'X', $2, '[]')`],
      [[vote.id, block.units[4]!.id]],
      null,
    );
    expect(cast).toEqual({ error: 'cast_ballot needs a tenant context' });
    const read = await asApp([`SELECT closed_ballot_choices($1)`], [[vote.id]], other);
    expect(read).toEqual({ error: `voting period ${vote.id} not found` });
  });
});

describe('after the close', () => {
  let idsWhileOpen: string[];
  beforeAll(async () => {
    // The owner role (migrations, not a service) could read the ballots all along: the rows as they were cast.
    idsWhileOpen = (
      await ownerQuery<{ id: string }>(
        app.db,
        province,
        `SELECT id FROM ballot WHERE voting_period_id = $1`,
        [vote.id],
      )
    ).map((r) => r.id);
    expect(idsWhileOpen).toHaveLength(4);
    await closeBlockVote(app, province, admin, vote.id);
  });

  it('the ballots were rewritten under new ids, in a transaction of their own, in random order', async () => {
    const rows = await ownerQuery<{ id: string; xmin: string }>(
      app.db,
      province,
      `SELECT id, xmin::text AS xmin FROM ballot WHERE voting_period_id = $1`,
      [vote.id],
    );
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => idsWhileOpen.includes(r.id))).toEqual([]);
    const receipts = await ownerQuery<{ xmin: string }>(
      app.db,
      province,
      `SELECT xmin::text AS xmin FROM ballot_receipt WHERE voting_period_id = $1`,
      [vote.id],
    );
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
    expect(receipts.map((r) => r.xmin)).not.toContain(rows[0]!.xmin);
    const [seal] = await ownerQuery(
      app.db,
      province,
      `SELECT sealed_by_xact::text AS x FROM ballot_seal WHERE voting_period_id = $1`,
      [vote.id],
    );
    expect(seal).toBeDefined();
  });

  it('the application role reads the choices, without ids, and they count as cast', async () => {
    const res = await asApp([`SELECT closed_ballot_choices($1) AS choices`], [[vote.id]]);
    const read = 'rows' in res ? res.rows.map((r) => r.choices) : res;
    expect(read).toHaveLength(4);
    expect(read).toEqual(expect.arrayContaining(PICKS.map((_, i) => choicesOf(i))));
    expect(
      await runInTenant(app.dataSource, province, () =>
        tallyVoting({ provinceId: province, periodId: vote.id }),
      ),
    ).toMatchObject({ tallied: true });
    const [result] = await runInTenant(app.dataSource, province, () => votingRepository.results([vote.id]));
    expect(result!.result).toMatchObject({ cast: 4, blank: 1 });
    const votes = Object.fromEntries(result!.result.candidates.map((c) => [c.unitId, c.votes]));
    expect([1, 2, 3].map((j) => votes[block.units[j]!.id])).toEqual([1, 1, 1]);
    expect(votes[block.units[0]!.id] ?? 0).toBe(0);
  });

  it('a closed period is never reopened for more ballots', async () => {
    const res = await asApp([`UPDATE voting_period SET status = 'OPEN' WHERE id = $1`], [[vote.id]]);
    expect(res).toEqual({ error: 'a closed voting period cannot be reopened' });
  });
});

describe('a vote whose deadline has passed', () => {
  it('takes no more ballots nor an extension, so its closing transaction may count it at once', async () => {
    const b = await createLockedBlock(app, province, NAMES, admin);
    const v = await openBlockVote(app, province, b, [{ kind: 'FLAG', seats: 1 }]);
    await castBlockBallots(app, province, b, v, [[0]], b.officers.slice(0, 2));
    await ownerQuery(
      app.db,
      province,
      `UPDATE voting_period SET opens_at = now() - interval '1 hour', closes_at = now() - interval '1 second' WHERE id = $1`,
      [v.id],
    );
    const late = await asApp(
      [`SELECT * FROM cast_ballot($1, $2, 'LATE1-LATE1', $2, '[]')`],
      [[v.id, b.units[3]!.id]],
    );
    expect(late).toEqual({ rows: [] });
    const extend = await asApp(
      [`UPDATE voting_period SET extended_until = now() + interval '1 hour' WHERE id = $1`],
      [[v.id]],
    );
    expect(extend).toEqual({ error: expect.stringMatching(/before its deadline has passed/) });
    expect(
      await runInTenant(app.dataSource, province, () =>
        votingRepository.extend(v.id, new Date(Date.now() + 3600_000), admin.id),
      ),
    ).toBe(false);
    // The year-end closing closes an overdue vote and counts it in one transaction.
    const counted = await asApp(
      [
        `UPDATE voting_period SET status = 'CLOSED' WHERE id = $1`,
        `SELECT count(*)::int AS n FROM closed_ballot_choices($1)`,
      ],
      [[v.id], [v.id]],
    );
    expect(counted).toEqual({ rows: [{ n: 2 }] });
  });
});
