import { awardRepository, emulationYearRepository, votingRepository, type EmulationYear } from '@thidua/db';
import { blockClosingVerdict } from '@thidua/domain';
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
