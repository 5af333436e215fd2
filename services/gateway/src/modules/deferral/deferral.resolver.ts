import { afterUnitEligibilityChanged, deferralRepository, type Unit } from '@thidua/db';
import { vietnamToday } from '@thidua/domain';
import { notifyNominationStep, refreshRollupsOf } from '@thidua/jobs';
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
  @Authorized('PROVINCE_ADMIN')
  @Mutation(() => DeferralType)
  async recordDeferral(
    @Arg('input', () => RecordDeferralInput) input: RecordDeferralInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (!(await ctx.loaders.unit.load(input.unitId))) throw missingRef('unitId', 'Unit', input.unitId);
    if (input.openedOn > vietnamToday())
      throw badInput('openedOn', 'must not be in the future: record the process once it is open');
    const deferral = await deferralRepository.create({ ...input, note: input.note.trim() });
    const { deferred, recomputed } = await afterUnitEligibilityChanged(deferral.unitId, deferral);
    await audit(ctx, 'deferral.record', 'Deferral', deferral.id, {
      after: { ...deferral, nominationsDeferred: deferred, yearsRecomputed: recomputed },
    });
    for (const id of deferred) {
      await audit(ctx, 'nomination.step', 'Nomination', id, {
        after: { status: 'DEFERRED', reason: 'R8', deferralId: deferral.id },
      });
      await notifyNominationStep(ctx.access!.provinceId, id, 'DEFERRED', new Date());
    }
    await refreshRollupsOf(ctx.access!.provinceId, deferred, `deferral.${deferral.id}`);
    return deferral;
  }

  @Authorized('PROVINCE_ADMIN')
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
    if (closedOn > vietnamToday()) throw badInput('closedOn', 'must not be in the future');
    const after = await deferralRepository.close(id, closedOn);
    // Nominations it deferred wait for the secretariat to resume their appraisal; the engine's proposals follow.
    const { recomputed } = await afterUnitEligibilityChanged(before.unitId);
    await audit(ctx, 'deferral.close', 'Deferral', id, {
      before,
      after: { ...after, yearsRecomputed: recomputed },
    });
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
