import { auditRepository, unitRepository, type Unit } from '@thidua/db';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { badInput, conflict, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { ProvinceType } from '../province/province.types';
import { CreateUnitInput, UnitConnection, UnitFilterInput, UnitType, UpdateUnitInput } from './unit.types';

const READERS = ['PLATFORM_ADMIN', 'NATIONAL_VIEWER', 'PROVINCE_ADMIN', 'UNIT_OFFICER', 'COUNCIL_MEMBER'];
const EDITORS = ['PLATFORM_ADMIN', 'PROVINCE_ADMIN'];

/** Unique violations surface as CONFLICT naming what clashed, not as a database error. */
async function uniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw conflict(`a unit named "${name}" already exists in this province`);
    throw e;
  }
}

@Resolver(() => UnitType)
export class UnitResolver {
  @Authorized(...READERS)
  @Query(() => UnitConnection, { description: "The units of the request's province." })
  async units(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => UnitFilterInput, { nullable: true }) filter?: UnitFilterInput,
  ) {
    return toConnection(await unitRepository.list(filter ?? {}, toPageRequest(page)));
  }

  @Authorized(...READERS)
  @Query(() => UnitType)
  async unit(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.unit.load(id)) ?? Promise.reject(notFound('Unit', id));
  }

  @FieldResolver(() => ProvinceType)
  async province(@Root() unit: Unit, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.province.load(unit.provinceId);
  }

  @Authorized(...EDITORS)
  @Mutation(() => UnitType)
  async createUnit(@Arg('input', () => CreateUnitInput) input: CreateUnitInput, @Ctx() ctx: GraphQLContext) {
    const unit = await uniqueName(input.name, () =>
      unitRepository.create({
        ...input,
        shortName: input.shortName ?? null,
        validFrom: input.validFrom ?? null,
      }),
    );
    await auditRepository.append({
      actorUserId: ctx.principal!.userId,
      action: 'unit.create',
      entityType: 'Unit',
      entityId: unit.id,
      after: unit,
      requestId: ctx.requestId,
    });
    return unit;
  }

  @Authorized(...EDITORS)
  @Mutation(() => UnitType)
  async updateUnit(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateUnitInput) input: UpdateUnitInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const before = await ctx.loaders.unit.load(id);
    if (!before) throw notFound('Unit', id);
    if (input.validTo && before.validFrom && input.validTo < before.validFrom) {
      throw badInput('validTo', `must not be before validFrom (${before.validFrom})`);
    }
    const after = await uniqueName(input.name ?? before.name, () => unitRepository.update(id, input));
    await auditRepository.append({
      actorUserId: ctx.principal!.userId,
      action: 'unit.update',
      entityType: 'Unit',
      entityId: id,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after;
  }
}
