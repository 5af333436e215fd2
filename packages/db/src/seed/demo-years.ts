import { computeResults, defaultScoringRules, type ScoringRules, type SheetContent } from '@thidua/domain';
import type { DataSource } from 'typeorm';
import { blockRepository } from '../repositories/block.repository';
import { criteriaSetRepository, emulationYearRepository } from '../repositories/emulation-year.repository';
import { currentManager, runInTenant } from '../tenancy/tenant-context';
import { DEMO_BLOCKS, DEMO_COVENANT, type DemoBlock } from './demo-data';
import { seedConferenceVote } from './demo-votes';

/** A full sheet totalling `base` points, filling criteria in order up to their maxima. */
function sheetWorth(rules: ScoringRules, base: number, bonus: number): SheetContent {
  let left = base;
  const scores = rules.groups
    .flatMap((g) => g.criteria)
    .map((c) => {
      const points = Math.min(c.maxPoints, left);
      left -= points;
      return { code: c.code, points };
    });
  return { scores, bonus, deductions: [] };
}

export interface LockedYearSpec {
  blockName: string;
  description: string | null;
  year: number;
  theme: string;
  /** Member units, in the order their scores will rank them. */
  ranking: string[];
  headUnitId: string;
  deputyUnitId: string;
  /** The user recorded as signing, registering and scoring, for a unit with no officer of its own. */
  actorId: string;
  /** Each unit's own officer, recorded as signing, registering and scoring for it where there is one. */
  officers?: ReadonlyMap<string, string>;
  /** YYYY-MM-DD: nothing is dated before it (memberships, signatures, registrations, sheets). */
  since?: string;
}

/**
 * Carries a block through its year to SCORES_LOCKED, as its members would through the API: the covenant
 * signed by all, titles registered, self sheets and the head's and deputy's cross sheets, scores locked.
 * Runs in the caller's tenant context. Returns the block and year ids.
 */
export async function seedLockedYear(spec: LockedYearSpec): Promise<{ blockId: string; yearId: string }> {
  const rules = defaultScoringRules();
  const block = await blockRepository.create({
    name: spec.blockName,
    kind: 'BLOCK',
    description: spec.description,
  });
  const yearStart = `${spec.year}-01-01`;
  const from = spec.since && spec.since > yearStart ? spec.since : yearStart;
  for (const unitId of spec.ranking) await blockRepository.addMember(block, unitId, from);
  const criteria = await criteriaSetRepository.create({
    year: spec.year,
    name: `Bảng chấm điểm năm ${spec.year}`,
    rules,
  });
  const year = await emulationYearRepository.create({
    blockId: block.id,
    year: spec.year,
    theme: spec.theme,
    headUnitId: spec.headUnitId,
    deputyUnitId: spec.deputyUnitId,
    criteriaSetId: criteria.id,
    registrationDeadline: `${spec.year}-03-31`,
    scoringDeadline: `${spec.year}-11-30`,
  });
  await emulationYearRepository.replaceCovenantItems(year.id, DEMO_COVENANT);
  const actorFor = (unitId: string) => spec.officers?.get(unitId) ?? spec.actorId;
  for (const unitId of spec.ranking) {
    await emulationYearRepository.sign(year.id, unitId, actorFor(unitId));
    await emulationYearRepository.register({
      emulationYearId: year.id,
      unitId,
      title: 'COLL_EXCELLENT',
      personId: null,
      registeredBy: actorFor(unitId),
    });
  }
  await emulationYearRepository.register({
    emulationYearId: year.id,
    unitId: spec.ranking[0]!,
    title: 'FLAG_PROVINCE',
    personId: null,
    registeredBy: actorFor(spec.ranking[0]!),
  });

  const roles = { memberUnitIds: spec.ranking, headUnitId: spec.headUnitId, deputyUnitId: spec.deputyUnitId };
  const sheets = spec.ranking.flatMap((target, rank) => {
    const scorers = [target, spec.headUnitId, spec.deputyUnitId].filter((s, i, all) => all.indexOf(s) === i);
    return scorers.map((scorer, i) => ({
      kind: scorer === target ? ('SELF' as const) : ('CROSS' as const),
      scorerUnitId: scorer,
      targetUnitId: target,
      // The head and deputy score a little below each member's self-assessment, and apart by a point.
      content: sheetWorth(rules, 97 - rank - (scorer === target ? 0 : i), rank < 3 ? 5 - rank : 1),
    }));
  });
  for (const s of sheets)
    await emulationYearRepository.insertSheet({
      emulationYearId: year.id,
      ...s,
      evidence: [],
      submittedBy: actorFor(s.scorerUnitId),
    });
  await emulationYearRepository.saveResults(year.id, computeResults(rules, roles, sheets));
  for (const [from, to] of [
    ['DRAFT', 'OPEN'],
    ['OPEN', 'COVENANT_SIGNED'],
    ['COVENANT_SIGNED', 'SCORING'],
    ['SCORING', 'SCORES_LOCKED'],
  ] as const) {
    await emulationYearRepository.transition(year.id, from, to);
  }
  // Signed, registered and scored in the year's own months (never later than now, never before `since`), not on
  // the day of seeding.
  const m = await currentManager();
  const backdate = (table: string, column: string, day: string) =>
    m.query(
      `UPDATE ${table} SET ${column} = GREATEST(
         LEAST(($2::date + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh', now()),
         ($3::date + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh')
       WHERE emulation_year_id = $1`,
      [year.id, `${spec.year}-${day}`, from],
    );
  await backdate('covenant_signature', 'signed_at', '02-20');
  await backdate('title_registration', 'registered_at', '03-15');
  await backdate('score_sheet', 'submitted_at', '11-25');
  return { blockId: block.id, yearId: year.id };
}

/** One article block, to its conference's proposals; a block that already exists is left alone (idempotent). */
async function seedBlockYear(
  ds: DataSource,
  provinceId: string,
  demo: DemoBlock,
  unitIds: Map<string, string>,
  actorId: string,
) {
  await runInTenant(ds, provinceId, async () => {
    if (await blockRepository.sameName(demo.blockName)) return;
    const id = (name: string) => unitIds.get(`${demo.provinceCode}/${name}`)!;
    const { yearId } = await seedLockedYear({
      blockName: demo.blockName,
      description: demo.source,
      year: demo.year,
      theme: demo.theme,
      ranking: demo.ranking.map(id),
      headUnitId: id(demo.head),
      deputyUnitId: id(demo.deputy),
      actorId,
    });
    const c = demo.conference;
    await seedConferenceVote({
      yearId,
      year: demo.year,
      date: c.date,
      eligible: demo.ranking.map(id),
      contests: [
        { kind: 'FLAG', seats: c.flagQuota, winners: c.flags.map(id) },
        // The block voted on certificates of merit where the article reports some; where it reports none, the
        // ballot had no such question (a question nobody was elected on would read "1 seat left" on the results).
        ...(c.merits.length
          ? [{ kind: 'MERIT' as const, seats: c.merits.length, winners: c.merits.map(id) }]
          : []),
        { kind: 'NEXT_HEAD', seats: 1, winners: [id(c.nextHead)] },
        ...(c.nextDeputy ? [{ kind: 'NEXT_DEPUTY' as const, seats: 1, winners: [id(c.nextDeputy)] }] : []),
      ],
      flagQuota: c.flagQuota,
      actorId,
    });
  });
}

export async function seedDemoYears(
  ds: DataSource,
  provinceIdOf: (code: string) => string,
  unitIds: Map<string, string>,
  actorId: string,
) {
  for (const demo of DEMO_BLOCKS)
    await seedBlockYear(ds, provinceIdOf(demo.provinceCode), demo, unitIds, actorId);
}

/**
 * The articles' years closed by their provinces' year-end closing, the platform's own (`closeYear`): each year
 * CLOSED, next year's draft opened with the head and deputy the conference chose, and the rollups the dashboards
 * compare written from the seeded rows. The closing is then dated as a province would run it once its
 * conferences were over, at the end of the next February, not on the day the demo was loaded (its duration
 * kept). A closing done before is left as it is.
 */
export async function closeDemoYears(
  ds: DataSource,
  provinceIdOf: (code: string) => string,
  actorId: string,
  closeYear: (provinceId: string, year: number, startedBy: string) => Promise<unknown>,
) {
  const closings = new Map(
    DEMO_BLOCKS.map((d) => [
      `${d.provinceCode}/${d.year}`,
      { provinceId: provinceIdOf(d.provinceCode), year: d.year },
    ]),
  );
  for (const { provinceId, year } of closings.values()) {
    await closeYear(provinceId, year, actorId);
    await runInTenant(ds, provinceId, async () => {
      const m = await currentManager();
      const at = `(($2::date + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
      const params = [year, `${year + 1}-02-28`];
      // Only a closing still dated after that day moves: once moved, a restart finds nothing to move.
      await m.query(
        `UPDATE year_end_closing_block b SET finished_at = b.finished_at + (${at} - c.started_at)
         FROM year_end_closing c
         WHERE c.province_id = b.province_id AND c.year = b.year AND c.year = $1 AND c.state = 'DONE'
           AND c.started_at > ${at}`,
        params,
      );
      await m.query(
        `UPDATE year_end_closing SET finished_at = finished_at + (${at} - started_at), started_at = ${at}
         WHERE year = $1 AND state = 'DONE' AND started_at > ${at}`,
        params,
      );
    });
  }
}
