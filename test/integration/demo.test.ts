import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  auditRepository,
  conferenceSeasonYear,
  currentManager,
  runInTenant,
  DEMO_ACCOUNTS,
  DEMO_BLOCKS,
  DEMO_CURRENT_BLOCK,
  DEMO_PASSWORD,
  seedDemo,
} from '@thidua/db';
import { vietnamToday } from '@thidua/domain';
import { ok, provinceId, startTestApp, type TestApp } from '@thidua/testing';
import { runYearEndClosing } from '@thidua/worker';

let app: TestApp;
/** As `npm start` loads it: the articles' years closed by the worker's closing code, in this process. */
const seed = () =>
  seedDemo(app.dataSource, {
    closeYear: (province, year, startedBy) => runYearEndClosing(app.dataSource, province, year, startedBy),
  });

/** What the demo wrote in its provinces, table by table (RLS: each province in its own transaction). */
const DEMO_TABLES = [
  'unit',
  'block',
  'block_membership',
  'emulation_year',
  'covenant_item',
  'covenant_signature',
  'score_sheet',
  'year_result',
  'conference',
  'voting_period',
  'ballot_receipt',
  'nomination',
  'year_award_outcome',
  'year_end_closing',
  'year_end_closing_block',
  'block_year_rollup',
  'province_year_rollup',
  'outbox',
  // What the log and the inbox pages show.
  'audit_event',
  'notification',
];
async function demoRowCounts(): Promise<Record<string, number>> {
  const provinces = [
    ...new Set(
      await Promise.all([
        ...DEMO_BLOCKS.map((b) => provinceId(app.dataSource, b.provinceCode, { former: true })),
        provinceId(app.dataSource, DEMO_CURRENT_BLOCK.provinceCode),
      ]),
    ),
  ];
  const counts: Record<string, number> = {};
  for (const province of provinces)
    for (const table of DEMO_TABLES) {
      const [row] = await runInTenant(app.dataSource, province, async () =>
        (await currentManager()).query(`SELECT count(*)::int AS n FROM ${table} WHERE province_id = $1`, [
          province,
        ]),
      );
      counts[`${province}/${table}`] = (row as { n: number }).n;
    }
  return counts;
}
let countsAfterFirstStart: Record<string, number>;

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  await seed();
  countsAfterFirstStart = await demoRowCounts();
  // An earlier demo made this officer an officer in the former Lào Cai: the next start takes that role away.
  const formerLaoCai = await provinceId(app.dataSource, '10', { former: true });
  const stale: unknown[] = await runInTenant(app.dataSource, formerLaoCai, async () =>
    (await currentManager()).query(
      `INSERT INTO role_assignment (user_id, role, province_id, unit_id)
       SELECT u.id, 'UNIT_OFFICER', n.province_id, n.id FROM app_user u, unit n
       WHERE u.email = 'vptu.laocai@thidua.vn' AND n.province_id = $1 AND n.name = 'Văn phòng Tỉnh ủy'
       RETURNING id`,
      [formerLaoCai],
    ),
  );
  expect(stale).toHaveLength(1);
  await seed(); // idempotent: `npm start` runs it on every start
});
afterAll(() => app?.close());

describe('demo data', () => {
  it('every demo account signs in', async () => {
    for (const a of DEMO_ACCOUNTS) {
      const res = await app.gql(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
        { e: a.email, p: DEMO_PASSWORD },
      );
      expect(res.errors, a.email).toBeUndefined();
    }
  });

  it('a second start duplicates nothing: every table holds the rows the first start wrote', async () => {
    const counts = await demoRowCounts();
    expect(counts).toEqual(countsAfterFirstStart);
    // And the first start wrote the closings and their rollups.
    for (const table of ['year_end_closing', 'year_end_closing_block', 'province_year_rollup'])
      expect(Object.entries(counts).filter(([k, n]) => k.endsWith(`/${table}`) && n > 0)).toHaveLength(
        new Set(DEMO_BLOCKS.map((b) => b.provinceCode)).size,
      );
  });

  it("every demo province's audit log tells its history, dated as it is, and its chain verifies", async () => {
    const provinces = [
      ...DEMO_BLOCKS.map((b) => [b.provinceName, b.provinceCode, true] as const),
      ['today’s Lào Cai', DEMO_CURRENT_BLOCK.provinceCode, false] as const,
    ];
    for (const [name, code, former] of provinces) {
      const province = await provinceId(app.dataSource, code, { former });
      const { verdict, events } = await runInTenant(app.dataSource, province, async () => ({
        verdict: await auditRepository.verify(),
        events: (await auditRepository.list({}, { first: 500, offset: 0 })).items,
      }));
      expect(verdict, name).toEqual({ valid: true, checked: events.length });
      // Dozens, not thousands; in date order along the chain, none in the future.
      expect(events.length, name).toBeGreaterThan(20);
      expect(events.length, name).toBeLessThan(200);
      const times = events.map((e) => e.occurredAt.getTime()).reverse();
      expect(times, name).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)!, name).toBeLessThanOrEqual(Date.now());
      const actions = new Set(events.map((e) => e.action));
      for (const action of ['block.create', 'year.open', 'covenant.sign', 'sheet.submit', 'voting.open'])
        expect(actions, `${name}: ${action}`).toContain(action);
      const demo = DEMO_BLOCKS.find((b) => b.provinceCode === code);
      if (former) {
        for (const action of ['voting.close', 'voting.publish', 'dossier.submit', 'year_end.start'])
          expect(actions, `${name}: ${action}`).toContain(action);
        // Signed in the article's year; the closing on 28 February of the next.
        expect(
          events
            .filter((e) => e.action === 'covenant.sign')
            .every((e) => e.occurredAt.getUTCFullYear() === demo!.year),
        ).toBe(true);
        expect(events.find((e) => e.action === 'year_end.start')!.occurredAt.toISOString()).toBe(
          `${demo!.year + 1}-02-28T01:00:00.000Z`,
        );
      } else {
        expect(actions).toContain('lineage.record');
        expect(actions).not.toContain('voting.close');
      }
    }

    // The secretariat reads today's Lào Cai's log through the API, its own account acting in it.
    const login = ok(
      await app.gql<{ login: { accessToken: string; user: { id: string } } }>(
        `mutation { login(email: "noivu.laocai@thidua.vn", password: "${DEMO_PASSWORD}") { accessToken user { id } } }`,
      ),
    );
    const opts = {
      token: login.login.accessToken,
      provinceId: await provinceId(app.dataSource, DEMO_CURRENT_BLOCK.provinceCode),
    };
    const { auditEvents, verifyAuditChain } = ok(
      await app.gql<{
        auditEvents: { nodes: { action: string; actorUserId: string | null; actorName: string | null }[] };
        verifyAuditChain: { valid: boolean };
      }>(
        `{ auditEvents(first: 100) { nodes { action actorUserId actorName } } verifyAuditChain { valid } }`,
        {},
        opts,
      ),
    );
    expect(verifyAuditChain.valid).toBe(true);
    const created = auditEvents.nodes.find((e) => e.action === 'block.create')!;
    expect(created).toMatchObject({ actorUserId: login.login.user.id, actorName: 'Nguyễn Thị Thu Hà' });
    // Each unit's own officer signed its covenant and submitted its sheets; the head unit's opened the vote. The
    // platform's operator did nothing in the province.
    const actorsOf = (action: string) =>
      new Set(auditEvents.nodes.filter((e) => e.action === action).map((e) => e.actorName));
    const officers = DEMO_ACCOUNTS.filter((a) => a.role === 'UNIT_OFFICER').map((a) => a.fullName);
    expect(officers).toHaveLength(DEMO_CURRENT_BLOCK.members.length);
    expect([...actorsOf('covenant.sign')].sort()).toEqual([...officers].sort());
    expect([...actorsOf('sheet.submit')].every((name) => officers.includes(name!))).toBe(true);
    expect([...actorsOf('voting.open')]).toEqual(['Hoàng Thị Lan']);
    expect(auditEvents.nodes.some((e) => e.actorName === 'Quản trị nền tảng')).toBe(false);
  });

  it("the officers of today's Lào Cai's block find the notice the worker sends when a vote opens, unread", async () => {
    for (const email of ['vptu.laocai@thidua.vn', 'btgdv.laocai@thidua.vn']) {
      const login = ok(
        await app.gql<{ login: { accessToken: string } }>(
          `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
          { e: email, p: DEMO_PASSWORD },
        ),
      );
      const opts = {
        token: login.login.accessToken,
        provinceId: await provinceId(app.dataSource, DEMO_CURRENT_BLOCK.provinceCode),
      };
      const { notifications, unreadNotificationCount } = ok(
        await app.gql<{
          notifications: {
            nodes: { event: string; title: string; body: string; link: string; readAt: string | null }[];
          };
          unreadNotificationCount: number;
        }>(
          `{ notifications(first: 20) { nodes { event title body link readAt } } unreadNotificationCount }`,
          {},
          opts,
        ),
      );
      expect(unreadNotificationCount, email).toBe(1);
      expect(notifications.nodes, email).toEqual([
        {
          event: 'VOTING_OPENED',
          title: 'Mở bỏ phiếu',
          body: expect.stringMatching(
            new RegExp(
              `^${DEMO_CURRENT_BLOCK.blockName} bình xét thi đua năm ${conferenceSeasonYear(vietnamToday())} \\(vòng 1, hội nghị ngày \\d\\d/\\d\\d/\\d{4}\\): đã mở bỏ phiếu, hạn chót \\d\\d:\\d\\d ngày `,
            ),
          ),
          link: expect.stringMatching(/^\/voting-periods\/[0-9a-f-]{36}$/),
          readAt: null,
        },
      ]);
    }
  });

  it.each(DEMO_BLOCKS.map((b) => [b.provinceName, b] as const))(
    '%s: the article block went through scoring and its conference vote to the proposals the article reports',
    async (_name, demo) => {
      const login = await app.gql<{ login: { accessToken: string } }>(
        `mutation { login(email: "admin@thidua.vn", password: "${DEMO_PASSWORD}") { accessToken } }`,
      );
      const opts = {
        token: login.data!.login.accessToken,
        provinceId: await provinceId(app.dataSource, demo.provinceCode, { former: true }),
      };
      const blocks = await app.gql<{ blocks: { nodes: { id: string; name: string }[] } }>(
        `{ blocks { nodes { id name } } }`,
        {},
        opts,
      );
      expect(blocks.data!.blocks.nodes.map((b) => b.name)).toEqual([demo.blockName]);
      const year = await app.gql<{
        emulationYear: {
          id: string;
          state: string;
          theme: string;
          headUnit: { name: string };
          deputyUnit: { name: string };
          covenantItems: unknown[];
          members: { unitId: string; signedAt: string; score: { rank: number } }[];
        };
      }>(
        `query($b: ID!, $y: Int!) { emulationYear(blockId: $b, year: $y) { id state theme headUnit { name } deputyUnit { name } covenantItems { text } members { unitId signedAt score { rank } } } }`,
        { b: blocks.data!.blocks.nodes[0]!.id, y: demo.year },
        opts,
      );
      const y = year.data!.emulationYear;
      expect(y).toMatchObject({
        // Closed by the province's year-end closing (below).
        state: 'CLOSED',
        theme: demo.theme,
        headUnit: { name: demo.head },
        deputyUnit: { name: demo.deputy },
      });
      expect(y.covenantItems).toHaveLength(6);
      expect(y.members).toHaveLength(demo.members.length);
      // Signed in the year itself, not on the day the demo was loaded.
      expect(y.members.every((m) => m.signedAt.startsWith(`${demo.year}-`))).toBe(true);
      expect(y.members.map((m) => m.score.rank)).toEqual(demo.members.map((_, i) => i + 1));
      const units = await app.gql<{ units: { nodes: { id: string; name: string }[] } }>(
        `{ units(first: 50) { nodes { id name } } }`,
        {},
        opts,
      );
      const nameOf = (id: string) => units.data!.units.nodes.find((u) => u.id === id)!.name;
      expect(y.members.map((m) => nameOf(m.unitId))).toEqual(demo.ranking);

      const awards = await app.gql<{
        nominations: { unitId: string; form: string }[];
        emulationYear: { awardOutcome: { nextHeadUnitId: string } };
      }>(
        `query($y: ID!, $b: ID!, $year: Int!) { nominations(emulationYearId: $y) { unitId form } emulationYear(blockId: $b, year: $year) { awardOutcome { nextHeadUnitId } } }`,
        { y: y.id, b: blocks.data!.blocks.nodes[0]!.id, year: demo.year },
        opts,
      );
      const proposed = (form: string) =>
        awards
          .data!.nominations.filter((n) => n.form === form)
          .map((n) => nameOf(n.unitId))
          .sort();
      expect(proposed('FLAG_PROVINCE')).toEqual([...demo.conference.flags].sort());
      expect(proposed('MERIT_PROVINCE')).toEqual([...demo.conference.merits].sort());
      expect(nameOf(awards.data!.emulationYear.awardOutcome.nextHeadUnitId)).toBe(demo.conference.nextHead);
    },
  );

  it.each(DEMO_BLOCKS.map((b) => [b.provinceName, b] as const))(
    "%s: the province's year-end closing closed the article's year, dated after its conferences, and opened the next",
    async (_name, demo) => {
      const login = ok(
        await app.gql<{ login: { accessToken: string } }>(
          `mutation { login(email: "admin@thidua.vn", password: "${DEMO_PASSWORD}") { accessToken } }`,
        ),
      );
      const province = await provinceId(app.dataSource, demo.provinceCode, { former: true });
      const opts = { token: login.login.accessToken, provinceId: province };
      const { yearEndClosing: closing } = ok(
        await app.gql<{
          yearEndClosing: {
            state: string;
            round: number;
            startedAt: string;
            finishedAt: string;
            blocks: { blockName: string; status: string; nextYearId: string; nextHeadUnitId: string }[];
          };
        }>(
          `query($p: ID!, $y: Int!) { yearEndClosing(provinceId: $p, year: $y) { state round startedAt finishedAt blocks { blockName status nextYearId nextHeadUnitId } } }`,
          { p: province, y: demo.year },
          opts,
        ),
      );
      expect(closing).toMatchObject({
        state: 'DONE',
        round: 1,
        // 28 February of the next year, 08:00 in Vietnam.
        startedAt: `${demo.year + 1}-02-28T01:00:00.000Z`,
        blocks: [{ blockName: demo.blockName, status: 'CLOSED' }],
      });
      expect(closing.finishedAt >= closing.startedAt).toBe(true);
      const { blocks } = ok(
        await app.gql<{ blocks: { nodes: { id: string }[] } }>(`{ blocks { nodes { id } } }`, {}, opts),
      );
      const next = ok(
        await app.gql<{ emulationYear: { id: string; state: string; headUnit: { name: string } } }>(
          `query($b: ID!, $y: Int!) { emulationYear(blockId: $b, year: $y) { id state headUnit { name } } }`,
          { b: blocks.nodes[0]!.id, y: demo.year + 1 },
          opts,
        ),
      ).emulationYear;
      // The head the conference chose leads next year's draft (R11).
      expect(next).toMatchObject({
        id: closing.blocks[0]!.nextYearId,
        state: 'DRAFT',
        headUnit: { name: demo.conference.nextHead },
      });
    },
  );

  it("the ministry's viewer opens the dashboards on the closed years and compares the articles' provinces", async () => {
    const login = ok(
      await app.gql<{ login: { accessToken: string } }>(
        `mutation { login(email: "bonoivu@thidua.vn", password: "${DEMO_PASSWORD}") { accessToken } }`,
      ),
    );
    const viewer = { token: login.login.accessToken };
    const closedYears = [...new Set(DEMO_BLOCKS.map((b) => b.year))].sort((a, b) => b - a);
    expect(
      ok(await app.gql<{ dashboardYears: number[] }>(`{ dashboardYears }`, {}, viewer)).dashboardYears,
    ).toEqual(closedYears);

    const metrics = [
      'BLOCKS',
      'BLOCKS_CLOSED',
      'MEMBER_UNITS',
      'TURNOUT_PERCENT',
      'FLAG_PROPOSALS',
      'MERIT_PROPOSALS',
    ];
    for (const year of closedYears) {
      const { provinceComparison } = ok(
        await app.gql<{
          provinceComparison: { rows: { name: string; validTo: string | null; values: (number | null)[] }[] };
        }>(
          `query($y: Int!, $m: [RollupMetric!]) { provinceComparison(year: $y, metrics: $m) { rows { name validTo values } } }`,
          { y: year, m: metrics },
          viewer,
        ),
      );
      const demos = DEMO_BLOCKS.filter((b) => b.year === year);
      expect(provinceComparison.rows.map((r) => r.name).sort()).toEqual(
        demos.map((b) => b.provinceName).sort(),
      );
      for (const demo of demos) {
        const row = provinceComparison.rows.find((r) => r.name === demo.provinceName)!;
        // The former province, which ended with the merger.
        expect(row.validTo).toBe('2025-06-30');
        // One block, closed; every member voted; the proposals the article reports.
        expect(row.values).toEqual([
          1,
          1,
          demo.members.length,
          100,
          demo.conference.flags.length,
          demo.conference.merits.length,
        ]);
      }
    }

    // Today's Lào Cai: its own year is still open, the former Lào Cai's closed year is in its trend.
    const laoCai = await provinceId(app.dataSource, DEMO_CURRENT_BLOCK.provinceCode);
    const yearsOf = async (includeFormer: boolean) =>
      ok(
        await app.gql<{ dashboardYears: number[] }>(
          `query($p: ID!, $f: Boolean!) { dashboardYears(provinceId: $p, includeFormer: $f) }`,
          { p: laoCai, f: includeFormer },
          viewer,
        ),
      ).dashboardYears;
    expect(await yearsOf(false)).toEqual([]);
    const laoCaiDemo = DEMO_BLOCKS.find(
      (b) => b.provinceCode === DEMO_CURRENT_BLOCK.predecessorProvinceCode,
    )!;
    expect(await yearsOf(true)).toEqual([laoCaiDemo.year]);
    const { provinceTrend } = ok(
      await app.gql<{
        provinceTrend: { rows: { province: string; year: number; values: (number | null)[] }[] };
      }>(
        `query($p: ID!, $to: Int!) { provinceTrend(provinceId: $p, fromYear: 2020, toYear: $to, metrics: [BLOCKS_CLOSED]) { rows { province year values } } }`,
        { p: laoCai, to: conferenceSeasonYear(vietnamToday()) },
        viewer,
      ),
    );
    expect(provinceTrend.rows).toEqual([
      { province: 'Lào Cai (10, –2025)', year: laoCaiDemo.year, values: [1] },
    ]);

    // The ministry's viewer ranks the former province's blocks, acting in it.
    const formerLaoCai = await provinceId(app.dataSource, laoCaiDemo.provinceCode, { former: true });
    const { blockRanking } = ok(
      await app.gql<{ blockRanking: { rows: { name: string; rank: number | null }[] } }>(
        `query($p: ID!, $y: Int!) { blockRanking(provinceId: $p, year: $y) { rows { name rank } } }`,
        { p: formerLaoCai, y: laoCaiDemo.year },
        { ...viewer, provinceId: formerLaoCai },
      ),
    );
    expect(blockRanking.rows).toEqual([{ name: laoCaiDemo.blockName, rank: 1 }]);
  });

  it("today's Lào Cai: the block's conference vote is open with most ballots in, and its officer can cast the unit's", async () => {
    const demo = DEMO_CURRENT_BLOCK;
    const signIn = async (email: string) => {
      const res = await app.gql<{ login: { accessToken: string; user: { provinces: { id: string }[] } } }>(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { provinces { id } } } }`,
        { e: email, p: DEMO_PASSWORD },
      );
      return {
        token: res.data!.login.accessToken,
        provinces: res.data!.login.user.provinces.map((p) => p.id),
      };
    };
    const { token, provinces } = await signIn('vptu.laocai@thidua.vn');
    expect(provinces).toEqual([await provinceId(app.dataSource, demo.provinceCode)]);
    const officer = { token, provinceId: provinces[0]! };

    const year = conferenceSeasonYear(vietnamToday());
    const blocks = await app.gql<{ blocks: { nodes: { id: string; name: string }[] } }>(
      `query($y: Int!) { blocks(filter: { year: $y }) { nodes { id name } } }`,
      { y: year },
      officer,
    );
    expect(blocks.errors).toBeUndefined();
    expect(blocks.data!.blocks.nodes.map((b) => b.name)).toEqual([demo.blockName]);
    const blockYear = await app.gql<{
      emulationYear: { id: string; state: string; headUnit: { name: string }; members: unknown[] };
    }>(
      `query($b: ID!, $y: Int!) { emulationYear(blockId: $b, year: $y) { id state headUnit { name } members { unitId } } }`,
      { b: blocks.data!.blocks.nodes[0]!.id, y: year },
      officer,
    );
    expect(blockYear.data!.emulationYear).toMatchObject({ state: 'VOTING', headUnit: { name: demo.head } });
    // Not closed with the articles' years: no closing of the year in progress.
    const closing = await app.gql<{ yearEndClosing: unknown }>(
      `query($p: ID!, $y: Int!) { yearEndClosing(provinceId: $p, year: $y) { state } }`,
      { p: officer.provinceId, y: year },
      officer,
    );
    expect(closing.errors).toBeUndefined();
    expect(closing.data!.yearEndClosing).toBeNull();
    expect(blockYear.data!.emulationYear.members).toHaveLength(demo.members.length);

    const periods = await app.gql<{
      votingPeriods: { id: string; status: string; turnout: { cast: number; eligible: number } | null }[];
    }>(
      `query($y: ID!) { votingPeriods(emulationYearId: $y) { id status turnout { cast eligible } } }`,
      { y: blockYear.data!.emulationYear.id },
      officer,
    );
    const [period] = periods.data!.votingPeriods;
    expect(period).toMatchObject({
      status: 'OPEN',
      turnout: { cast: demo.alreadyVoted.length, eligible: demo.members.length },
    });

    const contests = await app.gql<{ votingPeriod: { contests: { id: string; kind: string }[] } }>(
      `query($id: ID!) { votingPeriod(id: $id) { contests { id kind } } }`,
      { id: period!.id },
      officer,
    );
    const flag = contests.data!.votingPeriod.contests.find((c) => c.kind === 'FLAG')!;
    const units = await app.gql<{ units: { nodes: { id: string; name: string }[] } }>(
      `{ units(first: 50) { nodes { id name } } }`,
      {},
      officer,
    );
    const idOf = (name: string) => units.data!.units.nodes.find((u) => u.name === name)!.id;
    const cast = await app.gql<{ castBallot: { receiptCode: string } }>(
      `mutation($p: ID!, $c: ID!, $u: ID!) { castBallot(input: { votingPeriodId: $p, choices: [{ contestId: $c, unitIds: [$u] }] }) { receiptCode } }`,
      { p: period!.id, c: flag.id, u: idOf(demo.ranking[0]!) },
      officer,
    );
    expect(cast.errors).toBeUndefined();
    expect(cast.data!.castBallot.receiptCode).toBeTruthy();

    // The merged board continues both former boards, so their years count toward its streaks.
    const lineage = await app.gql<{ lineage: { predecessorName: string; kind: string }[] }>(
      `query($id: ID!) { lineage(subjectKind: UNIT, id: $id) { predecessorName kind } }`,
      { id: idOf('Ban Tuyên giáo và Dân vận Tỉnh ủy') },
      officer,
    );
    expect(lineage.data!.lineage.map((l) => l.predecessorName).sort()).toEqual([
      'Ban Dân vận Tỉnh ủy',
      'Ban Tuyên giáo Tỉnh ủy',
    ]);
  });
});
