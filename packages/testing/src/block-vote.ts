import { vietnamDate } from '@thidua/domain';
import { expect, vi } from 'vitest';
import { createLockedBlock, type Account, type LockedBlock } from './factories';
import { ok, type TestApp } from './harness';

/** A block vote opened through the API: its id and its contests, in the order asked for. */
export interface OpenedVote {
  id: string;
  contests: { id: string }[];
}

/**
 * Records the block's year-end conference (held today unless said otherwise, every member present); the head
 * unit's officer records it by default.
 */
export async function recordBlockConference(
  app: TestApp,
  province: string,
  block: LockedBlock,
  fields: Record<string, unknown> = {},
  actor: Account = block.officers[0]!,
): Promise<{ id: string; heldOn: string }> {
  const res = await app.gql<{ recordConference: { id: string; heldOn: string } }>(
    `mutation($c: RecordConferenceInput!) { recordConference(input: $c) { id heldOn } }`,
    {
      c: {
        emulationYearId: block.yearId,
        heldOn: vietnamDate(new Date()),
        place: 'Hội trường Văn phòng Tỉnh ủy',
        attendance: block.units.map((u) => ({
          unitId: u.id,
          present: true,
          representatives: ['Đại diện đơn vị'],
        })),
        ...fields,
      },
    },
    { token: actor.token, provinceId: province },
  );
  return ok(res).recordConference;
}

/** Records the block's conference unless it is recorded already. */
export async function ensureBlockConference(
  app: TestApp,
  province: string,
  block: LockedBlock,
  actor: Account = block.officers[0]!,
): Promise<void> {
  const recorded = await app.gql<{ emulationYear: { conference: { id: string } | null } }>(
    `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { conference { id } } }`,
    { b: block.blockId },
    { token: actor.token, provinceId: province },
  );
  if (!ok(recorded).emulationYear.conference) await recordBlockConference(app, province, block, {}, actor);
}

/**
 * Opens a block vote for the next hour, at the block's conference (recorded first when it is not); by default
 * the head unit's officer opens it.
 */
export async function openBlockVote(
  app: TestApp,
  province: string,
  block: LockedBlock,
  contests: { kind: string; seats?: number }[],
  actor: Account = block.officers[0]!,
  extra: Record<string, unknown> = {},
): Promise<OpenedVote> {
  await ensureBlockConference(app, province, block, actor);
  const res = await app.gql<{ openVotingPeriod: OpenedVote }>(
    `mutation($v: OpenVotingPeriodInput!) { openVotingPeriod(input: $v) { id contests { id } } }`,
    {
      v: {
        emulationYearId: block.yearId,
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
        contests,
        ...extra,
      },
    },
    { token: actor.token, provinceId: province },
  );
  return ok(res).openVotingPeriod;
}

/**
 * Every voter (all members by default) casts the same ballot: `picks[c]` lists, by index into `block.units`,
 * the units chosen in contest `c`.
 */
export async function castBlockBallots(
  app: TestApp,
  province: string,
  block: LockedBlock,
  vote: OpenedVote,
  picks: number[][],
  voters: Account[] = block.officers,
): Promise<void> {
  for (const voter of voters) {
    const choices = picks.map((p, c) => ({
      contestId: vote.contests[c]!.id,
      unitIds: p.map((j) => block.units[j]!.id),
    }));
    ok(
      await app.gql(
        `mutation($v: CastBallotInput!) { castBallot(input: $v) { receiptCode } }`,
        { v: { votingPeriodId: vote.id, choices } },
        { token: voter.token, provinceId: province },
      ),
    );
  }
}

export async function closeBlockVote(app: TestApp, province: string, actor: Account, periodId: string) {
  ok(
    await app.gql(
      `mutation($id: ID!) { closeVotingPeriod(id: $id) { status } }`,
      { id: periodId },
      { token: actor.token, provinceId: province },
    ),
  );
}

/**
 * A block whose year is done, as in Lào Cai 2023: all voted the flag to unit 3, unit 1 (Báo Lào Cai) to head the
 * block next year and unit 4 (Ban Tổ chức) as deputy; the worker ran the awards engine; the results are published
 * and the head unit submitted the dossier. Needs a running worker. `beforeVote` records what the engine should
 * see (history, registrations) while the year is locked.
 */
export async function createFinishedBlock(
  app: TestApp,
  province: string,
  names: string[],
  secretariat: Account,
  { beforeVote }: { beforeVote?: (block: LockedBlock) => Promise<void> } = {},
): Promise<LockedBlock> {
  const block = await createLockedBlock(app, province, names, secretariat);
  await beforeVote?.(block);
  const period = await openBlockVote(app, province, block, [
    { kind: 'FLAG', seats: 1 },
    { kind: 'NEXT_HEAD', seats: 1 },
    { kind: 'NEXT_DEPUTY', seats: 1 },
  ]);
  await castBlockBallots(app, province, block, period, [[3], [1], [4]]);
  await finishBlockVote(app, province, block, period.id);
  return block;
}

/**
 * After the ballots: the head unit closes the vote, the worker counts it and runs the awards engine, the results
 * are published and the head unit submits the dossier. Needs a running worker.
 */
export async function finishBlockVote(app: TestApp, province: string, block: LockedBlock, periodId: string) {
  const head = block.officers[0]!;
  const call = <T>(q: string, v: Record<string, unknown>) =>
    app.gql<T>(q, v, { token: head.token, provinceId: province });
  await closeBlockVote(app, province, head, periodId);
  await vi.waitFor(
    async () => {
      const y = ok(
        await call<{ emulationYear: { awardOutcome: unknown } }>(
          `query($b: ID!) { emulationYear(blockId: $b, year: 2026) { awardOutcome { nextHeadUnitId } } }`,
          { b: block.blockId },
        ),
      );
      expect(y.emulationYear.awardOutcome).not.toBeNull();
    },
    { timeout: 20_000, interval: 100 },
  );
  ok(await call(`mutation($id: ID!) { publishVotingResults(id: $id) { id } }`, { id: periodId }));
  ok(await call(`mutation($y: ID!) { submitDossier(emulationYearId: $y) { status } }`, { y: block.yearId }));
}
