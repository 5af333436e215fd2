import { randomFillSync } from 'node:crypto';
import type { Choice, Contest, ContestResult } from '@thidua/domain';
import { In } from 'typeorm';
import {
  BallotReceipt,
  HeadDeputyDecision,
  VotingContest,
  VotingPeriod,
  VotingResult,
  type CloseReason,
  type VotingOutcome,
} from '../entities';
import { currentProvinceId, preparedQuery, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

export interface BallotRules {
  kind: 'BLOCK' | 'COUNCIL';
  /** A PAPER round takes no online ballots. */
  method: 'ONLINE' | 'PAPER';
  allowSelfVote: boolean;
  eligibleVoterIds: string[];
  contests: Contest[];
}

export type NewVotingPeriod = Pick<
  VotingPeriod,
  | 'emulationYearId'
  | 'conferenceId'
  | 'method'
  | 'runoffCandidates'
  | 'kind'
  | 'attendancePercent'
  | 'round'
  | 'previousPeriodId'
  | 'eligibleVoterIds'
  | 'thresholdPercent'
  | 'thresholdMode'
  | 'allowSelfVote'
  | 'maxRounds'
  | 'reminderMinutes'
  | 'opensAt'
  | 'closesAt'
  | 'openedBy'
>;

/**
 * Readable receipt codes: 32 symbols, no 0/O or 1/I to misread at a conference table; a random byte's low five
 * bits pick one uniformly.
 */
const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECEIPT_LENGTH = 10;
/**
 * Random bytes for 128 receipts, drawn from the cryptographic generator in one call (as Node's randomUUID does):
 * each call makes a system call (OpenSSL's check for a fork), 1.4 % of the gateway's CPU when it was one a ballot.
 */
const receiptBytes = Buffer.alloc(RECEIPT_LENGTH * 128);
let receiptOffset = receiptBytes.length;

/**
 * A ballot's receipt, five symbols, a hyphen and five more (`K7M2Q-RT9HX`): what a voter keeps to check their
 * ballot was counted.
 */
export function receiptCode(): string {
  if (receiptOffset === receiptBytes.length) {
    randomFillSync(receiptBytes);
    receiptOffset = 0;
  }
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) {
    if (i === RECEIPT_LENGTH / 2) code += '-';
    code += RECEIPT_ALPHABET[receiptBytes[receiptOffset + i]! & 31];
  }
  receiptOffset += RECEIPT_LENGTH;
  return code;
}

const repo = async <T extends object>(entity: new () => T) => (await tenantManager()).getRepository(entity);

export const CAST_BALLOT_SQL = `SELECT voting_period_id AS "votingPeriodId", voter_id AS "voterId", receipt_code AS "receiptCode", cast_at AS "castAt"
       FROM cast_ballot($1, $2, $3, $4, $5)`;

export const BALLOT_RULES_SQL = `SELECT p.kind, p.method, p.allow_self_vote AS "allowSelfVote", p.eligible_voter_ids AS "eligibleVoterIds",
         (SELECT json_agg(json_build_object('id', c.id, 'kind', c.kind, 'seats', c.seats, 'candidates', c.candidate_unit_ids)
                          ORDER BY c.position)
          FROM voting_contest c WHERE c.province_id = p.province_id AND c.voting_period_id = p.id) AS contests
       FROM voting_period p WHERE p.id = $1`;

export const votingRepository = {
  async create(
    period: NewVotingPeriod,
    contests: (Pick<VotingContest, 'kind' | 'seats' | 'candidateUnitIds'> &
      Partial<Pick<VotingContest, 'nominationId' | 'thresholdPercent' | 'thresholdMode'>>)[],
  ) {
    const m = await tenantManager();
    const provinceId = currentProvinceId();
    const saved = await m
      .getRepository(VotingPeriod)
      .save(m.getRepository(VotingPeriod).create({ ...period, provinceId, status: 'OPEN' }));
    await m
      .getRepository(VotingContest)
      .insert(contests.map((c, i) => ({ ...c, provinceId, votingPeriodId: saved.id, position: i + 1 })));
    return saved;
  },

  async byIds(ids: readonly string[]): Promise<VotingPeriod[]> {
    if (!ids.length) return [];
    return (await repo(VotingPeriod)).findBy({ id: In([...ids]) });
  },

  async ofYears(yearIds: readonly string[]): Promise<VotingPeriod[]> {
    if (!yearIds.length) return [];
    return (await repo(VotingPeriod)).find({
      where: { emulationYearId: In([...yearIds]) },
      order: { round: 'ASC' },
    });
  },

  /** The province's online periods still open: their deadline work lives in the queue store. */
  async openOnline(): Promise<VotingPeriod[]> {
    return (await repo(VotingPeriod)).findBy({ status: 'OPEN', method: 'ONLINE' });
  },

  /** What a ballot is checked against; fixed when the period opens, so it may be cached. */
  async ballotRules(periodId: string): Promise<BallotRules | null> {
    const [row] = await (await tenantManager()).query(BALLOT_RULES_SQL, [periodId]);
    return row ?? null;
  },

  async contests(periodIds: readonly string[]): Promise<VotingContest[]> {
    if (!periodIds.length) return [];
    return (await repo(VotingContest)).find({
      where: { votingPeriodId: In([...periodIds]) },
      order: { position: 'ASC' },
    });
  },

  /** Ballots cast per period: the turnout, which says nothing about choices. */
  async turnout(periodIds: readonly string[]): Promise<Map<string, number>> {
    if (!periodIds.length) return new Map();
    const rows: { voting_period_id: string; n: number }[] = await (
      await tenantManager()
    ).query(
      `SELECT voting_period_id, count(*)::int AS n FROM ballot_receipt WHERE voting_period_id = ANY($1) GROUP BY 1`,
      [periodIds],
    );
    return new Map(rows.map((r) => [r.voting_period_id, r.n]));
  },

  /**
   * The period's ballots, counted once every earlier counter's transaction has ended (a transaction-scoped lock
   * on the period): of two last ballots cast together, the second to count sees both.
   */
  async turnoutCountedInTurn(periodId: string): Promise<number> {
    const m = await tenantManager();
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('turnout:' || $1, 0))`, [periodId]);
    return (await votingRepository.turnout([periodId])).get(periodId) ?? 0;
  },

  async receipts(periodId: string, voterIds: readonly string[]): Promise<BallotReceipt[]> {
    if (!voterIds.length) return [];
    return (await repo(BallotReceipt)).findBy({ votingPeriodId: periodId, voterId: In([...voterIds]) });
  },

  /** Who voted in each period (receipts say nothing of choices). */
  async receiptsOf(periodIds: readonly string[]): Promise<BallotReceipt[]> {
    if (!periodIds.length) return [];
    return (await repo(BallotReceipt)).findBy({ votingPeriodId: In([...periodIds]) });
  },

  /** The council's sessions, newest first; with `voterId`, only those that member was called to. */
  async councilSessions({ voterId, limit }: { voterId?: string; limit: number }): Promise<VotingPeriod[]> {
    const query = (await repo(VotingPeriod))
      .createQueryBuilder('p')
      .where(`p.kind = 'COUNCIL'`)
      .orderBy('p.openedAt', 'DESC')
      .addOrderBy('p.id')
      .limit(limit);
    if (voterId) query.andWhere(':voterId = ANY(p.eligible_voter_ids)', { voterId });
    return query.getMany();
  },

  /**
   * Records that the unit voted and, apart, what it voted. The receipt's key makes a second ballot for the same
   * unit fail in the database (unique violation), whatever the concurrency.
   */
  async cast(
    periodId: string,
    voterId: string,
    userId: string,
    choices: Choice[],
    { commit = false }: { commit?: boolean } = {},
  ): Promise<BallotReceipt | null> {
    // One round trip (the hot path of a conference vote): cast_ballot (SECURITY DEFINER) writes the receipt and
    // the ballot, which the application role can neither read nor write itself. The period must be open, under a
    // share lock that a concurrent close (an UPDATE) waits for: no ballot lands after its period closed.
    // Returns null when the period is not open any more.
    // Named: planned once per connection.
    const [row] = await preparedQuery<BallotReceipt>(
      'voting_cast_ballot',
      CAST_BALLOT_SQL,
      [periodId, voterId, receiptCode(), userId, JSON.stringify(choices)],
      { tenant: true, commit },
    );
    return row ?? null;
  },

  /** OPEN → CLOSED, once: a second close (job, sweeper, person) finds nothing to update. */
  async close(periodId: string, reason: CloseReason, userId: string | null): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE voting_period SET status = 'CLOSED', closed_at = now(), close_reason = $2, closed_by = $3
       WHERE id = $1 AND status = 'OPEN' RETURNING id`,
      [periodId, reason, userId],
    );
    // The trigger ballot_seal_on_close rewrites the ballots in random order under new ids as the period closes.
    return rows.length === 1;
  },

  /** Periods of the context's province whose deadline has passed, closed in one statement. */
  async closeOverdue(): Promise<string[]> {
    const rows = await returning<{ id: string }>(
      await tenantManager(),
      `UPDATE voting_period SET status = 'CLOSED', closed_at = now(), close_reason = 'DEADLINE'
       WHERE status = 'OPEN' AND method = 'ONLINE' AND coalesce(extended_until, closes_at) <= now() RETURNING id`,
      [],
    );
    return rows.map((r) => r.id);
  },

  async extend(periodId: string, until: Date, userId: string): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE voting_period SET extended_until = $2, extended_by = $3
       WHERE id = $1 AND status = 'OPEN' AND $2 > coalesce(extended_until, closes_at)
         AND coalesce(extended_until, closes_at) > clock_timestamp() RETURNING id`,
      [periodId, until, userId],
    );
    return rows.length === 1;
  },

  /** Locks a closed, untallied period for its tally; null when there is nothing to tally (already done). */
  async lockForTally(periodId: string): Promise<VotingPeriod | null> {
    return (await repo(VotingPeriod))
      .createQueryBuilder('p')
      .where('p.id = :periodId AND p.status = :status', { periodId, status: 'CLOSED' })
      .setLock('pessimistic_write')
      .getOne();
  },

  /**
   * A closed period's ballots, in random order, without ids: through closed_ballot_choices, which refuses an open
   * period (and one closed by this very transaction before its deadline, until that close commits).
   */
  async ballots(periodId: string): Promise<Choice[][]> {
    const rows: { choices: Choice[] }[] = await (
      await tenantManager()
    ).query(`SELECT closed_ballot_choices($1) AS choices`, [periodId]);
    return rows.map((r) => r.choices);
  },

  async saveTally(periodId: string, results: ContestResult[], outcome: VotingOutcome): Promise<void> {
    const provinceId = currentProvinceId();
    await (
      await repo(VotingResult)
    ).insert(
      results.map((result) => ({
        provinceId,
        votingPeriodId: periodId,
        contestId: result.contestId,
        result,
      })),
    );
    await (
      await tenantManager()
    ).query(
      `UPDATE voting_period SET status = 'TALLIED', outcome = $2, tallied_at = now() WHERE id = $1 AND status = 'CLOSED'`,
      [periodId, outcome],
    );
  },

  /** The council sessions, results not yet published, that these nominations are before (at most one each). */
  async pendingCouncilSessions(
    nominationIds: readonly string[],
  ): Promise<{ nominationId: string; votingPeriodId: string }[]> {
    return (await tenantManager()).query(
      `SELECT c.nomination_id AS "nominationId", c.voting_period_id AS "votingPeriodId" FROM voting_contest c
         JOIN voting_period p ON p.province_id = c.province_id AND p.id = c.voting_period_id
        WHERE p.kind = 'COUNCIL' AND p.results_published_at IS NULL AND c.nomination_id = ANY($1::uuid[])`,
      [nominationIds],
    );
  },

  /**
   * R8: the questions on these nominations in council sessions whose results are not published are taken off
   * them, for good, with the reason. Returns the sessions concerned.
   */
  async withdrawCouncilQuestions(nominationIds: readonly string[], reason: string): Promise<string[]> {
    if (!nominationIds.length) return [];
    const rows = await returning<{ voting_period_id: string }>(
      await tenantManager(),
      `UPDATE voting_contest c SET withdrawn_reason = $2, withdrawn_at = now()
         FROM voting_period p
        WHERE p.province_id = c.province_id AND p.id = c.voting_period_id AND p.kind = 'COUNCIL'
          AND p.results_published_at IS NULL AND c.withdrawn_reason IS NULL AND c.nomination_id = ANY($1::uuid[])
        RETURNING c.voting_period_id`,
      [nominationIds, reason],
    );
    return [...new Set(rows.map((r) => r.voting_period_id))];
  },

  /** A counted contest's result rewritten before publication (R8: its question taken off the session). */
  async replaceResult(periodId: string, result: ContestResult): Promise<void> {
    await (
      await repo(VotingResult)
    ).update({ votingPeriodId: periodId, contestId: result.contestId }, { result });
  },

  async results(periodIds: readonly string[]): Promise<VotingResult[]> {
    if (!periodIds.length) return [];
    return (await repo(VotingResult)).findBy({ votingPeriodId: In([...periodIds]) });
  },

  async publish(periodId: string, userId: string): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE voting_period SET results_published_at = now(), published_by = $2
       WHERE id = $1 AND status = 'TALLIED' AND results_published_at IS NULL RETURNING id`,
      [periodId, userId],
    );
    return rows.length === 1;
  },

  async setOutcome(periodId: string, outcome: VotingOutcome): Promise<void> {
    await (await repo(VotingPeriod)).update({ provinceId: currentProvinceId(), id: periodId }, { outcome });
  },

  async decisions(periodIds: readonly string[]): Promise<HeadDeputyDecision[]> {
    if (!periodIds.length) return [];
    return (await repo(HeadDeputyDecision)).findBy({ votingPeriodId: In([...periodIds]) });
  },

  /** The first proposal for a contest, or the proposing side's new one (a counter-proposal stays beside it). */
  async propose(
    periodId: string,
    contestId: string,
    unitIds: string[],
    unitId: string,
    userId: string,
  ): Promise<void> {
    await (
      await tenantManager()
    ).query(
      `INSERT INTO head_deputy_decision (province_id, voting_period_id, contest_id, unit_ids, proposed_by_unit_id, proposed_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (province_id, voting_period_id, contest_id) DO UPDATE SET unit_ids = excluded.unit_ids,
         proposed_by = excluded.proposed_by, proposed_at = now()
       WHERE head_deputy_decision.proposed_by_unit_id = excluded.proposed_by_unit_id
         AND head_deputy_decision.confirmed_at IS NULL`,
      [currentProvinceId(), periodId, contestId, unitIds, unitId, userId],
    );
  },

  /** The other side answers with other units: recorded beside the proposal, never replacing it. */
  async counter(periodId: string, contestId: string, unitIds: string[], unitId: string, userId: string) {
    await (
      await repo(HeadDeputyDecision)
    ).update(
      { provinceId: currentProvinceId(), votingPeriodId: periodId, contestId },
      { counterUnitIds: unitIds, counterByUnitId: unitId, counterBy: userId, counterAt: new Date() },
    );
  },

  /**
   * Both sides now name the same units: the decision is confirmed. When the proposer accepts the counter-proposal,
   * the counter becomes the proposal and the proposer confirms it.
   */
  async confirm(
    periodId: string,
    contestId: string,
    decision: Pick<HeadDeputyDecision, 'unitIds' | 'proposedByUnitId' | 'proposedBy'>,
    unitId: string,
    userId: string,
  ): Promise<void> {
    await (
      await repo(HeadDeputyDecision)
    ).update(
      { provinceId: currentProvinceId(), votingPeriodId: periodId, contestId },
      { ...decision, confirmedByUnitId: unitId, confirmedBy: userId, confirmedAt: new Date() },
    );
  },
};
