import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createAccount,
  createFinishedBlock,
  createLockedBlock,
  ok,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
} from '@thidua/testing';

const NAMES = [
  'Ban Nội chính Tỉnh ủy',
  'Báo Lào Cai',
  'Trường Chính trị tỉnh',
  'Văn phòng Tỉnh ủy',
  'Ban Tổ chức Tỉnh ủy',
];

let app: TestApp;
let province: string;
let other: string;
let admin: Account;
let otherAdmin: Account;

const DRY_RUN = `query($y: Int!) { yearEndDryRun(year: $y) {
  state startedAt blocks { blockId blockName status reason nextHeadUnitId } } }`;

interface DryRun {
  yearEndDryRun: {
    state: string;
    startedAt: string | null;
    blocks: {
      blockId: string;
      blockName: string;
      status: string;
      reason: string | null;
      nextHeadUnitId: string | null;
    }[];
  };
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  [province, other] = await Promise.all([provinceId(app.dataSource, '79'), provinceId(app.dataSource, '01')]);
  [admin, otherAdmin] = await Promise.all([
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: province }),
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: other }),
  ]);
});
afterAll(() => app?.close());

describe('the year-end dry run (a query)', () => {
  it("names each block, says which would close and why the others cannot, writes nothing, and shows no other province's blocks", async () => {
    const finished = await createFinishedBlock(app, province, NAMES, admin);
    const locked = await createLockedBlock(app, province, NAMES, admin, { officers: false });

    const run = ok(
      await app.gql<DryRun>(DRY_RUN, { y: 2026 }, { token: admin.token, provinceId: province }),
    ).yearEndDryRun;
    expect(run.state).toBe('DRY_RUN');
    expect(run.startedAt).toBeNull();
    const byId = new Map(run.blocks.map((b) => [b.blockId, b]));
    expect(byId.get(finished.blockId)).toMatchObject({
      blockName: expect.stringMatching(/^Khối thi đua /),
      status: 'WOULD_CLOSE',
      reason: null,
      nextHeadUnitId: finished.units[1]!.id,
    });
    expect(byId.get(locked.blockId)).toMatchObject({
      status: 'CANNOT_CLOSE',
      reason: 'the year is at SCORES_LOCKED; its dossier has not been submitted',
      nextHeadUnitId: null,
    });

    // Nothing was started: the province's closing of 2026 still does not exist, and the year is as it was.
    const closing = ok(
      await app.gql<{ yearEndClosing: unknown; emulationYear: { state: string } }>(
        `query($p: ID!, $b: ID!) { yearEndClosing(provinceId: $p, year: 2026) { state }
           emulationYear(blockId: $b, year: 2026) { state } }`,
        { p: province, b: finished.blockId },
        { token: admin.token, provinceId: province },
      ),
    );
    expect(closing).toEqual({ yearEndClosing: null, emulationYear: { state: 'DOSSIER_SUBMITTED' } });

    // Another province's secretariat sees only its own blocks.
    const theirs = ok(
      await app.gql<DryRun>(DRY_RUN, { y: 2026 }, { token: otherAdmin.token, provinceId: other }),
    ).yearEndDryRun.blocks.map((b) => b.blockId);
    expect(theirs).not.toContain(finished.blockId);
    expect(theirs).not.toContain(locked.blockId);
  });

  it("is the secretariat's: a council member is refused", async () => {
    const member = await createAccount(app, 'COUNCIL_MEMBER', { provinceId: province });
    const res = await app.gql(DRY_RUN, { y: 2026 }, { token: member.token, provinceId: province });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
