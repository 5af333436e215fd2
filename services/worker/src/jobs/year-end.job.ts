import {
  awardRepository,
  computeYearAwards,
  emulationYearRepository,
  rollupRepository,
  runInTenant,
  votingRepository,
  yearEndRepository,
} from '@thidua/db';
import { closingYearAt } from '@thidua/domain';
import type { DataSource } from 'typeorm';
import {
  beginYearEndClosing,
  closeVotingPeriod,
  effectiveDeadline,
  enqueueJob,
  jobId,
  notifyEvent,
  previewBlockClosing,
  RETENTION,
  syncYearEndScheduler,
  type BlockClosingResult,
  type JobPayload,
  type QueueBackend,
} from '@thidua/jobs';
import { tallyVoting } from './voting.job';

/** Runs the block's part and, when the block is part of the province's closing, records its outcome there. */
export async function closeBlockYear(payload: JobPayload<'close-block-year'>): Promise<BlockClosingResult> {
  const result = await closeOneBlock(payload);
  if (!payload.dryRun && result.status !== 'WOULD_CLOSE') {
    await yearEndRepository.recordBlock(payload.yearId, {
      status: result.status,
      reason: result.status === 'CANNOT_CLOSE' ? result.reason : null,
      nextYearId: result.status === 'CANNOT_CLOSE' ? null : result.nextYearId,
    });
  }
  return result;
}

/**
 * One block's part of the province's year-end, in one tenant transaction: close and count any vote still open
 * past its deadline, make sure the awards are computed, lock the year and open next year's draft with the head
 * and deputy the block chose (R11: the previous ones stay when none was chosen). Run again, or after a crash, it
 * finds the year CLOSED and next year present and changes nothing. A dry run reports and writes nothing.
 */
async function closeOneBlock({
  provinceId,
  yearId,
  dryRun,
}: JobPayload<'close-block-year'>): Promise<BlockClosingResult> {
  if (dryRun) return (await previewBlockClosing(yearId)).result;
  for (const p of await votingRepository.ofYears([yearId])) {
    if (p.kind !== 'BLOCK' || p.status === 'TALLIED') continue;
    if (p.status === 'OPEN' && effectiveDeadline(p).getTime() <= Date.now())
      await closeVotingPeriod(provinceId, p.id, 'DEADLINE', null);
    // Counted here rather than waiting for the queued tally, which then finds nothing to do.
    await tallyVoting({ provinceId, periodId: p.id });
  }
  let { year, result } = await previewBlockClosing(yearId);
  if (result.status === 'CANNOT_CLOSE') return result;
  if (result.status === 'WOULD_CLOSE') {
    if (!(await awardRepository.outcomes([yearId])).length) {
      await computeYearAwards(yearId);
      ({ year, result } = await previewBlockClosing(yearId));
      if (result.status === 'CANNOT_CLOSE') return result;
    }
    // A person moved the year meanwhile: fail, and the retry judges the year afresh.
    if (!(await emulationYearRepository.transition(yearId, year.state, 'CLOSED')))
      throw new Error(`Emulation year ${yearId} changed state while it was being closed`);
    await enqueueJob('notify', notifyEvent(provinceId, 'year.closed', yearId), {
      jobId: jobId('notify', 'year.closed', yearId),
    });
  }
  // Also for a year closed by hand before the province's closing: next year is opened all the same.
  const next = await emulationYearRepository.openNext(year, result.nextHeadUnitId, result.nextDeputyUnitId);
  return {
    status: result.status === 'WOULD_CLOSE' ? 'CLOSED' : 'ALREADY_CLOSED',
    nextHeadUnitId: next.year.headUnitId,
    nextDeputyUnitId: next.year.deputyUnitId,
    nextYearId: next.year.id,
  };
}

/**
 * Turns a recorded closing into a flow: a `close-block-year` child per block still pending, the `finish-year-end`
 * parent after them all. Ids are deterministic, so a retried start adds nothing twice; a child that fails every
 * attempt does not hold the parent back (it finds the block still pending and reports it failed).
 */
export async function startYearEnd(
  { provinceId, year }: JobPayload<'start-year-end'>,
  backend: QueueBackend,
) {
  const closing = await yearEndRepository.get(year);
  if (!closing || closing.state !== 'RUNNING') return { started: false };
  const pending = closing.blocks.filter((b) => b.status === 'PENDING');
  // Each round of the closing is a flow of its own: completed jobs of an earlier round keep their ids.
  const round = String(closing.round);
  await backend.addFlow({
    name: 'finish-year-end',
    queueName: 'year-end',
    data: { provinceId, year },
    opts: { jobId: jobId('finish-year-end', provinceId, String(year), round), attempts: 5, ...RETENTION },
    children: pending.map((b) => ({
      name: 'close-block-year',
      queueName: 'year-end',
      data: { provinceId, yearId: b.emulationYearId, dryRun: false },
      opts: {
        jobId: jobId('close-block-year', provinceId, b.emulationYearId, round),
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
        ignoreDependencyOnFailure: true,
        ...RETENTION,
      },
    })),
  });
  return { started: true, blocks: pending.length };
}

/** After every block: ends the closing, writes the dashboards' rollups and tells the secretariat, once. */
export async function finishYearEnd({ provinceId, year }: JobPayload<'finish-year-end'>) {
  const round = await yearEndRepository.finish(year);
  const finished = round !== null;
  if (finished) {
    await writeRollups(year);
    // One notice per round: "2026", then "2026/2" for a resumed closing.
    const occurrence = round === 1 ? String(year) : `${year}/${round}`;
    await enqueueJob(
      'notify',
      { provinceId, event: 'year_end.finished', subjectId: provinceId, occurrence },
      { jobId: jobId('notify', 'year_end.finished', provinceId, occurrence) },
    );
  }
  // The worker announces it after the commit: gateways then drop their cached dashboards.
  return { finished, rollupsWritten: finished ? { provinceId, year } : null };
}

/**
 * The province's closing of `year` run to its end in this process instead of as a flow, for the demo data that
 * `npm start` loads before its worker runs: recorded as `beginYearEndClosing` records it (without queueing the
 * flow's start), then each pending block's `closeBlockYear` and the `finishYearEnd` that writes the rollups, each
 * in a transaction of its own as the flow's jobs run. Safe to repeat as the flow is: a closing done before is
 * left alone, one left running finishes its pending blocks. True when this call finished the closing. Gateways
 * already running learn of the rollups only when their dashboard cache expires (nothing is announced).
 */
export async function runYearEndClosing(
  dataSource: DataSource,
  provinceId: string,
  year: number,
  startedBy: string | null,
): Promise<boolean> {
  const closing = await runInTenant(dataSource, provinceId, async () => {
    await yearEndRepository.start(year, startedBy);
    return yearEndRepository.get(year);
  });
  if (closing?.state !== 'RUNNING') return false;
  for (const block of closing.blocks.filter((b) => b.status === 'PENDING')) {
    // As a flow's child that failed every attempt: the block stays pending, and finishing marks it FAILED with
    // the others closed, instead of one block stopping the whole seed at every start.
    await runInTenant(dataSource, provinceId, () =>
      closeBlockYear({ provinceId, yearId: block.emulationYearId, dryRun: false }),
    ).catch((e: unknown) => console.error(`The ${year} closing of block ${block.blockId} failed:`, e));
  }
  return (await runInTenant(dataSource, provinceId, () => finishYearEnd({ provinceId, year }))).finished;
}

async function writeRollups(year: number): Promise<void> {
  await rollupRepository.writeYear(year);
}

/**
 * A closed year's figures changed (council approvals, decisions, revocations): its rollups are rewritten. While
 * the closing has not finished there is nothing to refresh: its end writes them.
 */
export async function refreshRollups({ provinceId, year }: JobPayload<'refresh-rollups'>) {
  if ((await yearEndRepository.get(year))?.state !== 'DONE') return { refreshed: false };
  await writeRollups(year);
  return { refreshed: true, rollupsWritten: { provinceId, year } };
}

/** On the province's closing date: closes the year whose conferences have just been held (once). */
export async function scheduledYearEnd({ provinceId }: JobPayload<'scheduled-year-end'>) {
  const year = closingYearAt(new Date());
  return { year, started: await beginYearEndClosing(provinceId, year, null) };
}

/** The province's schedule changed: its job scheduler follows. */
export async function scheduleYearEnd(
  { provinceId }: JobPayload<'schedule-year-end'>,
  backend: QueueBackend,
) {
  const schedule = await yearEndRepository.schedule();
  await syncYearEndScheduler(backend, provinceId, schedule);
  return { scheduled: schedule !== null };
}

/** At worker start: every province's job scheduler as its schedule says (the queue store may be new). */
export async function syncAllYearEndSchedulers(dataSource: DataSource, backend: QueueBackend) {
  const provinces: { id: string }[] = await dataSource.query(`SELECT id FROM province`);
  for (const { id } of provinces) {
    const schedule = await runInTenant(dataSource, id, () => yearEndRepository.schedule());
    if (schedule) await syncYearEndScheduler(backend, id, schedule);
  }
}
