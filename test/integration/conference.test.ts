import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { runInTenant } from '@thidua/db';
import { closeBlockYear } from '@thidua/worker';
import {
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createLockedBlock,
  openBlockVote,
  provinceId,
  recordBlockConference,
  startTestApp,
  TEST_PASSWORD,
  type Account,
  type GraphQLResponse,
  type LockedBlock,
  type TestApp,
  ok,
} from '@thidua/testing';

/** Khối các cơ quan Đảng tỉnh, nine members; the head is index 0 and the deputy index 1. */
const NAMES = [
  'Văn phòng Tỉnh ủy',
  'Ban Tổ chức Tỉnh ủy',
  'Ủy ban Kiểm tra Tỉnh ủy',
  'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  'Ban Nội chính Tỉnh ủy',
  'Đảng ủy các cơ quan Đảng tỉnh',
  'Trường Chính trị tỉnh',
  'Báo và Phát thanh, Truyền hình tỉnh',
  'Hội Nông dân tỉnh',
];

let app: TestApp;
let province: string;
let admin: Account;

const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: province });
const waitFor = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 30_000, interval: 100 });

const PERIOD = `query($id: ID!) { votingPeriod(id: $id) {
  status outcome closeReason method conference { heldOn place countingCommittee { name role } }
  results { kind source paper { issued returned valid invalid } elected candidates { unitId votes percent } }
  paperCount { confirmedAt contests { contestId valid } } } }`;
type PeriodView = {
  votingPeriod: {
    status: string;
    outcome: string | null;
    closeReason: string | null;
    method: string;
    conference: { heldOn: string; place: string };
    results:
      { kind: string; source: string; paper: Record<string, number> | null; elected: string[] }[] | null;
    paperCount: { confirmedAt: string | null } | null;
  };
};
const view = (who: Account, id: string) => as<PeriodView>(who, PERIOD, { id });

/** The conference as held (the block of the tests below; its ninth member absent). */
const held = (block: LockedBlock) => ({
  heldOn: '2027-02-06',
  place: 'Hội trường Tỉnh ủy, số 1 đường Trần Hưng Đạo',
  chairPerson: 'Nguyễn Thị Hồng Vân',
  secretaryName: 'Trần Minh Đức',
  countingCommittee: [
    { name: 'Lê Thị Thu Hà', unitId: block.units[0]!.id, role: 'Trưởng ban' },
    { name: 'Phạm Quốc Huy', unitId: block.units[2]!.id, role: 'Thành viên' },
  ],
  attendance: block.units.map((u, i) =>
    i === 8
      ? { unitId: u.id, present: false, absenceReason: 'Đi công tác theo Quyết định số 45/QĐ-HND' }
      : { unitId: u.id, present: true, representatives: ['Đồng chí Trưởng đơn vị'] },
  ),
  minutes: 'Hội nghị tổng kết công tác thi đua, khen thưởng năm 2026 của Khối.',
});

/**
 * A request sent on a Vietnamese calendar day: the in-process gateway's clock is moved there and the person signs
 * in again at that time (a token signed today would have expired by then).
 */
async function onDay<T>(
  day: string,
  who: Account,
  q: string,
  v?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${day}T09:00:00+07:00`) });
  try {
    const login = ok(
      await app.gql<{ login: { accessToken: string } }>(
        `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
        { e: who.email, p: TEST_PASSWORD },
      ),
    );
    return await app.gql<T>(q, v, { token: login.login.accessToken, provinceId: province });
  } finally {
    vi.useRealTimers();
  }
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  province = await provinceId(app.dataSource, '08');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
});
afterAll(() => app?.close());

describe('a conference held on 6 February of the year after, voting on paper', () => {
  let block: LockedBlock;
  let period: { id: string; contests: { id: string }[] };

  it('records the conference as held; an absence needs its reason, named by field', async () => {
    block = await createLockedBlock(app, province, NAMES, admin);
    const res = await as(
      block.officers[0]!,
      `mutation($c: RecordConferenceInput!) { recordConference(input: $c) { id } }`,
      {
        c: {
          emulationYearId: block.yearId,
          heldOn: '2027-02-06',
          place: 'Hội trường Tỉnh ủy',
          attendance: [{ unitId: block.units[8]!.id, present: false }],
        },
      },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'attendance.0.absenceReason' }],
    });
    const conference = await recordBlockConference(app, province, block, held(block));
    expect(conference.heldOn).toBe('2027-02-06');
  });

  it('opens a paper round that takes no online ballot', async () => {
    period = await openBlockVote(
      app,
      province,
      block,
      [
        { kind: 'FLAG', seats: 1 },
        { kind: 'NEXT_HEAD', seats: 1 },
        { kind: 'NEXT_DEPUTY', seats: 1 },
      ],
      block.officers[0]!,
      { method: 'PAPER', closesAt: null },
    );
    const online = await as(
      block.officers[3]!,
      `mutation($v: CastBallotInput!) { castBallot(input: $v) { receiptCode } }`,
      { v: { votingPeriodId: period.id, choices: [] } },
    );
    expect(online.errors?.[0]?.extensions?.code).toBe('PRECONDITION_FAILED');
  });

  const ENTER = `mutation($v: EnterPaperCountInput!) { enterPaperCount(input: $v) { enteredAt confirmedAt } }`;
  const CONFIRM = `mutation($id: ID!) { confirmPaperCount(votingPeriodId: $id) { status closeReason } }`;
  /** 8 ballots issued to the units present, 8 collected, 7 valid: Văn phòng Tỉnh ủy leads with 7 of 9. */
  const count = (validFlag = 7) => ({
    votingPeriodId: period.id,
    contests: [
      {
        contestId: period.contests[0]!.id,
        issued: 8,
        returned: 8,
        valid: validFlag,
        invalid: 1,
        votes: [
          { unitId: block.units[0]!.id, votes: 7 },
          { unitId: block.units[3]!.id, votes: 0 },
        ],
      },
      {
        contestId: period.contests[1]!.id,
        issued: 8,
        returned: 8,
        valid: 8,
        invalid: 0,
        votes: [{ unitId: block.units[2]!.id, votes: 8 }],
      },
      {
        contestId: period.contests[2]!.id,
        issued: 8,
        returned: 8,
        valid: 8,
        invalid: 0,
        votes: [{ unitId: block.units[4]!.id, votes: 6 }],
      },
    ],
  });

  it("the head unit enters the counting committee's figures; impossible figures are refused by field", async () => {
    const bad = await as(block.officers[0]!, ENTER, { v: count(6) });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'contests.0.valid' }],
    });
    const byMember = await as(block.officers[4]!, ENTER, { v: count() });
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    ok(await as(block.officers[0]!, ENTER, { v: count() }));
    // Nothing counts until confirmed.
    expect((await view(block.officers[0]!, period.id)).data!.votingPeriod).toMatchObject({
      status: 'OPEN',
      results: null,
      paperCount: { confirmedAt: null },
    });
  });

  it("the head unit cannot choose who confirms its count: the secretary's account is the secretariat's, never one of its officers", async () => {
    const colleague = await createAccount(app, 'UNIT_OFFICER', {
      provinceId: province,
      unitId: block.units[0]!.id,
    });
    const record = (actor: Account, secretaryUserId: string | null) =>
      as<{ recordConference: { secretaryAccountName: string | null } }>(
        actor,
        `mutation($c: RecordConferenceInput!) { recordConference(input: $c) { id secretaryAccountName } }`,
        { c: { emulationYearId: block.yearId, ...held(block), secretaryUserId } },
      );
    const byHead = await record(block.officers[0]!, colleague.id);
    expect(byHead.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      fields: [{ field: 'secretaryUserId' }],
    });
    // Linked by the secretariat, a head unit officer as secretary still cannot confirm the head unit's entry.
    // Read back, the record names the linked account (the test accounts' name).
    expect(ok(await record(admin, colleague.id)).recordConference.secretaryAccountName).toBe(
      'Nguyễn Văn Thử',
    );
    const byColleague = await as(colleague, CONFIRM, { id: period.id });
    expect(byColleague.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await view(block.officers[0]!, period.id)).data!.votingPeriod.paperCount).toMatchObject({
      confirmedAt: null,
    });
    // The head unit may still correct the record when it keeps the secretariat's choice.
    ok(await record(block.officers[0]!, colleague.id));
    expect(ok(await record(admin, null)).recordConference.secretaryAccountName).toBeNull();
  });

  it('the deputy confirms; the same rules count it and the results say they come from paper', async () => {
    const byHead = await as(block.officers[0]!, CONFIRM, { id: period.id });
    expect(byHead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(ok(await as(block.officers[1]!, CONFIRM, { id: period.id }))).toMatchObject({
      confirmPaperCount: { status: 'CLOSED', closeReason: 'PAPER_COUNT' },
    });
    await waitFor(async () =>
      expect((await view(admin, period.id)).data!.votingPeriod.status).toBe('TALLIED'),
    );
    const seen = (await view(block.officers[0]!, period.id)).data!.votingPeriod;
    expect(seen).toMatchObject({ outcome: 'COMPLETE', method: 'PAPER' });
    expect(seen.results![0]).toMatchObject({
      kind: 'FLAG',
      source: 'PAPER',
      paper: { issued: 8, returned: 8, valid: 7, invalid: 1 },
      elected: [block.units[0]!.id],
    });
    // 6 of 9 for the deputy is more than half of ALL members; 8 of 9 for the head.
    expect(seen.results!.map((r) => r.elected[0])).toEqual([
      block.units[0]!.id,
      block.units[2]!.id,
      block.units[4]!.id,
    ]);
  });

  it('published, the minutes carry the conference date; the dossier 10 days later is on time', async () => {
    ok(
      await as(block.officers[0]!, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, {
        id: period.id,
      }),
    );
    const minutes = (await view(block.officers[6]!, period.id)).data!.votingPeriod;
    expect(minutes.conference).toMatchObject({
      heldOn: '2027-02-06',
      place: expect.stringMatching(/^Hội trường Tỉnh ủy/),
    });
    expect(minutes.results![0]!.source).toBe('PAPER');
    await waitFor(async () => {
      const y = await as<{ emulationYear: { awardOutcome: unknown } }>(
        block.officers[0]!,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardOutcome { computedAt } } }`,
        { b: block.blockId },
      );
      expect(y.data!.emulationYear.awardOutcome).not.toBeNull();
    });

    const SUBMIT = `mutation($y: ID!) { submitDossier(emulationYearId: $y) { form status } }`;
    // R13 by default: 15 days after the conference, so 21 February 2027 is the last day; the head unit is told
    // so before it sends (the year's dossierDeadline).
    const due = await as<{ emulationYear: { dossierDeadline: string } }>(
      block.officers[0]!,
      `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { dossierDeadline } }`,
      { b: block.blockId },
    );
    expect(due.data!.emulationYear.dossierDeadline).toBe('2027-02-21');
    const late = await onDay('2027-02-22', block.officers[0]!, SUBMIT, { y: block.yearId });
    expect(late.errors?.[0]?.extensions).toMatchObject({
      code: 'DEADLINE_PASSED',
      deadline: '2027-02-21',
      remedy: 'acceptLateDossier',
    });
    expect(late.errors?.[0]?.message).toMatch(/15 days after the block's conference, held on 2027-02-06/);
    const submitted = await onDay<{ submitDossier: { form: string; status: string }[] }>(
      '2027-02-16',
      block.officers[0]!,
      SUBMIT,
      { y: block.yearId },
    );
    expect(ok(submitted).submitDossier).toContainEqual({ form: 'FLAG_PROVINCE', status: 'SUBMITTED' });
    const outcome = await as<{ emulationYear: { state: string; awardOutcome: { dossierDeadline: string } } }>(
      admin,
      `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { state awardOutcome { dossierDeadline } } }`,
      { b: block.blockId },
    );
    expect(outcome.data!.emulationYear).toMatchObject({
      state: 'DOSSIER_SUBMITTED',
      awardOutcome: { dossierDeadline: '2027-02-21' },
    });
  });

  it('closes in the year-end closing, with next year headed as the conference elected', async () => {
    const closed = await runInTenant(app.dataSource, province, () =>
      closeBlockYear({ provinceId: province, yearId: block.yearId, dryRun: false }),
    );
    expect(closed).toMatchObject({
      status: 'CLOSED',
      nextHeadUnitId: block.units[2]!.id,
      nextDeputyUnitId: block.units[4]!.id,
    });
  });
});

describe('R13 and the secretariat', () => {
  it('a late dossier is accepted by the secretariat with a reason, audited, and then submits', async () => {
    const block = await createLockedBlock(app, province, NAMES.slice(0, 5), admin);
    await recordBlockConference(app, province, block, { heldOn: '2027-01-10' });
    const vote = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    await castBlockBallots(app, province, block, vote, [[0]]);
    await closeBlockVote(app, province, block.officers[0]!, vote.id);
    await waitFor(async () => {
      const y = await as<{ emulationYear: { awardOutcome: unknown } }>(
        block.officers[0]!,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardOutcome { computedAt } } }`,
        { b: block.blockId },
      );
      expect(y.data!.emulationYear.awardOutcome).not.toBeNull();
    });
    ok(
      await as(block.officers[0]!, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, {
        id: vote.id,
      }),
    );
    const SUBMIT = `mutation($y: ID!) { submitDossier(emulationYearId: $y) { status } }`;
    const ACCEPT = `mutation($y: ID!, $r: String!) { acceptLateDossier(emulationYearId: $y, reason: $r) { lateAcceptedAt lateReason } }`;
    const late = await onDay('2027-02-01', block.officers[0]!, SUBMIT, { y: block.yearId });
    expect(late.errors?.[0]?.extensions?.code).toBe('DEADLINE_PASSED');
    expect(
      (await as(block.officers[0]!, ACCEPT, { y: block.yearId, r: 'Khối xin nộp muộn' })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    const accepted = ok(
      await as<{ acceptLateDossier: { lateReason: string } }>(admin, ACCEPT, {
        y: block.yearId,
        r: 'Trưởng khối đi công tác, Sở Nội vụ đồng ý nhận hồ sơ muộn',
      }),
    );
    expect(accepted.acceptLateDossier.lateReason).toMatch(/đồng ý nhận hồ sơ muộn/);
    ok(await onDay('2027-02-01', block.officers[0]!, SUBMIT, { y: block.yearId }));
    const audit = await as<{ auditEvents: { nodes: { action: string; after: { reason: string } }[] } }>(
      admin,
      `{ auditEvents(first: 50) { nodes { action after } } }`,
    );
    expect(
      audit.data?.auditEvents.nodes.find((e) => e.action === 'dossier.accept_late')?.after.reason,
    ).toMatch(/Sở Nội vụ đồng ý/);
  });

  it('once voting opened, only the secretariat re-dates the conference: the head unit cannot move its own deadline', async () => {
    const block = await createLockedBlock(app, province, NAMES.slice(0, 4), admin);
    await recordBlockConference(app, province, block, { heldOn: '2026-12-20' });
    // Before the vote, a postponed conference is re-dated by the head unit.
    await recordBlockConference(app, province, block, { heldOn: '2026-12-22' });
    await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const RECORD = `mutation($c: RecordConferenceInput!) { recordConference(input: $c) { heldOn place } }`;
    const conference = (heldOn: string, place: string) => ({
      c: {
        emulationYearId: block.yearId,
        heldOn,
        place,
        attendance: block.units.map((u) => ({
          unitId: u.id,
          present: true,
          representatives: ['Đại diện đơn vị'],
        })),
      },
    });
    const moved = await as(
      block.officers[0]!,
      RECORD,
      conference('2027-01-20', 'Hội trường Văn phòng Tỉnh ủy'),
    );
    expect(moved.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      fields: [{ field: 'heldOn', message: expect.stringMatching(/R13/) }],
    });
    // The rest of the record is still the head unit's to correct.
    const corrected = ok(
      await as<{ recordConference: { heldOn: string; place: string } }>(
        block.officers[0]!,
        RECORD,
        conference('2026-12-22', 'Hội trường tầng 3, Văn phòng Tỉnh ủy'),
      ),
    );
    expect(corrected.recordConference).toEqual({
      heldOn: '2026-12-22',
      place: 'Hội trường tầng 3, Văn phòng Tỉnh ủy',
    });
    const bySecretariat = ok(
      await as<{ recordConference: { heldOn: string } }>(
        admin,
        RECORD,
        conference('2026-12-23', 'Hội trường tầng 3, Văn phòng Tỉnh ủy'),
      ),
    );
    expect(bySecretariat.recordConference.heldOn).toBe('2026-12-23');

    // The log names the conference and the vote by their block's year, not by an id.
    const { block: named } = ok(
      await as<{ block: { name: string } }>(admin, `query($id: ID!) { block(id: $id) { name } }`, {
        id: block.blockId,
      }),
    );
    // A round is named with its number (a run-off told from the first); a conference links to its year's page.
    for (const [entityType, name] of [
      ['Conference', `${named.name} – 2026`],
      ['VotingPeriod', `${named.name} – 2026 – vòng 1`],
    ] as const) {
      const events = ok(
        await as<{
          auditEvents: {
            nodes: { entityName: string | null; blockYear: { blockId: string; year: number } | null }[];
          };
        }>(
          admin,
          `query($t: String!) { auditEvents(first: 100, filter: { entityType: $t }) { nodes { entityName blockYear { blockId year } } } }`,
          { t: entityType },
        ),
      ).auditEvents.nodes;
      expect(events.map((e) => e.entityName)).toContain(name);
      expect(events.map((e) => e.blockYear)).toContainEqual(
        entityType === 'Conference' ? { blockId: block.blockId, year: 2026 } : null,
      );
    }
    // Read in English, the round's word is English too.
    const english = ok(
      await as<{ auditEvents: { nodes: { entityName: string | null }[] } }>(
        admin,
        `{ auditEvents(first: 100, filter: { entityType: "VotingPeriod" }) { nodes { entityName(locale: en) } } }`,
      ),
    ).auditEvents.nodes;
    expect(english.map((e) => e.entityName)).toContain(`${named.name} – 2026 – round 1`);
  });

  it('a fixed deadline before the conference ends is refused with a message', async () => {
    const block = await createLockedBlock(app, province, NAMES.slice(0, 3), admin);
    ok(
      await as(
        admin,
        `mutation { setAwardRuleSet(effectiveYear: 2026, input: { dossierDeadline: { kind: FIXED_DAY, month: 12, day: 10, yearOffset: 0 } }) { effectiveYear } }`,
      ),
    );
    try {
      const res = await app.gql(
        `mutation($c: RecordConferenceInput!) { recordConference(input: $c) { id } }`,
        { c: { emulationYearId: block.yearId, heldOn: '2027-01-15', place: 'Hội trường Sở Nội vụ' } },
        { token: block.officers[0]!.token, provinceId: province },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'heldOn' }],
      });
      expect(res.errors?.[0]?.message).toMatch(/10\/12\/2026.*hold it by 2026-12-10/);
    } finally {
      ok(
        await as(
          admin,
          `mutation { setAwardRuleSet(effectiveYear: 2026, input: { dossierDeadline: { kind: DAYS_AFTER_CONFERENCE, days: 15 } }) { effectiveYear } }`,
        ),
      );
    }
  });
});

describe('the deputy unit runs the year with the head (domain.md §4)', () => {
  it('records the conference, opens and closes the vote and sends the dossier; the head, who chairs the count, announces it', async () => {
    const block = await createLockedBlock(app, province, NAMES.slice(0, 5), admin);
    const [head, deputy] = [block.officers[0]!, block.officers[1]!];
    await recordBlockConference(app, province, block, {}, deputy);
    const vote = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }], deputy);
    await castBlockBallots(app, province, block, vote, [[2]]);
    await closeBlockVote(app, province, deputy, vote.id);
    await waitFor(async () => {
      const p = ok(await view(head, vote.id));
      expect(p.votingPeriod.status).toBe('TALLIED');
    });
    // The deputy does not see the count before it is announced, so it cannot announce it.
    const early = await as(deputy, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, {
      id: vote.id,
    });
    expect(early.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(early.errors?.[0]?.message).toMatch(/head unit chairs the count/);
    ok(await as(head, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: vote.id }));
    await waitFor(async () => {
      const y = ok(
        await as<{ emulationYear: { state: string; awardOutcome: unknown } }>(
          deputy,
          `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { state awardOutcome { computedAt } } }`,
          { b: block.blockId },
        ),
      );
      expect(y.emulationYear).toMatchObject({ state: 'RESULTS_RECORDED' });
      expect(y.emulationYear.awardOutcome).not.toBeNull();
    });
    const sent = ok(
      await as<{ submitDossier: { status: string }[] }>(
        deputy,
        `mutation($y: ID!) { submitDossier(emulationYearId: $y) { status } }`,
        { y: block.yearId },
      ),
    );
    expect(sent.submitDossier.map((n) => n.status)).toContain('SUBMITTED');

    // Another member still does not run the year.
    const other = await as(
      block.officers[3]!,
      `mutation($y: ID!) { recomputeAwards(emulationYearId: $y) { id } }`,
      {
        y: block.yearId,
      },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('who sees a count between its tally and its publication', () => {
  it('only the head unit’s officers, through every field derived from it', async () => {
    const block = await createLockedBlock(app, province, NAMES.slice(0, 5), admin);
    const other = await createLockedBlock(app, province, ['Sở Tài chính', 'Sở Xây dựng'], admin);
    const vote = await openBlockVote(app, province, block, [
      { kind: 'FLAG', seats: 1 },
      { kind: 'NEXT_HEAD', seats: 1 },
    ]);
    await castBlockBallots(app, province, block, vote, [[3], [2]]);
    await closeBlockVote(app, province, block.officers[0]!, vote.id);
    const head = block.officers[0]!;
    const FIELDS = `query($p: ID!, $y: ID!, $b: ID!) {
      votingPeriod(id: $p) { status results { elected } decisions { contestId } }
      nominations(emulationYearId: $y) { id unitId form }
      emulationYear(blockId: $b, year: 2026) { awardOutcome { nextHeadUnitId } } }`;
    type Fields = {
      votingPeriod: { status: string; results: unknown; decisions: unknown[] };
      nominations: { id: string; unitId: string; form: string }[];
      emulationYear: { awardOutcome: { nextHeadUnitId: string } | null };
    };
    const ask = (who: Account) => as<Fields>(who, FIELDS, { p: vote.id, y: block.yearId, b: block.blockId });
    // Counted, and the awards engine has run on it: the head unit sees both.
    const seen = await vi.waitFor(
      async () => {
        const r = ok(await ask(head));
        // Both from one request whose reads may straddle the engine's commit: wait for the two to be there.
        expect(r.emulationYear.awardOutcome).not.toBeNull();
        expect(r.nominations.map((n) => n.form)).toContain('FLAG_PROVINCE');
        return r;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(seen.votingPeriod.results).not.toBeNull();
    expect(seen.emulationYear.awardOutcome!.nextHeadUnitId).toBe(block.units[2]!.id);
    const flag = seen.nominations.find((n) => n.form === 'FLAG_PROVINCE')!;
    expect(flag.unitId).toBe(block.units[3]!.id);

    const council = await createAccount(app, 'COUNCIL_MEMBER', { provinceId: province });
    const platform = await createAccount(app, 'PLATFORM_ADMIN');
    const others: [string, Account][] = [
      ['the deputy unit', block.officers[1]!],
      ['another member', block.officers[3]!],
      ["another block's officer", other.officers[0]!],
      ['the secretariat', admin],
      ['a platform admin', platform],
      ['a council member', council],
    ];
    for (const [who, account] of others) {
      const r = ok(await ask(account));
      expect({ who, ...r }).toEqual({
        who,
        votingPeriod: { status: 'TALLIED', results: null, decisions: [] },
        nominations: [],
        emulationYear: { awardOutcome: null },
      });
      const one = await as(account, `query($id: ID!) { nomination(id: $id) { status } }`, { id: flag.id });
      expect({ who, code: one.errors?.[0]?.extensions?.code }).toEqual({ who, code: 'NOT_FOUND' });
    }
    const viewer = await createAccount(app, 'NATIONAL_VIEWER');
    expect((await ask(viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Published: the members see it all.
    ok(await as(head, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: vote.id }));
    const after = ok(await ask(block.officers[3]!));
    expect(after.votingPeriod.results).not.toBeNull();
    expect(after.nominations.map((n) => n.id)).toContain(flag.id);
  });
});

describe('acting for a unit', () => {
  it('the secretariat votes or registers for a unit only on its behalf with a reason; the audit names it; the platform never acts', async () => {
    const block = await createLockedBlock(app, province, NAMES.slice(0, 4), admin);
    const vote = await openBlockVote(app, province, block, [{ kind: 'FLAG', seats: 1 }]);
    const CAST = `mutation($v: CastBallotInput!) { castBallot(input: $v) { voterId receiptCode } }`;
    const ballot = (extra: Record<string, unknown>) => ({
      votingPeriodId: vote.id,
      unitId: block.units[2]!.id,
      choices: [{ contestId: vote.contests[0]!.id, unitIds: [block.units[0]!.id] }],
      ...extra,
    });
    const bare = await as(admin, CAST, { v: ballot({}) });
    expect(bare.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'onBehalfReason' }],
    });
    const register = await as(
      admin,
      `mutation($v: RegisterTitleInput!) { registerTitle(input: $v) { id } }`,
      { v: { emulationYearId: block.yearId, unitId: block.units[2]!.id, title: 'COLL_EXCELLENT' } },
    );
    expect(register.errors?.[0]?.extensions).toMatchObject({ fields: [{ field: 'onBehalfReason' }] });

    const platform = await createAccount(app, 'PLATFORM_ADMIN');
    const byPlatform = await as(platform, CAST, { v: ballot({ onBehalfReason: 'Thử bỏ phiếu thay' }) });
    expect(byPlatform.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const closeByPlatform = await as(
      platform,
      `mutation($id: ID!) { closeVotingPeriod(id: $id) { status } }`,
      {
        id: vote.id,
      },
    );
    expect(closeByPlatform.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const reason = 'Điện thoại của cán bộ Ủy ban Kiểm tra bị hỏng; đơn vị đề nghị bằng văn bản số 15/UBKT';
    const cast = ok(
      await as<{ castBallot: { voterId: string } }>(admin, CAST, { v: ballot({ onBehalfReason: reason }) }),
    );
    expect(cast.castBallot.voterId).toBe(block.units[2]!.id);
    const audit = await as<{
      auditEvents: { nodes: { action: string; actorUserId: string; after: unknown }[] };
    }>(admin, `{ auditEvents(first: 20) { nodes { action actorUserId after } } }`);
    const entry = audit.data!.auditEvents.nodes.find((e) => e.action === 'ballot.cast_on_behalf');
    // Who voted and why, never what.
    expect(entry).toEqual({
      action: 'ballot.cast_on_behalf',
      actorUserId: admin.id,
      after: { unitId: block.units[2]!.id, onBehalfReason: reason },
    });
    // The unit reads on its receipt that it did not vote itself, and why; a unit that voted itself reads nothing.
    const RECEIPT = `query($id: ID!) { myBallotReceipt(votingPeriodId: $id) { onBehalfReason } }`;
    type Receipt = { myBallotReceipt: { onBehalfReason: string | null } | null };
    expect(ok(await as<Receipt>(block.officers[2]!, RECEIPT, { id: vote.id })).myBallotReceipt).toEqual({
      onBehalfReason: reason,
    });
    // And is told, in its inbox, with the reason: only that unit.
    const toldOf = async (i: number) =>
      ok(
        await as<{
          notifications: { nodes: { event: string; title: string; body: string; link: string }[] };
        }>(block.officers[i]!, `{ notifications(first: 20) { nodes { event title body link } } }`),
      ).notifications.nodes.filter((n) => n.event === 'ON_BEHALF_ENTERED');
    const [told] = await vi.waitFor(
      async () => {
        const nodes = await toldOf(2);
        expect(nodes).toHaveLength(1);
        return nodes;
      },
      { timeout: 20_000, interval: 100 },
    );
    const blockName = ok(
      await as<{ block: { name: string } }>(admin, `query($b: ID!) { block(id: $b) { name } }`, {
        b: block.blockId,
      }),
    ).block.name;
    expect(told).toEqual({
      event: 'ON_BEHALF_ENTERED',
      title: 'Sở Nội vụ nhập phiếu bầu thay đơn vị',
      body: `Sở Nội vụ đã nhập phiếu bầu tại hội nghị tổng kết của ${blockName} năm 2026 (vòng 1) thay cho ${block.units[2]!.name}. Lý do: ${reason}. Nếu đơn vị không yêu cầu việc này, đề nghị liên hệ Sở Nội vụ.`,
      link: `/voting-periods/${vote.id}`,
    });
    expect(await toldOf(1)).toEqual([]);
    const own = { contestId: vote.contests[0]!.id, unitIds: [block.units[1]!.id] };
    // Its own cast (committed with its statement) answers the field too, without reading anything more.
    const selfCast = ok(
      await as<{ castBallot: { onBehalfReason: string | null } }>(
        block.officers[0]!,
        `mutation($v: CastBallotInput!) { castBallot(input: $v) { voterId onBehalfReason } }`,
        { v: { votingPeriodId: vote.id, choices: [own] } },
      ),
    );
    expect(selfCast.castBallot.onBehalfReason).toBeNull();
    expect(ok(await as<Receipt>(block.officers[0]!, RECEIPT, { id: vote.id })).myBallotReceipt).toEqual({
      onBehalfReason: null,
    });
  });
});

describe('a request that fails', () => {
  it('leaves nothing of its earlier mutations: the whole request rolls back', async () => {
    const block = await createLockedBlock(app, province, NAMES.slice(0, 3), admin);
    const res = await as(
      block.officers[0]!,
      `mutation($ok: RecordConferenceInput!, $bad: RecordConferenceInput!) {
        first: recordConference(input: $ok) { id }
        second: recordConference(input: $bad) { id } }`,
      {
        ok: { emulationYearId: block.yearId, heldOn: '2026-12-20', place: 'Hội trường Sở Nội vụ' },
        bad: { emulationYearId: block.yearId, heldOn: '2020-01-01', place: 'Hội trường Sở Nội vụ' },
      },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = ok(
      await as<{ emulationYear: { conference: unknown } }>(
        block.officers[0]!,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { conference { id } } }`,
        { b: block.blockId },
      ),
    );
    expect(after.emulationYear.conference).toBeNull();
  });
});
