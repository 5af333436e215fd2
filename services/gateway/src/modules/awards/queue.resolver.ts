import { awardRepository, NOMINATION_STATUSES, type Nomination, type NominationStatus } from '@thidua/db';
import { reasonIsUnitRecord } from '@thidua/domain';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  Args,
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  Query,
  Resolver,
  Root,
  ID,
  ObjectType,
} from 'type-graphql';
import { checkFirst, firstArgOptions } from '../../common/bounds';
import { Connection, PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { seesUnitRecord } from '../../common/acting';
import { notFound } from '../../common/errors';
import { ADMINS, MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { EmulationYearType } from '../emulation-year/emulation-year.types';
import { UnitType } from '../unit/unit.types';
import { PersonType } from '../block/block.types';
import { NominationStatus as NominationStatusEnum, NominationType, ProposalForm } from './awards.types';

export const NominationConnection = Connection(NominationType, 'Nomination');

const FORMS = ['FLAG_PROVINCE', 'MERIT_PROVINCE', 'CSTD_PROV'] as const;

@InputType({ description: "The secretariat's queue: every field left out matches all." })
export class NominationFilterInput {
  @Field(() => [NominationStatusEnum], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(11)
  @IsIn(NOMINATION_STATUSES, { each: true })
  statuses?: NominationStatus[];

  @Field(() => [ProposalForm], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsIn(FORMS, { each: true })
  forms?: (typeof FORMS)[number][];

  @Field(() => Int, { nullable: true, description: 'The emulation year the proposals reward.' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'blockId must be a block id' })
  blockId?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "true: only years recorded afterwards from the province's documents; false: only years run on the platform.",
  })
  @IsOptional()
  @IsBoolean()
  recordedFromDocuments?: boolean;
}

@ObjectType({ description: "How many of the queue's nominations are in one state." })
export class NominationStatusCountType {
  @Field(() => NominationStatusEnum) status!: NominationStatus;
  @Field(() => Int) count!: number;
}

@Resolver(() => NominationType)
export class NominationQueueResolver {
  @Authorized(...ADMINS)
  @Query(() => [NominationStatusCountType], {
    description:
      "How many nominations each state of the queue holds under the filter's other fields (its statuses are ignored); states with none are left out.",
  })
  async nominationQueueCounts(
    @Arg('filter', () => NominationFilterInput, { nullable: true }) filter?: NominationFilterInput | null,
  ) {
    const { statuses: _ignored, ...rest } = filter ?? {};
    return awardRepository.queueCounts(rest);
  }

  @Authorized(...ADMINS)
  @Query(() => NominationConnection, {
    description:
      "The secretariat's queue of the province's nominations, filtered and paged on the server, the longest waiting first.",
  })
  async nominationQueue(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => NominationFilterInput, { nullable: true }) filter?: NominationFilterInput | null,
  ) {
    return toConnection(await awardRepository.queue(filter ?? {}, toPageRequest(page)));
  }

  @Authorized(...MEMBERS)
  @Query(() => [NominationType], {
    description:
      "A unit's announced proposals, its own and its people's, that have not become an award (on their way, or stopped short of a decision), the newest year first.",
  })
  async unitProposals(
    @Arg('unitId', () => ID) unitId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(200)) first?: number,
  ) {
    const n = checkFirst(first, 200);
    if (!(await ctx.loaders.unit.load(unitId))) throw notFound('Unit', unitId);
    return awardRepository.undecidedOfUnit(unitId, n);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Why it was returned, deferred, found not eligible or revoked. A deferral's or an ineligibility's reason names the unit's open process or its disqualification: the secretariat and the unit's own officers read it, others only the status.",
  })
  statusReason(@Root() n: Nomination, @Ctx() ctx: GraphQLContext): string | null {
    if (reasonIsUnitRecord(n.status) && !seesUnitRecord(ctx, n.unitId)) return null;
    return n.statusReason;
  }

  @FieldResolver(() => UnitType, { description: 'The unit proposed (or whose person is).' })
  unit(@Root() n: Nomination, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.unit.load(n.unitId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person, for an individual title.' })
  person(@Root() n: Nomination, @Ctx() ctx: GraphQLContext) {
    return n.personId ? ctx.loaders.person.load(n.personId) : null;
  }

  @FieldResolver(() => EmulationYearType, { description: 'The block year that proposed it.' })
  emulationYear(@Root() n: Nomination, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.emulationYear.load(n.emulationYearId);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      'The council session, its results not yet published, that the nomination is before: it goes into no other.',
  })
  async councilVoteId(@Root() n: Nomination, @Ctx() ctx: GraphQLContext) {
    if (n.status !== 'COUNCIL_REVIEW') return null;
    const [pending] = await ctx.loaders.pendingCouncilSession.load(n.id);
    return pending?.votingPeriodId ?? null;
  }
}
