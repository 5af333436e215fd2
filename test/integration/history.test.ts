import { currentManager, DEMO_BLOCKS, lineageRepository, runInTenant } from '@thidua/db';
import { vietnamDate, vietnamToday } from '@thidua/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MARK_DECISIONS_RECORDED_FROM_DOCUMENTS } from '../../packages/db/src/migrations/1796172000000-award-decision-recorded-from-documents';
import { BASE_SALARIES_OF_DECISIONS } from '../../packages/db/src/migrations/1796310000000-decision-base-salary';
import { UNKNOWN_OUTCOMES_OF_DOCUMENTS_YEARS } from '../../packages/db/src/migrations/1796250000000-rollup-unknown-outcome';
import {
  createAccount,
  createUnits,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
  ok,
} from '@thidua/testing';

/**
 * History from documents (issue 11, point 8), on the blocks the demo's articles report. Ninh Thuận (58) and Bình
 * Thuận (60) ended on 30 June 2025, absorbed by Khánh Hòa (56) and Lâm Đồng (68). Their years before that are
 * theirs: the successor's secretariat (or the platform admin) records them in the former province, and the
 * successor itself cannot open them. What the articles do not say is marked as assumed where it is used.
 */
const NINH_THUAN = DEMO_BLOCKS.find((b) => b.provinceCode === '58')!;
const BINH_THUAN = DEMO_BLOCKS.find((b) => b.provinceCode === '60')!;

let app: TestApp;
let khanhHoa: string;
let ninhThuan: string;
let lamDong: string;
let binhThuan: string;
let khAdmin: Account;
let ldAdmin: Account;
let platformAdmin: Account;
let ntUnits: Map<string, string>;
let btUnits: Map<string, string>;

type Err = { message: string; extensions?: { code?: string; fields?: { field: string }[] } };
const gql = <T = Record<string, unknown>>(
  who: Account,
  province: string,
  q: string,
  v?: Record<string, unknown>,
) => app.gql<T>(q, v, { token: who.token, provinceId: province });

const RECORD = `mutation($i: RecordPastYearInput!) {
  recordPastYear(input: $i) { id year state recordedFromDocuments sourceReference block { id name } } }`;
const OPEN = `mutation($i: OpenEmulationYearInput!) { openEmulationYear(input: $i) { id } }`;
const STREAKS = `query($id: ID!, $y: Int!) {
  streaks(subjectKind: UNIT, subjectId: $id, year: $y) { target met years lastTargetYear } }`;
const TREND = `query($p: ID!, $y: Int!) { provinceTrend(provinceId: $p, fromYear: $y, toYear: $y, includeFormer: true,
  metrics: [BLOCKS, BLOCKS_CLOSED, MEMBER_UNITS, TURNOUT_PERCENT, FLAG_PROPOSALS, MERIT_PROPOSALS, DECIDED_AWARDS]) {
  rows { name year values } } }`;

async function unitsOf(province: string, names: string[]) {
  const units = await createUnits(app.dataSource, province, names);
  return new Map(units.map((u) => [u.name, u.id]));
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  khanhHoa = await provinceId(app.dataSource, '56');
  ninhThuan = await provinceId(app.dataSource, '58', { former: true });
  lamDong = await provinceId(app.dataSource, '68');
  binhThuan = await provinceId(app.dataSource, '60', { former: true });
  khAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: khanhHoa });
  ldAdmin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: lamDong });
  platformAdmin = await createAccount(app, 'PLATFORM_ADMIN');
  ntUnits = await unitsOf(
    ninhThuan,
    NINH_THUAN.members.map((m) => m.name),
  );
  btUnits = await unitsOf(
    binhThuan,
    BINH_THUAN.members.map((m) => m.name),
  );
  // What Ninh Thuận recorded while it was a province (assumed): Báo Ninh Thuận an Excellent Labour Collective in
  // 2022 and 2023, two consecutive years toward a certificate of merit.
  await runInTenant(app.dataSource, ninhThuan, () =>
    lineageRepository.recordAchievements(
      [2022, 2023].map((year) => ({
        subjectKind: 'UNIT' as const,
        subjectId: ntUnits.get('Báo Ninh Thuận')!,
        title: 'COLL_EXCELLENT' as const,
        year,
        decisionRef: `Quyết định tặng danh hiệu Tập thể lao động xuất sắc năm ${year} của UBND tỉnh Ninh Thuận`,
      })),
      khAdmin.id,
    ),
  );
}, 120_000);
afterAll(() => app?.close());

describe('history from documents', () => {
  it('A past year recorded in a former province from its minutes: streaks and trends count it; the current province cannot open that year.', async () => {
    const id = (name: string) => ntUnits.get(name)!;
    const bao = id('Báo Ninh Thuận');

    // Khánh Hòa began on 1 July 2025: 2023 belongs to the former provinces it continues.
    const khBlock = ok(
      await gql<{ createBlock: { id: string } }>(
        khAdmin,
        khanhHoa,
        `mutation { createBlock(input: { name: "Khối thi đua các cơ quan Đảng tỉnh", kind: BLOCK }) { id } }`,
      ),
    ).createBlock.id;
    const refused = await gql(khAdmin, khanhHoa, OPEN, { i: { blockId: khBlock, year: 2023 } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'year' }],
    });
    expect(refused.errors?.[0]?.message).toContain(
      'Năm 2023 thuộc các tỉnh cũ Khánh Hòa, Ninh Thuận: ghi nhận lịch sử tại tỉnh cũ',
    );
    expect(refused.errors?.[0]?.message).toContain('belongs to the former provinces Khánh Hòa, Ninh Thuận');
    // The year it began is its own.
    ok(await gql(khAdmin, khanhHoa, OPEN, { i: { blockId: khBlock, year: 2025 } }));

    // Units created in the former province ended with it.
    const listed = ok(
      await gql<{ units: { nodes: { name: string; validTo: string }[] } }>(
        khAdmin,
        ninhThuan,
        `{ units(first: 50) { nodes { name validTo } } }`,
      ),
    ).units.nodes;
    expect(listed).toHaveLength(NINH_THUAN.members.length);
    expect(new Set(listed.map((u) => u.validTo))).toEqual(new Set(['2025-06-30']));

    // Before the year is on record, Báo Ninh Thuận's two excellent years stand toward a certificate of merit.
    const before = ok(await gql<{ streaks: unknown[] }>(khAdmin, ninhThuan, STREAKS, { id: bao, y: 2024 }));
    expect(before.streaks).toEqual([
      { target: 'MERIT_PROVINCE', met: true, years: [2022, 2023], lastTargetYear: null },
    ]);

    const source =
      'Biên bản Hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 của Khối thi đua các cơ quan Đảng tỉnh, ' +
      'ngày 01/12/2023';
    const input = {
      newBlock: { name: NINH_THUAN.blockName, kind: 'BLOCK' },
      year: 2023,
      theme: NINH_THUAN.theme,
      memberUnitIds: NINH_THUAN.members.map((m) => id(m.name)),
      headUnitId: id(NINH_THUAN.head),
      deputyUnitId: id(NINH_THUAN.deputy),
      // The article gives the day, not the place (assumed).
      conference: { heldOn: NINH_THUAN.conference.date, place: 'Hội trường Tỉnh ủy Ninh Thuận' },
      contests: [
        { kind: 'FLAG', electedUnitIds: NINH_THUAN.conference.flags.map(id) },
        { kind: 'MERIT', electedUnitIds: NINH_THUAN.conference.merits.map(id) },
        { kind: 'NEXT_HEAD', electedUnitIds: [id(NINH_THUAN.conference.nextHead)] },
      ],
      sourceReference: source,
    };

    // Khánh Hòa's secretariat may write in Ninh Thuận through this one mutation only.
    const other = await gql(
      khAdmin,
      ninhThuan,
      `mutation { createBlock(input: { name: "Khối khác", kind: BLOCK }) { id } }`,
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const notHere = await gql(ldAdmin, ninhThuan, RECORD, { i: input });
    expect(notHere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const inSuccessor = await gql(khAdmin, khanhHoa, RECORD, {
      i: { ...input, newBlock: { name: 'Khối thi đua các cơ quan Đảng', kind: 'BLOCK' } },
    });
    expect((inSuccessor.errors?.[0] as Err).extensions?.fields).toEqual([
      { field: 'year', message: expect.any(String) },
    ]);

    const recorded = ok(
      await gql<{
        recordPastYear: {
          id: string;
          state: string;
          recordedFromDocuments: boolean;
          sourceReference: string;
          block: { id: string; name: string };
        };
      }>(khAdmin, ninhThuan, RECORD, { i: input }),
    ).recordPastYear;
    expect(recorded).toMatchObject({ state: 'CLOSED', recordedFromDocuments: true, sourceReference: source });

    // The same block year once only.
    const again = await gql(khAdmin, ninhThuan, RECORD, {
      i: { ...input, newBlock: undefined, blockId: recorded.block.id },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const year = ok(
      await gql<{
        emulationYear: {
          conference: { heldOn: string; place: string };
          awardOutcome: { nextHeadUnitId: string; dossierSubmittedAt: string | null };
        };
        nominations: { id: string; unitId: string; form: string; status: string }[];
      }>(
        khAdmin,
        ninhThuan,
        `query($b: ID!, $y: ID!) {
           emulationYear(blockId: $b, year: 2023) { conference { heldOn place } awardOutcome { nextHeadUnitId dossierSubmittedAt } }
           nominations(emulationYearId: $y) { id unitId form status } }`,
        { b: recorded.block.id, y: recorded.id },
      ),
    );
    expect(year.emulationYear.conference).toEqual({
      heldOn: '2023-12-01',
      place: 'Hội trường Tỉnh ủy Ninh Thuận',
    });
    expect(year.emulationYear.awardOutcome.nextHeadUnitId).toBe(id(NINH_THUAN.conference.nextHead));
    const proposals = year.nominations.map((n) => [n.form, n.unitId, n.status]).sort();
    expect(proposals).toEqual(
      [
        ['FLAG_PROVINCE', id('Văn phòng Tỉnh ủy'), 'SUBMITTED'],
        ['MERIT_PROVINCE', bao, 'SUBMITTED'],
        ['MERIT_PROVINCE', id('Ủy ban Kiểm tra Tỉnh ủy'), 'SUBMITTED'],
      ].sort(),
    );

    // The secretariat's queue tells them from the years run on the platform.
    const queue = (recordedFromDocuments: boolean) =>
      gql<{ nominationQueue: { nodes: { id: string }[] } }>(
        khAdmin,
        ninhThuan,
        `query($r: Boolean) { nominationQueue(first: 20, filter: { statuses: [SUBMITTED], recordedFromDocuments: $r }) { nodes { id } } }`,
        { r: recordedFromDocuments },
      );
    expect(
      ok(await queue(true))
        .nominationQueue.nodes.map((n) => n.id)
        .sort(),
    ).toEqual(year.nominations.map((n) => n.id).sort());
    expect(ok(await queue(false)).nominationQueue.nodes).toEqual([]);

    // Later, the province's decision on Báo Ninh Thuận's certificate (number and date assumed).
    const merit = year.nominations.find((n) => n.unitId === bao)!;
    // Dated before the conference that proposed it (1 December 2023): a date typed wrong, refused on its field.
    const early = await gql(
      khAdmin,
      ninhThuan,
      `mutation($i: RecordPastDecisionInput!) { recordPastDecision(input: $i) { numberText } }`,
      {
        i: {
          numberText: '215/QĐ-UBND',
          issuerName: 'UBND tỉnh Ninh Thuận',
          decisionDate: '2023-11-20',
          signerName: 'Trần Quốc Nam',
          nominationIds: [merit.id],
        },
      },
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'decisionDate',
          message: 'must be on or after the conference of 2023 (2023-12-01) that proposed',
        },
      ],
    });
    const decision = ok(
      await gql<{
        recordPastDecision: {
          numberText: string;
          recordedFromDocuments: boolean;
          baseSalary: { effectiveFrom: string; amountVnd: number } | null;
          items: { unitId: string; prizeVnd: number }[];
        };
      }>(
        khAdmin,
        ninhThuan,
        `mutation($i: RecordPastDecisionInput!) { recordPastDecision(input: $i) { numberText recordedFromDocuments baseSalary { effectiveFrom amountVnd } items { unitId prizeVnd } } }`,
        {
          i: {
            numberText: '215/QĐ-UBND',
            issuerName: 'UBND tỉnh Ninh Thuận',
            decisionDate: '2024-02-20',
            signerName: 'Trần Quốc Nam',
            nominationIds: [merit.id],
          },
        },
      ),
    ).recordPastDecision;
    // Certificate of merit: 3.0 × 1,800,000 (the base salary from 1 July 2023, which the decision names).
    // It says it was recorded from documents, not issued here.
    expect(decision).toEqual({
      numberText: '215/QĐ-UBND',
      recordedFromDocuments: true,
      baseSalary: { effectiveFrom: '2023-07-01', amountVnd: 1_800_000 },
      items: [{ unitId: bao, prizeVnd: 5_400_000 }],
    });
    // A decision recorded before the mark and the base salary were kept gets them from the migrations that added
    // them.
    await runInTenant(app.dataSource, ninhThuan, async () =>
      (await currentManager()).query(
        `UPDATE award_decision SET recorded_from_documents = false, base_salary_from = NULL`,
      ),
    );
    const owner = new pg.Client({ connectionString: app.db.ownerUrl });
    await owner.connect();
    await owner
      .query(MARK_DECISIONS_RECORDED_FROM_DOCUMENTS)
      .then(() => owner.query(BASE_SALARIES_OF_DECISIONS))
      .finally(() => owner.end());
    const marked = ok(
      await gql<{
        awardDecisions: {
          numberText: string;
          recordedFromDocuments: boolean;
          baseSalary: { effectiveFrom: string } | null;
        }[];
      }>(
        khAdmin,
        ninhThuan,
        `{ awardDecisions(year: 2024) { numberText recordedFromDocuments baseSalary { effectiveFrom } } }`,
      ),
    ).awardDecisions;
    expect(marked).toEqual([
      { numberText: '215/QĐ-UBND', recordedFromDocuments: true, baseSalary: { effectiveFrom: '2023-07-01' } },
    ]);

    // The streak counts the documents year: the certificate of 2023 used up the excellent years up to 2023.
    const after = ok(await gql<{ streaks: unknown[] }>(khAdmin, ninhThuan, STREAKS, { id: bao, y: 2024 }));
    expect(after.streaks).toEqual([
      { target: 'MERIT_PROVINCE', met: false, years: [], lastTargetYear: 2023 },
    ]);

    // Khánh Hòa's trend shows Ninh Thuận's 2023: one block, closed; 8 members; no turnout known; 1 flag and 2
    // merit proposals; 1 award decided.
    const trend = ok(
      await gql<{ provinceTrend: { rows: { name: string; year: number; values: (number | null)[] }[] } }>(
        khAdmin,
        khanhHoa,
        TREND,
        { p: khanhHoa, y: 2023 },
      ),
    ).provinceTrend.rows;
    expect(trend).toEqual([{ name: 'Ninh Thuận', year: 2023, values: [1, 1, 8, null, 1, 2, 1] }]);
  });

  it('refuses a conference dated after today, and more votes than member units when the counts are not given', async () => {
    const units = await unitsOf(khanhHoa, ['Sở Tư pháp 56', 'Sở Xây dựng 56']);
    const [first, second] = [...units.values()] as [string, string];
    // Tomorrow in Vietnam, in the past year's next calendar year when that is this one.
    const tomorrow = vietnamDate(new Date(Date.now() + 86_400_000));
    const year = Math.min(Number(tomorrow.slice(0, 4)), Number(vietnamToday().slice(0, 4))) - 1;
    const input = {
      newBlock: { name: 'Khối các cơ quan nội chính 56' },
      year,
      memberUnitIds: [first, second],
      conference: { heldOn: `${year}-12-20`, place: 'Sở Tư pháp tỉnh Khánh Hòa' },
      contests: [{ kind: 'FLAG', electedUnitIds: [first], votes: [{ unitId: first, votes: 2 }] }],
      sourceReference: 'Biên bản hội nghị tổng kết (giả định cho kiểm thử)',
    };
    const fieldOf = async (i: Record<string, unknown>) =>
      ((await gql(khAdmin, khanhHoa, RECORD, { i })).errors?.[0] as Err | undefined)?.extensions?.fields?.[0]
        ?.field;
    expect(await fieldOf({ ...input, conference: { ...input.conference, heldOn: tomorrow } })).toBe(
      'conference.heldOn',
    );
    // Two members, no ballot counts: three votes cannot be.
    expect(
      await fieldOf({
        ...input,
        contests: [{ kind: 'FLAG', electedUnitIds: [first], votes: [{ unitId: first, votes: 3 }] }],
      }),
    ).toBe('contests.0.votes.0.votes');
    // Two of two is recorded.
    expect(
      ok(await gql<{ recordPastYear: { state: string } }>(khAdmin, khanhHoa, RECORD, { i: input }))
        .recordPastYear.state,
    ).toBe('CLOSED');
  });

  it('records the counts when the minutes give them, by the platform admin; Lâm Đồng cannot open 2021', async () => {
    const id = (name: string) => btUnits.get(name)!;
    const block = ok(
      await gql<{ createBlock: { id: string } }>(
        ldAdmin,
        lamDong,
        `mutation { createBlock(input: { name: "Khối thi đua 6", kind: BLOCK }) { id } }`,
      ),
    ).createBlock.id;
    const refused = await gql(ldAdmin, lamDong, OPEN, { i: { blockId: block, year: 2021 } });
    expect(refused.errors?.[0]?.message).toContain(
      'Năm 2021 thuộc các tỉnh cũ Bình Thuận, Đắk Nông, Lâm Đồng: ghi nhận lịch sử tại tỉnh cũ',
    );

    const vptu = id('Văn phòng Tỉnh ủy');
    const ballots = { issued: 9, returned: 9, valid: 9, invalid: 0 };
    const input = {
      newBlock: { name: BINH_THUAN.blockName },
      year: 2021,
      memberUnitIds: BINH_THUAN.members.map((m) => id(m.name)),
      headUnitId: id(BINH_THUAN.head),
      conference: { heldOn: BINH_THUAN.conference.date, place: 'Văn phòng Tỉnh ủy Bình Thuận' },
      ballots,
      // "9/9 phiếu": every member voted for Văn phòng Tỉnh ủy.
      contests: [
        { kind: 'FLAG', electedUnitIds: [vptu], votes: [{ unitId: vptu, votes: 9 }] },
        { kind: 'NEXT_HEAD', electedUnitIds: [id(BINH_THUAN.conference.nextHead)] },
      ],
      sourceReference: BINH_THUAN.source,
    };
    const tooMany = await gql(platformAdmin, binhThuan, RECORD, {
      i: {
        ...input,
        contests: [{ kind: 'FLAG', electedUnitIds: [vptu], votes: [{ unitId: vptu, votes: 10 }] }],
      },
    });
    expect((tooMany.errors?.[0] as Err).extensions?.fields?.[0]?.field).toBe('contests.0.votes.0.votes');
    const future = await gql(platformAdmin, binhThuan, RECORD, { i: { ...input, year: 2025 } });
    expect((future.errors?.[0] as Err).message).toContain('The year 2025 belongs to the present Lâm Đồng');

    const recorded = ok(
      await gql<{ recordPastYear: { id: string; state: string; block: { id: string } } }>(
        platformAdmin,
        binhThuan,
        RECORD,
        { i: input },
      ),
    ).recordPastYear;
    expect(recorded.state).toBe('CLOSED');
    // Its members are listed (without scores: the minutes give none).
    const listed = ok(
      await gql<{ emulationYear: { members: { unitId: string; score: unknown }[] } }>(
        platformAdmin,
        binhThuan,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2021) { members { unitId score { final } } } }`,
        { b: recorded.block.id },
      ),
    ).emulationYear.members;
    expect(listed.map((m) => m.unitId).sort()).toEqual([...input.memberUnitIds].sort());
    expect(listed.every((m) => m.score === null)).toBe(true);

    const results = ok(
      await gql<{
        votingPeriods: {
          method: string;
          status: string;
          id: string;
          results: { kind: string; elected: string[]; cast: number }[];
        }[];
      }>(
        platformAdmin,
        binhThuan,
        `query($y: ID!) { votingPeriods(emulationYearId: $y) { id method status
          results { kind elected cast fromDocuments votesRecorded } } }`,
        { y: recorded.id },
      ),
    ).votingPeriods;
    expect(results).toEqual([
      {
        id: expect.any(String),
        method: 'PAPER',
        status: 'TALLIED',
        results: [
          // The flag's votes were in the minutes; the next head's were not: who was elected is all that is known.
          { kind: 'FLAG', elected: [vptu], cast: 9, fromDocuments: true, votesRecorded: true },
          {
            kind: 'NEXT_HEAD',
            elected: [id(BINH_THUAN.conference.nextHead)],
            cast: 9,
            fromDocuments: true,
            votesRecorded: false,
          },
        ],
      },
    ]);
    // The platform prints no minutes of a count it did not hold: the documents are the minutes.
    const minutes = await fetch(
      app.gateway.url.replace(/\/graphql$/, `/documents/vote-minutes/${results[0]!.id}.pdf`),
      { headers: { authorization: `Bearer ${platformAdmin.token}`, 'x-province-id': binhThuan } },
    );
    expect(minutes.status).toBe(400);
    expect(await minutes.text()).toContain('recorded from documents');
    // Nor its submission: the block sent one on paper back then.
    const submission = await fetch(
      app.gateway.url.replace(/\/graphql$/, `/documents/submission/${recorded.id}.pdf`),
      { headers: { authorization: `Bearer ${platformAdmin.token}`, 'x-province-id': binhThuan } },
    );
    expect(submission.status).toBe(400);

    const trend = ok(
      await gql<{ provinceTrend: { rows: { name: string; year: number; values: (number | null)[] }[] } }>(
        ldAdmin,
        lamDong,
        TREND,
        { p: lamDong, y: 2021 },
      ),
    ).provinceTrend.rows;
    // No decision of 2021 recorded: how many were awarded is not known (null), not none.
    expect(trend).toEqual([{ name: 'Bình Thuận', year: 2021, values: [1, 1, 9, 100, 1, 0, null] }]);
    // Rollups written before that (0) are corrected by the migration that made it so, by the year's own mark
    // (a documents year swept into a platform closing since has that closing's status).
    await runInTenant(app.dataSource, binhThuan, async () => {
      const m = await currentManager();
      await m.query(
        `UPDATE block_year_rollup SET council_approvals = 0, decided_awards = 0, closing_status = 'ALREADY_CLOSED'
          WHERE year = 2021`,
      );
      await m.query(
        `UPDATE province_year_rollup SET council_approvals = 0, decided_awards = 0 WHERE year = 2021`,
      );
    });
    const owner = new pg.Client({ connectionString: app.db.ownerUrl });
    await owner.connect();
    await owner.query(UNKNOWN_OUTCOMES_OF_DOCUMENTS_YEARS).finally(() => owner.end());
    const corrected = ok(
      await gql<{ provinceTrend: { rows: { values: (number | null)[] }[] } }>(ldAdmin, lamDong, TREND, {
        p: lamDong,
        y: 2021,
      }),
    ).provinceTrend.rows;
    expect(corrected.map((r) => r.values)).toEqual([[1, 1, 9, 100, 1, 0, null]]);
  });

  it('removes a year recorded by mistake, with its reason logged, so it can be recorded again; not once a proposal went on', async () => {
    const units = await unitsOf(khanhHoa, ['Sở Công Thương 56', 'Sở Nông nghiệp và Môi trường 56']);
    const [first, second] = [...units.values()] as [string, string];
    const year = Number(vietnamToday().slice(0, 4)) - 1;
    const input = {
      newBlock: { name: 'Khối các cơ quan kinh tế 56' },
      year,
      memberUnitIds: [first, second],
      conference: { heldOn: `${year}-12-22`, place: 'Sở Công Thương tỉnh Khánh Hòa' },
      // Typed wrong: the flag went to the other unit.
      contests: [{ kind: 'FLAG', electedUnitIds: [second] }],
      sourceReference: 'Biên bản hội nghị tổng kết (giả định cho kiểm thử)',
    };
    const record = async (i: Record<string, unknown>) =>
      ok(
        await gql<{ recordPastYear: { id: string; block: { id: string } } }>(khAdmin, khanhHoa, RECORD, {
          i,
        }),
      ).recordPastYear;
    const REMOVE = `mutation($i: RemoveRecordedYearInput!) { removeRecordedYear(input: $i) }`;
    const sql = <T>(q: string, params: unknown[]) =>
      runInTenant(
        app.dataSource,
        khanhHoa,
        async () => (await currentManager()).query(q, params) as Promise<T>,
      );
    const trace = async (blockId: string) =>
      (
        await sql<{ years: number; members: number; rollups: number; nominations: number }[]>(
          `SELECT (SELECT count(*)::int FROM emulation_year WHERE block_id = $1) AS years,
                  (SELECT count(*)::int FROM block_membership WHERE block_id = $1) AS members,
                  (SELECT count(*)::int FROM block_year_rollup WHERE block_id = $1) AS rollups,
                  (SELECT count(*)::int FROM nomination n JOIN emulation_year y ON y.id = n.emulation_year_id
                    WHERE y.block_id = $1) AS nominations`,
          [blockId],
        )
      )[0];
    // Recorded with the wrong unit elected: the year, its members, its proposal and its rollup are there.
    const wrong = await record(input);
    const block = wrong.block.id;
    expect(await trace(block)).toEqual({ years: 1, members: 2, rollups: 1, nominations: 1 });
    // One of its memberships was there before the year, for the same dates (imported, say): it is not the year's.
    await sql(
      `UPDATE block_membership SET created_at = created_at - interval '1 day' WHERE block_id = $1 AND unit_id = $2`,
      [block, first],
    );

    // Only the secretariat (or the platform admin) removes, and says why.
    const officer = await createAccount(app, 'UNIT_OFFICER', { provinceId: khanhHoa, unitId: first });
    const byOfficer = await gql(officer, khanhHoa, REMOVE, {
      i: { emulationYearId: wrong.id, reason: 'ghi nhầm năm' },
    });
    expect((byOfficer.errors?.[0] as Err).extensions?.code).toBe('FORBIDDEN');
    const noReason = await gql(khAdmin, khanhHoa, REMOVE, {
      i: { emulationYearId: wrong.id, reason: '   ' },
    });
    expect((noReason.errors?.[0] as Err).extensions?.fields?.[0]?.field).toBe('reason');

    expect(
      ok(
        await gql<{ removeRecordedYear: boolean }>(khAdmin, khanhHoa, REMOVE, {
          i: { emulationYearId: wrong.id, reason: 'Ghi nhầm đơn vị được suy tôn Cờ thi đua' },
        }),
      ).removeRecordedYear,
    ).toBe(true);
    // What the year wrote is gone; the membership that was there before it stays.
    expect(await trace(block)).toEqual({ years: 0, members: 1, rollups: 0, nominations: 0 });
    // Removed already: said, not logged twice.
    const again = await gql(khAdmin, khanhHoa, REMOVE, {
      i: { emulationYearId: wrong.id, reason: 'Ghi nhầm đơn vị được suy tôn Cờ thi đua' },
    });
    expect((again.errors?.[0] as Err).extensions?.fields?.[0]?.field).toBe('emulationYearId');
    const [logged] = await sql<{ after: { reason: string } }[]>(
      `SELECT after FROM audit_event WHERE action = 'year.remove_recorded' AND entity_id = $1`,
      [wrong.id],
    );
    expect(logged?.after.reason).toBe('Ghi nhầm đơn vị được suy tôn Cờ thi đua');

    // Recorded again as the minutes say, in the same block.
    const right = await record({
      ...input,
      newBlock: undefined,
      blockId: block,
      contests: [{ kind: 'FLAG', electedUnitIds: [first] }],
    });
    expect(await trace(block)).toEqual({ years: 1, members: 2, rollups: 1, nominations: 1 });

    // Once its proposal is appraised, the year stays: what rests on it would be lost.
    const [nomination] = await sql<{ id: string }[]>(
      `SELECT id FROM nomination WHERE emulation_year_id = $1`,
      [right.id],
    );
    ok(
      await gql(
        khAdmin,
        khanhHoa,
        `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`,
        {
          v: { id: nomination!.id, to: 'IN_APPRAISAL' },
        },
      ),
    );
    const refused = await gql(khAdmin, khanhHoa, REMOVE, {
      i: { emulationYearId: right.id, reason: 'thử xóa lại' },
    });
    expect((refused.errors?.[0] as Err).extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROPOSALS' });
    expect(await trace(block)).toEqual({ years: 1, members: 2, rollups: 1, nominations: 1 });

    // A block created with the year, left empty by its removal, goes with it: recorded again under the name the
    // minutes give (here the same), it is not refused as a name taken.
    // (A cluster: the two units are in the economic block that year.)
    const wrongBlock = { ...input, newBlock: { name: 'Cụm thi đua các sở 56', kind: 'CLUSTER' } };
    const mistaken = await record(wrongBlock);
    ok(
      await gql(khAdmin, khanhHoa, REMOVE, {
        i: { emulationYearId: mistaken.id, reason: 'Ghi nhầm khối: hai đơn vị thuộc Khối kinh tế' },
      }),
    );
    expect(await sql(`SELECT id FROM block WHERE id = $1`, [mistaken.block.id])).toEqual([]);
    // The log says so, naming the block, whose own events can no longer name it.
    const [removal] = await sql<{ after: { blockRemoved?: { id: string; name: string } } }[]>(
      `SELECT after FROM audit_event WHERE action = 'year.remove_recorded' AND entity_id = $1`,
      [mistaken.id],
    );
    expect(removal?.after.blockRemoved).toEqual({ id: mistaken.block.id, name: 'Cụm thi đua các sở 56' });
    // The first removal left its block (a membership imported before it stayed): nothing said of a block.
    expect(logged?.after).toEqual({ reason: 'Ghi nhầm đơn vị được suy tôn Cờ thi đua' });
    expect((await record(wrongBlock)).block.id).not.toBe(mistaken.block.id);
  });
});
