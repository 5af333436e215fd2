import type { Account, LockedBlock } from './factories';
import { ok, type TestApp } from './harness';

/** A block vote opened through the API: its id and its contests, in the order asked for. */
export interface OpenedVote {
  id: string;
  contests: { id: string }[];
}

/** Opens a block vote for the next hour; by default the head unit's officer opens it. */
export async function openBlockVote(
  app: TestApp,
  province: string,
  block: LockedBlock,
  contests: { kind: string; seats?: number }[],
  actor: Account = block.officers[0]!,
): Promise<OpenedVote> {
  const res = await app.gql<{ openVotingPeriod: OpenedVote }>(
    `mutation($v: OpenVotingPeriodInput!) { openVotingPeriod(input: $v) { id contests { id } } }`,
    {
      v: {
        emulationYearId: block.yearId,
        closesAt: new Date(Date.now() + 3600_000).toISOString(),
        contests,
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
