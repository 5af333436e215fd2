import {
  blockRepository,
  emulationYearRepository,
  yearEndRepository,
  type YearEndClosingRecord,
} from '@thidua/db';
import {
  beginYearEndClosing,
  enqueueJob,
  jobId,
  previewBlockClosing,
  resumeYearEndClosing,
} from '@thidua/jobs';
import { yearEndScheduleProblems } from '@thidua/domain';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { audit } from '../../common/audit';
import { BlockKind } from '../block/block.types';
import { UnitType } from '../unit/unit.types';
import { graphqlEnum } from '../../common/enums';
import { appError, assertYear, forbidden } from '../../common/errors';
import { ADMINS, READERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';

const YearEndState = graphqlEnum(
  ['DRY_RUN', 'RUNNING', 'DONE'] as const,
  'YearEndState',
  'DRY_RUN: what a closing would do now, nothing written.',
);
const BlockClosingStatus = graphqlEnum(
  ['PENDING', 'WOULD_CLOSE', 'CLOSED', 'ALREADY_CLOSED', 'CANNOT_CLOSE', 'FAILED', 'ADDED_SINCE'] as const,
  'BlockClosingStatus',
  "A block's part in the closing. ADDED_SINCE: a block year opened after the closing ran, not yet in it; " +
    'resuming the closing takes it in.',
);

@ObjectType('YearEndBlock', { description: "One block's part in the province's year-end closing." })
class YearEndBlockType {
  @Field(() => ID) blockId!: string;
  @Field(() => String, { description: "The block's name today." })
  blockName!: string;
  @Field(() => BlockKind, { description: 'Whether it is a block or a cluster, for the words that name it.' })
  blockKind!: BlockKind;
  @Field(() => ID) emulationYearId!: string;
  @Field(() => BlockClosingStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'Why the block could not close, or why it failed.' })
  reason!: string | null;
  @Field(() => ID, { nullable: true }) nextYearId!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: "Next year's head unit: the one it was opened with, or in a dry run the one it would be.",
  })
  nextHeadUnitId!: string | null;
  @Field(() => ID, { nullable: true, description: "Next year's deputy unit, as nextHeadUnitId." })
  nextDeputyUnitId!: string | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('YearEndClosing', { description: "A province's year-end closing and its progress." })
class YearEndClosingType {
  @Field(() => ID) provinceId!: string;
  @Field(() => Int) year!: number;
  @Field(() => YearEndState) state!: string;
  @Field(() => Int, {
    nullable: true,
    description: '1, then one more each time it is resumed; start, finish and duration are of this round.',
  })
  round!: number | null;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'From start to finish, or so far while running.' })
  durationMs!: number | null;
  @Field(() => [YearEndBlockType]) blocks!: YearEndBlockType[];
}

@ObjectType('YearEndSchedule', { description: "When the province's year-end closing starts each year." })
@InputType('YearEndScheduleInput')
class YearEndScheduleType {
  @Field(() => Int) month!: number;
  @Field(() => Int) day!: number;
  @Field(() => String, { description: 'Vietnam time (Asia/Ho_Chi_Minh), "HH:MM" or "HH:MM:SS".' })
  time!: string;
}

type BlockRow = Omit<YearEndBlockType, 'blockName' | 'blockKind'>;

/**
 * Each block row with its name and kind (one read for all), in the order of the names, as the secretariat looks
 * for them.
 */
async function named(blocks: BlockRow[]): Promise<YearEndBlockType[]> {
  const found = new Map(
    (await blockRepository.byIds([...new Set(blocks.map((b) => b.blockId))])).map((b) => [b.id, b]),
  );
  return blocks
    .map((b) => ({
      ...b,
      blockName: found.get(b.blockId)?.name ?? '',
      blockKind: (found.get(b.blockId)?.kind ?? 'BLOCK') as BlockKind,
    }))
    .sort((a, b) => a.blockName.localeCompare(b.blockName, 'vi'));
}

async function toType(provinceId: string, r: YearEndClosingRecord): Promise<YearEndClosingType> {
  const end = r.finishedAt ?? new Date();
  // A block year opened after the closing ran is listed too: it is not closed, and a resume takes it in. Read
  // once the closing is done: the page asks every two seconds while it runs, and a resume waits for the end.
  const inClosing = new Set(r.blocks.map((b) => b.emulationYearId));
  const added = (r.state === 'DONE' ? await emulationYearRepository.inYear(r.year) : [])
    .filter((y) => !inClosing.has(y.id) && y.state !== 'CLOSED')
    .map((y) => ({
      blockId: y.blockId,
      emulationYearId: y.id,
      status: 'ADDED_SINCE',
      reason: null,
      nextYearId: null,
      nextHeadUnitId: null,
      nextDeputyUnitId: null,
      finishedAt: null,
    }));
  return {
    provinceId,
    ...r,
    blocks: await named([...r.blocks, ...added]),
    durationMs: end.getTime() - r.startedAt.getTime(),
  };
}

/** What a closing would do now for every block year of `year`, writing nothing. */
async function dryRunOf(provinceId: string, year: number): Promise<YearEndClosingType> {
  const blocks: BlockRow[] = [];
  for (const y of await emulationYearRepository.inYear(year)) {
    const { result } = await previewBlockClosing(y.id);
    const cannot = result.status === 'CANNOT_CLOSE';
    blocks.push({
      blockId: y.blockId,
      emulationYearId: y.id,
      status: result.status,
      reason: cannot ? result.reason : null,
      nextYearId: cannot ? null : result.nextYearId,
      nextHeadUnitId: cannot ? null : result.nextHeadUnitId,
      nextDeputyUnitId: cannot ? null : result.nextDeputyUnitId,
      finishedAt: null,
    });
  }
  return {
    provinceId,
    year,
    state: 'DRY_RUN',
    round: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    blocks: await named(blocks),
  };
}

@Resolver()
export class YearEndResolver {
  @Authorized(...ADMINS)
  @Mutation(() => YearEndClosingType, {
    description:
      'Closes every block of the province for the year, in the worker. Starting a closing already running or ' +
      'done changes nothing and returns it. dryRun: what would happen now, nothing written.',
  })
  async startYearEndClosing(
    @Arg('year', () => Int) year: number,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<YearEndClosingType> {
    assertYear('year', year);
    const provinceId = ctx.access!.provinceId;
    if (dryRun) return dryRunOf(provinceId, year);
    if (await beginYearEndClosing(provinceId, year, ctx.principal!.userId))
      await audit(ctx, 'year_end.start', 'Province', provinceId, { after: { year } });
    return toType(provinceId, (await yearEndRepository.get(year))!);
  }

  @Authorized(...ADMINS)
  @Mutation(() => YearEndClosingType, {
    description:
      'Runs a finished closing again for its blocks that could not close (their vote since decided, their ' +
      'dossier since submitted) and for blocks added since; the others keep their outcome.',
  })
  async resumeYearEndClosing(
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<YearEndClosingType> {
    assertYear('year', year);
    const provinceId = ctx.access!.provinceId;
    const closing = await yearEndRepository.get(year);
    if (!closing) throw appError('NOT_FOUND', `The year-end closing of ${year} was not started`);
    if (closing.state === 'RUNNING')
      throw appError('PRECONDITION_FAILED', `The year-end closing of ${year} is still running`);
    const round = await resumeYearEndClosing(provinceId, year);
    if (round === null)
      throw appError('PRECONDITION_FAILED', `Every block of ${year} is closed: there is nothing to resume`);
    await audit(ctx, 'year_end.resume', 'Province', provinceId, { after: { year, round } });
    return toType(provinceId, (await yearEndRepository.get(year))!);
  }

  @Authorized(...ADMINS)
  @Mutation(() => YearEndScheduleType, {
    description: 'Sets the date and Vietnam time at which the year-end closing starts every year.',
  })
  async setYearEndSchedule(
    @Arg('input', () => YearEndScheduleType) input: YearEndScheduleType,
    @Ctx() ctx: GraphQLContext,
  ): Promise<YearEndScheduleType> {
    const problems = yearEndScheduleProblems(input);
    if (problems.length) throw appError('BAD_USER_INPUT', 'The schedule is not valid', { fields: problems });
    const provinceId = ctx.access!.provinceId;
    const before = await yearEndRepository.schedule();
    await yearEndRepository.setSchedule(input, ctx.principal!.userId);
    await enqueueJob(
      'schedule-year-end',
      { provinceId },
      { jobId: jobId('schedule-year-end', provinceId, String(Date.now())) },
    );
    await audit(ctx, 'year_end.schedule', 'Province', provinceId, { before, after: { ...input } });
    return (await yearEndRepository.schedule())!;
  }

  @Authorized(...ADMINS)
  @Query(() => YearEndClosingType, {
    description:
      'What a closing of the year would do now, block by block (WOULD_CLOSE, ALREADY_CLOSED, or CANNOT_CLOSE ' +
      'with the reason); nothing is written.',
  })
  async yearEndDryRun(
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<YearEndClosingType> {
    assertYear('year', year);
    return dryRunOf(ctx.access!.provinceId, year);
  }

  @Authorized(...ADMINS)
  @Query(() => YearEndScheduleType, { nullable: true })
  async yearEndSchedule(): Promise<YearEndScheduleType | null> {
    return yearEndRepository.schedule();
  }

  @Authorized(...READERS)
  @Query(() => YearEndClosingType, { nullable: true, description: 'Null when the year was never closed.' })
  async yearEndClosing(
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<YearEndClosingType | null> {
    assertYear('year', year);
    if (provinceId !== ctx.access!.provinceId)
      throw forbidden("A province's closing is read within that province (x-province-id)");
    const closing = await yearEndRepository.get(year);
    return closing ? toType(provinceId, closing) : null;
  }
}

@Resolver(() => YearEndBlockType)
export class YearEndBlockResolver {
  @FieldResolver(() => UnitType, { nullable: true })
  nextHeadUnit(@Root() b: YearEndBlockType, @Ctx() ctx: GraphQLContext) {
    return b.nextHeadUnitId ? ctx.loaders.unit.load(b.nextHeadUnitId) : null;
  }

  @FieldResolver(() => UnitType, { nullable: true })
  nextDeputyUnit(@Root() b: YearEndBlockType, @Ctx() ctx: GraphQLContext) {
    return b.nextDeputyUnitId ? ctx.loaders.unit.load(b.nextDeputyUnitId) : null;
  }
}
