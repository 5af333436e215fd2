import { emulationYearRepository, yearEndRepository, type YearEndClosingRecord } from '@thidua/db';
import { enqueueJob, jobId, previewBlockClosing } from '@thidua/jobs';
import { Arg, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { audit } from '../../common/audit';
import { graphqlEnum } from '../../common/enums';
import { badInput } from '../../common/errors';
import { ADMINS, READERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';

const YearEndState = graphqlEnum(
  ['DRY_RUN', 'RUNNING', 'DONE'] as const,
  'YearEndState',
  'DRY_RUN: what a closing would do now, nothing written.',
);
const BlockClosingStatus = graphqlEnum(
  ['PENDING', 'WOULD_CLOSE', 'CLOSED', 'ALREADY_CLOSED', 'CANNOT_CLOSE', 'FAILED'] as const,
  'BlockClosingStatus',
);

@ObjectType('YearEndBlock', { description: "One block's part in the province's year-end closing." })
class YearEndBlockType {
  @Field(() => ID) blockId!: string;
  @Field(() => ID) emulationYearId!: string;
  @Field(() => BlockClosingStatus) status!: string;
  @Field(() => String, { nullable: true, description: 'Why the block could not close, or why it failed.' })
  reason!: string | null;
  @Field(() => ID, { nullable: true }) nextYearId!: string | null;
  @Field(() => ID, { nullable: true }) nextHeadUnitId!: string | null;
  @Field(() => ID, { nullable: true }) nextDeputyUnitId!: string | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('YearEndClosing', { description: "A province's year-end closing and its progress." })
class YearEndClosingType {
  @Field(() => ID) provinceId!: string;
  @Field(() => Int) year!: number;
  @Field(() => YearEndState) state!: string;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'From start to finish, or so far while running.' })
  durationMs!: number | null;
  @Field(() => [YearEndBlockType]) blocks!: YearEndBlockType[];
}

function toType(provinceId: string, r: YearEndClosingRecord): YearEndClosingType {
  const end = r.finishedAt ?? new Date();
  return { provinceId, ...r, durationMs: end.getTime() - r.startedAt.getTime() };
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badInput('year', 'must be between 2000 and 2100');
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
    checkYear(year);
    const provinceId = ctx.access!.provinceId;
    if (dryRun) {
      const years = await emulationYearRepository.inYear(year);
      const blocks = [];
      for (const y of years) {
        const { result } = await previewBlockClosing(y.id);
        blocks.push({
          blockId: y.blockId,
          emulationYearId: y.id,
          status: result.status,
          reason: result.status === 'CANNOT_CLOSE' ? result.reason : null,
          nextYearId: result.status === 'CANNOT_CLOSE' ? null : result.nextYearId,
          nextHeadUnitId: result.status === 'CANNOT_CLOSE' ? null : result.nextHeadUnitId,
          nextDeputyUnitId: result.status === 'CANNOT_CLOSE' ? null : result.nextDeputyUnitId,
          finishedAt: null,
        });
      }
      return {
        provinceId,
        year,
        state: 'DRY_RUN',
        startedAt: null,
        finishedAt: null,
        durationMs: null,
        blocks,
      };
    }
    if (await yearEndRepository.start(year, ctx.principal!.userId)) {
      await enqueueJob(
        'start-year-end',
        { provinceId, year },
        { jobId: jobId('start-year-end', provinceId, String(year)) },
      );
      await audit(ctx, 'year_end.start', 'Province', provinceId, { after: { year } });
    }
    return toType(provinceId, (await yearEndRepository.get(year))!);
  }

  @Authorized(...READERS)
  @Query(() => YearEndClosingType, { nullable: true, description: 'Null when the year was never closed.' })
  async yearEndClosing(
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<YearEndClosingType | null> {
    checkYear(year);
    if (provinceId !== ctx.access!.provinceId)
      throw badInput('provinceId', 'must be the province chosen with the x-province-id header');
    const closing = await yearEndRepository.get(year);
    return closing ? toType(provinceId, closing) : null;
  }
}
