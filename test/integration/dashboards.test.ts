import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import {
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createFinishedBlock,
  createLockedBlock,
  openBlockVote,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
  ok,
} from '@thidua/testing';

const NAMES = ['Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Y tế', 'Sở Giáo dục và Đào tạo'];

type Table = {
  metrics: string[];
  rows: {
    id: string;
    name: string;
    code: string | null;
    province: string;
    validFrom: string | null;
    validTo: string | null;
    year: number;
    rank: number | null;
    values: (number | null)[];
  }[];
  csv: string;
};

let app: TestApp;
let ngheAn: string;
let hcm: string;
let ngheAnAdmin: Account;
let hcmAdmin: Account;
let viewer: Account;

const as = <T>(who: Account, q: string, v?: Record<string, unknown>, prov?: string) =>
  app.gql<T>(q, v, { token: who.token, ...(prov ? { provinceId: prov } : {}) });
const sql = <T>(prov: string, query: string, params: unknown[] = []) =>
  runInTenant(app.dataSource, prov, async () => (await currentManager()).query(query, params) as Promise<T>);

/** One finished block and one whose vote is still open, then the province's closing of 2026, to the end. */
async function closeProvince(prov: string, secretariat: Account) {
  await createFinishedBlock(app, prov, NAMES, secretariat);
  const stuck = await createLockedBlock(app, prov, NAMES, secretariat);
  await openBlockVote(app, prov, stuck, [{ kind: 'FLAG', seats: 1 }]);
  ok(await as(secretariat, `mutation { startYearEndClosing(year: 2026) { state } }`, undefined, prov));
  await vi.waitFor(
    async () => {
      const [c] = await sql<{ state: string }[]>(
        prov,
        `SELECT state FROM year_end_closing WHERE year = 2026`,
      );
      expect(c?.state).toBe('DONE');
    },
    { timeout: 30_000, interval: 100 },
  );
}

beforeAll(async () => {
  // The dashboards' cache outlives every wait below: what a test sees changed, the worker's announcement emptied.
  app = await startTestApp({
    template: inject('templateDatabase'),
    worker: true,
    config: { DASHBOARD_CACHE_MS: String(10 * 60_000) },
  });
  ngheAn = await provinceId(app.dataSource, '40');
  hcm = await provinceId(app.dataSource, '79');
  ngheAnAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: ngheAn });
  hcmAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: hcm });
  viewer = await createAccount(app, 'NATIONAL_VIEWER');
  await closeProvince(ngheAn, ngheAnAdmin);
  await closeProvince(hcm, hcmAdmin);
});
afterAll(() => app?.close());

const COMPARISON = `query($m: [RollupMetric!]) { provinceComparison(year: 2026, metrics: $m) { metrics rows { id name code year values } csv } }`;

describe('dashboards, built on the closing rollups', () => {
  it('compares every province side by side, with figures that match the underlying data', async () => {
    const metrics = [
      'BLOCKS',
      'BLOCKS_CLOSED',
      'MEMBER_UNITS',
      'TURNOUT_PERCENT',
      'FLAG_PROPOSALS',
      'MERIT_PROPOSALS',
      'DOSSIERS_ON_TIME',
      'MEAN_FINAL_SCORE',
    ];
    const table = ok(
      await as<{ provinceComparison: Table }>(viewer, COMPARISON, { m: metrics }),
    ).provinceComparison;
    expect(table.rows.map((r) => r.name).sort()).toEqual(['Hồ Chí Minh', 'Nghệ An']);
    const row = table.rows.find((r) => r.id === ngheAn)!;
    // The mean final score, computed here from the frozen results themselves.
    const [{ mean }] = await sql<[{ mean: string }]>(
      ngheAn,
      `SELECT round(avg(b.mean), 2) AS mean FROM (SELECT avg(final) AS mean FROM year_result r
         JOIN emulation_year y ON y.id = r.emulation_year_id WHERE y.year = 2026 GROUP BY y.id) b`,
    );
    // Two blocks of five; one closed; 5 ballots of 10 eligible (the open vote had none); one flag, 30% of 5 = 1
    // certificate; the finished block's dossier came before 10 December.
    expect(row.values).toEqual([2, 1, 10, 50, 1, 1, 1, Number(mean)]);
    expect(table.csv.split('\r\n')[0]).toBe(
      `id,name,code,province,valid_from,valid_to,year,rank,${metrics.join(',')}`,
    );
    // Nghệ An was not merged in 2025: one province, no dates.
    expect(table.csv).toContain(`${ngheAn},Nghệ An,40,Nghệ An (40),,,2026,,2,1,10,50,1,1,1,${Number(mean)}`);
  });

  it("gives a province admin other provinces' aggregates, but never their block detail", async () => {
    const comparison = ok(await as<{ provinceComparison: Table }>(ngheAnAdmin, COMPARISON, {}, ngheAn));
    expect(comparison.provinceComparison.rows).toHaveLength(2);

    const RANKING = `query($p: ID!) { blockRanking(provinceId: $p, year: 2026) { metrics rows { id name rank } csv } }`;
    const own = ok(
      await as<{ blockRanking: Table & { metrics: string[] } }>(ngheAnAdmin, RANKING, { p: ngheAn }, ngheAn),
    ).blockRanking;
    expect(own.rows).toHaveLength(2);
    // A block's own figures only: the province's counts of blocks and its closing time are no block's.
    expect(own.metrics).toContain('MEAN_FINAL_SCORE');
    expect(own.metrics).not.toContain('BLOCKS');
    expect(own.metrics).not.toContain('CLOSING_SECONDS');
    // Neither by naming the other province, nor by acting in it.
    for (const header of [ngheAn, hcm]) {
      const res = await as<{ blockRanking: Table }>(ngheAnAdmin, RANKING, { p: hcm }, header);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data?.blockRanking ?? null).toBeNull();
    }
    const closing = await as(
      ngheAnAdmin,
      `query($p: ID!) { yearEndClosing(provinceId: $p, year: 2026) { state } }`,
      { p: hcm },
      ngheAn,
    );
    expect(closing.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The national viewer reads any province's detail, within it.
    const national = ok(await as<{ blockRanking: Table }>(viewer, RANKING, { p: hcm }, hcm)).blockRanking;
    expect(national.rows).toHaveLength(2);
  });

  it('follows province lineage: Hồ Chí Minh City with the Bình Dương it absorbed', async () => {
    const binhDuong = await provinceId(app.dataSource, '74', { former: true });
    await sql(
      binhDuong,
      `INSERT INTO province_year_rollup (province_id, year, blocks, blocks_closed, dossiers_on_time, member_units,
         eligible_votes, ballots_cast, rounds, flag_proposals, merit_proposals, council_approvals, decided_awards)
       VALUES ($1, 2024, 14, 14, 13, 126, 126, 124, 1, 15, 37, 14, 51)`,
      [binhDuong],
    );
    const TREND = `query($p: ID!, $f: Boolean!) { provinceTrend(provinceId: $p, fromYear: 2024, toYear: 2026, includeFormer: $f, metrics: [BLOCKS]) { rows { name year values } } }`;
    const withFormer = ok(await as<{ provinceTrend: Table }>(hcmAdmin, TREND, { p: hcm, f: true }, hcm));
    expect(withFormer.provinceTrend.rows).toEqual([
      { name: 'Bình Dương', year: 2024, values: [14] },
      { name: 'Hồ Chí Minh', year: 2026, values: [2] },
    ]);
    const alone = ok(await as<{ provinceTrend: Table }>(hcmAdmin, TREND, { p: hcm, f: false }, hcm));
    expect(alone.provinceTrend.rows).toEqual([{ name: 'Hồ Chí Minh', year: 2026, values: [2] }]);
  });

  it("ranks a former province's blocks for its successor's secretariat, within the former province", async () => {
    const binhDuong = await provinceId(app.dataSource, '74', { former: true });
    const [block] = await sql<{ id: string }[]>(
      binhDuong,
      `INSERT INTO block (province_id, kind, name, name_search)
       VALUES ($1, 'BLOCK', 'Khối các sở, ngành tỉnh', 'khoi cac so, nganh tinh') RETURNING id`,
      [binhDuong],
    );
    await sql(
      binhDuong,
      `INSERT INTO block_year_rollup (province_id, year, block_id, block_name, closing_status, dossier_on_time,
         member_units, eligible_votes, ballots_cast, rounds, flag_proposals, merit_proposals, council_approvals,
         decided_awards, mean_final_score)
       VALUES ($1, 2024, $2, 'Khối các sở, ngành tỉnh', 'CLOSED', true, 9, 9, 9, 1, 1, 3, 1, 4, 96.5)`,
      [binhDuong, block!.id],
    );
    const RANKING = `query($p: ID!) { blockRanking(provinceId: $p, year: 2024) { rows { name rank } } }`;
    // Read within the former province (x-province-id), as the ranking tab asks when it is chosen.
    const former = ok(await as<{ blockRanking: Table }>(hcmAdmin, RANKING, { p: binhDuong }, binhDuong));
    expect(former.blockRanking.rows).toEqual([{ name: 'Khối các sở, ngành tỉnh', rank: 1 }]);
    // Its own province ran no 2024: nothing there, and another province's secretariat reads none of it.
    const own = ok(await as<{ blockRanking: Table }>(hcmAdmin, RANKING, { p: hcm }, hcm));
    expect(own.blockRanking.rows).toEqual([]);
    const stranger = await as(ngheAnAdmin, RANKING, { p: binhDuong }, binhDuong);
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers each dashboard with the same few SQL statements, however many provinces it compares', async () => {
    // A gateway of its own on the same database, without a worker, so that only the requests' statements count;
    // without the principal cache, so that every request reads its principal (counted below).
    let seen: string[] | null = null;
    const gateway = await startTestApp({
      database: app.db,
      config: { PRINCIPAL_CACHE_MS: '0' },
      onQuery: (sql) => seen?.push(sql),
    });
    try {
      const statements = async (who: Account, query: string, prov?: string) => {
        seen = [];
        ok(await gateway.gql(query, {}, { token: who.token, ...(prov ? { provinceId: prov } : {}) }));
        const sent = seen;
        seen = null;
        return sent;
      };
      const comparison = (year: number) => `{ provinceComparison(year: ${year}) { rows { id values } } }`;
      const none = await statements(viewer, comparison(2025));
      const two = await statements(viewer, comparison(2026));
      expect(two.length).toBe(none.length);
      expect(two.filter((s) => /province_year_rollup/.test(s))).toHaveLength(1);
      const ranking = await statements(
        ngheAnAdmin,
        `{ blockRanking(provinceId: "${ngheAn}", year: 2026) { rows { id } } }`,
        ngheAn,
      );
      expect(ranking.filter((s) => /block_year_rollup/.test(s))).toHaveLength(1);
      // A platform read needs no transaction: the principal and the rollup read, nothing else.
      expect(two).toHaveLength(2);
      // Asked again, the table comes from the gateway's cache: only the principal is read (roles stay live).
      expect(await statements(viewer, comparison(2026))).toHaveLength(1);
      // Inside a province: one message opens the transaction, sets the tenant and reads the principal (prepared
      // once per connection, in a statement of its own); then the read and COMMIT.
      const sent = ranking.filter((s) => !s.startsWith('PREPARE session_principal_at_start AS '));
      expect(sent[0]).toMatch(
        /^START TRANSACTION; SELECT set_config\('app\.province_id', '[0-9a-f-]{36}', true\); EXECUTE session_principal_at_start\('[0-9a-f-]{36}', '[0-9a-f-]{36}', '[0-9a-f-]{36}'\)$/,
      );
      expect(sent).toHaveLength(3);
    } finally {
      await gateway.close();
    }
  });

  it('refuses bad arguments with clear errors', async () => {
    const res = await as(viewer, `{ provinceTrend(provinceId: "x", fromYear: 2026, toYear: 2020) { csv } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/toYear/);
  });

  it('shows a province as soon as its closing is done, though the comparison was cached before', async () => {
    const before = ok(await as<{ provinceComparison: Table }>(viewer, COMPARISON, {})).provinceComparison;
    expect(before.rows).toHaveLength(2);
    const haTinh = await provinceId(app.dataSource, '42');
    await closeProvince(haTinh, await createAccount(app, 'PROVINCE_ADMIN', { provinceId: haTinh }));
    // Well within the cache's lifetime: the worker's announcement emptied it.
    await vi.waitFor(
      async () => {
        const after = ok(await as<{ provinceComparison: Table }>(viewer, COMPARISON, {})).provinceComparison;
        expect(after.rows.map((r) => r.id)).toContain(haTinh);
      },
      { timeout: 20_000, interval: 50 },
    );
  });

  it("rewrites a closed year's figures when a decision is issued or an award revoked afterwards", async () => {
    const decided = async () => {
      const t = ok(await as<{ provinceComparison: Table }>(viewer, COMPARISON, { m: ['DECIDED_AWARDS'] }));
      return t.provinceComparison.rows.find((r) => r.id === ngheAn)!.values[0];
    };
    expect(await decided()).toBe(0);
    // The council approved one of the year's proposals (its vote is tested elsewhere).
    const [nomination] = await sql<{ id: string }[]>(
      ngheAn,
      `SELECT n.id FROM nomination n JOIN emulation_year y ON y.id = n.emulation_year_id
       WHERE y.year = 2026 ORDER BY n.id LIMIT 1`,
    );
    await sql(ngheAn, `UPDATE nomination SET status = 'COUNCIL_APPROVED' WHERE id = $1`, [nomination!.id]);
    ok(
      await as(
        ngheAnAdmin,
        `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { id } }`,
        {
          v: {
            issuerName: 'UBND tỉnh Nghệ An',
            decisionDate: '2027-01-15',
            signerName: 'Lê Hồng Vinh',
            nominationIds: [nomination!.id],
          },
        },
        ngheAn,
      ),
    );
    await vi.waitFor(async () => expect(await decided()).toBe(1), { timeout: 20_000, interval: 50 });
    ok(
      await as(
        ngheAnAdmin,
        `mutation($id: ID!) { revokeAward(nominationId: $id, reason: "Kê khai thành tích không trung thực") { status } }`,
        { id: nomination!.id },
        ngheAn,
      ),
    );
    await vi.waitFor(async () => expect(await decided()).toBe(0), { timeout: 20_000, interval: 50 });
  });
  it('ranks tied blocks alike: the same figure, the same rank', async () => {
    const ranking = async (by: string) =>
      ok(
        await as<{ blockRanking: Table }>(
          ngheAnAdmin,
          `query($p: ID!, $by: RollupMetric!) { blockRanking(provinceId: $p, year: 2026, by: $by, metrics: [$by]) { rows { id name code province rank values } csv } }`,
          { p: ngheAn, by },
          ngheAn,
        ),
      ).blockRanking;
    // Both blocks were scored alike (the same locked results): a tie on the mean final score.
    const [{ means }] = await sql<[{ means: string[] }]>(
      ngheAn,
      `SELECT array_agg(DISTINCT mean_final_score::text) AS means FROM block_year_rollup WHERE year = 2026`,
    );
    expect(means).toHaveLength(1);
    const byScore = await ranking('MEAN_FINAL_SCORE');
    expect(byScore.rows.map((r) => r.rank)).toEqual([1, 1]);
    expect(
      byScore.csv
        .split('\r\n')
        .slice(1, 3)
        .map((l) => l.split(',')[7]),
    ).toEqual(['1', '1']);
    // Every block row names its province too.
    expect(byScore.rows.map((r) => [r.code, r.province])).toEqual([
      ['40', 'Nghệ An (40)'],
      ['40', 'Nghệ An (40)'],
    ]);
    // Turnout tells them apart: every member voted in the finished vote, none yet in the open one.
    const byTurnout = await ranking('TURNOUT_PERCENT');
    expect(byTurnout.rows.map((r) => [r.rank, r.values[0]])).toEqual([
      [1, 100],
      [2, 0],
    ]);
    // A figure blocks do not have ranks nobody.
    expect((await ranking('BLOCKS')).rows.map((r) => r.rank)).toEqual([null, null]);
  });

  it('tells a former province from the current one of the same name, in every row and in the CSV', async () => {
    // Lào Cai and Yên Bái merged into the new Lào Cai on 1 July 2025: it kept the name of one and the code (15)
    // of the other. Their figures of 2024, and the new province's of 2025.
    const formerLaoCai = await provinceId(app.dataSource, '10', { former: true });
    const yenBai = await provinceId(app.dataSource, '15', { former: true });
    const laoCai = await provinceId(app.dataSource, '15');
    // A former city too: Hải Phòng absorbed Hải Dương, and the city of before is a row of its own.
    const formerHaiPhong = await provinceId(app.dataSource, '31', { former: true });
    for (const [prov, year] of [
      [formerLaoCai, 2024],
      [yenBai, 2024],
      [formerHaiPhong, 2024],
      [laoCai, 2025],
    ] as const) {
      await sql(
        prov,
        `INSERT INTO province_year_rollup (province_id, year, blocks, blocks_closed, dossiers_on_time, member_units,
           eligible_votes, ballots_cast, rounds, flag_proposals, merit_proposals, council_approvals, decided_awards)
         VALUES ($1, $2, 9, 9, 9, 81, 81, 80, 1, 9, 24, 9, 33)`,
        [prov, year],
      );
    }
    const TREND = `query($p: ID!) { provinceTrend(provinceId: $p, fromYear: 2024, toYear: 2026, metrics: [BLOCKS]) { rows { id name code province validFrom validTo year } csv } }`;
    const trend = ok(await as<{ provinceTrend: Table }>(viewer, TREND, { p: laoCai })).provinceTrend;
    expect(trend.rows).toEqual([
      {
        id: formerLaoCai,
        name: 'Lào Cai',
        code: '10',
        province: 'Lào Cai (10, –2025)',
        validFrom: null,
        validTo: '2025-06-30',
        year: 2024,
      },
      {
        id: yenBai,
        name: 'Yên Bái',
        code: '15',
        province: 'Yên Bái (15, –2025)',
        validFrom: null,
        validTo: '2025-06-30',
        year: 2024,
      },
      {
        id: laoCai,
        name: 'Lào Cai',
        code: '15',
        province: 'Lào Cai (15, 2025–)',
        validFrom: '2025-07-01',
        validTo: null,
        year: 2025,
      },
    ]);
    expect(trend.csv.split('\r\n').slice(0, 4)).toEqual([
      'id,name,code,province,valid_from,valid_to,year,rank,BLOCKS',
      `${formerLaoCai},Lào Cai,10,"Lào Cai (10, –2025)",,2025-06-30,2024,,9`,
      `${yenBai},Yên Bái,15,"Yên Bái (15, –2025)",,2025-06-30,2024,,9`,
      `${laoCai},Lào Cai,15,"Lào Cai (15, 2025–)",2025-07-01,,2025,,9`,
    ]);
    // The comparison of a year labels its rows the same way, and says a city from a province ("thành phố cũ").
    const comparison = ok(
      await as<{ provinceComparison: Table }>(
        viewer,
        `{ provinceComparison(year: 2024, metrics: [BLOCKS]) { rows { id province kind validTo } } }`,
      ),
    ).provinceComparison;
    expect(comparison.rows).toContainEqual({
      id: formerLaoCai,
      province: 'Lào Cai (10, –2025)',
      kind: 'PROVINCE',
      validTo: '2025-06-30',
    });
    expect(comparison.rows).toContainEqual({
      id: formerHaiPhong,
      province: 'Hải Phòng (31, –2025)',
      kind: 'CITY',
      validTo: '2025-06-30',
    });
  });

  it('counts proposals only from blocks whose dossier was submitted; the others are a figure of their own', async () => {
    const thanhHoa = await provinceId(app.dataSource, '38');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: thanhHoa });
    // One block submitted its dossier; another voted, and the engine proposed, but it never submitted.
    await createFinishedBlock(app, thanhHoa, NAMES, admin);
    const unsent = await createLockedBlock(app, thanhHoa, NAMES, admin);
    const vote = await openBlockVote(app, thanhHoa, unsent, [{ kind: 'FLAG', seats: 1 }]);
    await castBlockBallots(app, thanhHoa, unsent, vote, [[2]]);
    await closeBlockVote(app, thanhHoa, unsent.officers[0]!, vote.id);
    await vi.waitFor(
      async () => {
        const [n] = await sql<{ n: number }[]>(
          thanhHoa,
          `SELECT count(*)::int AS n FROM nomination WHERE emulation_year_id = $1`,
          [unsent.yearId],
        );
        expect(n!.n).toBe(2);
      },
      { timeout: 20_000, interval: 100 },
    );
    ok(await as(admin, `mutation { startYearEndClosing(year: 2026) { state } }`, undefined, thanhHoa));
    await vi.waitFor(
      async () => {
        const [c] = await sql<{ state: string }[]>(
          thanhHoa,
          `SELECT state FROM year_end_closing WHERE year = 2026`,
        );
        expect(c?.state).toBe('DONE');
      },
      { timeout: 30_000, interval: 100 },
    );
    const metrics = ['FLAG_PROPOSALS', 'MERIT_PROPOSALS', 'PROPOSALS_NOT_SUBMITTED'];
    await vi.waitFor(
      async () => {
        const t = ok(await as<{ provinceComparison: Table }>(viewer, COMPARISON, { m: metrics }));
        // The submitted block's flag and certificate; the unsent block's flag and certificate stand apart.
        expect(t.provinceComparison.rows.find((r) => r.id === thanhHoa)?.values).toEqual([1, 1, 2]);
      },
      { timeout: 20_000, interval: 50 },
    );
    const blocks = ok(
      await as<{ blockRanking: Table }>(
        admin,
        `query($p: ID!) { blockRanking(provinceId: $p, year: 2026, by: PROPOSALS_NOT_SUBMITTED, metrics: [FLAG_PROPOSALS, PROPOSALS_NOT_SUBMITTED]) { rows { id rank values } } }`,
        { p: thanhHoa },
        thanhHoa,
      ),
    ).blockRanking;
    expect(blocks.rows.map((r) => [r.rank, r.values])).toEqual([
      [1, [0, 2]],
      [2, [1, 0]],
    ]);
    expect(blocks.rows[0]!.id).toBe(unsent.blockId);
  });

  it('says next to each figure how the province figure is made from the blocks', async () => {
    const res = ok(
      await as<{ __type: { enumValues: { name: string; description: string }[] } }>(
        viewer,
        `{ __type(name: "RollupMetric") { enumValues { name description } } }`,
      ),
    );
    const described = Object.fromEntries(res.__type.enumValues.map((v) => [v.name, v.description]));
    expect(Object.keys(described)).toHaveLength(13);
    for (const d of Object.values(described)) expect(d).toMatch(/^Block: .+\. Province: .+\.$/);
    expect(described.TURNOUT_PERCENT).toMatch(/weighted by eligible votes/);
    expect(described.MEAN_FINAL_SCORE).toMatch(/unweighted mean of the block means/);
  });
});
