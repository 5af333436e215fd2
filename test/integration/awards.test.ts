import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { currentManager, runInTenant } from '@thidua/db';
import {
  castBlockBallots,
  closeBlockVote,
  createAccount,
  createFinishedBlock,
  ensureBlockConference,
  createLockedBlock,
  openBlockVote,
  provinceId,
  startTestApp,
  type Account,
  type LockedBlock,
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
  'Ban Tuyên giáo Tỉnh ủy',
  'Ủy ban Kiểm tra Tỉnh ủy',
  'Ban Dân vận Tỉnh ủy',
  'Đảng ủy Khối Cơ quan - Doanh nghiệp',
];

let app: TestApp;
let province: string;
let admin: Account;

const as = <T = Record<string, unknown>>(who: Account, q: string, v?: Record<string, unknown>) =>
  app.gql<T>(q, v, { token: who.token, provinceId: province });
type Nominations = {
  nominations: {
    unitId: string;
    form: string;
    status: string;
    explanation: { rule: string; text: string; english: string | null }[];
  }[];
};
const NOMINATIONS = `query($y: ID!) { nominations(emulationYearId: $y) { unitId form status explanation { rule text english } } }`;

/** The year's nominations, once the worker has computed them: before publication only the head unit sees them. */
const untilNominations = (block: LockedBlock) =>
  vi.waitFor(
    async () => {
      const n = ok(await as<Nominations>(block.officers[0]!, NOMINATIONS, { y: block.yearId })).nominations;
      expect(n.length).toBeGreaterThan(0);
      return n;
    },
    { timeout: 20_000, interval: 100 },
  );

/** Runs a whole block vote through the API: open, everyone casts `picks`, close (the worker then counts it). */
async function vote(block: LockedBlock, contests: { kind: string; seats: number }[], picks: number[][]) {
  const opened = await openBlockVote(app, province, block, contests);
  await castBlockBallots(app, province, block, opened, picks);
  await closeBlockVote(app, province, block.officers[0]!, opened.id);
  return opened.id;
}

beforeAll(async () => {
  app = await startTestApp({ template: inject('templateDatabase'), worker: true });
  province = await provinceId(app.dataSource, '15');
  admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
});
afterAll(() => app?.close());

describe('the articles, through HTTP and the worker', () => {
  it('a 9/9 vote gives the flag proposal to the winner, with its explanation; the dossier then freezes it', async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    await vote(block, [{ kind: 'FLAG', seats: 1 }], [[3]]);
    // The tally's outbox event runs the engine in the worker.
    const list = await untilNominations(block);
    const flag = list.find((n) => n.form === 'FLAG_PROVINCE')!;
    expect(flag).toMatchObject({ unitId: block.units[3]!.id, status: 'PROPOSED_BY_BLOCK' });
    expect(flag.explanation[0]!.text).toBe(
      'Được Khối bình chọn là đơn vị dẫn đầu; đề nghị Cờ thi đua của UBND tỉnh (Khối được đề nghị 1 Cờ thi đua).',
    );
    // Kept in English too, for a reader of the English interface.
    expect(flag.explanation[0]!.english).toBe(
      "Voted the block's leader; proposed for the provincial emulation flag (the block may propose 1 flag).",
    );
    // 30% of 9 = 2 certificates of merit, by score, never to the flag unit.
    const merit = list.filter((n) => n.form === 'MERIT_PROVINCE').map((n) => n.unitId);
    expect(merit.sort()).toEqual([block.units[0]!.id, block.units[1]!.id].sort());

    // Re-running on the same facts gives the same proposals.
    const again = ok(
      await as<{ recomputeAwards: Nominations['nominations'] }>(
        block.officers[0]!,
        `mutation($y: ID!) { recomputeAwards(emulationYearId: $y) { unitId form } }`,
        { y: block.yearId },
      ),
    );
    expect(again.recomputeAwards.map((n) => `${n.form}:${n.unitId}`).sort()).toEqual(
      list.map((n) => `${n.form}:${n.unitId}`).sort(),
    );

    const periods = ok(
      await as<{ votingPeriods: { id: string }[] }>(
        admin,
        `query($y: ID!) { votingPeriods(emulationYearId: $y) { id } }`,
        { y: block.yearId },
      ),
    ).votingPeriods;
    // Before the count is announced the secretariat's queue does not list them: only the head unit knows them.
    const early = ok(
      await as<{ nominationQueue: { nodes: { emulationYear: { id: string }; basis: unknown }[] } }>(
        admin,
        `{ nominationQueue(first: 100) { nodes { emulationYear { id } basis { votes rank } } } }`,
      ),
    ).nominationQueue.nodes.filter((n) => n.emulationYear.id === block.yearId);
    expect(early).toEqual([]);
    ok(
      await as(block.officers[0]!, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, {
        id: periods[0]!.id,
      }),
    );
    // What the council weighs beside the dossier: the vote that chose the flag unit and every proposal's score.
    const basis = ok(
      await as<{
        nominations: { unitId: string; form: string; basis: Record<string, unknown> }[];
      }>(
        admin,
        `query($y: ID!) { nominations(emulationYearId: $y) { unitId form basis {
           votingPeriodId round votes cast eligible decidedByHeadAndDeputy finalScore rank memberCount } } }`,
        { y: block.yearId },
      ),
    ).nominations;
    expect(basis.find((n) => n.form === 'FLAG_PROVINCE')!.basis).toMatchObject({
      votingPeriodId: periods[0]!.id,
      round: 1,
      votes: 9,
      cast: 9,
      eligible: 9,
      decidedByHeadAndDeputy: false,
      memberCount: 9,
    });
    // No certificate-of-merit contest was voted: those proposals stand on score and rank alone.
    for (const m of basis.filter((n) => n.form === 'MERIT_PROVINCE')) {
      expect(m.basis).toMatchObject({ round: null, votes: null, memberCount: 9 });
      expect(m.basis.finalScore).toEqual(expect.any(Number));
      expect(m.basis.rank).toBeLessThanOrEqual(3);
    }

    const submitted = ok(
      await as<{ submitDossier: { status: string }[] }>(
        block.officers[0]!,
        `mutation($y: ID!) { submitDossier(emulationYearId: $y) { status } }`,
        { y: block.yearId },
      ),
    );
    expect(submitted.submitDossier.map((n) => n.status)).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED']);
    const frozen = await as(admin, `mutation($y: ID!) { recomputeAwards(emulationYearId: $y) { unitId } }`, {
      y: block.yearId,
    });
    expect(frozen.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const year = ok(
      await as<{ emulationYear: { state: string } }>(
        admin,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { state } }`,
        { b: block.blockId },
      ),
    );
    expect(year.emulationYear.state).toBe('DOSSIER_SUBMITTED');
    // The secretariat hears the dossier has arrived, and is led to its appraisal queue.
    await vi.waitFor(
      async () => {
        const inbox = ok(
          await as<{ notifications: { nodes: { event: string; body: string; link: string }[] } }>(
            admin,
            `{ notifications(first: 20) { nodes { event body link } } }`,
          ),
        );
        expect(inbox.notifications.nodes.find((n) => n.event === 'YEAR_DOSSIER_SUBMITTED')).toEqual({
          event: 'YEAR_DOSSIER_SUBMITTED',
          body: expect.stringMatching(
            /^Khối thi đua .* đã gửi hồ sơ đề nghị khen thưởng năm 2026 lên Sở Nội vụ: đề nghị thẩm định\.$/,
          ),
          link: '/nominations',
        });
      },
      { timeout: 20_000, interval: 100 },
    );

    // The secretariat closes the year; the block's officers hear of it.
    const yearId = block.yearId;
    ok(
      await as(admin, `mutation($id: ID!) { transitionEmulationYear(id: $id, to: CLOSED) { state } }`, {
        id: yearId,
      }),
    );
    await vi.waitFor(
      async () => {
        const inbox = ok(
          await as<{ notifications: { nodes: { event: string; body: string }[] } }>(
            block.officers[4]!,
            `{ notifications(first: 20) { nodes { event body } } }`,
          ),
        );
        // Closed by hand: next year's head is named as elected, and no draft (none was opened) is asked of anyone.
        expect(inbox.notifications.nodes.find((n) => n.event === 'YEAR_CLOSED')?.body).toMatch(
          /^Khối thi đua .* đã kết thúc năm thi đua 2026\. Trưởng khối năm 2027: [^.]+\.$/,
        );
      },
      { timeout: 20_000, interval: 100 },
    );
  });

  it('a block of 9 proposing two flags (quota set to two), and electing its next head and deputy', async () => {
    ok(
      await as(
        admin,
        `mutation { setAwardRuleSet(effectiveYear: 2026, input: { flagQuota: { kind: COUNT, value: 2 } }) { effectiveYear } }`,
      ),
    );
    const block = await createLockedBlock(app, province, NAMES, admin);
    await vote(
      block,
      [
        { kind: 'FLAG', seats: 2 },
        { kind: 'NEXT_HEAD', seats: 1 },
        { kind: 'NEXT_DEPUTY', seats: 1 },
      ],
      [[2, 3], [1], [4]],
    );
    const outcome = await vi.waitFor(
      async () => {
        const y = ok(
          await as<{
            emulationYear: { awardOutcome: { nextHeadUnitId: string; nextDeputyUnitId: string } | null };
          }>(
            block.officers[0]!,
            `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardOutcome { nextHeadUnitId nextDeputyUnitId } } }`,
            { b: block.blockId },
          ),
        );
        expect(y.emulationYear.awardOutcome).not.toBeNull();
        return y.emulationYear.awardOutcome!;
      },
      { timeout: 20_000, interval: 100 },
    );
    // As in Lào Cai 2023: Báo Lào Cai heads the block next year, Ban Tổ chức is deputy.
    expect(outcome).toEqual({ nextHeadUnitId: block.units[1]!.id, nextDeputyUnitId: block.units[4]!.id });
    const list = ok(await as<Nominations>(block.officers[0]!, NOMINATIONS, { y: block.yearId })).nominations;
    expect(
      list
        .filter((n) => n.form === 'FLAG_PROVINCE')
        .map((n) => n.unitId)
        .sort(),
    ).toEqual([block.units[2]!.id, block.units[3]!.id].sort());
    // The next head is proposed for a certificate of merit; its election is the year's outcome, not the grounds
    // its dossier gives the council (R11 lines stay on the year's explanation only).
    expect(list.find((n) => n.unitId === block.units[1]!.id)?.form).toBe('MERIT_PROVINCE');
    for (const n of list) expect(n.explanation.map((l) => l.rule)).not.toContain('R11');
    ok(
      await as(
        admin,
        `mutation { setAwardRuleSet(effectiveYear: 2026, input: { flagQuota: { kind: COUNT, value: 1 } }) { effectiveYear } }`,
      ),
    );
  });

  it('a block proposing its outgoing head for the flag and two members for certificates of merit, electing a new head', async () => {
    // As in Ninh Thuận 2023: the head (index 0) leads, Báo and Ủy ban Kiểm tra get merit, the deputy becomes head.
    const block = await createLockedBlock(app, province, NAMES, admin);
    await vote(
      block,
      [
        { kind: 'FLAG', seats: 1 },
        { kind: 'MERIT', seats: 2 },
        { kind: 'NEXT_HEAD', seats: 1 },
      ],
      [[0], [1, 6], [5]],
    );
    const outcome = await vi.waitFor(
      async () => {
        const y = ok(
          await as<{ emulationYear: { awardOutcome: { nextHeadUnitId: string } | null } }>(
            block.officers[0]!,
            `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardOutcome { nextHeadUnitId } } }`,
            { b: block.blockId },
          ),
        );
        expect(y.emulationYear.awardOutcome).not.toBeNull();
        return y.emulationYear.awardOutcome!;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(outcome.nextHeadUnitId).toBe(block.units[5]!.id);
    const list = ok(await as<Nominations>(block.officers[0]!, NOMINATIONS, { y: block.yearId })).nominations;
    expect(list.map((n) => `${n.form}:${n.unitId}`).sort()).toEqual(
      [
        `FLAG_PROVINCE:${block.units[0]!.id}`,
        `MERIT_PROVINCE:${block.units[1]!.id}`,
        `MERIT_PROVINCE:${block.units[6]!.id}`,
      ].sort(),
    );
  });

  it('a deferred unit is not on the flag ballot, cannot be named on it, and is never proposed (R1, R8)', async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    const deferred = block.units[3]!;
    ok(
      await as(
        admin,
        `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: INSPECTION, note: "Quyết định thanh tra số 15/QĐ-TTr", openedOn: "2026-03-01" }) { id } }`,
        { u: deferred.id },
      ),
    );
    // The head unit reads, before opening the vote, who is left off the award ballots and why; the inspection's
    // details are the unit's and the secretariat's.
    const EXCLUSIONS = `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardExclusions { unitId lines { rule text english } } } }`;
    type Exclusions = {
      emulationYear: {
        awardExclusions: { unitId: string; lines: { rule: string; text: string; english: string }[] }[];
      };
    };
    const read = async (who: Account) =>
      ok(await as<Exclusions>(who, EXCLUSIONS, { b: block.blockId })).emulationYear.awardExclusions;
    expect(await read(block.officers[0]!)).toEqual([
      {
        unitId: deferred.id,
        // In English too, and as briefly: the details stay the unit's and the secretariat's in either language.
        lines: [
          {
            rule: 'R8',
            text: 'Hoãn xét khen thưởng: đang bị thanh tra.',
            english: 'Award review deferred: an inspection is open.',
          },
        ],
      },
    ]);
    expect(await read(admin)).toEqual([
      {
        unitId: deferred.id,
        lines: [
          {
            rule: 'R8',
            text: 'Hoãn xét khen thưởng: đang bị thanh tra (Quyết định thanh tra số 15/QĐ-TTr).',
            english: 'Award review deferred: an inspection is open (Quyết định thanh tra số 15/QĐ-TTr).',
          },
        ],
      },
    ]);
    // A member unit's officer does not see another unit's deferral.
    const member = ok(
      await as<{ emulationYear: { awardExclusions: unknown[] } }>(
        block.officers[5]!,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardExclusions { unitId } } }`,
        { b: block.blockId },
      ),
    );
    expect(member.emulationYear.awardExclusions).toEqual([]);

    await ensureBlockConference(app, province, block, block.officers[0]!);
    const named = await app.gql(
      `mutation($v: OpenVotingPeriodInput!) { openVotingPeriod(input: $v) { id } }`,
      {
        v: {
          emulationYearId: block.yearId,
          closesAt: new Date(Date.now() + 3600_000).toISOString(),
          contests: [{ kind: 'FLAG', seats: 1, candidateUnitIds: block.units.map((u) => u.id) }],
        },
      },
      { token: block.officers[0]!.token, provinceId: province },
    );
    expect(named.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'contests.0.candidateUnitIds', message: expect.stringContaining('(R1)') }],
    });

    const opened = await openBlockVote(app, province, block, [
      { kind: 'FLAG', seats: 1 },
      { kind: 'NEXT_HEAD', seats: 1 },
    ]);
    const contests = ok(
      await as<{ votingPeriod: { contests: { kind: string; candidateUnitIds: string[] }[] } }>(
        block.officers[0]!,
        `query($id: ID!) { votingPeriod(id: $id) { contests { kind candidateUnitIds } } }`,
        { id: opened.id },
      ),
    ).votingPeriod.contests;
    expect(contests.find((c) => c.kind === 'FLAG')!.candidateUnitIds).not.toContain(deferred.id);
    expect(contests.find((c) => c.kind === 'FLAG')!.candidateUnitIds).toHaveLength(NAMES.length - 1);
    // Heading the block next year is not an award: the deferred unit stands.
    expect(contests.find((c) => c.kind === 'NEXT_HEAD')!.candidateUnitIds).toContain(deferred.id);
    const refused = await as(
      block.officers[1]!,
      `mutation($v: CastBallotInput!) { castBallot(input: $v) { receiptCode } }`,
      {
        v: {
          votingPeriodId: opened.id,
          choices: [{ contestId: opened.contests[0]!.id, unitIds: [deferred.id] }],
        },
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await castBlockBallots(app, province, block, opened, [[4], [3]]);
    await closeBlockVote(app, province, block.officers[0]!, opened.id);
    const list = await untilNominations(block);
    expect(list.find((n) => n.form === 'FLAG_PROVINCE')?.unitId).toBe(block.units[4]!.id);
    expect(list.map((n) => n.unitId)).not.toContain(deferred.id);
  });

  it('a unit whose head was disciplined, recorded after the vote, drops out of the proposals (R9), with the decision shown', async () => {
    const block = await createLockedBlock(app, province, NAMES, admin);
    const winner = block.units[3]!;
    await vote(block, [{ kind: 'FLAG', seats: 1 }], [[3]]);
    expect((await untilNominations(block)).find((n) => n.form === 'FLAG_PROVINCE')?.unitId).toBe(winner.id);

    const recorded = ok(
      await as<{ recordDisqualification: { id: string; reason: string } }>(
        admin,
        `mutation($v: RecordDisqualificationInput!) { recordDisqualification(input: $v) { id reason } }`,
        {
          v: {
            unitId: winner.id,
            year: 2026,
            reason: 'HEAD_DISCIPLINED',
            detail: 'Quyết định kỷ luật số 12/QĐ-UBKT ngày 03/06/2026',
          },
        },
      ),
    ).recordDisqualification;
    expect(recorded.reason).toBe('HEAD_DISCIPLINED');
    const tooEarly = await as(
      admin,
      `mutation($v: RecordDisqualificationInput!) { recordDisqualification(input: $v) { id } }`,
      { v: { unitId: winner.id, year: 1999, reason: 'COVENANT_BREACH', detail: 'Vi phạm giao ước' } },
    );
    expect(tooEarly.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'year' }],
    });

    // The engine ran again on the new fact: the dossier not yet submitted no longer proposes the unit.
    const list = ok(await as<Nominations>(block.officers[0]!, NOMINATIONS, { y: block.yearId })).nominations;
    expect(list.map((n) => n.unitId)).not.toContain(winner.id);
    expect(list.filter((n) => n.form === 'FLAG_PROVINCE')).toEqual([]);
    const outcome = ok(
      await as<{
        emulationYear: {
          awardOutcome: { explanations: { unitId: string; lines: { rule: string; text: string }[] }[] };
        };
      }>(
        block.officers[0]!,
        `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardOutcome { explanations { unitId lines { rule text } } } } }`,
        { b: block.blockId },
      ),
    ).emulationYear.awardOutcome;
    const lines = outcome.explanations.find((e) => e.unitId === winner.id)!.lines;
    expect(lines[0]).toEqual({
      rule: 'R9',
      text: 'Không đủ điều kiện: người đứng đầu bị kỷ luật trong năm (Quyết định kỷ luật số 12/QĐ-UBKT ngày 03/06/2026).',
    });
    expect(lines[1]?.rule).toBe('R1');

    // Removed as recorded by mistake: the engine runs again and the unit is proposed again.
    ok(await as(admin, `mutation($id: ID!) { removeDisqualification(id: $id) { id } }`, { id: recorded.id }));
    const restored = ok(
      await as<Nominations>(block.officers[0]!, NOMINATIONS, { y: block.yearId }),
    ).nominations;
    expect(restored.find((n) => n.form === 'FLAG_PROVINCE')?.unitId).toBe(winner.id);
  });

  it('a unit that moved blocks during the year is proposed by one block only (R7)', async () => {
    const first = await createLockedBlock(app, province, NAMES.slice(0, 5), admin);
    const second = await createLockedBlock(app, province, NAMES.slice(0, 5), admin);
    const moved = first.units[3]!;
    const firstVote = await vote(first, [{ kind: 'FLAG', seats: 1 }], [[3]]);
    expect((await untilNominations(first)).find((n) => n.form === 'FLAG_PROVINCE')?.unitId).toBe(moved.id);
    // On 1 July the unit moved to the second block: a member of both in 2026.
    await runInTenant(app.dataSource, province, async () => {
      const m = await currentManager();
      await m.query(
        `UPDATE block_membership SET valid_to = '2026-06-30' WHERE block_id = $1 AND unit_id = $2`,
        [first.blockId, moved.id],
      );
      await m.query(
        `INSERT INTO block_membership (province_id, block_id, block_kind, unit_id, valid_from)
         VALUES ($1, $2, 'BLOCK', $3, '2026-07-01')`,
        [province, second.blockId, moved.id],
      );
    });
    const EXCLUSIONS = `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardExclusions { unitId } } }`;
    // Until the first block announces its results, the second learns nothing of them.
    const secret = ok(
      await as<{ emulationYear: { awardExclusions: unknown[] } }>(second.officers[0]!, EXCLUSIONS, {
        b: second.blockId,
      }),
    );
    expect(secret.emulationYear.awardExclusions).toEqual([]);
    ok(
      await as(first.officers[0]!, `mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, {
        id: firstVote,
      }),
    );
    const left = ok(
      await as<{
        block: { name: string };
        emulationYear: { awardExclusions: { unitId: string; lines: { rule: string; text: string }[] }[] };
      }>(
        second.officers[0]!,
        `query($b: ID!, $a: ID!) { block(id: $a) { name } emulationYear(blockId: $b, year: 2026) { awardExclusions { unitId lines { rule text } } } }`,
        { b: second.blockId, a: first.blockId },
      ),
    );
    expect(left.emulationYear.awardExclusions).toEqual([
      {
        unitId: moved.id,
        lines: [
          {
            rule: 'R7',
            text: `Đã được ${left.block.name} đề nghị Cờ thi đua của UBND tỉnh trong năm: mỗi đơn vị chỉ nhận một hình thức đề nghị của khối, cụm thi đua trong năm.`,
          },
        ],
      },
    ]);
    const opened = await openBlockVote(app, province, second, [{ kind: 'FLAG', seats: 1 }]);
    const flag = ok(
      await as<{ votingPeriod: { contests: { candidateUnitIds: string[] }[] } }>(
        second.officers[0]!,
        `query($id: ID!) { votingPeriod(id: $id) { contests { candidateUnitIds } } }`,
        { id: opened.id },
      ),
    ).votingPeriod.contests[0]!.candidateUnitIds;
    expect(flag).not.toContain(moved.id);
    expect(flag).toHaveLength(5);
  });

  it('a deferral opened after the dossier was sent stops the nomination on its way, with the reason, until resumed (R8)', async () => {
    const block = await createFinishedBlock(app, province, NAMES, admin);
    const unit = block.units[3]!;
    const flag = ok(
      await as<{ nominations: { id: string; unitId: string; form: string }[] }>(
        admin,
        `query($y: ID!) { nominations(emulationYearId: $y) { id unitId form } }`,
        { y: block.yearId },
      ),
    ).nominations.find((n) => n.form === 'FLAG_PROVINCE')!;
    expect(flag.unitId).toBe(unit.id);
    // The council has approved it; the decision is not yet signed.
    await runInTenant(app.dataSource, province, async () =>
      (await currentManager()).query(`UPDATE nomination SET status = 'COUNCIL_APPROVED' WHERE id = $1`, [
        flag.id,
      ]),
    );

    const future = await as(
      admin,
      `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: COMPLAINT, note: "Đơn khiếu nại", openedOn: "2099-01-01" }) { id } }`,
      { u: unit.id },
    );
    // The platform's operators do not act inside a province's workflow.
    const platform = await createAccount(app, 'PLATFORM_ADMIN');
    const byOperator = await as(
      platform,
      `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: COMPLAINT, note: "Đơn khiếu nại", openedOn: "2026-12-01" }) { id } }`,
      { u: unit.id },
    );
    expect(byOperator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(future.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'openedOn' }],
    });
    const deferral = ok(
      await as<{ recordDeferral: { id: string } }>(
        admin,
        `mutation($u: ID!) { recordDeferral(input: { unitId: $u, reason: COMPLAINT, note: "Đơn khiếu nại ngày 02/12/2026", openedOn: "2026-12-01" }) { id } }`,
        { u: unit.id },
      ),
    ).recordDeferral;
    const NOMINATION = `query($id: ID!) { nomination(id: $id) { status statusReason } }`;
    const stopped = ok(
      await as<{ nomination: { status: string; statusReason: string } }>(admin, NOMINATION, { id: flag.id }),
    );
    expect(stopped.nomination).toEqual({
      status: 'DEFERRED',
      statusReason: 'Hoãn xét khen thưởng: đang có khiếu nại (Đơn khiếu nại ngày 02/12/2026)',
    });
    // No decision is signed for it while it is deferred.
    const decided = await as(
      admin,
      `mutation($v: IssueAwardDecisionInput!) { issueAwardDecision(input: $v) { id } }`,
      {
        v: {
          issuerName: 'UBND tỉnh Lào Cai',
          decisionDate: '2027-01-15',
          signerName: 'Trịnh Xuân Trường',
          nominationIds: [flag.id],
        },
      },
    );
    expect(decided.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // The unit hears why.
    await vi.waitFor(
      async () => {
        const inbox = ok(
          await as<{ notifications: { nodes: { body: string }[] } }>(
            block.officers[3]!,
            `{ notifications(first: 20) { nodes { body } } }`,
          ),
        );
        expect(inbox.notifications.nodes.map((n) => n.body).join('\n')).toMatch(/hoãn xét/i);
      },
      { timeout: 20_000, interval: 100 },
    );

    // While the complaint is open, the appraisal does not resume.
    const early = await as(
      admin,
      `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`,
      { v: { id: flag.id, to: 'IN_APPRAISAL' } },
    );
    expect(early.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'to', message: expect.stringMatching(/still open/) }],
    });
    // The complaint closes; the secretariat resumes the appraisal, which starts again.
    ok(
      await as(admin, `mutation($id: ID!) { closeDeferral(id: $id, closedOn: "2026-12-01") { id } }`, {
        id: deferral.id,
      }),
    );
    expect(
      ok(await as<{ nomination: { status: string } }>(admin, NOMINATION, { id: flag.id })).nomination.status,
    ).toBe('DEFERRED');
    ok(
      await as(admin, `mutation($v: AppraiseNominationInput!) { appraiseNomination(input: $v) { status } }`, {
        v: { id: flag.id, to: 'IN_APPRAISAL' },
      }),
    );
    expect(
      ok(await as<{ nomination: { status: string } }>(admin, NOMINATION, { id: flag.id })).nomination.status,
    ).toBe('IN_APPRAISAL');
  });
});

describe('rule sets', () => {
  it.each([
    [`{ meritQuota: { kind: COUNT, value: -1 } }`, 'meritQuota.value'],
    [`{ voteThresholdPercent: 120 }`, 'voteThresholdPercent'],
    [`{ councilAttendancePercent: 0 }`, 'councilAttendancePercent'],
    [`{ dossierDeadline: { kind: FIXED_DAY, month: 2, day: 30, yearOffset: 1 } }`, 'dossierDeadline'],
    [`{ dossierDeadline: { kind: DAYS_AFTER_CONFERENCE, days: 400 } }`, 'dossierDeadline.days'],
  ])('refuses %s, naming %s', async (input, field) => {
    const res = await as(
      admin,
      `mutation { setAwardRuleSet(effectiveYear: 2030, input: ${input}) { effectiveYear } }`,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
  });

  it('shows the defaults of domain.md until a version is set, then the version in force for later years', async () => {
    const before = ok(
      await as<{
        awardRuleSet: {
          effectiveYear: number | null;
          rules: {
            meritQuota: { kind: string; value: number };
            dossierDeadline: { kind: string; days: number };
          };
        };
      }>(
        admin,
        `{ awardRuleSet(year: 2031) { effectiveYear rules { meritQuota { kind value } dossierDeadline { kind days } } } }`,
      ),
    );
    expect(before.awardRuleSet).toEqual({
      effectiveYear: 2026,
      rules: {
        meritQuota: { kind: 'SHARE', value: 30 },
        dossierDeadline: { kind: 'DAYS_AFTER_CONFERENCE', days: 15 },
      },
    });
    const other = await createAccount(app, 'PROVINCE_ADMIN', {
      provinceId: await provinceId(app.dataSource, '22'),
    });
    const fresh = await app.gql<{ awardRuleSet: { effectiveYear: number | null } }>(
      `{ awardRuleSet(year: 2031) { effectiveYear } }`,
      {},
      { token: other.token, provinceId: await provinceId(app.dataSource, '22') },
    );
    expect(fresh.data?.awardRuleSet.effectiveYear).toBeNull();
  });

  it('lets the province choose how streaks count; a version saved before those settings reads with the defaults', async () => {
    const streakSettings = (year: number) =>
      as<{ awardRuleSet: { rules: { meritStreak: string; lineageMode: string } } }>(
        admin,
        `{ awardRuleSet(year: ${year}) { rules { meritStreak lineageMode } } }`,
      );
    ok(
      await as(
        admin,
        `mutation { setAwardRuleSet(effectiveYear: 2033, input: { meritStreak: EXPLAIN, lineageMode: ANY_PREDECESSOR }) { effectiveYear } }`,
      ),
    );
    expect(ok(await streakSettings(2033)).awardRuleSet.rules).toEqual({
      meritStreak: 'EXPLAIN',
      lineageMode: 'ANY_PREDECESSOR',
    });
    // As stored by the platform before streaks existed: no meritStreak, no lineageMode.
    await runInTenant(app.dataSource, province, async () =>
      (await currentManager()).query(
        `INSERT INTO award_rule_set (province_id, effective_year, rules, created_by)
         SELECT province_id, 2035, rules - 'meritStreak' - 'lineageMode', created_by FROM award_rule_set
         WHERE effective_year = 2033`,
      ),
    );
    expect(ok(await streakSettings(2035)).awardRuleSet.rules).toEqual({
      meritStreak: 'PROPOSE',
      lineageMode: 'ALL_PREDECESSORS',
    });
  });
});
