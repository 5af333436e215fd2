import { ACTORS, ADMINS, MEMBERS } from '../../common/roles';
import {
  emulationYearRepository,
  notificationRepository,
  userRepository,
  type EmulationYear,
} from '@thidua/db';
import {
  checkTransition,
  COVENANT_EDITABLE,
  isAtLeast,
  meetsWomenRule,
  nextStates,
  SIGNING_OPEN,
  type YearState as YearStateName,
} from '@thidua/domain';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { dossierDue } from '../conference/conference.service';
import { assertActsFor, assertRunsYear, isProvinceAdmin } from '../../common/acting';
import { audit, auditUnitAct } from '../../common/audit';
import { withConstraints } from '../../common/constraints';
import { badInput, conflict, missingRef, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { BlockType } from '../block/block.types';
import { assertProvinceRunsYear } from '../history/province-years';
import { UnitType } from '../unit/unit.types';
import { visibleOutcome } from '../voting/voting.service';
import {
  assertMember,
  facts,
  liveResults,
  loadYear,
  transitionYear,
  yearMembers,
} from './emulation-year.service';
import {
  CovenantItemType,
  CovenantSignatureType,
  CriteriaSetType,
  EmulationYearType,
  MissingSheetsType,
  OpenEmulationYearInput,
  TitleRegistrationType,
  UpdateEmulationYearInput,
  WomenFactsType,
  YearMemberType,
  YearState,
} from './emulation-year.types';

/** R12: a scoring table is versioned per year; a year is scored by one of its own year's versions. */
async function assertCriteriaSetOfYear(ctx: GraphQLContext, criteriaSetId: string, year: number) {
  const set = await ctx.loaders.criteriaSet.load(criteriaSetId);
  if (!set) throw missingRef('criteriaSetId', 'CriteriaSet', criteriaSetId);
  if (set.year !== year)
    throw badInput('criteriaSetId', `the criteria set is for ${set.year}, not ${year} (R12: one per year)`);
}

@Resolver(() => EmulationYearType)
export class EmulationYearResolver {
  @Authorized(...MEMBERS)
  @Query(() => EmulationYearType, {
    nullable: true,
    description: "A block's year, or null when it has not been opened.",
  })
  async emulationYear(
    @Arg('blockId', () => ID) blockId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (!(await ctx.loaders.block.load(blockId))) throw notFound('Block', blockId);
    return emulationYearRepository.find(blockId, year);
  }

  @FieldResolver(() => BlockType)
  block(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.block.load(y.blockId);
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description:
      "R13: the day the block's dossier is due at the secretariat under the province's rule (a late one is accepted only with the secretariat's reason); null while it counts from a conference not yet recorded.",
  })
  async dossierDeadline(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return (await dossierDue(ctx, y)).deadline;
  }

  @FieldResolver(() => UnitType, { nullable: true })
  headUnit(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return y.headUnitId ? ctx.loaders.unit.load(y.headUnitId) : null;
  }

  @FieldResolver(() => UnitType, { nullable: true })
  deputyUnit(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return y.deputyUnitId ? ctx.loaders.unit.load(y.deputyUnitId) : null;
  }

  @FieldResolver(() => CriteriaSetType, { nullable: true })
  criteriaSet(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return y.criteriaSetId ? ctx.loaders.criteriaSet.load(y.criteriaSetId) : null;
  }

  @FieldResolver(() => [CovenantItemType])
  covenantItems(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.covenantItems.load(y.id);
  }

  @FieldResolver(() => [CovenantSignatureType])
  covenantSignatures(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.signatures.load(y.id);
  }

  @FieldResolver(() => [TitleRegistrationType], {
    description: 'Registrations in force (withdrawn ones are left out).',
  })
  titleRegistrations(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.registrations.load(y.id);
  }

  @FieldResolver(() => [YearState], { description: 'Where the year can move next.' })
  nextStates(@Root() y: EmulationYear) {
    return nextStates(y.state);
  }

  @FieldResolver(() => [String], {
    description:
      'What the next step (the first of nextStates) still needs, in the words transitionEmulationYear would ' +
      'answer with (PRECONDITION_FAILED, extensions.missing); empty when it can be taken or there is none.',
  })
  async nextStepMissing(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    const [to] = nextStates(y.state);
    if (!to) return [];
    // The preconditions do not depend on who asks; the secretariat may take every step people take. What they
    // say of an unpublished round does: its outcome as the reader may know it (a member is not told that the head
    // and deputy must decide, which would say a seat went unfilled).
    const f = await facts(ctx, y);
    const r = f.latestRound;
    if (r && !r.published && r.outcome) {
      const period = (await ctx.loaders.periodsOfYear.load(y.id)).find(
        (p) => p.kind === 'BLOCK' && p.round === r.round,
      );
      f.latestRound = {
        ...r,
        outcome: period ? await visibleOutcome(ctx, period) : null,
      };
    }
    const verdict = checkTransition(y.state, to, 'PROVINCE_ADMIN', f);
    return verdict.allowed ? [] : verdict.missing;
  }

  @FieldResolver(() => [MissingSheetsType], {
    description:
      'While scoring runs: each member still missing a sheet and whose. For the secretariat and the head and deputy units, who remind them; who has sent a sheet is not secret, its points are (empty for others).',
  })
  async missingSheets(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    if (y.state !== 'SCORING') return [];
    const mine = ctx.access?.officerOf ?? new Set<string>();
    if (!isProvinceAdmin(ctx) && ![y.headUnitId, y.deputyUnitId].some((u) => !!u && mine.has(u))) return [];
    return (await liveResults(ctx, y))
      .filter((r) => r.missingSheetsFrom.length)
      .map((r) => ({ unitId: r.unitId, from: r.missingSheetsFrom }));
  }

  @FieldResolver(() => [YearMemberType], {
    description: 'Members in ranking order once scored, with their scores.',
  })
  async members(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    const [members, signatures] = await Promise.all([yearMembers(ctx, y), ctx.loaders.signatures.load(y.id)]);
    const signedAt = (unitId: string) => signatures.find((s) => s.unitId === unitId)?.signedAt ?? null;
    const frozen = isAtLeast(y.state, 'SCORES_LOCKED') ? await ctx.loaders.results.load(y.id) : [];
    // A year recorded from documents has its members and no scores: they are listed without.
    if (frozen.length) {
      return frozen.map((r) => ({
        unitId: r.unitId,
        signedAt: signedAt(r.unitId),
        score: {
          ...r,
          base: +r.base,
          bonus: +r.bonus,
          deductions: +r.deductions,
          final: +r.final,
          missingSheetsFrom: [],
        },
      }));
    }
    // While scoring runs, only the secretariat sees the standings.
    const live =
      isProvinceAdmin(ctx) && !isAtLeast(y.state, 'SCORES_LOCKED') ? await liveResults(ctx, y) : [];
    const ordered = live.length ? live.map((r) => r.unitId) : members;
    return ordered.map((unitId) => ({
      unitId,
      signedAt: signedAt(unitId),
      score: live.find((r) => r.unitId === unitId) ?? null,
    }));
  }

  @Authorized(...ADMINS)
  @Mutation(() => EmulationYearType, { description: "Creates the block's year in DRAFT." })
  async openEmulationYear(
    @Arg('input', () => OpenEmulationYearInput) input: OpenEmulationYearInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const block = await ctx.loaders.block.load(input.blockId);
    if (!block) throw missingRef('blockId', 'Block', input.blockId);
    await assertProvinceRunsYear(ctx, input.year);
    const members = await ctx.loaders.membersInYear.load(`${block.id}:${input.year}`);
    for (const field of ['headUnitId', 'deputyUnitId'] as const) {
      const unitId = input[field];
      if (unitId && !members.includes(unitId))
        throw badInput(field, `the unit is not a member of the block in ${input.year}`);
    }
    if (input.headUnitId && input.headUnitId === input.deputyUnitId)
      throw badInput('deputyUnitId', 'must differ from the head unit');
    if (input.criteriaSetId) await assertCriteriaSetOfYear(ctx, input.criteriaSetId, input.year);
    checkDeadlines(input.registrationDeadline, input.scoringDeadline);
    const year = await withConstraints({ unique: `${block.name} already has a year ${input.year}` }, () =>
      emulationYearRepository.create({
        blockId: block.id,
        year: input.year,
        theme: input.theme?.trim() || null,
        headUnitId: input.headUnitId ?? null,
        deputyUnitId: input.deputyUnitId ?? null,
        criteriaSetId: input.criteriaSetId ?? null,
        registrationDeadline: input.registrationDeadline ?? null,
        scoringDeadline: input.scoringDeadline ?? null,
      }),
    );
    await audit(ctx, 'year.open', 'EmulationYear', year.id, { after: year });
    return year;
  }

  @Authorized(...ADMINS)
  @Mutation(() => EmulationYearType)
  async updateEmulationYear(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateEmulationYearInput) input: UpdateEmulationYearInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, id, 'id');
    if (isAtLeast(year.state, 'SCORES_LOCKED')) throw conflict(`The year cannot change once ${year.state}`);
    const members = await yearMembers(ctx, year);
    for (const field of ['headUnitId', 'deputyUnitId'] as const) {
      const unitId = input[field];
      if (!unitId) continue;
      if (year.state !== 'DRAFT')
        throw conflict(`The head and deputy are fixed once the year is ${year.state}`);
      if (!members.includes(unitId))
        throw badInput(field, `the unit is not a member of the block in ${year.year}`);
    }
    const head = input.headUnitId ?? year.headUnitId;
    if (head && head === (input.deputyUnitId ?? year.deputyUnitId))
      throw badInput('deputyUnitId', 'must differ from the head unit');
    if (input.criteriaSetId) {
      if (isAtLeast(year.state, 'SCORING'))
        throw conflict('The criteria set is fixed once scoring has started');
      await assertCriteriaSetOfYear(ctx, input.criteriaSetId, year.year);
    }
    // A field left out keeps its value; one sent as null clears it.
    checkDeadlines(
      input.registrationDeadline !== undefined ? input.registrationDeadline : year.registrationDeadline,
      input.scoringDeadline !== undefined ? input.scoringDeadline : year.scoringDeadline,
    );
    const after = await emulationYearRepository.update(id, { ...input, theme: input.theme?.trim() });
    await audit(ctx, 'year.update', 'EmulationYear', id, { before: year, after });
    return after;
  }

  @Authorized(...ACTORS)
  @Mutation(() => EmulationYearType, { description: 'Moves the year on; refused with what is missing.' })
  async transitionEmulationYear(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => YearState) to: YearStateName,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, id, 'id');
    return transitionYear(ctx, year, to, assertRunsYear(ctx, year));
  }

  @Authorized(...ACTORS)
  @Mutation(() => [CovenantItemType], {
    description: 'Replaces the covenant text; frozen once a member has signed.',
  })
  async setCovenantItems(
    @Arg('emulationYearId', () => ID) yearId: string,
    @Arg('items', () => [String]) items: string[],
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, yearId);
    assertRunsYear(ctx, year);
    const texts = items.map((t) => t.trim());
    const blank = texts.findIndex((t) => !t);
    if (blank >= 0) throw badInput(`items.${blank}`, 'an item cannot be empty');
    if (!texts.length || texts.length > 50) throw badInput('items', 'give 1 to 50 items');
    if (!COVENANT_EDITABLE.includes(year.state))
      throw conflict(`The covenant cannot change in ${year.state}`);
    const signed = await ctx.loaders.signatures.load(year.id);
    if (signed.length) throw conflict(`The covenant is frozen: ${signed.length} member(s) have signed it`);
    const before = await ctx.loaders.covenantItems.load(year.id);
    await emulationYearRepository.replaceCovenantItems(year.id, texts);
    await audit(ctx, 'covenant.set', 'EmulationYear', year.id, {
      before: { items: before.map((i) => i.text) },
      after: { items: texts },
    });
    return texts.map((text, i) => ({ position: i + 1, text }));
  }

  @Authorized(...ACTORS)
  @Mutation(() => CovenantSignatureType, {
    description: "Signs the covenant for a member unit (the unit's officer).",
  })
  async signCovenant(
    @Arg('emulationYearId', () => ID) yearId: string,
    @Arg('unitId', () => ID) unitId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('onBehalfReason', () => String, {
      nullable: true,
      description:
        'The secretariat signs for the unit only on its behalf, saying why; kept with the signature and audited.',
    })
    onBehalfReason?: string,
  ) {
    const year = await loadYear(ctx, yearId);
    const onBehalf = assertActsFor(ctx, unitId, onBehalfReason);
    await assertMember(ctx, year, unitId, 'unitId');
    if (!SIGNING_OPEN.includes(year.state))
      throw conflict(`The covenant is signed while the year is OPEN; it is ${year.state}`);
    const signature = await emulationYearRepository.sign(year.id, unitId, ctx.principal!.userId, onBehalf);
    if (onBehalf) await markSigningRequestsDone(ctx, year, unitId);
    await auditUnitAct(
      ctx,
      'covenant.sign',
      unitId,
      onBehalf,
      { type: 'EmulationYear', id: year.id },
      {
        after: { unitId },
      },
    );
    return signature;
  }
}

/**
 * Signed on the unit's behalf: its officers' notice asking them to sign is done, and read, as it is when they sign
 * themselves (the on-behalf notice that follows is what they read); an officer of another member still to sign
 * keeps it.
 */
async function markSigningRequestsDone(ctx: GraphQLContext, year: EmulationYear, unitId: string) {
  const signed = new Set((await emulationYearRepository.signatures([year.id])).map((s) => s.unitId));
  const unsigned = (await yearMembers(ctx, year)).filter((u) => !signed.has(u));
  const officers = await userRepository.officersByUnit(ctx.access!.provinceId, [unitId, ...unsigned]);
  const stillToSign = new Set(officers.filter((o) => o.unitId !== unitId).map((o) => o.userId));
  const done = officers.filter((o) => o.unitId === unitId && !stillToSign.has(o.userId)).map((o) => o.userId);
  await notificationRepository.markReadAbout(done, year.id, 'year.signing_opened');
}

/** Titles are registered before the sheets are due: a scoring deadline before the registration one is a slip. */
function checkDeadlines(registration?: string | null, scoring?: string | null) {
  if (registration && scoring && scoring < registration)
    throw badInput('scoringDeadline', `must not be before the registration deadline ${registration}`);
}

@Resolver(() => YearMemberType)
export class YearMemberWomenResolver {
  @FieldResolver(() => WomenFactsType, {
    nullable: true,
    description: "R6's women facts of the unit as its people are recorded today; null when none are.",
  })
  async women(@Root() m: { unitId: string }, @Ctx() ctx: GraphQLContext) {
    const facts = await ctx.loaders.womenFacts.load(m.unitId);
    return (
      facts && {
        headIsWoman: facts.headIsWoman,
        share: facts.share,
        meetsRule: meetsWomenRule({ headIsWoman: facts.headIsWoman, womenShare: facts.share }),
      }
    );
  }
}
