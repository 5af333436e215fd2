import {
  awardRepository,
  computeYearAwards,
  currentManager,
  runInTenant,
  votingRepository,
  type VotingOutcome,
  type VotingPeriod,
} from '@thidua/db';
import { nextRoundContests, reachesThreshold, tally, type ContestResult } from '@thidua/domain';
import {
  afterClose,
  closeVotingPeriod,
  effectiveDeadline,
  enqueueJob,
  jobId,
  openVotingPeriod,
  notifyNominationStep,
  refreshRollupsOf,
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
 * once. When seats stay empty it opens the next round with the remaining candidates, up to the configured
 * number of rounds; after that the head and deputy decide.
 */
export async function tallyVoting({ provinceId, periodId }: PeriodRef, hooks: TallyHooks = {}) {
  const period = await votingRepository.lockForTally(periodId);
  if (!period) return { tallied: false };
  const contests = (await votingRepository.contests([periodId])).map((c) => ({
    id: c.id,
    kind: c.kind,
    seats: c.seats,
    candidates: c.candidateUnitIds,
    ...(c.thresholdPercent
      ? {
          threshold: {
            thresholdPercent: Number(c.thresholdPercent),
            thresholdMode: c.thresholdMode ?? ('AT_LEAST' as const),
          },
        }
      : {}),
  }));
  const rules = {
    thresholdPercent: Number(period.thresholdPercent),
    thresholdMode: period.thresholdMode,
    allowSelfVote: period.allowSelfVote,
  };
  const results = tally(
    contests,
    await votingRepository.ballots(periodId),
    period.eligibleVoterIds.length,
    rules,
  );
  if (period.kind === 'COUNCIL') return tallyCouncil(period, results, hooks);
  const next = nextRoundContests(results, contests);
  const outcome = outcomeOf(results, next, period.round, period.maxRounds);
  await votingRepository.saveTally(periodId, results, outcome);

  if (outcome === 'NEXT_ROUND') {
    const duration = period.closesAt.getTime() - period.opensAt.getTime();
    const now = new Date();
    await openVotingPeriod(
      provinceId,
      {
        emulationYearId: period.emulationYearId,
        kind: period.kind,
        attendancePercent: period.attendancePercent,
        round: period.round + 1,
        previousPeriodId: period.id,
        eligibleVoterIds: period.eligibleVoterIds,
        thresholdPercent: period.thresholdPercent,
        thresholdMode: period.thresholdMode,
        allowSelfVote: period.allowSelfVote,
        maxRounds: period.maxRounds,
        reminderMinutes: period.reminderMinutes,
        opensAt: now,
        closesAt: new Date(now.getTime() + duration),
        openedBy: null,
      },
      next.map(({ id: _id, ...c }) => c),
    );
  }
  // The vote is final: the awards engine runs on it.
  if (outcome === 'COMPLETE' && period.emulationYearId)
    await scheduleAwards(provinceId, period.emulationYearId, periodId);
  await hooks.beforeCommit?.();
  return { tallied: true, outcome };
}

/**
 * The council's session (R10): valid only with the configured attendance; then each nomination is approved when
 * it reached its threshold against all council members, and rejected otherwise. No further rounds.
 */
async function tallyCouncil(period: VotingPeriod, results: ContestResult[], hooks: TallyHooks) {
  const cast = results[0]?.cast ?? 0;
  const quorate = reachesThreshold(cast, period.eligibleVoterIds.length, {
    thresholdPercent: Number(period.attendancePercent ?? 0),
    thresholdMode: 'AT_LEAST',
  });
  await votingRepository.saveTally(period.id, results, quorate ? 'COMPLETE' : 'NO_QUORUM');
  if (quorate) {
    const contests = await votingRepository.contests([period.id]);
    const decided: string[] = [];
    for (const r of results) {
      const nominationId = contests.find((c) => c.id === r.contestId)?.nominationId;
      if (!nominationId) continue;
      const to = r.elected.length ? 'COUNCIL_APPROVED' : 'COUNCIL_REJECTED';
      if (await awardRepository.step(nominationId, 'COUNCIL_REVIEW', to, null)) {
        await notifyNominationStep(period.provinceId, nominationId, to);
        decided.push(nominationId);
      }
    }
    await refreshRollupsOf(period.provinceId, decided, `council.${period.id}`);
  }
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
  const voted = new Set(await votingRepository.votedVoterIds(periodId));
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

/** Closes every overdue period of every province, each in its own tenant transaction. */
export async function sweepVoting(_payload: unknown, dataSource: DataSource) {
  const provinces: { id: string }[] = await (await currentManager()).query(`SELECT id FROM province`);
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
