import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
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
import { provinceId, startTestApp, type TestApp } from '@thidua/testing';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  await seedDemo(app.dataSource);
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
  await seedDemo(app.dataSource); // idempotent: `npm start` runs it on every start
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
        state: 'DOSSIER_SUBMITTED',
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
