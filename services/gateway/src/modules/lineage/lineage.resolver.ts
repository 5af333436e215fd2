import {
  awardRepository,
  lineageHistory,
  lineageRepository,
  subjectNamesIn,
  type NewLink,
  type StoredAchievement,
} from '@thidua/db';
import {
  COLLECTIVE_TITLES,
  STREAK_RULES,
  streakStanding,
  vietnamToday,
  type SubjectKind,
} from '@thidua/domain';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { audit } from '../../common/audit';
import { BOUNDS, checkFirst, firstArgOptions } from '../../common/bounds';
import { assertYear, badInput, missingRef, notFound } from '../../common/errors';
import { ADMINS, MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import {
  AchievementInput,
  AchievementType,
  LineageInput,
  LineageLinkType,
  StreakStandingType,
  SubjectKind as SubjectKindEnum,
} from './lineage.types';

/** Throws NOT_FOUND (naming `field`) unless the unit or person is this province's. */
async function assertSubject(ctx: GraphQLContext, field: string, kind: SubjectKind, id: string) {
  const found = kind === 'UNIT' ? await ctx.loaders.unit.load(id) : await ctx.loaders.person.load(id);
  if (!found) throw missingRef(field, kind === 'UNIT' ? 'Unit' : 'Person', id);
}

const isCollective = (title: string) => [...COLLECTIVE_TITLES, 'MERIT_PROVINCE'].includes(title);

@Resolver()
export class LineageResolver {
  @Authorized(...ADMINS)
  @Mutation(() => [LineageLinkType], {
    description:
      'Records that a unit or person continues one or more predecessors from a date (merger, split, rename, ' +
      'transfer); streaks then count the predecessors’ years before it. A predecessor may be in a former province ' +
      'this province absorbed.',
  })
  async recordLineage(@Arg('input', () => LineageInput) input: LineageInput, @Ctx() ctx: GraphQLContext) {
    const here = ctx.access!.provinceId;
    await assertSubject(ctx, 'successorId', input.subjectKind, input.successorId);
    if (input.kind !== 'MERGE' && input.predecessors.length !== 1)
      throw badInput('predecessors', `a ${input.kind} has exactly one predecessor; a MERGE may have several`);
    if (input.effectiveOn > vietnamToday().slice(0, 4) + '-12-31')
      throw badInput('effectiveOn', 'must not be after this year');
    const descendants = await lineageRepository.descendants(input.subjectKind, [input.successorId]);
    const links: NewLink[] = [];
    for (const [i, p] of input.predecessors.entries()) {
      const provinceId = p.provinceId ?? here;
      const field = `predecessors.${i}.id`;
      if (p.id === input.successorId || descendants.includes(p.id))
        throw badInput(field, 'a unit or person cannot continue itself or what continues it');
      const names = await subjectNamesIn(input.subjectKind, provinceId, [p.id]);
      if (!names)
        throw badInput(
          `predecessors.${i}.provinceId`,
          'must be this province or a former province it absorbed',
        );
      const name = names.get(p.id);
      if (!name) throw missingRef(field, input.subjectKind === 'UNIT' ? 'Unit' : 'Person', p.id);
      links.push({
        subjectKind: input.subjectKind,
        successorId: input.successorId,
        predecessorProvinceId: provinceId,
        predecessorId: p.id,
        predecessorName: name,
        kind: input.kind,
        effectiveOn: input.effectiveOn,
      });
    }
    const stored = await lineageRepository.recordLinks(links, ctx.principal!.userId);
    await audit(ctx, 'lineage.record', input.subjectKind === 'UNIT' ? 'Unit' : 'Person', input.successorId, {
      after: stored,
    });
    return stored;
  }

  @Authorized(...ADMINS)
  @Mutation(() => LineageLinkType, { description: 'Removes a lineage link recorded by mistake.' })
  async removeLineage(
    @Arg('subjectKind', () => SubjectKindEnum) kind: SubjectKind,
    @Arg('successorId', () => ID) successorId: string,
    @Arg('predecessorId', () => ID) predecessorId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    await assertSubject(ctx, 'successorId', kind, successorId);
    const removed = isUuid(predecessorId)
      ? await lineageRepository.removeLink(kind, successorId, predecessorId)
      : null;
    if (!removed) throw notFound('LineageLink', `${successorId} ← ${predecessorId}`);
    await audit(ctx, 'lineage.remove', kind === 'UNIT' ? 'Unit' : 'Person', successorId, { before: removed });
    return removed;
  }

  @Authorized(...MEMBERS)
  @Query(() => [LineageLinkType], { description: 'The direct predecessors of a unit or person.' })
  async lineage(
    @Arg('subjectKind', () => SubjectKindEnum) kind: SubjectKind,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(BOUNDS.historyPage)) first?: number,
  ) {
    const n = checkFirst(first, BOUNDS.historyPage);
    await assertSubject(ctx, 'id', kind, id);
    return (await lineageRepository.record(ctx.access!.provinceId, kind, [id])).links.slice(0, n);
  }

  @Authorized(...ADMINS)
  @Mutation(() => [AchievementType], {
    description:
      'Records titles and awards conferred outside the platform (history before it, titles other issuers ' +
      'confer); recording one again corrects its decision reference.',
  })
  async recordAchievements(
    @Arg('input', () => [AchievementInput]) input: AchievementInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<StoredAchievement[]> {
    if (input.length < 1 || input.length > 500) throw badInput('input', 'must hold 1 to 500 achievements');
    const thisYear = Number(vietnamToday().slice(0, 4));
    for (const [i, a] of input.entries()) {
      if (!Number.isInteger(a.year) || a.year < 1990 || a.year > thisYear)
        throw badInput(`input.${i}.year`, `must be 1990 to ${thisYear}`);
      if (isCollective(a.title) !== (a.subjectKind === 'UNIT'))
        throw badInput(`input.${i}.title`, `${a.title} is not a title for a ${a.subjectKind.toLowerCase()}`);
      const ref = a.decisionRef.trim();
      if (ref.length < 3 || ref.length > 500)
        throw badInput(`input.${i}.decisionRef`, 'must be 3 to 500 characters');
      await assertSubject(ctx, `input.${i}.subjectId`, a.subjectKind, a.subjectId);
    }
    const stored = await lineageRepository.recordAchievements(
      input.map((a) => ({ ...a, decisionRef: a.decisionRef.trim() })),
      ctx.principal!.userId,
    );
    await audit(ctx, 'achievement.record', 'Achievement', stored.map((s) => s.id).join(','), {
      after: stored,
    });
    return stored;
  }

  @Authorized(...ADMINS)
  @Mutation(() => AchievementType, { description: 'Removes an achievement recorded by mistake.' })
  async removeAchievement(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const removed = isUuid(id) ? await lineageRepository.removeAchievement(id) : null;
    if (!removed) throw notFound('Achievement', id);
    await audit(ctx, 'achievement.remove', 'Achievement', id, { before: removed });
    return removed;
  }

  @Authorized(...MEMBERS)
  @Query(() => [AchievementType], { description: 'A unit’s or person’s own record, newest first.' })
  async achievements(
    @Arg('subjectKind', () => SubjectKindEnum) kind: SubjectKind,
    @Arg('subjectId', () => ID) subjectId: string,
    @Ctx() ctx: GraphQLContext,
    // Every title (9) in every year the database accepts: one page can hold a whole record.
    @Arg('first', () => Int, firstArgOptions(1000)) first?: number,
  ) {
    const n = checkFirst(first, 1000);
    await assertSubject(ctx, 'subjectId', kind, subjectId);
    return (await lineageRepository.achievements(kind, [subjectId])).slice(0, n);
  }

  @Authorized(...MEMBERS)
  @Query(() => [StreakStandingType], {
    description:
      'The §2 streaks of a unit (merit) or person (Emulation Fighter) in a year, following lineage.',
  })
  async streaks(
    @Arg('subjectKind', () => SubjectKindEnum) kind: SubjectKind,
    @Arg('subjectId', () => ID) subjectId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    assertYear('year', year);
    await assertSubject(ctx, 'subjectId', kind, subjectId);
    const [history, { rules }] = await Promise.all([
      lineageHistory(kind, [subjectId]),
      awardRepository.rulesFor(year),
    ]);
    const targets = kind === 'UNIT' ? (['MERIT_PROVINCE'] as const) : (['CSTD_PROV', 'CSTD_NAT'] as const);
    return targets.map((target) => {
      const rule = STREAK_RULES[target];
      return {
        target,
        title: rule.title,
        needed: rule.years,
        ...streakStanding(rule, subjectId, year, history, rules.lineageMode),
      };
    });
  }
}
