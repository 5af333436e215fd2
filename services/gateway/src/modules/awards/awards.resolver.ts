import { awardRepository, computeYearAwards, type EmulationYear, type Nomination } from '@thidua/db';
import { notifyNominationStep } from '@thidua/jobs';
import { awardRulesProblems, dossierDeadline, nominationStepProblem, type AwardRules } from '@thidua/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertBeforeDeadline, assertRunsYear } from '../../common/acting';
import { audit } from '../../common/audit';
import { appError, badInput, conflict, notFound } from '../../common/errors';
import { ACTORS, ADMINS, MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { loadYear, transitionYear } from '../emulation-year/emulation-year.service';
import { EmulationYearType } from '../emulation-year/emulation-year.types';
import {
  AppraiseNominationInput,
  AwardOutcomeType,
  AwardRuleSetType,
  AwardRulesInput,
  NominationType,
} from './awards.types';

/** The stored shape ↔ the API's flat shape. */
function toApi(rules: AwardRules) {
  const quota = (q: AwardRules['flagQuota']) => ({
    kind: q.kind,
    value: q.kind === 'COUNT' ? q.value : q.percent,
  });
  return {
    ...rules,
    flagQuota: quota(rules.flagQuota),
    meritQuota: quota(rules.meritQuota),
    dossierDeadlineMonth: rules.dossierDeadline.month,
    dossierDeadlineDay: rules.dossierDeadline.day,
  };
}

function merge(current: AwardRules, input: AwardRulesInput): AwardRules {
  const quota = (q: AwardRulesInput['flagQuota']): AwardRules['flagQuota'] | undefined =>
    q && (q.kind === 'COUNT' ? { kind: 'COUNT', value: q.value } : { kind: 'SHARE', percent: q.value });
  const { flagQuota, meritQuota, dossierDeadlineMonth, dossierDeadlineDay, ...rest } = input;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
  return {
    ...current,
    ...defined,
    flagQuota: quota(flagQuota) ?? current.flagQuota,
    meritQuota: quota(meritQuota) ?? current.meritQuota,
    dossierDeadline: {
      month: dossierDeadlineMonth ?? current.dossierDeadline.month,
      day: dossierDeadlineDay ?? current.dossierDeadline.day,
    },
  };
}

@Resolver(() => NominationType)
export class AwardsResolver {
  @Authorized(...MEMBERS)
  @Query(() => AwardRuleSetType, { description: 'The rule set in force for a year.' })
  async awardRuleSet(@Arg('year', () => Int) year: number) {
    const { effectiveYear, rules } = await awardRepository.rulesFor(year);
    return { effectiveYear, rules: toApi(rules) };
  }

  @Authorized(...ADMINS)
  @Mutation(() => AwardRuleSetType, {
    description: 'A new version in force from `effectiveYear`, on top of the one in force then.',
  })
  async setAwardRuleSet(
    @Arg('effectiveYear', () => Int) effectiveYear: number,
    @Arg('input', () => AwardRulesInput) input: AwardRulesInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (!Number.isInteger(effectiveYear) || effectiveYear < 2000 || effectiveYear > 2100)
      throw badInput('effectiveYear', 'must be 2000 to 2100');
    const before = await awardRepository.rulesFor(effectiveYear);
    const rules = merge(before.rules, input);
    const [problem] = awardRulesProblems(rules);
    if (problem) throw badInput(problem.field, problem.message);
    await awardRepository.setRuleSet(effectiveYear, rules, ctx.principal!.userId);
    await audit(ctx, 'awards.rules.set', 'AwardRuleSet', String(effectiveYear), {
      before: before.rules,
      after: rules,
    });
    return { effectiveYear, rules: toApi(rules) };
  }

  @Authorized(...MEMBERS)
  @Query(() => [NominationType], { description: "A block year's proposals, with why." })
  async nominations(@Arg('emulationYearId', () => ID) yearId: string, @Ctx() ctx: GraphQLContext) {
    await loadYear(ctx, yearId);
    return ctx.loaders.nominations.load(yearId);
  }

  @Authorized(...MEMBERS)
  @Query(() => NominationType)
  async nomination(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.nomination.load(id)) ?? Promise.reject(notFound('Nomination', id));
  }

  @Authorized(...ACTORS)
  @Mutation(() => [NominationType], {
    description: 'Runs the awards engine again on the current facts (until the dossier is submitted).',
  })
  async recomputeAwards(@Arg('emulationYearId', () => ID) yearId: string, @Ctx() ctx: GraphQLContext) {
    const year = await loadYear(ctx, yearId);
    assertRunsYear(ctx, year);
    if (!(await computeYearAwards(year.id)))
      throw conflict('The dossier is submitted: the proposals can no longer change');
    await audit(ctx, 'awards.recompute', 'EmulationYear', year.id);
    return awardRepository.nominations([year.id]);
  }

  @Authorized(...ACTORS)
  @Mutation(() => [NominationType], {
    description: "The head unit sends the block's dossier to the secretariat (R13 deadline).",
  })
  async submitDossier(@Arg('emulationYearId', () => ID) yearId: string, @Ctx() ctx: GraphQLContext) {
    const year = await loadYear(ctx, yearId);
    const actor = assertRunsYear(ctx, year);
    if (year.state !== 'RESULTS_RECORDED')
      throw appError(
        'PRECONDITION_FAILED',
        `The dossier follows the published vote; the year is ${year.state}`,
      );
    const { rules } = await awardRepository.rulesFor(year.year);
    assertBeforeDeadline(dossierDeadline(rules, year.year), "the block's dossier");
    if (!(await awardRepository.markDossierSubmitted(year.id, ctx.principal!.userId))) {
      throw appError(
        'PRECONDITION_FAILED',
        'There is no computed outcome to submit, or it was already submitted',
      );
    }
    await awardRepository.stepAll(year.id, 'PROPOSED_BY_BLOCK', 'SUBMITTED');
    for (const n of await awardRepository.nominations([year.id])) {
      await notifyNominationStep(ctx.access!.provinceId, n.id, 'SUBMITTED');
    }
    ctx.loaders.awardOutcome.clear(year.id);
    await transitionYear(ctx, year, 'DOSSIER_SUBMITTED', actor);
    await audit(ctx, 'dossier.submit', 'EmulationYear', year.id);
    return awardRepository.nominations([year.id]);
  }

  @Authorized(...ADMINS)
  @Mutation(() => NominationType, {
    description: "The secretariat's appraisal steps; returning, refusing or deferring needs a reason.",
  })
  async appraiseNomination(
    @Arg('input', () => AppraiseNominationInput) input: AppraiseNominationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const nomination = isUuid(input.id) ? await ctx.loaders.nomination.load(input.id) : null;
    if (!nomination) throw notFound('Nomination', input.id);
    const problem = nominationStepProblem(nomination.status, input.to, input.reason ?? null);
    if (problem) throw badInput('to', problem);
    if (!(await awardRepository.step(nomination.id, nomination.status, input.to, input.reason ?? null))) {
      throw conflict('The nomination changed meanwhile: reload it');
    }
    await notifyNominationStep(ctx.access!.provinceId, nomination.id, input.to);
    await audit(ctx, 'nomination.step', 'Nomination', nomination.id, {
      before: { status: nomination.status },
      after: { status: input.to, reason: input.reason ?? null },
    });
    return {
      ...nomination,
      status: input.to,
      statusReason: input.reason ?? null,
      updatedAt: new Date(),
    } satisfies Nomination;
  }
}

@Resolver(() => EmulationYearType)
export class YearAwardsResolver {
  @FieldResolver(() => AwardOutcomeType, {
    nullable: true,
    description: "The awards engine's result, once computed.",
  })
  async awardOutcome(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    const [outcome] = await ctx.loaders.awardOutcome.load(y.id);
    if (!outcome) return null;
    return {
      ...outcome,
      explanations: Object.entries(outcome.explanations).map(([unitId, lines]) => ({ unitId, lines })),
    };
  }
}
