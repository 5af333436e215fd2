import { personRepository, type Person } from '@thidua/db';
import { normalizeName, vietnamToday } from '@thidua/domain';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertManagesUnit, isProvinceAdmin } from '../../common/acting';
import { audit } from '../../common/audit';
import { PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { badInput, forbidden, missingRef, notFound } from '../../common/errors';
import { MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { UnitType } from '../unit/unit.types';
import {
  CreatePersonInput,
  PersonConnection,
  PersonFilterInput,
  PersonType,
  UpdatePersonInput,
} from './block.types';

/** What the audit keeps of a person: no name or position, the chained log is not a register of personal data. */
const audited = (p: Person) => ({ unitId: p.unitId, gender: p.gender, headsUnit: p.headsUnit });

/** People are personal data: the province's own people read them (MEMBERS), never a national viewer. */
@Resolver(() => PersonType)
export class PersonResolver {
  @Authorized(...MEMBERS)
  @Query(() => PersonConnection)
  async persons(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => PersonFilterInput, { nullable: true }) filter?: PersonFilterInput,
  ) {
    return toConnection(await personRepository.list(filter ?? {}, toPageRequest(page)));
  }

  @Authorized(...MEMBERS)
  @Query(() => PersonType, { description: "One of the request's province's people." })
  async person(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.person.load(id)) ?? Promise.reject(notFound('Person', id));
  }

  @FieldResolver(() => UnitType, { description: 'The unit the person works in (đơn vị công tác).' })
  async unit(@Root() person: Person, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.unit.load(person.unitId);
  }

  @Authorized(...MEMBERS)
  @Mutation(() => PersonType)
  async createPerson(
    @Arg('input', () => CreatePersonInput) input: CreatePersonInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    assertManagesUnit(ctx, input.unitId);
    if (!(await ctx.loaders.unit.load(input.unitId))) throw missingRef('unitId', 'Unit', input.unitId);
    const person = await personRepository.create({
      ...input,
      fullName: normalizeName(input.fullName),
      position: input.position ?? null,
      headsUnit: input.headsUnit ?? false,
    });
    await audit(ctx, 'person.create', 'Person', person.id, { after: audited(person) });
    return person;
  }

  @Authorized(...MEMBERS)
  @Mutation(() => PersonType, {
    description:
      "Corrects a person's name, gender, position or whether they head their unit (the secretariat, or their unit's officer), or moves them to " +
      'another unit (the secretariat). Their titles and awards stay on their record.',
  })
  async updatePerson(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePersonInput) input: UpdatePersonInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const before = await ctx.loaders.person.load(id);
    if (!before) throw notFound('Person', id);
    assertManagesUnit(ctx, before.unitId);
    if (input.unitId !== undefined && input.unitId !== before.unitId) {
      // A move is a transfer between units, kept on record by the secretariat (as the web offers it).
      if (!isProvinceAdmin(ctx)) throw forbidden('Only the secretariat moves a person to another unit');
      const unit = await ctx.loaders.unit.load(input.unitId);
      if (!unit) throw missingRef('unitId', 'Unit', input.unitId);
      if (unit.validTo && unit.validTo < vietnamToday())
        throw badInput('unitId', `the unit ended on ${unit.validTo}: choose a unit that exists now`);
    }
    const position = input.position?.trim();
    const after = await personRepository.update(id, {
      ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
      ...(input.fullName !== undefined ? { fullName: normalizeName(input.fullName) } : {}),
      ...(input.gender !== undefined ? { gender: input.gender } : {}),
      ...(input.position !== undefined ? { position: position || null } : {}),
      // Moved to another unit, a head does not head it unless told so.
      ...(input.headsUnit !== undefined
        ? { headsUnit: input.headsUnit }
        : input.unitId !== undefined && input.unitId !== before.unitId
          ? { headsUnit: false }
          : {}),
    });
    await audit(ctx, 'person.update', 'Person', id, { before: audited(before), after: audited(after!) });
    return after;
  }
}
