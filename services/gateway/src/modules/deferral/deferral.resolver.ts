import { ADMINS } from '../../common/roles';
import { deferralRepository, type Unit } from '@thidua/db';
import { IsIn, IsUUID, Length } from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
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
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { seesUnitRecord } from '../../common/acting';
import { audit } from '../../common/audit';
import { checkFirst, firstArgOptions } from '../../common/bounds';
import { badInput, missingRef, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { UnitType } from '../unit/unit.types';

export enum DeferralReason {
  DISCIPLINE = 'DISCIPLINE',
  INSPECTION = 'INSPECTION',
  COMPLAINT = 'COMPLAINT',
}
registerEnumType(DeferralReason, {
  name: 'DeferralReason',
  description: 'kỷ luật, thanh tra, khiếu nại (R8)',
});

@ObjectType('Deferral', {
  description: 'While open, the unit cannot be nominated (R8); the reason is shown.',
})
export class DeferralType {
  @Field(() => ID) id!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => DeferralReason) reason!: DeferralReason;
  @Field(() => String) note!: string;
  @Field(() => LocalDateResolver) openedOn!: string;
  @Field(() => LocalDateResolver, { nullable: true }) closedOn!: string | null;
}

@InputType()
export class RecordDeferralInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'unitId must be a unit id' })
  unitId!: string;

  @Field(() => DeferralReason)
  @IsIn(Object.values(DeferralReason))
  reason!: DeferralReason;

  @Field(() => String, { description: 'What is open, e.g. the inspection decision number.' })
  @Length(3, 2000)
  note!: string;

  @Field(() => LocalDateResolver)
  openedOn!: string;
}

@Resolver(() => DeferralType)
export class DeferralResolver {
  @Authorized(...ADMINS)
  @Mutation(() => DeferralType)
  async recordDeferral(
    @Arg('input', () => RecordDeferralInput) input: RecordDeferralInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (!(await ctx.loaders.unit.load(input.unitId))) throw missingRef('unitId', 'Unit', input.unitId);
    const deferral = await deferralRepository.create({ ...input, note: input.note.trim() });
    await audit(ctx, 'deferral.record', 'Deferral', deferral.id, { after: deferral });
    return deferral;
  }

  @Authorized(...ADMINS)
  @Mutation(() => DeferralType)
  async closeDeferral(
    @Arg('id', () => ID) id: string,
    @Arg('closedOn', () => LocalDateResolver) closedOn: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const [before] = isUuid(id) ? await deferralRepository.byIds([id]) : [];
    if (!before) throw notFound('Deferral', id);
    if (before.closedOn) throw badInput('id', `the deferral was closed on ${before.closedOn}`);
    if (closedOn < before.openedOn) throw badInput('closedOn', `must not be before ${before.openedOn}`);
    const after = await deferralRepository.close(id, closedOn);
    await audit(ctx, 'deferral.close', 'Deferral', id, { before, after });
    return after;
  }
}

@Resolver(() => UnitType)
export class UnitDeferralsResolver {
  @FieldResolver(() => [DeferralType], {
    description: "Visible to the secretariat and the unit's own officers.",
  })
  async deferrals(
    @Root() unit: Unit,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(500)) first?: number,
  ) {
    const n = checkFirst(first, 500);
    if (!seesUnitRecord(ctx, unit.id)) return [];
    return (await ctx.loaders.deferralsOfUnit.load(unit.id)).slice(0, n);
  }
}
