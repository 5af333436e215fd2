import {
  awardRepository,
  emulationYearRepository,
  votingRepository,
  yearEndRepository,
  type EmulationYear,
} from '@thidua/db';
import { blockClosingVerdict, yearEndCron, VIETNAM_TIME_ZONE, type YearEndSchedule } from '@thidua/domain';
import { RETENTION, type QueueBackend } from './backend';
import { jobId } from './contract';
import { enqueueJob } from './producer';
import { effectiveDeadline } from './voting-lifecycle';

export type BlockClosingResult =
  | {
      status: 'CLOSED' | 'ALREADY_CLOSED' | 'WOULD_CLOSE';
      nextHeadUnitId: string | null;
      nextDeputyUnitId: string | null;
      nextYearId: string | null;
    }
  | { status: 'CANNOT_CLOSE'; reason: string };

/**
 * What closing the block year would do now, writing nothing: the dry run's answer, and the closing job's verdict
 * once it has closed and counted overdue votes. Next year's head and deputy: those of next year if it exists,
 * else the awards outcome's, else (R11) the current ones stay.
 */
export async function previewBlockClosing(
  yearId: string,
): Promise<{ year: EmulationYear; result: Exclude<BlockClosingResult, { status: 'CLOSED' }> }> {
  const [year] = await emulationYearRepository.byIds([yearId]);
  if (!year) throw new Error(`No emulation year ${yearId} in this province`);
  const now = Date.now();
  const periods = (await votingRepository.ofYears([yearId])).filter((p) => p.kind === 'BLOCK');
  const verdict = blockClosingVerdict(
    year.state,
    periods.map((p) => ({
      status: p.status,
      outcome: p.outcome,
      overdue: effectiveDeadline(p).getTime() <= now,
      closesAt: effectiveDeadline(p).toISOString(),
      method: p.method,
      round: p.round,
      published: !!p.resultsPublishedAt,
    })),
  );
  if (verdict.kind === 'CANNOT_CLOSE')
    return { year, result: { status: 'CANNOT_CLOSE', reason: verdict.reason } };
  const [[outcome], next] = await Promise.all([
    awardRepository.outcomes([yearId]),
    emulationYearRepository.find(year.blockId, year.year + 1),
  ]);
  return {
    year,
    result: {
      status: verdict.kind === 'ALREADY_CLOSED' ? 'ALREADY_CLOSED' : 'WOULD_CLOSE',
      nextHeadUnitId: next ? next.headUnitId : (outcome?.nextHeadUnitId ?? year.headUnitId),
      nextDeputyUnitId: next ? next.deputyUnitId : outcome ? outcome.nextDeputyUnitId : year.deputyUnitId,
      nextYearId: next?.id ?? null,
    },
  };
}

/**
 * Records the province's closing of `year` and, in the same transaction, queues its start. False when that
 * closing was started before: nothing changes.
 */
export async function beginYearEndClosing(
  provinceId: string,
  year: number,
  startedBy: string | null,
): Promise<boolean> {
  if (!(await yearEndRepository.start(year, startedBy))) return false;
  await enqueueJob(
    'start-year-end',
    { provinceId, year },
    { jobId: jobId('start-year-end', provinceId, String(year), '1') },
  );
  return true;
}

/**
 * Resumes a finished closing for the blocks that could not close (their vote since decided, their dossier since
 * submitted) and queues the new round's start, in the same transaction. Null when there is nothing to resume.
 */
export async function resumeYearEndClosing(provinceId: string, year: number): Promise<number | null> {
  const round = await yearEndRepository.resume(year);
  if (round === null) return null;
  await enqueueJob(
    'start-year-end',
    { provinceId, year },
    { jobId: jobId('start-year-end', provinceId, String(year), String(round)) },
  );
  return round;
}

/** The province's job scheduler follows its schedule (none: removed). */
export async function syncYearEndScheduler(
  backend: QueueBackend,
  provinceId: string,
  schedule: YearEndSchedule | null,
): Promise<void> {
  const queue = backend.queue('year-end');
  const id = `year-end.${provinceId}`;
  if (!schedule) {
    await queue.removeJobScheduler(id);
    return;
  }
  await queue.upsertJobScheduler(
    id,
    { pattern: yearEndCron(schedule), tz: VIETNAM_TIME_ZONE },
    {
      name: 'scheduled-year-end',
      data: { provinceId },
      opts: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, ...RETENTION },
    },
  );
}
