import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import { closeBlockYear } from '@thidua/worker';
import {
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createLockedBlock,
  openBlockVote,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
  ok,
} from '@thidua/testing';

/** Khối thi đua các cơ quan Tỉnh ủy, as in the Lào Cai article (index 0 is the head, 1 the deputy). */
const NAMES = [
  'Ban Nội chính Tỉnh ủy',
  'Báo Lào Cai',
  'Trường Chính trị tỉnh',
  'Văn phòng Tỉnh ủy',
  'Ban Tổ chức Tỉnh ủy',
];

let app: TestApp;
let province: string;
let admin: Account;

const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: province });

/** Runs the block's part of the year-end as the worker does: in the province's transaction. */
const closeYear = (yearId: string, dryRun = false) =>
  runInTenant(app.dataSource, province, () => closeBlockYear({ provinceId: province, yearId, dryRun }));

const sql = <T>(query: string, params: unknown[]) =>
  runInTenant(
    app.dataSource,
    province,
    async () => (await currentManager()).query(query, params) as Promise<T>,
  );

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  province = await provinceId(app.dataSource, '15');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
});
afterAll(() => app?.close());

describe("a block's part of the year-end closing", () => {
  it('locks a finished year and opens next year with the elected head and deputy, once however often it runs', async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    const period = await openBlockVote(app, province, block, [
      { kind: 'FLAG', seats: 1 },
      { kind: 'NEXT_HEAD', seats: 1 },
      { kind: 'NEXT_DEPUTY', seats: 1 },
    ]);
    await castBlockBallots(app, province, block, period, [[3], [1], [4]]);
    await closeBlockVote(app, province, block.officers[0]!, period.id);
    await vi.waitFor(
      async () => {
        const y = ok(
          await as<{ emulationYear: { awardOutcome: unknown } }>(
            admin,
            `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardOutcome { nextHeadUnitId } } }`,
            { b: block.blockId },
          ),
        );
        expect(y.emulationYear.awardOutcome).not.toBeNull();
      },
      { timeout: 20_000, interval: 100 },
    );
    ok(
      await as(block.officers[0]!, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, {
        id: period.id,
      }),
    );
    ok(
      await as(block.officers[0]!, `mutation($y: ID!) { submitDossier(emulationYearId: $y) { status } }`, {
        y: block.yearId,
      }),
    );

    // A dry run tells what would happen and writes nothing.
    const expected = { nextHeadUnitId: block.units[1]!.id, nextDeputyUnitId: block.units[4]!.id };
    expect(await closeYear(block.yearId, true)).toEqual({
      status: 'WOULD_CLOSE',
      ...expected,
      nextYearId: null,
    });
    const yearsOf = () =>
      sql<{ year: number; state: string; head_unit_id: string; deputy_unit_id: string; theme: string }[]>(
        `SELECT year, state, head_unit_id, deputy_unit_id, theme FROM emulation_year WHERE block_id = $1 ORDER BY year`,
        [block.blockId],
      );
    expect((await yearsOf()).map((y) => `${y.year}:${y.state}`)).toEqual(['2026:DOSSIER_SUBMITTED']);

    const closed = await closeYear(block.yearId);
    expect(closed).toMatchObject({ status: 'CLOSED', ...expected });
    const [y2026, y2027] = await yearsOf();
    expect(y2026!.state).toBe('CLOSED');
    // Báo Lào Cai heads the block next year, Ban Tổ chức is deputy; the theme and the covenant carry over as a draft.
    expect(y2027).toEqual({
      year: 2027,
      state: 'DRAFT',
      head_unit_id: expected.nextHeadUnitId,
      deputy_unit_id: expected.nextDeputyUnitId,
      theme: y2026!.theme,
    });
    const covenant = (yearId: string) =>
      sql<{ text: string }[]>(
        `SELECT text FROM covenant_item WHERE emulation_year_id = $1 ORDER BY position`,
        [yearId],
      );
    const items = await covenant(block.yearId);
    expect(items.length).toBeGreaterThan(0);
    expect(await covenant(closed.status === 'CLOSED' ? closed.nextYearId! : '')).toEqual(items);

    // Again, as after a crash or a second start: the same result, no second 2027, no second notice.
    expect(await closeYear(block.yearId)).toEqual({ ...closed, status: 'ALREADY_CLOSED' });
    expect((await yearsOf()).map((y) => `${y.year}:${y.state}`)).toEqual(['2026:CLOSED', '2027:DRAFT']);
    const notices = await sql<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'notify' AND payload->>'event' = 'year.closed' AND payload->>'subjectId' = $1`,
      [block.yearId],
    );
    expect(notices[0]!.n).toBe(1);
  });

  it('reports a block whose vote is still open, and leaves its year as it is', async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    expect(await closeYear(block.yearId)).toEqual({
      status: 'CANNOT_CLOSE',
      reason: 'voting is still open and its deadline has not passed',
    });
    const [year] = await sql<{ state: string }[]>(`SELECT state FROM emulation_year WHERE id = $1`, [
      block.yearId,
    ]);
    expect(year!.state).toBe('VOTING');
  });

  it('closes and counts a vote left open past its deadline; the block then waits for its dossier', async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    // Four of five vote; the fifth never does, so only the deadline can end the vote.
    await castBlockBallots(app, province, block, period, [[2]], block.officers.slice(0, 4));
    await sql(
      `UPDATE voting_period SET opens_at = now() - interval '2 hours', closes_at = now() - interval '1 minute' WHERE id = $1`,
      [period.id],
    );

    const result = await closeYear(block.yearId);
    expect(result).toEqual({
      status: 'CANNOT_CLOSE',
      reason: expect.stringMatching(/dossier has not been submitted/),
    });
    const [p] = await sql<{ status: string; outcome: string }[]>(
      `SELECT status, outcome FROM voting_period WHERE id = $1`,
      [period.id],
    );
    expect(p).toEqual({ status: 'TALLIED', outcome: 'COMPLETE' });
  });
});
