import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import { noticeContent } from '../../services/worker/src/jobs/notification-content';
import {
  ok,
  createAccount,
  createLockedBlock,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
  type TestApp,
} from '@thidua/testing';

let app: TestApp;
let province: string;
let other: string;
let admin: Account;
let otherAdmin: Account;
let blocks: LockedBlock[];
let rows: { id: string; status: string; form: string; blockId: string }[];

const NAMES = [
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Khoa học và Công nghệ',
];
const QUEUE = `query($f: NominationFilterInput, $first: Int!, $after: String) {
  nominationQueue(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id status form unit { name } emulationYear { year block { name } } }
  }
}`;
type Queue = {
  nominationQueue: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      id: string;
      status: string;
      form: string;
      unit: { name: string };
      emulationYear: { year: number; block: { name: string } };
    }[];
  };
};

const as = <T>(who: Account, prov: string, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: prov });

/** Nominations of two blocks in every state the queue shows, written directly (the steps are tested elsewhere). */
async function seed(prov: string, bs: LockedBlock[]) {
  return runInTenant(app.dataSource, prov, async () => {
    const m = await currentManager();
    const out = [];
    const statuses = ['SUBMITTED', 'SUBMITTED', 'IN_APPRAISAL', 'COUNCIL_REVIEW'];
    for (const b of bs) {
      // Submitted proposals: the block's dossier is in, so its results were announced.
      await m.query(`UPDATE emulation_year SET state = 'DOSSIER_SUBMITTED' WHERE id = $1`, [b.yearId]);
      for (const [i, u] of b.units.entries()) {
        const [row]: { id: string; status: string; form: string }[] = await m.query(
          `INSERT INTO nomination (province_id, emulation_year_id, unit_id, form, status, explanation, updated_at)
           VALUES ($1, $2, $3, $4, $5, '[]', now() - make_interval(mins => $6)) RETURNING id, status, form`,
          [prov, b.yearId, u.id, i === 0 ? 'FLAG_PROVINCE' : 'MERIT_PROVINCE', statuses[i], 100 - out.length],
        );
        out.push({ ...row!, blockId: b.blockId });
      }
    }
    return out;
  });
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  [province, other] = await Promise.all([provinceId(app.dataSource, '22'), provinceId(app.dataSource, '24')]);
  [admin, otherAdmin] = await Promise.all([
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: province }),
    createAccount(app, 'PROVINCE_ADMIN', { provinceId: other }),
  ]);
  blocks = [
    await createLockedBlock(app, province, NAMES, admin),
    await createLockedBlock(app, province, NAMES, admin),
  ];
  rows = await seed(province, blocks);
  await seed(other, [await createLockedBlock(app, other, NAMES, otherAdmin, { officers: false })]);
});
afterAll(() => app?.close());

describe("the secretariat's nomination queue", () => {
  it('filters by status, form and block on the server and pages the longest waiting first', async () => {
    const submitted = rows.filter((r) => r.status === 'SUBMITTED').map((r) => r.id);
    const first = ok(
      await as<Queue>(admin, province, QUEUE, { f: { statuses: ['SUBMITTED'] }, first: 3 }),
    ).nominationQueue;
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(
      await as<Queue>(admin, province, QUEUE, {
        f: { statuses: ['SUBMITTED'] },
        first: 3,
        after: first.pageInfo.endCursor,
      }),
    ).nominationQueue;
    expect(second.pageInfo.hasNextPage).toBe(false);
    // Seeded oldest first: the queue gives them back in that order, across the two pages.
    expect([...first.nodes, ...second.nodes].map((n) => n.id)).toEqual(submitted);
    expect(first.nodes[0]!.unit.name).toContain(NAMES[0]);
    expect(first.nodes[0]!.emulationYear).toMatchObject({
      year: 2026,
      block: { name: expect.stringContaining('Khối thi đua') },
    });

    const flags = ok(
      await as<Queue>(admin, province, QUEUE, {
        f: { forms: ['FLAG_PROVINCE'], blockId: blocks[1]!.blockId, year: 2026 },
        first: 20,
      }),
    ).nominationQueue;
    expect(flags.nodes.map((n) => n.id)).toEqual(
      rows.filter((r) => r.form === 'FLAG_PROVINCE' && r.blockId === blocks[1]!.blockId).map((r) => r.id),
    );
    const none = ok(
      await as<Queue>(admin, province, QUEUE, { f: { year: 2025 }, first: 20 }),
    ).nominationQueue;
    expect(none.totalCount).toBe(0);
    // Every year here was run on the platform (history.test.ts filters years recorded from documents).
    const onPlatform = (recordedFromDocuments: boolean) =>
      as<Queue>(admin, province, QUEUE, { f: { statuses: ['SUBMITTED'], recordedFromDocuments }, first: 20 });
    expect(ok(await onPlatform(false)).nominationQueue.totalCount).toBe(4);
    expect(ok(await onPlatform(true)).nominationQueue.totalCount).toBe(0);
  });

  it("counts each state's nominations under the other filters, the province's own only", async () => {
    const COUNTS = `query($f: NominationFilterInput) { nominationQueueCounts(filter: $f) { status count } }`;
    type Counts = { nominationQueueCounts: { status: string; count: number }[] };
    const counts = async (who: Account, prov: string, f?: Record<string, unknown>) =>
      ok(await as<Counts>(who, prov, COUNTS, { f })).nominationQueueCounts.sort((a, b) =>
        a.status.localeCompare(b.status),
      );
    // Two blocks of four: two submitted, one in appraisal, one before the council, each; a state with none is left out.
    expect(await counts(admin, province)).toEqual([
      { status: 'COUNCIL_REVIEW', count: 2 },
      { status: 'IN_APPRAISAL', count: 2 },
      { status: 'SUBMITTED', count: 4 },
    ]);
    // The statuses asked for are ignored (the tabs are the statuses); the form and block are not.
    expect(
      await counts(admin, province, {
        statuses: ['DECIDED'],
        forms: ['FLAG_PROVINCE'],
        blockId: blocks[1]!.blockId,
      }),
    ).toEqual([{ status: 'SUBMITTED', count: 1 }]);
    expect(await counts(admin, province, { year: 2025 })).toEqual([]);
    // The other province counts its own four, not these eight.
    expect((await counts(otherAdmin, other)).reduce((n, c) => n + c.count, 0)).toBe(4);
    const officer = await as(blocks[0]!.officers[0]!, province, COUNTS, {});
    expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("is the secretariat's: another province's admin sees none of them, by list or by id; an officer is refused", async () => {
    const theirs = ok(await as<Queue>(otherAdmin, other, QUEUE, { first: 100 })).nominationQueue;
    expect(theirs.totalCount).toBe(4);
    expect(theirs.nodes.map((n) => n.id).filter((id) => rows.some((r) => r.id === id))).toEqual([]);
    const byId = await as(otherAdmin, other, `query($id: ID!) { nomination(id: $id) { id } }`, {
      id: rows[0]!.id,
    });
    expect(byId.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const officer = await as(blocks[0]!.officers[0]!, province, QUEUE, { first: 5 });
    expect(officer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("a unit's proposals without a decision are read by the province's members once the vote is published, not before", async () => {
    const block = blocks[0]!;
    const unit = block.units[1]!;
    // The seed wrote one proposal per unit, in the units' order.
    const mine = rows.filter((r) => r.blockId === block.blockId)[1]!;
    const PROPOSALS = `query($u: ID!) { unitProposals(unitId: $u) { id status } }`;
    const proposals = async () =>
      ok(
        await as<{ unitProposals: { id: string; status: string }[] }>(
          block.officers[2]!,
          province,
          PROPOSALS,
          { u: unit.id },
        ),
      ).unitProposals;
    // Another member unit's officer reads them: the results were announced.
    expect(await proposals()).toEqual([{ id: mine.id, status: 'SUBMITTED' }]);
    // While the vote is not published, nothing: the proposals do not exist yet for the province's members.
    const setState = (state: string) =>
      runInTenant(app.dataSource, province, async () =>
        (await currentManager()).query(`UPDATE emulation_year SET state = $2 WHERE id = $1`, [
          block.yearId,
          state,
        ]),
      );
    await setState('VOTING');
    try {
      expect(await proposals()).toEqual([]);
    } finally {
      await setState('DOSSIER_SUBMITTED');
    }
    // Another province's admin is told there is no such unit.
    const theirs = await as(otherAdmin, other, PROPOSALS, { u: unit.id });
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("a deferral's reason is the unit's and the secretariat's to read; the block's other members read the status", async () => {
    const block = blocks[0]!;
    const unit = block.units[1]!;
    const mine = rows.filter((r) => r.blockId === block.blockId)[1]!;
    const reason = 'Hoãn xét khen thưởng: đang bị thanh tra (Quyết định số 12/QĐ-TTr ngày 03/11/2026)';
    const setStatus = (status: string, why: string | null) =>
      runInTenant(app.dataSource, province, async () =>
        (await currentManager()).query(
          `UPDATE nomination SET status = $2, status_reason = $3 WHERE id = $1`,
          [mine.id, status, why],
        ),
      );
    const readBy = async (who: Account) =>
      ok(
        await as<{ unitProposals: { status: string; statusReason: string | null }[] }>(
          who,
          province,
          `query($u: ID!) { unitProposals(unitId: $u) { status statusReason } }`,
          { u: unit.id },
        ),
      ).unitProposals;
    await setStatus('DEFERRED', reason);
    try {
      expect(await readBy(block.officers[2]!)).toEqual([{ status: 'DEFERRED', statusReason: null }]);
      expect(await readBy(block.officers[1]!)).toEqual([{ status: 'DEFERRED', statusReason: reason }]);
      expect(await readBy(admin)).toEqual([{ status: 'DEFERRED', statusReason: reason }]);
      // Its notice too: the unit's officers read the reason; the head unit's, the status only.
      const notice = (await runInTenant(app.dataSource, province, () =>
        noticeContent({ provinceId: province, event: 'nomination.status_changed', subjectId: mine.id }),
      ))!;
      expect(notice.vi.body).toContain(
        'Lý do: Hoãn xét khen thưởng: đang bị thanh tra (Quyết định số 12/QĐ-TTr',
      );
      expect(notice.recipients).toEqual(
        expect.arrayContaining([block.officers[0]!.id, block.officers[1]!.id]),
      );
      expect(notice.personal?.has(block.officers[1]!.id)).toBe(false);
      const head = notice.personal?.get(block.officers[0]!.id);
      expect(head?.vi.body).toMatch(/bị hoãn xét\.$/);
      expect(head?.vi.body).not.toContain('thanh tra');
      // A return's reason (what the dossier lacks) is not the unit's record: the block reads it.
      await setStatus('RETURNED', 'Bổ sung báo cáo thành tích có xác nhận của cấp trình');
      expect(await readBy(block.officers[2]!)).toEqual([
        { status: 'RETURNED', statusReason: 'Bổ sung báo cáo thành tích có xác nhận của cấp trình' },
      ]);
    } finally {
      await setStatus('SUBMITTED', null);
    }
  });

  it('reads one decision with its items and where each stands; and a person’s history', async () => {
    const target = rows[3]!;
    await runInTenant(app.dataSource, province, async () =>
      (await currentManager()).query(`UPDATE nomination SET status = 'COUNCIL_APPROVED' WHERE id = $1`, [
        target.id,
      ]),
    );
    const issued = await as<{ issueAwardDecision: { id: string } }>(
      admin,
      province,
      `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { id } }`,
      {
        v: {
          issuerName: 'UBND tỉnh Khánh Hòa',
          decisionDate: '2027-01-20',
          signerName: 'Trần Phong',
          nominationIds: [target.id],
        },
      },
    );
    const id = ok(issued).issueAwardDecision.id;
    const ONE = `query($id: ID!) { awardDecision(id: $id) { numberText items { nominationId status prizeVnd } } }`;
    const read = ok(
      await as<{ awardDecision: { numberText: string; items: { status: string; prizeVnd: number }[] } }>(
        admin,
        province,
        ONE,
        { id },
      ),
    ).awardDecision;
    expect(read).toEqual({
      numberText: '1/QĐ-UBND',
      items: [{ nominationId: target.id, status: 'DECIDED', prizeVnd: 7_590_000 }],
    });
    ok(
      await as(
        admin,
        province,
        `mutation($id: ID!) { revokeAward(nominationId: $id, reason: "Kê khai sai thành tích") { status } }`,
        { id: target.id },
      ),
    );
    const after = ok(
      await as<{ awardDecision: { items: { status: string }[] } }>(admin, province, ONE, { id }),
    ).awardDecision;
    expect(after.items[0]!.status).toBe('REVOKED');
    const elsewhere = await as(otherAdmin, other, ONE, { id });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const person = await as<{ personAwardHistory: unknown[] }>(
      admin,
      province,
      `query($p: ID!) { personAwardHistory(personId: $p) { year } }`,
      { p: blocks[0]!.units[0]!.id },
    );
    expect(person.data?.personAwardHistory).toEqual([]);
  });
});
