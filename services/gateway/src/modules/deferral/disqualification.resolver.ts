import {
  afterUnitEligibilityChanged,
  disqualificationRepository,
  type RecordedDisqualification,
  type Unit,
} from '@thidua/db';
import { IsUUID, Length } from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
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
  Resolver,
  Root,
} from 'type-graphql';
import { seesUnitRecord } from '../../common/acting';
import { audit } from '../../common/audit';
import { graphqlEnum } from '../../common/enums';
import { assertYear, missingRef, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { UnitType } from '../unit/unit.types';

const RECORDED: readonly RecordedDisqualification[] = [
  'UNIT_DISCIPLINED',
  'HEAD_DISCIPLINED',
  'COVENANT_BREACH',
  'LATE_DOSSIER',
];
const DisqualificationReason = graphqlEnum(
  RECORDED,
  'DisqualificationReason',
  'R9 facts the secretariat records (a score below the minimum is read from the results).',
);

@ObjectType('DisqualificationFact', {
  description: "R9: a fact that keeps the unit's year from a proposal when the rule set lists its reason.",
})
class DisqualificationFactType {
  @Field(() => ID) id!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => DisqualificationReason) reason!: string;
  @Field(() => String) detail!: string;
  @Field(() => DateTimeISOResolver) recordedAt!: Date;
}

@InputType()
class RecordDisqualificationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @Field(() => Int) year!: number;
  @Field(() => DisqualificationReason) reason!: RecordedDisqualification;

  @Field(() => String, { description: 'What was decided, e.g. the discipline decision number and date.' })
  @Length(3, 2000)
  detail!: string;
}

@Resolver(() => DisqualificationFactType)
export class DisqualificationResolver {
  @Authorized('PROVINCE_ADMIN')
  @Mutation(() => DisqualificationFactType, {
    description:
      'Records an R9 fact for a unit and year; the awards engine applies the reasons the rule set lists.',
  })
  async recordDisqualification(
    @Arg('input', () => RecordDisqualificationInput) input: RecordDisqualificationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    assertYear('year', input.year);
    if (!(await ctx.loaders.unit.load(input.unitId))) throw missingRef('unitId', 'Unit', input.unitId);
    const fact = await disqualificationRepository.record(
      { ...input, detail: input.detail.trim() },
      ctx.principal!.userId,
    );
    const { recomputed } = await afterUnitEligibilityChanged(input.unitId);
    await audit(ctx, 'disqualification.record', 'Unit', input.unitId, {
      after: { ...fact, yearsRecomputed: recomputed },
    });
    return fact;
  }

  @Authorized('PROVINCE_ADMIN')
  @Mutation(() => DisqualificationFactType, { description: 'Removes an R9 fact recorded by mistake.' })
  async removeDisqualification(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const removed = isUuid(id) ? await disqualificationRepository.remove(id) : null;
    if (!removed) throw notFound('DisqualificationFact', id);
    const { recomputed } = await afterUnitEligibilityChanged(removed.unitId);
    await audit(ctx, 'disqualification.remove', 'Unit', removed.unitId, {
      before: removed,
      after: { yearsRecomputed: recomputed },
    });
    return removed;
  }
}

@Resolver(() => UnitType)
export class UnitDisqualificationsResolver {
  @FieldResolver(() => [DisqualificationFactType], {
    description: "R9 facts, newest first. Visible to the secretariat and the unit's own officers.",
  })
  async disqualifications(@Root() unit: Unit, @Ctx() ctx: GraphQLContext) {
    if (!seesUnitRecord(ctx, unit.id)) return [];
    return disqualificationRepository.ofUnits([unit.id]);
  }
}
