import {
  awardRepository,
  emulationYearRepository,
  votingRepository,
  type CloseReason,
  type NewVotingPeriod,
  type VotingPeriod,
} from '@thidua/db';
import { nextRoundContests, withWithdrawals, type Contest, type ContestResult } from '@thidua/domain';
import { notifyNominationStep, refreshRollupsOf } from './awards';
import { jobId } from './contract';
import { enqueueJob } from './producer';

/**
 * The parts of a voting period's life that both the gateway (people) and the worker (deadlines, rounds) start.
 * Each runs in the caller's tenant transaction and schedules its follow-up work through the outbox.
 */

export function effectiveDeadline(period: Pick<VotingPeriod, 'closesAt' | 'extendedUntil'>): Date {
  return period.extendedUntil ?? period.closesAt;
}

/** Deterministic: one close job per period, moved (not duplicated) when the deadline moves. */
export const closeJobId = (provinceId: string, periodId: string) =>
  jobId('close-voting', provinceId, periodId);

async function scheduleDeadlineWork(provinceId: string, period: VotingPeriod, deadline: Date): Promise<void> {
  await enqueueJob(
    'close-voting',
    { provinceId, periodId: period.id },
    { jobId: closeJobId(provinceId, period.id), delayUntil: deadline },
  );
  for (const minutes of period.reminderMinutes) {
    const at = new Date(deadline.getTime() - minutes * 60_000);
    if (at.getTime() <= Date.now()) continue;
    await enqueueJob(
      'voting-reminder',
      { provinceId, periodId: period.id, deadline: deadline.toISOString(), minutes },
      {
        jobId: jobId('voting-reminder', provinceId, period.id, String(deadline.getTime()), String(minutes)),
        delayUntil: at,
      },
    );
  }
}

export async function openVotingPeriod(
  provinceId: string,
  period: NewVotingPeriod,
  contests: (Omit<Contest, 'id'> & { nominationId?: string })[],
): Promise<VotingPeriod> {
  const saved = await votingRepository.create(
    period,
    contests.map((c) => ({
      kind: c.kind,
      seats: c.seats,
      candidateUnitIds: [...c.candidates],
      nominationId: c.nominationId ?? null,
      thresholdPercent: c.threshold ? String(c.threshold.thresholdPercent) : null,
      thresholdMode: c.threshold?.thresholdMode ?? null,
    })),
  );
  // A block's first round moves its year to VOTING; the council's votes belong to no year.
  const [year] = period.emulationYearId ? await emulationYearRepository.byIds([period.emulationYearId]) : [];
  if (year?.state === 'SCORES_LOCKED')
    await emulationYearRepository.transition(year.id, 'SCORES_LOCKED', 'VOTING');
  // A paper round has no online deadline: it closes when its count is confirmed.
  if (saved.method === 'ONLINE') await scheduleDeadlineWork(provinceId, saved, saved.closesAt);
  await enqueueJob(
    'notify',
    { provinceId, event: 'voting.opened', subjectId: saved.id },
    { jobId: jobId('notify', 'voting.opened', saved.id) },
  );
  return saved;
}

/**
 * Schedules again the close and reminder jobs of every online period open in the context's province, under their
 * deterministic ids: after the queue store lost them (Redis restarted empty) they come back; where they still
 * exist the queue keeps one of each.
 */
export async function rescheduleOpenPeriods(provinceId: string): Promise<number> {
  const open = await votingRepository.openOnline();
  for (const period of open) await scheduleDeadlineWork(provinceId, period, effectiveDeadline(period));
  return open.length;
}

export async function extendVotingPeriod(
  provinceId: string,
  period: VotingPeriod,
  until: Date,
  userId: string,
): Promise<boolean> {
  if (!(await votingRepository.extend(period.id, until, userId))) return false;
  await scheduleDeadlineWork(provinceId, { ...period, extendedUntil: until }, until);
  return true;
}

/** Closes once; the tally follows through the queue. Returns false when the period was not open. */
export async function closeVotingPeriod(
  provinceId: string,
  periodId: string,
  reason: CloseReason,
  userId: string | null,
): Promise<boolean> {
  if (!(await votingRepository.close(periodId, reason, userId))) return false;
  await afterClose(provinceId, periodId);
  return true;
}

export async function afterClose(provinceId: string, periodId: string): Promise<void> {
  await enqueueJob(
    'tally-voting',
    { provinceId, periodId },
    { jobId: jobId('tally-voting', provinceId, periodId) },
  );
  await enqueueJob(
    'notify',
    { provinceId, event: 'voting.closed', subjectId: periodId },
    { jobId: jobId('notify', 'voting.closed', periodId) },
  );
}

/**
 * After a council member's ballot, in its transaction: when it is the last one, the secretariat is told it may
 * close the session without waiting for the deadline (once a session: the job's id).
 */
export async function afterCouncilBallot(
  provinceId: string,
  periodId: string,
  members: number,
): Promise<void> {
  if ((await votingRepository.turnoutCountedInTurn(periodId)) < members) return;
  await enqueueJob(
    'notify',
    { provinceId, event: 'council.all_voted', subjectId: periodId },
    { jobId: jobId('notify', 'council.all_voted', periodId) },
  );
}

/** The contests as the tally and the next round see them. */
export async function periodContests(
  periodId: string,
): Promise<(Contest & { nominationId: string | null; withdrawnReason: string | null })[]> {
  return (await votingRepository.contests([periodId])).map((c) => ({
    id: c.id,
    kind: c.kind,
    seats: c.seats,
    candidates: c.candidateUnitIds,
    nominationId: c.nominationId,
    withdrawnReason: c.withdrawnReason,
    ...(c.thresholdPercent
      ? {
          threshold: {
            thresholdPercent: Number(c.thresholdPercent),
            thresholdMode: c.thresholdMode ?? ('AT_LEAST' as const),
          },
        }
      : {}),
  }));
}

/**
 * A round whose seats stayed empty is followed by the next one once its results are published, so nobody learns
 * the previous round's winners (by who stands again) before the counting committee announces them. After a tie
 * the run-off is among the tied units unless the province chose all remaining candidates (R5). Same method as the
 * round before; it closes when the announcer said (a run-off in the hall), or after as long as the round before.
 */
export async function openNextRound(
  provinceId: string,
  period: VotingPeriod,
  closesAt?: Date,
): Promise<VotingPeriod | null> {
  if (period.outcome !== 'NEXT_ROUND') return null;
  const contests = await periodContests(period.id);
  const results = (await votingRepository.results([period.id])).map((r) => r.result);
  const next = nextRoundContests(ordered(results, contests), contests, period.runoffCandidates);
  if (!next.length) return null;
  const duration = period.closesAt.getTime() - period.opensAt.getTime();
  const now = new Date();
  return openVotingPeriod(
    provinceId,
    {
      emulationYearId: period.emulationYearId,
      conferenceId: period.conferenceId,
      method: period.method,
      runoffCandidates: period.runoffCandidates,
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
      closesAt: closesAt ?? new Date(now.getTime() + duration),
      openedBy: null,
    },
    next.map(({ id: _id, ...c }) => c),
  );
}

function ordered(results: ContestResult[], contests: readonly Contest[]): ContestResult[] {
  return contests.flatMap((c) => results.filter((r) => r.contestId === c.id));
}

/**
 * The council's counted session takes effect when its results are published (R10): each nomination is approved
 * when it reached its threshold, rejected otherwise; the nominated units hear of it then, not at the count.
 * Returns each nomination decided and its new status, for the publisher's audit.
 */
export async function applyCouncilResults(
  provinceId: string,
  period: VotingPeriod,
): Promise<{ nominationId: string; to: 'COUNCIL_APPROVED' | 'COUNCIL_REJECTED' }[]> {
  if (period.kind !== 'COUNCIL') return [];
  const questions = await votingRepository.contests([period.id]);
  // Locked before the questions are read again: a deferral committing meanwhile (it updates these nominations
  // first) is then either seen here, its question withdrawn, or it comes after and finds the session published.
  await awardRepository.lockNominations(questions.flatMap((c) => (c.nominationId ? [c.nominationId] : [])));
  const contests = await votingRepository.contests([period.id]);
  const counted = (await votingRepository.results([period.id])).map((r) => r.result);
  const decided: { nominationId: string; to: 'COUNCIL_APPROVED' | 'COUNCIL_REJECTED' }[] = [];
  for (const result of withWithdrawals(contests, counted)) {
    const nominationId = contests.find((c) => c.id === result.contestId)?.nominationId;
    if (!nominationId) continue;
    // Withdrawn after the count (R8): the result is not applied, and shows the reason instead of the figures.
    if (result.withdrawn !== undefined) {
      if (!counted.find((r) => r.contestId === result.contestId)?.withdrawn)
        await votingRepository.replaceResult(period.id, result);
      continue;
    }
    if (period.outcome !== 'COMPLETE') continue;
    const to = result.elected.length ? 'COUNCIL_APPROVED' : 'COUNCIL_REJECTED';
    if (await awardRepository.step(nominationId, 'COUNCIL_REVIEW', to, null)) {
      // A proposal can come before the council again (deferred from it, resumed): each session's verdict is its
      // own notice, the same however often this runs for the session.
      await notifyNominationStep(provinceId, nominationId, to, period.openedAt);
      decided.push({ nominationId, to });
    }
  }
  await refreshRollupsOf(
    provinceId,
    decided.map((d) => d.nominationId),
    `council.${period.id}`,
  );
  return decided;
}
