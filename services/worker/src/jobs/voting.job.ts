import {
  computeYearAwards,
  conferenceRepository,
  runInTenant,
  votingRepository,
  voteTieBreaker,
  type VotingOutcome,
  type VotingPeriod,
} from '@thidua/db';
import {
  decide,
  nextRoundContests,
  paperCounts,
  reachesThreshold,
  tally,
  withWithdrawals,
  type ContestResult,
} from '@thidua/domain';
import {
  afterClose,
  closeVotingPeriod,
  effectiveDeadline,
  enqueueJob,
  jobId,
  periodContests,
  scheduleAwards,
  type JobPayload,
} from '@thidua/jobs';
import type { DataSource } from 'typeorm';

type PeriodRef = JobPayload<'close-voting'>;

/** At the deadline. The row decides: a period extended meanwhile, or already closed, is left alone. */
export async function closeVoting({ provinceId, periodId }: PeriodRef) {
  const [period] = await votingRepository.byIds([periodId]);
  if (!period || period.status !== 'OPEN' || effectiveDeadline(period).getTime() > Date.now())
    return { closed: false };
  const closed = await closeVotingPeriod(provinceId, periodId, 'DEADLINE', null);
  return { closed, turnoutChanged: closed ? [{ provinceId, periodId }] : [] };
}

export interface TallyHooks {
  /** Test seam: runs after the counts are written, before the transaction commits. */
  beforeCommit?: () => void | Promise<void>;
}

function outcomeOf(
  results: ContestResult[],
  nextRound: unknown[],
  round: number,
  maxRounds: number,
): VotingOutcome {
  if (nextRound.length === 0) return 'COMPLETE';
  return round < maxRounds ? 'NEXT_ROUND' : 'AWAITING_DECISION';
}

/**
 * Counts a closed period in one transaction, under a row lock: run twice, or again after a crash, it counts
 * once. Online rounds count their ballots, paper rounds the counting committee's confirmed figures; the same
 * rules decide both. When seats stay empty the outcome says so: the next round opens when these results are
 * published (up to the configured number of rounds); after the last, the head and deputy decide.
 */
export async function tallyVoting({ provinceId, periodId }: PeriodRef, hooks: TallyHooks = {}) {
  const period = await votingRepository.lockForTally(periodId);
  if (!period) return { tallied: false };
  const contests = await periodContests(periodId);
  const rules = {
    thresholdPercent: Number(period.thresholdPercent),
    thresholdMode: period.thresholdMode,
    allowSelfVote: period.allowSelfVote,
  };
  const eligible = period.eligibleVoterIds.length;
  // A block's equal votes for the last flag or certificate seats: R6's order on the year's scores, then a run-off.
  const breakTie =
    period.kind !== 'COUNCIL' && period.emulationYearId
      ? await voteTieBreaker(period.emulationYearId)
      : undefined;
  const results =
    period.method === 'PAPER'
      ? decide(
          contests,
          paperCounts(contests, await confirmedPaperCount(periodId)),
          eligible,
          rules,
          breakTie,
        )
      : tally(contests, await votingRepository.ballots(periodId), eligible, rules, breakTie);
  if (period.kind === 'COUNCIL') return tallyCouncil(period, withWithdrawals(contests, results), hooks);
  const next = nextRoundContests(results, contests, period.runoffCandidates);
  const outcome = outcomeOf(results, next, period.round, period.maxRounds);
  await votingRepository.saveTally(periodId, results, outcome);
  // The vote is final: the awards engine runs on it (its proposals stay with the head unit until publication).
  if (outcome === 'COMPLETE' && period.emulationYearId)
    await scheduleAwards(provinceId, period.emulationYearId, periodId);
  await hooks.beforeCommit?.();
  return { tallied: true, outcome };
}

async function confirmedPaperCount(periodId: string) {
  const [count] = await conferenceRepository.paperCounts([periodId]);
  if (!count?.confirmedAt) throw new Error(`Paper round ${periodId} closed without a confirmed count`);
  return count.contests;
}

/**
 * The council's session (R10): valid only with the configured attendance; then each nomination is approved when
 * it reached its threshold against all council members, and rejected otherwise — applied when the secretariat
 * publishes the results, not here, so nobody learns them early. No further rounds.
 */
async function tallyCouncil(period: VotingPeriod, results: ContestResult[], hooks: TallyHooks) {
  const cast = results[0]?.cast ?? 0;
  const quorate = reachesThreshold(cast, period.eligibleVoterIds.length, {
    thresholdPercent: Number(period.attendancePercent ?? 0),
    thresholdMode: 'AT_LEAST',
  });
  await votingRepository.saveTally(period.id, results, quorate ? 'COMPLETE' : 'NO_QUORUM');
  await hooks.beforeCommit?.();
  return { tallied: true, outcome: quorate ? 'COMPLETE' : 'NO_QUORUM' };
}

/** A reminder scheduled for a deadline that has since moved, or for a closed period, does nothing. */
export async function remindVoters({
  provinceId,
  periodId,
  deadline,
  minutes,
}: JobPayload<'voting-reminder'>) {
  const [period] = await votingRepository.byIds([periodId]);
  if (!period || period.status !== 'OPEN' || effectiveDeadline(period).toISOString() !== deadline)
    return { reminded: 0 };
  const voted = new Set((await votingRepository.receiptsOf([periodId])).map((r) => r.voterId));
  const unitIds = period.eligibleVoterIds.filter((u) => !voted.has(u));
  if (unitIds.length) {
    await enqueueJob(
      'notify',
      {
        provinceId,
        event: 'voting.reminder',
        subjectId: periodId,
        ...(period.kind === 'COUNCIL' ? { userIds: unitIds } : { unitIds }),
        occurrence: `${new Date(deadline).getTime()}.${minutes}`,
      },
      {
        jobId: jobId(
          'notify',
          'voting.reminder',
          periodId,
          String(new Date(deadline).getTime()),
          String(minutes),
        ),
      },
    );
  }
  return { reminded: unitIds.length };
}

/**
 * Closes every overdue period of every province, each in its own tenant transaction. The job's own transaction
 * stays unopened: the province list is read on a connection given back at once, so the sweep never holds one
 * connection while waiting for the next.
 */
export async function sweepVoting(_payload: unknown, dataSource: DataSource) {
  const provinces: { id: string }[] = await dataSource.query(`SELECT id FROM province`);
  const turnoutChanged: { provinceId: string; periodId: string }[] = [];
  for (const { id } of provinces) {
    const periodIds = await runInTenant(dataSource, id, async () => {
      const closed = await votingRepository.closeOverdue();
      for (const periodId of closed) await afterClose(id, periodId);
      return closed;
    });
    turnoutChanged.push(...periodIds.map((periodId) => ({ provinceId: id, periodId })));
  }
  return { closed: turnoutChanged.length, turnoutChanged };
}

/** The awards engine on a block year whose vote is final (idempotent; refused once the dossier is submitted). */
export async function computeAwardsJob({ yearId }: JobPayload<'compute-awards'>) {
  return { computed: await computeYearAwards(yearId) };
}
