import {
  emulationYearRepository,
  votingRepository,
  type NewVotingPeriod,
  type VotingPeriod,
} from '@thidua/db';
import type { Contest } from '@thidua/domain';
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
  await scheduleDeadlineWork(provinceId, saved, saved.closesAt);
  await enqueueJob(
    'notify',
    { provinceId, event: 'voting.opened', subjectId: saved.id },
    { jobId: jobId('notify', 'voting.opened', saved.id) },
  );
  return saved;
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
  reason: 'DEADLINE' | 'ALL_VOTED' | 'BY_ADMIN',
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
