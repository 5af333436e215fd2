import {
  AwardRuleSet,
  awardRepository,
  computeYearAwards,
  emulationYearRepository,
  tenantManager,
  yearAwardExclusions,
  type EmulationYear,
  type Nomination,
  type YearAwardOutcome,
} from '@thidua/db';
import { notifyNominationStep } from '@thidua/jobs';
import {
  awardRulesProblems,
  isAtLeast,
  withRuleDefaults,
  nominationStepProblem,
  vietnamToday,
  type AwardRules,
  type DossierDeadlineRule,
} from '@thidua/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertRunsYear, seesUnitRecord, yearActor } from '../../common/acting';
import { audit } from '../../common/audit';
import { BOUNDS, checkFirst, firstArgOptions } from '../../common/bounds';
import { appError, badInput, conflict, notFound } from '../../common/errors';
import { ACTORS, ADMINS, MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { loadYear, transitionYear } from '../emulation-year/emulation-year.service';
import { dossierDue } from '../conference/conference.service';
import { seesYearOutcome } from '../voting/voting.service';
import { storeDossierDocuments } from '../documents/dossier';
import { openMatterOf } from './open-matter';
import { EmulationYearType } from '../emulation-year/emulation-year.types';
import {
  AppraiseNominationInput,
  AwardOutcomeType,
  AwardRuleSetType,
  AwardRulesInput,
  DossierDeadlineInput,
  MemberExplanationType,
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
    dossierDeadline: {
      days: null,
      month: null,
      day: null,
      yearOffset: null,
      ...rules.dossierDeadline,
    },
  };
}

function merge(current: AwardRules, input: AwardRulesInput): AwardRules {
  const quota = (q: AwardRulesInput['flagQuota']): AwardRules['flagQuota'] | undefined =>
    q && (q.kind === 'COUNT' ? { kind: 'COUNT', value: q.value } : { kind: 'SHARE', percent: q.value });
  const { flagQuota, meritQuota, dossierDeadline, ...rest } = input;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
  return {
    ...current,
    ...defined,
    flagQuota: quota(flagQuota) ?? current.flagQuota,
    meritQuota: quota(meritQuota) ?? current.meritQuota,
    dossierDeadline: dossierDeadline ? deadlineRule(dossierDeadline) : current.dossierDeadline,
  };
}

/** The input's flat shape to the rule; what a kind needs and lacks is refused by awardRulesProblems. */
function deadlineRule(d: DossierDeadlineInput): DossierDeadlineRule {
  return d.kind === 'DAYS_AFTER_CONFERENCE'
    ? { kind: d.kind, days: d.days ?? Number.NaN }
    : {
        kind: d.kind,
        month: d.month ?? Number.NaN,
        day: d.day ?? Number.NaN,
        yearOffset: (d.yearOffset ?? Number.NaN) as 0 | 1,
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

  @Authorized(...MEMBERS)
  @Query(() => [AwardRuleSetType], {
    description:
      "The province's rule set versions, newest effective year first (the settings page lists them).",
  })
  async awardRuleSetVersions(@Arg('first', () => Int, firstArgOptions(BOUNDS.years)) first?: number) {
    const sets = await (
      await tenantManager()
    )
      .getRepository(AwardRuleSet)
      .find({ order: { effectiveYear: 'DESC' }, take: checkFirst(first, BOUNDS.years) });
    return sets.map((s) => ({ effectiveYear: s.effectiveYear, rules: toApi(withRuleDefaults(s.rules)) }));
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
    const year = await loadYear(ctx, yearId);
    return seesYearOutcome(ctx, year) ? ctx.loaders.nominations.load(yearId) : [];
  }

  @Authorized(...MEMBERS)
  @Query(() => NominationType)
  async nomination(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const nomination = await ctx.loaders.nomination.load(id);
    // Before the vote is published a proposal does not exist for anyone but the head unit.
    const year = nomination && (await ctx.loaders.emulationYear.load(nomination.emulationYearId));
    if (!nomination || !year || !seesYearOutcome(ctx, year)) throw notFound('Nomination', id);
    return nomination;
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
    return seesYearOutcome(ctx, year) ? awardRepository.nominations([year.id]) : [];
  }

  @Authorized(...ACTORS)
  @Mutation(() => [NominationType], {
    description: "The head or deputy unit sends the block's dossier to the secretariat (R13 deadline).",
  })
  async submitDossier(@Arg('emulationYearId', () => ID) yearId: string, @Ctx() ctx: GraphQLContext) {
    const year = await loadYear(ctx, yearId);
    const actor = assertRunsYear(ctx, year);
    if (year.state !== 'RESULTS_RECORDED')
      throw appError(
        'PRECONDITION_FAILED',
        `The dossier follows the published vote; the year is ${year.state}`,
      );
    const due = await dossierDue(ctx, year);
    const [outcome] = await ctx.loaders.awardOutcome.load(year.id);
    if (due.deadline && vietnamToday() > due.deadline && !outcome?.lateAcceptedAt)
      throw appError(
        'DEADLINE_PASSED',
        `The deadline for the block's dossier was ${due.deadline} (${due.rule}). The provincial secretariat can accept it late with a reason (acceptLateDossier); then submit it again.`,
        { deadline: due.deadline, remedy: 'acceptLateDossier' },
      );
    if (!(await awardRepository.markDossierSubmitted(year.id, ctx.principal!.userId, due.deadline))) {
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
    // The submission and the vote's minutes, stored with the dossier as submitted (modules/documents).
    await storeDossierDocuments(ctx, year);
    await audit(ctx, 'dossier.submit', 'EmulationYear', year.id);
    return awardRepository.nominations([year.id]);
  }

  @Authorized('PROVINCE_ADMIN')
  @Mutation(() => EmulationYearType, {
    description:
      "R2/R3 for one block and one year, without changing the province's rule (audited with the reason); null returns to the province's quota. Applies to votes opened afterwards and to the awards engine.",
  })
  async setBlockYearQuota(
    @Arg('emulationYearId', () => ID) yearId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('flagSeats', () => Int, { nullable: true }) flagSeats?: number | null,
    @Arg('meritSeats', () => Int, { nullable: true }) meritSeats?: number | null,
  ) {
    const year = await loadYear(ctx, yearId);
    if (reason.trim().length < 3) throw badInput('reason', 'say why this block has its own quota this year');
    for (const [field, v] of [
      ['flagSeats', flagSeats],
      ['meritSeats', meritSeats],
    ] as const)
      if (v != null && (!Number.isInteger(v) || v < 0 || v > 50)) throw badInput(field, 'must be 0 to 50');
    if (isAtLeast(year.state, 'RESULTS_RECORDED'))
      throw appError(
        'PRECONDITION_FAILED',
        `The vote is decided (the year is ${year.state}): the quota is final`,
      );
    await emulationYearRepository.setQuotaOverride(year.id, flagSeats ?? null, meritSeats ?? null);
    await audit(ctx, 'awards.block_quota.set', 'EmulationYear', year.id, {
      before: { flagSeats: year.flagQuotaOverride, meritSeats: year.meritQuotaOverride },
      after: { flagSeats: flagSeats ?? null, meritSeats: meritSeats ?? null, reason: reason.trim() },
    });
    ctx.loaders.emulationYear.clear(year.id);
    return { ...year, flagQuotaOverride: flagSeats ?? null, meritQuotaOverride: meritSeats ?? null };
  }

  @Authorized('PROVINCE_ADMIN')
  @Mutation(() => AwardOutcomeType, {
    description:
      "R13: the secretariat accepts a block's dossier after its deadline, with the reason (audited); the head or deputy unit then submits it.",
  })
  async acceptLateDossier(
    @Arg('emulationYearId', () => ID) yearId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, yearId);
    if (reason.trim().length < 3) throw badInput('reason', 'say why the late dossier is accepted');
    if (year.state !== 'RESULTS_RECORDED')
      throw appError(
        'PRECONDITION_FAILED',
        `Only a dossier not yet submitted can be accepted late; the year is ${year.state}`,
      );
    if (!(await awardRepository.acceptLateDossier(year.id, ctx.principal!.userId, reason.trim())))
      throw appError('PRECONDITION_FAILED', 'There is no computed outcome waiting for its dossier');
    await audit(ctx, 'dossier.accept_late', 'EmulationYear', year.id, { after: { reason: reason.trim() } });
    ctx.loaders.awardOutcome.clear(year.id);
    return apiOutcome(await ctx.loaders.awardOutcome.load(year.id));
  }

  @Authorized('PROVINCE_ADMIN')
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
    // R8: the appraisal of a collective's deferred nomination resumes once the process is closed.
    if (nomination.status === 'DEFERRED' && input.to === 'IN_APPRAISAL') {
      const open = await openMatterOf(nomination);
      if (open)
        throw badInput(
          'to',
          `the unit's deferral opened on ${open.openedOn} is still open (${open.note}): close it first`,
        );
    }
    if (!(await awardRepository.step(nomination.id, nomination.status, input.to, input.reason ?? null))) {
      throw conflict('The nomination changed meanwhile: reload it');
    }
    // Appraisal steps can come again (resumed, returned a second time): each is its own notice.
    await notifyNominationStep(ctx.access!.provinceId, nomination.id, input.to, new Date());
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
    description:
      "The awards engine's result, once computed; before the vote's results are published only the head unit's officers see it.",
  })
  async awardOutcome(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    if (!seesYearOutcome(ctx, y)) return null;
    return apiOutcome(await ctx.loaders.awardOutcome.load(y.id));
  }

  @FieldResolver(() => [MemberExplanationType], {
    description:
      'R1, R7, R8, R9 today: the members that may not be proposed for an award, with the reasons (the recorded details only for the secretariat and the unit itself); they are not on the flag or certificate-of-merit ballot. For those who run the year.',
  })
  async awardExclusions(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    if (!yearActor(ctx, y)) return [];
    // The details of a unit's deferral or disqualification are its own and the secretariat's (seesUnitRecord).
    return [...(await yearAwardExclusions(y.id))].map(([unitId, lines]) => ({
      unitId,
      lines: lines.map((l) =>
        seesUnitRecord(ctx, unitId)
          ? { rule: l.rule, text: l.text, english: l.english }
          : { rule: l.rule, text: l.brief, english: l.briefEnglish },
      ),
    }));
  }
}

/** The stored outcome in the API's shape. */
function apiOutcome([outcome]: YearAwardOutcome[]) {
  if (!outcome) return null;
  return {
    ...outcome,
    explanations: Object.entries(outcome.explanations).map(([unitId, lines]) => ({ unitId, lines })),
  };
}
