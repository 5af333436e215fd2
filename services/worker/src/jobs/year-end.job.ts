import { awardRepository, computeYearAwards, emulationYearRepository, votingRepository } from '@thidua/db';
import { blockClosingVerdict } from '@thidua/domain';
import {
  closeVotingPeriod,
  effectiveDeadline,
  enqueueJob,
  jobId,
  notifyEvent,
  type JobPayload,
} from '@thidua/jobs';
import { tallyVoting } from './voting.job';

export type BlockClosingResult =
  | {
      status: 'CLOSED' | 'ALREADY_CLOSED' | 'WOULD_CLOSE';
      nextHeadUnitId: string | null;
      nextDeputyUnitId: string | null;
      nextYearId: string | null;
    }
  | { status: 'CANNOT_CLOSE'; reason: string };

/**
 * One block's part of the province's year-end, in one tenant transaction: close and count any vote still open
 * past its deadline, make sure the awards are computed, lock the year and open next year's draft with the head
 * and deputy the block chose (R11: the previous ones stay when none was chosen). Run again, or after a crash, it
 * finds the year CLOSED and next year present and changes nothing. A dry run reports and writes nothing.
 */
export async function closeBlockYear({
  provinceId,
  yearId,
  dryRun,
}: JobPayload<'close-block-year'>): Promise<BlockClosingResult> {
  const [year] = await emulationYearRepository.byIds([yearId]);
  if (!year) throw new Error(`No emulation year ${yearId} in this province`);
  const blockPeriods = async () =>
    (await votingRepository.ofYears([yearId])).filter((p) => p.kind === 'BLOCK');

  if (!dryRun && year.state !== 'CLOSED') {
    for (const p of await blockPeriods()) {
      if (p.status === 'OPEN' && effectiveDeadline(p).getTime() <= Date.now())
        await closeVotingPeriod(provinceId, p.id, 'DEADLINE', null);
      // Counted here rather than waiting for the queued tally, which then finds nothing to do.
      if (p.status !== 'TALLIED') await tallyVoting({ provinceId, periodId: p.id });
    }
  }
  const now = Date.now();
  const verdict = blockClosingVerdict(
    year.state,
    (await blockPeriods()).map((p) => ({
      status: p.status,
      outcome: p.outcome,
      overdue: effectiveDeadline(p).getTime() <= now,
    })),
  );
  if (verdict.kind === 'CANNOT_CLOSE') return { status: 'CANNOT_CLOSE', reason: verdict.reason };

  if (!dryRun && verdict.kind === 'CAN_CLOSE' && !(await awardRepository.outcomes([yearId])).length)
    await computeYearAwards(yearId);
  const [outcome] = await awardRepository.outcomes([yearId]);
  const nextHeadUnitId = outcome?.nextHeadUnitId ?? year.headUnitId;
  const nextDeputyUnitId = outcome ? outcome.nextDeputyUnitId : year.deputyUnitId;
  if (dryRun) {
    const next = await emulationYearRepository.find(year.blockId, year.year + 1);
    return {
      status: verdict.kind === 'ALREADY_CLOSED' ? 'ALREADY_CLOSED' : 'WOULD_CLOSE',
      nextHeadUnitId,
      nextDeputyUnitId,
      nextYearId: next?.id ?? null,
    };
  }
  const closedNow = verdict.kind === 'CAN_CLOSE';
  // A person moved the year meanwhile: fail, and the retry judges the year afresh.
  if (closedNow && !(await emulationYearRepository.transition(yearId, year.state, 'CLOSED')))
    throw new Error(`Emulation year ${yearId} changed state while it was being closed`);
  const next = await emulationYearRepository.openNext(year, nextHeadUnitId, nextDeputyUnitId);
  if (closedNow) {
    await enqueueJob('notify', notifyEvent(provinceId, 'year.closed', yearId), {
      jobId: jobId('notify', 'year.closed', yearId),
    });
  }
  return {
    status: closedNow ? 'CLOSED' : 'ALREADY_CLOSED',
    nextHeadUnitId: next.year.headUnitId,
    nextDeputyUnitId: next.year.deputyUnitId,
    nextYearId: next.year.id,
  };
}
