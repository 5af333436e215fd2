import { computeResults, defaultScoringRules, type ScoringRules, type SheetContent } from '@thidua/domain';
import type { DataSource } from 'typeorm';
import { blockRepository } from '../repositories/block.repository';
import { criteriaSetRepository, emulationYearRepository } from '../repositories/emulation-year.repository';
import { runInTenant } from '../tenancy/tenant-context';
import { DEMO_BLOCKS, DEMO_COVENANT, type DemoBlock } from './demo-data';

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

/**
 * Carries one article block through its year to SCORES_LOCKED, as its members would through the API: the
 * covenant signed by all, titles registered, self sheets and the head's and deputy's cross sheets, scores locked.
 * Idempotent: a block that already exists is left alone.
 */
async function seedBlockYear(
  ds: DataSource,
  provinceId: string,
  demo: DemoBlock,
  unitIds: Map<string, string>,
  actorId: string,
) {
  await runInTenant(ds, provinceId, async () => {
    const existing = await blockRepository.list({ search: demo.blockName }, { first: 1, offset: 0 });
    if (existing.items.some((b) => b.name === demo.blockName)) return;
    const id = (name: string) => unitIds.get(`${demo.provinceCode}/${name}`)!;
    const rules = defaultScoringRules();

    const block = await blockRepository.create({
      name: demo.blockName,
      kind: 'BLOCK',
      description: demo.source,
    });
    for (const m of demo.members) await blockRepository.addMember(block, id(m.name), `${demo.year}-01-01`);
    const criteria = await criteriaSetRepository.create({
      year: demo.year,
      name: `Bảng chấm điểm năm ${demo.year}`,
      rules,
    });
    const year = await emulationYearRepository.create({
      blockId: block.id,
      year: demo.year,
      theme: demo.theme,
      headUnitId: id(demo.head),
      deputyUnitId: id(demo.deputy),
      criteriaSetId: criteria.id,
      registrationDeadline: `${demo.year}-03-31`,
      scoringDeadline: `${demo.year}-11-30`,
    });
    await emulationYearRepository.replaceCovenantItems(year.id, DEMO_COVENANT);
    for (const m of demo.members) {
      await emulationYearRepository.sign(year.id, id(m.name), actorId);
      await emulationYearRepository.register({
        emulationYearId: year.id,
        unitId: id(m.name),
        title: 'COLL_EXCELLENT',
        personId: null,
        registeredBy: actorId,
      });
    }
    await emulationYearRepository.register({
      emulationYearId: year.id,
      unitId: id(demo.ranking[0]!),
      title: 'FLAG_PROVINCE',
      personId: null,
      registeredBy: actorId,
    });

    const roles = {
      memberUnitIds: demo.members.map((m) => id(m.name)),
      headUnitId: id(demo.head),
      deputyUnitId: id(demo.deputy),
    };
    const sheets = demo.ranking.flatMap((name, rank) => {
      const target = id(name);
      const scorers = [target, roles.headUnitId, roles.deputyUnitId].filter(
        (s, i, all) => all.indexOf(s) === i,
      );
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
        submittedBy: actorId,
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
