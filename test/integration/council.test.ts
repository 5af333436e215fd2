import {
  currentManager,
  EmulationYear,
  emulationYearRepository,
  Nomination,
  personRepository,
  runInTenant,
} from '@thidua/db';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import {
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createLockedBlock,
  keepDocument,
  openBlockVote,
  pdfText,
  provinceId,
  startTestApp,
  type Account,
  type TestApp,
  ok,
} from '@thidua/testing';

const NAMES = [
  'Văn phòng UBND tỉnh',
  'Sở Kế hoạch và Đầu tư',
  'Sở Tài chính',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Thanh tra tỉnh',
  'Sở Ngoại vụ',
];

let app: TestApp;
let province: string;
let admin: Account;
let council: Account[];
let flagNomination: string;
let meritNominations: string[];
let flagOfficer: Account;

const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: province });
const PERIOD = `query($id: ID!) { votingPeriod(id: $id) { kind status outcome results { contestId elected candidates { votes percent } } contests { id nominationId candidateUnitIds } } }`;
type Period = {
  votingPeriod: {
    kind: string;
    status: string;
    outcome: string;
    results: { contestId: string; elected: string[] }[] | null;
    contests: { id: string; nominationId: string; candidateUnitIds: string[] }[];
  };
};

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  province = await provinceId(app.dataSource, '40'); // Nghệ An
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
  council = await Promise.all(
    Array.from({ length: 5 }, () => createAccount(app, 'COUNCIL_MEMBER', { provinceId: province })),
  );

  // A block votes its flag, the engine proposes, the head submits the dossier, the secretariat appraises.
  const block = await createLockedBlock(app, province, NAMES, admin);
  flagOfficer = block.officers[0]!;
  const opened = await openBlockVote(app, province, block, [{ kind: 'FLAG' }], admin);
  await castBlockBallots(app, province, block, opened, [[0]]);
  await closeBlockVote(app, province, admin, opened.id);
  // Until the count is published only the head unit's officers see the engine's proposals.
  await vi.waitFor(
    async () =>
      expect(
        (
          await as<{ nominations: unknown[] }>(
            flagOfficer,
            `query($y: ID!) { nominations(emulationYearId: $y) { id } }`,
            { y: block.yearId },
          )
        ).data?.nominations.length,
      ).toBe(3),
    { timeout: 20_000, interval: 100 },
  );
  ok(await as(admin, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: opened.id }));
  const submitted = ok(
    await as<{ submitDossier: { id: string; form: string }[] }>(
      block.officers[0]!,
      `mutation($y: ID!) { submitDossier(emulationYearId: $y) { id form } }`,
      { y: block.yearId },
    ),
  ).submitDossier;
  for (const n of submitted) {
    for (const to of ['IN_APPRAISAL', 'COUNCIL_REVIEW']) {
      ok(
        await as(
          admin,
          `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`,
          { v: { id: n.id, to } },
        ),
      );
    }
  }
  flagNomination = submitted.find((n) => n.form === 'FLAG_PROVINCE')!.id;
  meritNominations = submitted.filter((n) => n.form === 'MERIT_PROVINCE').map((n) => n.id);
});
afterAll(() => app?.close());

async function councilVote(
  nominationIds: string[],
  ballots: ((contests: Period['votingPeriod']['contests']) => { contestId: string; unitIds: string[] }[])[],
) {
  const period = ok(
    await as<{ openCouncilVote: { id: string } }>(
      admin,
      `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
      {
        v: { nominationIds, closesAt: new Date(Date.now() + 3600_000).toISOString() },
      },
    ),
  ).openCouncilVote;
  const contests = ok(await as<Period>(admin, PERIOD, { id: period.id })).votingPeriod.contests;
  for (const [i, ballot] of ballots.entries()) await castCouncil(period.id, i, ballot(contests));
  // The secretariat, which runs the session, sees who has not voted yet (to remind them); members do not.
  const NOT_VOTED = `query($id: ID!) { votingPeriod(id: $id) { notVoted { id } } }`;
  type NotVoted = { votingPeriod: { notVoted: { id: string }[] | null } };
  const waiting = ok(await as<NotVoted>(admin, NOT_VOTED, { id: period.id })).votingPeriod.notVoted!;
  expect(waiting.map((m) => m.id).sort()).toEqual(
    council
      .slice(ballots.length)
      .map((m) => m.id)
      .sort(),
  );
  expect(ok(await as<NotVoted>(council[0]!, NOT_VOTED, { id: period.id })).votingPeriod.notVoted).toBeNull();
  await countAndPublish(period.id, async () => {
    // Counted but not announced: no nomination has moved, nobody has been told.
    for (const id of nominationIds) expect(await status(id)).toBe('COUNCIL_REVIEW');
  });
  return { id: period.id, contests };
}

const status = async (id: string) =>
  ok(
    await as<{ nomination: { status: string } }>(
      admin,
      `query($id: ID!) { nomination(id: $id) { status } }`,
      { id },
    ),
  ).nomination.status;
type Contests = Period['votingPeriod']['contests'];
/** A ballot approving the given nominations: choosing a contest's one candidate is a yes, leaving it blank a no. */
const approve =
  (...nominationIds: string[]) =>
  (contests: Contests) =>
    contests
      .filter((c) => nominationIds.includes(c.nominationId))
      .map((c) => ({ contestId: c.id, unitIds: c.candidateUnitIds }));

type Questions = { votingPeriod: { contests: (Contests[number] & { withdrawnReason: string | null })[] } };

/** A council member's ballot in a session. */
async function castCouncil(
  periodId: string,
  member: number,
  choices: { contestId: string; unitIds: string[] }[],
) {
  ok(
    await as(council[member]!, `mutation($v: CastBallotInput!) { castBallot(input: $v) { voterId } }`, {
      v: { votingPeriodId: periodId, choices },
    }),
  );
}

/** Closes the session, waits for its count, runs `between` (before publication), then publishes. */
async function countAndPublish(periodId: string, between?: () => Promise<unknown>) {
  ok(await as(admin, `mutation($id: ID!) { closeVotingPeriod(id: $id) { status } }`, { id: periodId }));
  await vi.waitFor(
    async () =>
      expect(ok(await as<Period>(admin, PERIOD, { id: periodId })).votingPeriod.status).toBe('TALLIED'),
    { timeout: 20_000, interval: 100 },
  );
  await between?.();
  ok(await as(admin, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: periodId }));
}

/** A published session's results as a council member reads them. */
async function publishedResults(periodId: string) {
  type Results = {
    votingPeriod: {
      results: { contestId: string; elected: string[]; candidates: unknown[]; withdrawn: string | null }[];
    };
  };
  return ok(
    await as<Results>(
      council[3]!,
      `query($id: ID!) { votingPeriod(id: $id) { results { contestId elected candidates { votes } withdrawn } } }`,
      { id: periodId },
    ),
  ).votingPeriod.results;
}

/** A flag proposal of a new block's year, its dossier submitted and already appraised: before the council. */
async function flagInReview(year: number) {
  const block = await createLockedBlock(app, province, NAMES.slice(0, 5), admin, { officers: false, year });
  return runInTenant(app.dataSource, province, async () => {
    const manager = await currentManager();
    await manager
      .getRepository(EmulationYear)
      .update({ provinceId: province, id: block.yearId }, { state: 'DOSSIER_SUBMITTED' });
    const row = await manager.getRepository(Nomination).save({
      provinceId: province,
      emulationYearId: block.yearId,
      unitId: block.units[0]!.id,
      form: 'FLAG_PROVINCE',
      status: 'COUNCIL_REVIEW',
      explanation: [],
    });
    return { id: row.id, unitId: block.units[0]!.id };
  });
}

describe('the provincial council', () => {
  it('without the attendance (3 of 5 < 80%), the session decides nothing', async () => {
    const { id } = await councilVote(
      [flagNomination],
      [approve(flagNomination), approve(flagNomination), approve(flagNomination)],
    );
    expect(ok(await as<Period>(admin, PERIOD, { id })).votingPeriod).toMatchObject({
      kind: 'COUNCIL',
      outcome: 'NO_QUORUM',
    });
    expect(await status(flagNomination)).toBe('COUNCIL_REVIEW');
    // The log names the session by its day, as its minutes do, not by an id.
    const named = ok(
      await as<{ auditEvents: { nodes: { entityId: string; entityName: string | null }[] } }>(
        admin,
        `{ auditEvents(first: 100, filter: { entityType: "VotingPeriod" }) { nodes { entityId entityName } } }`,
      ),
    ).auditEvents.nodes.find((e) => e.entityId === id);
    expect(named?.entityName).toMatch(/^Hội đồng Thi đua – Khen thưởng – \d{2}\/\d{2}\/20\d{2}$/);
  });

  it('a flag needs 80% of all members: 4 of 5 approve it; a certificate with 2 of 5 is rejected', async () => {
    const [merit] = meritNominations as [string];
    await councilVote(
      // Chosen certificate first: the ballot still asks about the flag first, as the decision's annex lists them.
      [merit, flagNomination],
      [
        (contests) => {
          expect(contests.map((c) => c.nominationId)).toEqual([flagNomination, merit]);
          return approve(flagNomination, merit)(contests);
        },
        approve(flagNomination, merit),
        approve(flagNomination),
        approve(flagNomination),
        () => [],
      ],
    );
    expect(await status(flagNomination)).toBe('COUNCIL_APPROVED');
    expect(await status(meritNominations[0]!)).toBe('COUNCIL_REJECTED');
    // The log keeps each proposal's outcome as a step of its own, by whoever published the count.
    const steps = await runInTenant(app.dataSource, province, async () =>
      (await currentManager()).query(
        `SELECT entity_id AS id, after->>'status' AS status FROM audit_event
          WHERE action = 'nomination.step' AND entity_id::text = ANY($1::text[]) AND after ? 'votingPeriodId'`,
        [[flagNomination, merit]],
      ),
    );
    expect(steps).toEqual(
      expect.arrayContaining([
        { id: flagNomination, status: 'COUNCIL_APPROVED' },
        { id: merit, status: 'COUNCIL_REJECTED' },
      ]),
    );
    expect(steps).toHaveLength(2);

    const decision = ok(
      await as<{ issueAwardDecision: { numberText: string } }>(
        admin,
        `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { numberText } }`,
        {
          v: {
            issuerName: 'UBND tỉnh Nghệ An',
            decisionDate: '2027-01-20',
            signerName: 'Lê Hồng Vinh',
            nominationIds: [flagNomination],
          },
        },
      ),
    );
    expect(decision.issueAwardDecision.numberText).toBe('1/QĐ-UBND');
    expect(await status(flagNomination)).toBe('DECIDED');

    // The unit heard of each step of its proposal, and of the decision, in Vietnamese. Each notice is a job of
    // its own (the worker runs several at once): wait for them all, not only for the last one sent.
    type Inbox = { notifications: { nodes: { event: string; body: string }[] } };
    await vi.waitFor(
      async () => {
        const inbox = ok(
          await as<Inbox>(flagOfficer, `{ notifications(first: 50) { nodes { event body } } }`),
        ).notifications.nodes;
        // The unit's officer reads its own award by name; the secretariat, who issued it, the count.
        expect(inbox.find((n) => n.event === 'DECISION_ISSUED')?.body).toMatch(
          /^UBND tỉnh Nghệ An ban hành Quyết định số 1\/QĐ-UBND ngày 20\/01\/2027 khen thưởng 1 trường hợp: tặng Cờ thi đua của UBND tỉnh cho Văn phòng UBND tỉnh \(\d+-1\)\.$/,
        );
        const secretariat = ok(
          await as<Inbox>(admin, `{ notifications(first: 50) { nodes { event body } } }`),
        ).notifications.nodes;
        expect(secretariat.find((n) => n.event === 'DECISION_ISSUED')?.body).toBe(
          'UBND tỉnh Nghệ An ban hành Quyết định số 1/QĐ-UBND ngày 20/01/2027 khen thưởng 1 trường hợp.',
        );
        const steps = inbox.filter((n) => n.event === 'NOMINATION_STATUS_CHANGED').map((n) => n.body);
        expect(steps).toContainEqual(
          expect.stringMatching(
            /^Đề nghị tặng Cờ thi đua của UBND tỉnh năm 2026 cho .* được Hội đồng thông qua\.$/,
          ),
        );
        // Its own flag proposal: submitted, in appraisal, to the council, approved. (As the head unit it also
        // hears of the block's other proposals.)
        expect(steps.filter((b) => b.includes('Cờ thi đua'))).toHaveLength(4);
        expect(steps).toHaveLength(11);
      },
      { timeout: 20_000, interval: 100 },
    );
  });

  it('only council members called to the vote cast ballots; only nominations in review can be voted on', async () => {
    const refused = await as(
      admin,
      `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
      {
        v: { nominationIds: [flagNomination], closesAt: new Date(Date.now() + 3600_000).toISOString() },
      },
    );
    expect(refused.errors?.[0]?.message).toMatch(/^nominationIds: .* is DECIDED, not COUNCIL_REVIEW/);

    const period = ok(
      await as<{ openCouncilVote: { id: string; contests: { id: string; candidateUnitIds: string[] }[] } }>(
        admin,
        `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id contests { id candidateUnitIds } } }`,
        {
          v: {
            nominationIds: [meritNominations[1]!],
            closesAt: new Date(Date.now() + 3600_000).toISOString(),
          },
        },
      ),
    ).openCouncilVote;
    const [contest] = period.contests;
    const byAdmin = await as(admin, `mutation($v: CastBallotInput!) { castBallot(input: $v) { voterId } }`, {
      v: {
        votingPeriodId: period.id,
        choices: [{ contestId: contest!.id, unitIds: contest!.candidateUnitIds }],
      },
    });
    expect(byAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // One question, one session: while this one is unpublished, the nomination goes into no other.
    const again = await as(
      admin,
      `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
      {
        v: { nominationIds: [meritNominations[1]!], closesAt: new Date(Date.now() + 3600_000).toISOString() },
      },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toMatch(
      /already before a council session whose results are not published/,
    );
    const queued = ok(
      await as<{ nomination: { councilVoteId: string | null } }>(
        admin,
        `query($id: ID!) { nomination(id: $id) { councilVoteId } }`,
        { id: meritNominations[1]! },
      ),
    ).nomination;
    expect(queued.councilVoteId).toBe(period.id);
  });

  it('the provincial Emulation Fighter title needs 90% of all members: 4 of 5 is not enough, 5 of 5 is', async () => {
    // Two people of a second block, each with three consecutive grassroots titles, registered for the title.
    const block = await createLockedBlock(app, province, NAMES, admin);
    const people = await runInTenant(app.dataSource, province, async () => {
      const out = [];
      for (const [unit, fullName] of [
        [block.units[2]!, 'Hồ Thị Minh Phương'],
        [block.units[3]!, 'Trần Quốc Bảo'],
      ] as const) {
        const p = await personRepository.create({
          unitId: unit.id,
          fullName,
          gender: 'FEMALE',
          position: null,
        });
        await emulationYearRepository.register({
          emulationYearId: block.yearId,
          unitId: unit.id,
          title: 'CSTD_PROV',
          personId: p.id,
          registeredBy: admin.id,
        });
        out.push(p);
      }
      return out;
    });
    ok(
      await as(admin, `mutation($i: [AchievementInput!]!) { recordAchievements(input: $i) { id } }`, {
        i: people.flatMap((p) =>
          [2024, 2025, 2026].map((year) => ({
            subjectKind: 'PERSON',
            subjectId: p.id,
            title: 'CSTD_BASE',
            year,
            decisionRef: `Quyết định số ${year - 2000}/QĐ-SNV công nhận Chiến sĩ thi đua cơ sở năm ${year}`,
          })),
        ),
      }),
    );
    const opened = await openBlockVote(app, province, block, [{ kind: 'FLAG' }], admin);
    await castBlockBallots(app, province, block, opened, [[0]]);
    await closeBlockVote(app, province, admin, opened.id);
    type Listed = {
      id: string;
      form: string;
      personId: string | null;
      person: { fullName: string } | null;
      explanation: { rule: string }[];
    };
    const listed = await vi.waitFor(
      async () => {
        const n = ok(
          await as<{ nominations: Listed[] }>(
            block.officers[0]!,
            `query($y: ID!) { nominations(emulationYearId: $y) { id form personId person { fullName } explanation { rule } } }`,
            { y: block.yearId },
          ),
        ).nominations;
        expect(n.filter((x) => x.form === 'CSTD_PROV')).toHaveLength(2);
        return n;
      },
      { timeout: 20_000, interval: 100 },
    );
    const fighter = (i: number) => listed.find((n) => n.personId === people[i]!.id)!;
    expect(fighter(0).explanation.map((e) => e.rule)).toEqual(['STREAK', 'R10']);
    // A person's proposal names the person (the home page's task and the nomination's page read it).
    expect(fighter(1).person?.fullName).toBe('Trần Quốc Bảo');
    expect(listed.find((n) => n.form === 'FLAG_PROVINCE')?.person).toBeNull();
    ok(await as(admin, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: opened.id }));
    ok(
      await as(block.officers[0]!, `mutation($y: ID!) { submitDossier(emulationYearId: $y) { id } }`, {
        y: block.yearId,
      }),
    );
    const [a, b] = [fighter(0).id, fighter(1).id];
    for (const id of [a, b]) {
      for (const to of ['IN_APPRAISAL', 'COUNCIL_REVIEW']) {
        ok(
          await as(
            admin,
            `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`,
            {
              v: { id, to },
            },
          ),
        );
      }
    }
    await councilVote([a, b], [approve(a, b), approve(a, b), approve(a, b), approve(a, b), approve(b)]);
    expect(await status(a)).toBe('COUNCIL_REJECTED');
    expect(await status(b)).toBe('COUNCIL_APPROVED');

    // The decision pays the title's multiplier (3.0) of the base salary, to the person.
    const decided = ok(
      await as<{ issueAwardDecision: { items: { personId: string; form: string; prizeVnd: number }[] } }>(
        admin,
        `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { items { personId form prizeVnd } } }`,
        {
          v: {
            issuerName: 'UBND tỉnh Nghệ An',
            decisionDate: '2027-01-25',
            signerName: 'Lê Hồng Vinh',
            nominationIds: [b],
          },
        },
      ),
    ).issueAwardDecision;
    // 3.0 × the base salary in force on 25 January 2027 (2,530,000 from 1 July 2026).
    expect(decided.items).toEqual([{ personId: people[1]!.id, form: 'CSTD_PROV', prizeVnd: 7_590_000 }]);
  });
  it('R8: a nomination deferred while its session is open is taken off it for good: not counted, not applied, the minutes say why', async () => {
    const [a, b] = [await flagInReview(2026), await flagInReview(2026)];
    const opened = ok(
      await as<{ openCouncilVote: { id: string } }>(
        admin,
        `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
        { v: { nominationIds: [a.id, b.id], closesAt: new Date(Date.now() + 3600_000).toISOString() } },
      ),
    ).openCouncilVote;
    const questions = async () =>
      ok(
        await as<Questions>(
          council[0]!,
          `query($id: ID!) { votingPeriod(id: $id) { contests { id nominationId candidateUnitIds withdrawnReason } } }`,
          { id: opened.id },
        ),
      ).votingPeriod.contests;
    // Four of five approve a before the deferral: enough for a flag (80 %), were the question still on.
    for (const i of [0, 1, 2, 3]) await castCouncil(opened.id, i, approve(a.id, b.id)(await questions()));

    // An inspection opens on a's unit: its nomination is deferred, and the council's ballot says so, with the
    // kind of process only (the inspection's decision is the unit's and the secretariat's).
    const deferral = ok(
      await as<{ recordDeferral: { id: string } }>(
        admin,
        `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: INSPECTION, note: "Quyết định thanh tra số 31/QĐ-TTr ngày 02/11/2026", openedOn: "2026-11-02" }) { id } }`,
        { u: a.unitId },
      ),
    ).recordDeferral;
    expect(await status(a.id)).toBe('DEFERRED');
    const byNomination = async (id: string) => (await questions()).find((c) => c.nominationId === id)!;
    const [qa, qb] = [await byNomination(a.id), await byNomination(b.id)];
    expect(qa.withdrawnReason).toBe('Hoãn xét khen thưởng: đang bị thanh tra.');
    expect(qb.withdrawnReason).toBeNull();

    // The inspection closes and the appraisal resumes before the session ends: the question stays off it.
    ok(
      await as(admin, `mutation($id: ID!) { closeDeferral(id: $id, closedOn: "2026-11-20") { id } }`, {
        id: deferral.id,
      }),
    );
    for (const to of ['IN_APPRAISAL', 'COUNCIL_REVIEW'])
      ok(
        await as(
          admin,
          `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`,
          {
            v: { id: a.id, to },
          },
        ),
      );
    expect((await byNomination(a.id)).withdrawnReason).toBe('Hoãn xét khen thưởng: đang bị thanh tra.');
    await castCouncil(opened.id, 4, approve(b.id)(await questions()));

    await countAndPublish(opened.id);
    const results = await publishedResults(opened.id);
    const of = (q: { id: string }) => results.find((r) => r.contestId === q.id)!;
    expect(of(qa)).toEqual({
      contestId: qa.id,
      elected: [],
      candidates: [],
      withdrawn: 'Hoãn xét khen thưởng: đang bị thanh tra.',
    });
    expect(of(qb)).toMatchObject({ elected: [b.unitId], withdrawn: null });
    // a awaits another session; b is approved.
    expect(await status(a.id)).toBe('COUNCIL_REVIEW');
    expect(await status(b.id)).toBe('COUNCIL_APPROVED');

    const res = await fetch(
      app.gateway.url.replace(/\/graphql$/, `/documents/council-minutes/${opened.id}.pdf`),
      {
        headers: { authorization: `Bearer ${admin.token}`, 'x-province-id': province },
      },
    );
    expect(res.status).toBe(200);
    const file = await keepDocument('council-minutes-deferred', Buffer.from(await res.arrayBuffer()));
    const text = (await pdfText(file)).replace(/\s+/g, ' ');
    expect(text).toContain('Tạm hoãn xét');
    // b had all five votes; a, deferred, counts neither way.
    expect(text).toContain('Hội đồng thống nhất thông qua 1 đề nghị.');
    expect(text).not.toContain('không thông qua');
    expect(text).toMatch(
      /Tạm hoãn xét 1 đề nghị, không tính kết quả biểu quyết: .* – Hoãn xét khen thưởng: đang bị thanh tra\./,
    );
  });

  it('R8: deferred after the count and before publication, the question is withdrawn when the results are published', async () => {
    const c = await flagInReview(2026);
    const opened = ok(
      await as<{ openCouncilVote: { id: string; contests: Contests } }>(
        admin,
        `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id contests { id nominationId candidateUnitIds } } }`,
        { v: { nominationIds: [c.id], closesAt: new Date(Date.now() + 3600_000).toISOString() } },
      ),
    ).openCouncilVote;
    for (const i of [0, 1, 2, 3, 4]) await castCouncil(opened.id, i, approve(c.id)(opened.contests));
    await countAndPublish(opened.id, async () =>
      ok(
        await as(
          admin,
          `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: COMPLAINT, note: "Đơn khiếu nại ngày 25/11/2026", openedOn: "2026-11-25" }) { id } }`,
          { u: c.unitId },
        ),
      ),
    );
    const [result] = await publishedResults(opened.id);
    expect(result).toMatchObject({
      elected: [],
      candidates: [],
      withdrawn: 'Hoãn xét khen thưởng: đang có khiếu nại.',
    });
    expect(await status(c.id)).toBe('DEFERRED');
  });

  it('the secretariat hears once that every member has voted, also when the last two vote at the same moment', async () => {
    const { id: nomination } = await flagInReview(2026);
    const period = ok(
      await as<{ openCouncilVote: { id: string } }>(
        admin,
        `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
        { v: { nominationIds: [nomination], closesAt: new Date(Date.now() + 3600_000).toISOString() } },
      ),
    ).openCouncilVote.id;
    const contests = ok(await as<Period>(admin, PERIOD, { id: period })).votingPeriod.contests;
    for (const member of [0, 1, 2]) await castCouncil(period, member, approve(nomination)(contests));
    await Promise.all([3, 4].map((member) => castCouncil(period, member, approve(nomination)(contests))));
    type Inbox = {
      notifications: { nodes: { event: string; subjectId: string; body: string; link: string }[] };
    };
    const told = async () =>
      ok(
        await as<Inbox>(admin, `{ notifications(first: 100) { nodes { event subjectId body link } } }`),
      ).notifications.nodes.filter((n) => n.event === 'COUNCIL_ALL_VOTED' && n.subjectId === period);
    await vi.waitFor(
      async () =>
        expect(await told()).toEqual([
          {
            event: 'COUNCIL_ALL_VOTED',
            subjectId: period,
            link: `/voting-periods/${period}`,
            body: expect.stringMatching(
              /^Phiên biểu quyết của Hội đồng Thi đua – Khen thưởng tỉnh Nghệ An về các đề nghị khen thưởng: cả 5 thành viên đã biểu quyết\. Có thể kết thúc phiên để kiểm phiếu, không cần chờ đến hạn chót \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\.$/,
            ),
          },
        ]),
      { timeout: 20_000, interval: 100 },
    );
    // The members are not told: the session is the secretariat's to close.
    const member = ok(
      await as<Inbox>(council[4]!, `{ notifications(first: 100) { nodes { event subjectId body link } } }`),
    ).notifications.nodes;
    expect(member.filter((n) => n.event === 'COUNCIL_ALL_VOTED')).toEqual([]);
    await countAndPublish(period);
  });

  it('R10: a session takes the thresholds of the year its nominations are for, not of the calendar year', async () => {
    // Last in the file: it changes the province's rules. Year 2025's flags need 60 % of the council, 2026's all of it.
    for (const [year, percent] of [
      [2025, 60],
      [2026, 100],
    ])
      ok(
        await as(
          admin,
          `mutation { setAwardRuleSet(effectiveYear: ${year}, input: { councilFlagPercent: ${percent} }) { effectiveYear } }`,
        ),
      );
    const [of2025, of2026] = [(await flagInReview(2025)).id, (await flagInReview(2026)).id];

    const mixed = await as(
      admin,
      `mutation($v: OpenCouncilVoteInput!) { openCouncilVote(input: $v) { id } }`,
      { v: { nominationIds: [of2025, of2026], closesAt: new Date(Date.now() + 3600_000).toISOString() } },
    );
    expect(mixed.errors?.[0]?.message).toMatch(/one emulation year; these are of 2025, 2026/);

    // 4 of 5 is 80 %: enough under 2025's rules, not under 2026's, which a session sitting in 2026 (or in January
    // 2027, as most do) must not apply to 2025's proposals.
    const session = await councilVote(
      [of2025],
      [1, 2, 3, 4].map(() => approve(of2025)),
    );
    // Read from the results: a proposal that no dossier carried is not in the secretariat's lists.
    const [result] = ok(await as<Period>(admin, PERIOD, { id: session.id })).votingPeriod.results!;
    expect(result!.elected).toEqual(session.contests[0]!.candidateUnitIds);
  });
});

describe("the council's sessions", () => {
  const SESSIONS = `{ councilSessions { id openedAt outcome voted } }`;
  type Sessions = {
    councilSessions: { id: string; openedAt: string; outcome: string; voted: boolean | null }[];
  };

  it('the secretariat lists them all, newest first; a member those it was called to, and whether it voted; an officer none', async () => {
    const all = ok(await as<Sessions>(admin, SESSIONS)).councilSessions;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const opened = all.map((s) => s.openedAt);
    expect(opened).toEqual([...opened].sort().reverse());
    expect(all.every((s) => s.voted === null)).toBe(true);

    // The session without quorum: members 1–3 voted, members 4 and 5 did not.
    const noQuorum = all.find((s) => s.outcome === 'NO_QUORUM')!.id;
    const seen = async (member: number) => ok(await as<Sessions>(council[member]!, SESSIONS)).councilSessions;
    expect((await seen(0)).map((s) => s.id)).toEqual(all.map((s) => s.id));
    expect((await seen(0)).find((s) => s.id === noQuorum)!.voted).toBe(true);
    expect((await seen(4)).find((s) => s.id === noQuorum)!.voted).toBe(false);

    expect(ok(await as<Sessions>(flagOfficer, SESSIONS)).councilSessions).toEqual([]);
    const tooMany = await as(admin, `{ councilSessions(first: 500) { id } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
