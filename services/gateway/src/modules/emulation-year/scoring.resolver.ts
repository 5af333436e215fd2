import { ACTORS, ADMINS, MEMBERS } from '../../common/roles';
import {
  criteriaSetRepository,
  emulationYearRepository,
  type CriteriaSet,
  type EmulationYear,
  type ScoreSheet,
  type ScoreSheetDraft,
  type SheetDraftKey,
} from '@thidua/db';
import {
  defaultScoringRules,
  maxScore,
  rulesProblems,
  scoreItems,
  SCORING_OPEN,
  sheetProblems,
  type ScoringRules,
} from '@thidua/domain';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { assertActsFor, assertRunsYear, isProvinceAdmin, isSecretariat } from '../../common/acting';
import { audit, auditUnitAct } from '../../common/audit';
import { BOUNDS, checkFirst, firstArgOptions } from '../../common/bounds';
import { withConstraints } from '../../common/constraints';
import { appError, badInput, conflict, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { assertSheetOpen, loadYear, readsOwnSheet, transitionYear } from './emulation-year.service';
import {
  CreateCriteriaSetInput,
  CriteriaGroupType,
  CriteriaSetType,
  CriterionType,
  CrossScorers,
  EmulationYearType,
  ScoreEntryType,
  SaveScoreSheetDraftInput,
  ScoreSheetDraftType,
  ScoreSheetType,
  ScoringMethod,
  SubmitScoreSheetInput,
} from './emulation-year.types';

@Resolver(() => CriteriaSetType)
export class CriteriaSetResolver {
  @Authorized(...MEMBERS)
  @Query(() => CriteriaSetType)
  async criteriaSet(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.criteriaSet.load(id)) ?? Promise.reject(notFound('CriteriaSet', id));
  }

  @Authorized(...MEMBERS)
  @Query(() => [CriteriaSetType], { description: "The province's scoring tables, newest first." })
  async criteriaSets(
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('first', () => Int, firstArgOptions(500)) first?: number,
  ) {
    const n = checkFirst(first, 500);
    return (await criteriaSetRepository.list(year ?? undefined)).slice(0, n);
  }

  @FieldResolver(() => [CriteriaGroupType]) groups(@Root() s: CriteriaSet) {
    return s.rules.groups;
  }
  @FieldResolver(() => [CriterionType]) deductionItems(@Root() s: CriteriaSet) {
    return s.rules.deductionItems;
  }
  @FieldResolver(() => Float) bonusCap(@Root() s: CriteriaSet) {
    return s.rules.bonusCap;
  }
  @FieldResolver(() => Float, { description: 'The sum of the criteria maxima (before bonus).' }) maxScore(
    @Root() s: CriteriaSet,
  ) {
    return maxScore(s.rules);
  }
  @FieldResolver(() => ScoringMethod) method(@Root() s: CriteriaSet) {
    return s.rules.method;
  }
  @FieldResolver(() => CrossScorers) crossScorers(@Root() s: CriteriaSet) {
    return s.rules.crossScorers;
  }

  @Authorized(...ADMINS)
  @Mutation(() => CriteriaSetType, { description: 'A new version of the scoring table for a year.' })
  async createCriteriaSet(
    @Arg('input', () => CreateCriteriaSetInput) input: CreateCriteriaSetInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const defaults = defaultScoringRules();
    const rules: ScoringRules = {
      groups: input.groups ?? defaults.groups,
      deductionItems: input.deductionItems ?? (input.groups ? [] : defaults.deductionItems),
      bonusCap: input.bonusCap ?? defaults.bonusCap,
      method: input.method,
      crossScorers: input.crossScorers,
    };
    const [problem] = rulesProblems(rules);
    if (problem) throw badInput(problem.field, problem.message);
    const set = await criteriaSetRepository.create({ year: input.year, name: input.name.trim(), rules });
    await audit(ctx, 'criteria.create', 'CriteriaSet', set.id, { after: set });
    return set;
  }
}

@Resolver(() => ScoreSheetType)
export class ScoreSheetResolver {
  @FieldResolver(() => [ScoreEntryType]) scores(@Root() s: ScoreSheet) {
    return s.content.scores;
  }
  @FieldResolver(() => Float, { description: 'As claimed; the table caps it in the final score.' }) bonus(
    @Root() s: ScoreSheet,
  ) {
    return s.content.bonus;
  }
  @FieldResolver(() => [ScoreEntryType]) deductions(@Root() s: ScoreSheet) {
    return s.content.deductions;
  }

  @Authorized(...ACTORS)
  @Mutation(() => ScoreSheetType, {
    description:
      'Creates or replaces a sheet. Replacing needs the version read (expectedVersion); a stale one is CONFLICT.',
  })
  async submitScoreSheet(
    @Arg('input', () => SubmitScoreSheetInput) input: SubmitScoreSheetInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, input.emulationYearId);
    const onBehalf = assertActsFor(ctx, input.scorerUnitId, input.onBehalfReason);
    const rules = await assertSheetOpen(ctx, year, input.kind, input.scorerUnitId, input.targetUnitId);
    const content = { scores: input.scores, bonus: input.bonus, deductions: input.deductions };
    const [problem] = sheetProblems(rules, content);
    if (problem) throw badInput(problem.field, problem.message);

    const existing = await sentSheet(ctx, year.id, input.kind, input);
    const stale = () =>
      conflict('The sheet was changed by someone else: reload it and apply your changes again');
    let sheet: ScoreSheet | null;
    if (!existing) {
      if (input.expectedVersion) throw stale();
      sheet = await withConstraints({ unique: 'The sheet was just created by someone else: reload it' }, () =>
        emulationYearRepository.insertSheet({
          emulationYearId: year.id,
          kind: input.kind,
          scorerUnitId: input.scorerUnitId,
          targetUnitId: input.targetUnitId,
          content,
          evidence: input.evidence,
          submittedBy: ctx.principal!.userId,
          onBehalfReason: onBehalf,
        }),
      );
    } else {
      // Read as unsent (no version), and sent meanwhile from elsewhere: the reader's view is stale, as above.
      if (input.expectedVersion == null) throw stale();
      sheet = await emulationYearRepository.updateSheet(existing.id, input.expectedVersion, {
        content,
        evidence: input.evidence,
        submittedBy: ctx.principal!.userId,
        onBehalfReason: onBehalf,
      });
      if (!sheet) throw stale();
    }
    await auditUnitAct(
      ctx,
      'sheet.submit',
      input.scorerUnitId,
      onBehalf,
      { type: 'ScoreSheet', id: sheet.id },
      {
        before: existing ?? null,
        after: sheet,
      },
    );
    // What this person typed toward it is sent now. Others' drafts of it stay until the lock, read as typed over an
    // older version (the page does not restore them, and saving over them is refused).
    await emulationYearRepository.removeSheetDraft(draftKey(ctx, input));
    return sheet;
  }

  @Authorized(...ACTORS)
  @Mutation(() => DateTimeISOResolver, {
    description:
      'Keeps what the signed-in person typed on a sheet, not sent, so that it follows them to another device; answers when it was kept. Only while the sheet may be sent, and over the version it still has (CONFLICT once sent again since); nothing else is checked but the size and the criteria codes.',
  })
  async saveScoreSheetDraft(
    @Arg('input', () => SaveScoreSheetDraftInput) input: SaveScoreSheetDraftInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, input.emulationYearId);
    assertTypesFor(ctx, input.scorerUnitId);
    const kind = input.scorerUnitId === input.targetUnitId ? 'SELF' : 'CROSS';
    const rules = await assertSheetOpen(ctx, year, kind, input.scorerUnitId, input.targetUnitId);
    const codes = new Set(scoreItems(rules).map((c) => c.code));
    const unknown = input.entries.find((e) => !codes.has(e.code));
    if (unknown) throw badInput('entries', `the year's scoring table has no criterion ${unknown.code}`);
    const content = { entries: input.entries, bonus: input.bonus, reason: input.reason };
    if (Buffer.byteLength(JSON.stringify(content)) > DRAFT_MAX_BYTES)
      throw badInput(
        'entries',
        `the draft is larger than ${DRAFT_MAX_BYTES / 1000} kB: shorten the evidence`,
      );
    // Typed over a version since replaced (sent meanwhile, here or elsewhere): kept, it would come back stale.
    const sent = await sentSheet(ctx, year.id, kind, input);
    const basedOnVersion = input.basedOnVersion ?? null;
    if ((sent?.version ?? null) !== basedOnVersion)
      throw conflict('The sheet was sent again since this was typed: reload it and apply your changes again');
    return emulationYearRepository.saveSheetDraft(draftKey(ctx, input), content, basedOnVersion);
  }

  @Authorized(...ACTORS)
  @Mutation(() => Boolean, { description: 'Drops the signed-in person’s draft of a sheet; false when none.' })
  async discardScoreSheetDraft(
    @Arg('emulationYearId', () => ID) emulationYearId: string,
    @Arg('scorerUnitId', () => ID) scorerUnitId: string,
    @Arg('targetUnitId', () => ID) targetUnitId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    await loadYear(ctx, emulationYearId);
    return emulationYearRepository.removeSheetDraft(
      draftKey(ctx, { emulationYearId, scorerUnitId, targetUnitId }),
    );
  }
}

/** A draft as the API gives it: the form as typed, for which sheet, over which version, when. */
function draftOut(draft: ScoreSheetDraft) {
  return {
    ...draft.content,
    scorerUnitId: draft.scorerUnitId,
    targetUnitId: draft.targetUnitId,
    basedOnVersion: draft.basedOnVersion,
    savedAt: draft.savedAt,
  };
}

/** A draft is the form as typed; this bounds it well inside the table's own limit (600 kB). */
const DRAFT_MAX_BYTES = 400_000;

/** The sheet as sent last (any version), if it was. */
async function sentSheet(
  ctx: GraphQLContext,
  yearId: string,
  kind: 'SELF' | 'CROSS',
  sheet: { scorerUnitId: string; targetUnitId: string },
): Promise<ScoreSheet | undefined> {
  return (await ctx.loaders.sheets.load(yearId)).find(
    (s) => s.kind === kind && s.scorerUnitId === sheet.scorerUnitId && s.targetUnitId === sheet.targetUnitId,
  );
}

/** The signed-in person's draft of one sheet. */
function draftKey(
  ctx: GraphQLContext,
  sheet: { emulationYearId: string; scorerUnitId: string; targetUnitId: string },
): SheetDraftKey {
  return {
    userId: ctx.principal!.userId,
    emulationYearId: sheet.emulationYearId,
    scorerUnitId: sheet.scorerUnitId,
    targetUnitId: sheet.targetUnitId,
  };
}

/** Who may type a unit's sheet: its officers, or the secretariat (which gives its reason when it sends). */
function assertTypesFor(ctx: GraphQLContext, unitId: string): void {
  if (ctx.access?.officerOf.has(unitId) || isSecretariat(ctx)) return;
  assertActsFor(ctx, unitId);
}

@Resolver(() => EmulationYearType)
export class YearScoringResolver {
  @FieldResolver(() => [ScoreSheetType], {
    description:
      'The secretariat sees every sheet; a unit sees the sheets it wrote or that score it, and the self-scoring of each member it cross-scores (what it checks).',
  })
  async scoreSheets(
    @Root() y: EmulationYear,
    @Ctx() ctx: GraphQLContext,
    @Arg('targetUnitId', () => ID, { nullable: true, description: 'Only the sheets scoring this unit.' })
    targetUnitId?: string,
    @Arg('scorerUnitId', () => ID, { nullable: true, description: 'Only the sheets this unit wrote.' })
    scorerUnitId?: string,
    // Every scorer × every target of a block of the largest size.
    @Arg('first', () => Int, firstArgOptions(BOUNDS.blockMembers ** 2)) first?: number,
  ) {
    const n = checkFirst(first, BOUNDS.blockMembers ** 2);
    const mine = ctx.access?.officerOf ?? new Set<string>();
    const all = isProvinceAdmin(ctx);
    const readsOwn = await readsOwnSheet(ctx, y);
    return (await ctx.loaders.sheets.load(y.id))
      .filter(
        (s) =>
          all ||
          mine.has(s.scorerUnitId) ||
          mine.has(s.targetUnitId) ||
          (s.kind === 'SELF' && readsOwn(s.targetUnitId)),
      )
      .filter(
        (s) =>
          (!targetUnitId || s.targetUnitId === targetUnitId) &&
          (!scorerUnitId || s.scorerUnitId === scorerUnitId),
      )
      .slice(0, n);
  }

  @FieldResolver(() => ScoreSheetDraftType, {
    nullable: true,
    description: 'What the signed-in person typed on this sheet and has not sent, while scoring is open.',
  })
  async scoreSheetDraft(
    @Root() y: EmulationYear,
    @Ctx() ctx: GraphQLContext,
    @Arg('scorerUnitId', () => ID) scorerUnitId: string,
    @Arg('targetUnitId', () => ID) targetUnitId: string,
  ) {
    if (!ctx.principal || !SCORING_OPEN.includes(y.state)) return null;
    const draft = await emulationYearRepository.sheetDraft(
      draftKey(ctx, { emulationYearId: y.id, scorerUnitId, targetUnitId }),
    );
    return draft && draftOut(draft);
  }

  @FieldResolver(() => [ScoreSheetDraftType], {
    description:
      'Every sheet of this scorer the signed-in person typed and has not sent, while scoring is open: the list of sheets says which have changes to send, in one request.',
  })
  async scoreSheetDrafts(
    @Root() y: EmulationYear,
    @Ctx() ctx: GraphQLContext,
    @Arg('scorerUnitId', () => ID) scorerUnitId: string,
    @Arg('first', () => Int, firstArgOptions(BOUNDS.blockMembers)) first?: number,
  ) {
    const n = checkFirst(first, BOUNDS.blockMembers);
    if (!ctx.principal || !SCORING_OPEN.includes(y.state)) return [];
    const drafts = await emulationYearRepository.sheetDraftsOf(
      { userId: ctx.principal.userId, emulationYearId: y.id, scorerUnitId },
      n,
    );
    return drafts.map(draftOut);
  }

  @Authorized(...ACTORS)
  @Mutation(() => EmulationYearType, {
    description: 'SCORING → SCORES_LOCKED: freezes final scores and ranks.',
  })
  async lockScores(@Arg('emulationYearId', () => ID) yearId: string, @Ctx() ctx: GraphQLContext) {
    const year = await loadYear(ctx, yearId);
    if (year.state !== 'SCORING')
      throw appError('PRECONDITION_FAILED', `Scores are locked from SCORING; the year is ${year.state}`);
    return transitionYear(ctx, year, 'SCORES_LOCKED', assertRunsYear(ctx, year));
  }
}
