import { ADMINS, READERS } from '../../common/roles';
import { unitRepository, type Unit } from '@thidua/db';
import { normalizeName } from '@thidua/domain';
import { audit } from '../../common/audit';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { withConstraints } from '../../common/constraints';
import { badInput, notFound } from '../../common/errors';
import { nameTaken } from '../../common/names';
import type { GraphQLContext } from '../../context';
import { ProvinceType } from '../province/province.types';
import { CreateUnitInput, UnitConnection, UnitFilterInput, UnitType, UpdateUnitInput } from './unit.types';

const UNIT = { vi: 'đơn vị', en: 'unit' };
const uniqueName = <T>(name: string, work: () => Promise<T>) =>
  withConstraints({ unique: `a unit named "${name}" already exists in this province` }, work);

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

  @Authorized(...ADMINS)
  @Mutation(() => UnitType)
  async createUnit(@Arg('input', () => CreateUnitInput) input: CreateUnitInput, @Ctx() ctx: GraphQLContext) {
    const name = normalizeName(input.name);
    const taken = await unitRepository.sameName(name);
    if (taken) throw nameTaken(UNIT, taken);
    const unit = await uniqueName(name, () =>
      unitRepository.create({
        ...input,
        name,
        shortName: input.shortName ? normalizeName(input.shortName) : null,
        validFrom: input.validFrom ?? null,
      }),
    );
    await audit(ctx, 'unit.create', 'Unit', unit.id, { after: unit });
    return unit;
  }

  @Authorized(...ADMINS)
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
    const patch = {
      ...input,
      ...(input.name !== undefined ? { name: normalizeName(input.name) } : {}),
      ...(input.shortName ? { shortName: normalizeName(input.shortName) } : {}),
    };
    if (patch.name !== undefined) {
      const taken = await unitRepository.sameName(patch.name, id);
      if (taken) throw nameTaken(UNIT, taken);
    }
    const after = await uniqueName(patch.name ?? before.name, () => unitRepository.update(id, patch));
    await audit(ctx, 'unit.update', 'Unit', id, { before, after });
    return after;
  }
}
