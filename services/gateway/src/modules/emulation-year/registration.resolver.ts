import { ACTORS } from '../../common/roles';
import { emulationYearRepository } from '@thidua/db';
import { isIndividualTitle, OTHER_GRADE, REGISTRATION_OPEN } from '@thidua/domain';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { assertActsFor, assertBeforeDeadline } from '../../common/acting';
import { auditUnitAct } from '../../common/audit';
import { BOUNDS } from '../../common/bounds';
import { withConstraints } from '../../common/constraints';
import { badInput, conflict, notFound } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { PersonType } from '../block/block.types';
import { assertMember, loadYear } from './emulation-year.service';
import { RegisterTitleInput, TitleRegistrationType } from './emulation-year.types';

@Resolver(() => TitleRegistrationType)
export class RegistrationResolver {
  @Authorized(...ACTORS)
  @Mutation(() => TitleRegistrationType, {
    description: 'A member unit registers a title it aims for, or one for its people.',
  })
  async registerTitle(
    @Arg('input', () => RegisterTitleInput) input: RegisterTitleInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, input.emulationYearId);
    const onBehalf = assertActsFor(ctx, input.unitId, input.onBehalfReason);
    await assertMember(ctx, year, input.unitId, 'unitId');
    if (!REGISTRATION_OPEN.includes(year.state)) throw conflict(`Registrations are closed in ${year.state}`);
    assertBeforeDeadline(year.registrationDeadline, 'registering titles');
    if (isIndividualTitle(input.title)) {
      if (!input.personId)
        throw badInput('personId', `${input.title} is an individual title: name the person`);
      const person = await ctx.loaders.person.load(input.personId);
      if (person?.unitId !== input.unitId)
        throw badInput('personId', 'the person does not work in this unit');
    } else if (input.personId) {
      throw badInput('personId', `${input.title} is a collective title: give no person`);
    }
    const registered = await ctx.loaders.registrations.load(year.id);
    const other = OTHER_GRADE[input.title];
    const otherGrade = () =>
      badInput('title', `${other} is registered: a unit registers one of ${other} and ${input.title}`);
    if (other && registered.some((r) => r.unitId === input.unitId && r.title === other)) throw otherGrade();
    if (registered.length >= BOUNDS.registrationsPerYear) {
      throw badInput(
        'emulationYearId',
        `the year already has ${BOUNDS.registrationsPerYear} registrations, the most it may have`,
      );
    }
    // The same checks, held by the database against two requests at once.
    const constraints = {
      unique: `${input.title} is already registered`,
      ...(other ? { named: { title_registration_one_grade: otherGrade() } } : {}),
    };
    const registration = await withConstraints(constraints, () =>
      emulationYearRepository.register({
        emulationYearId: year.id,
        unitId: input.unitId,
        title: input.title,
        personId: input.personId ?? null,
        registeredBy: ctx.principal!.userId,
        onBehalfReason: onBehalf,
      }),
    );
    await auditUnitAct(
      ctx,
      'title.register',
      input.unitId,
      onBehalf,
      { type: 'TitleRegistration', id: registration.id },
      { after: registration },
    );
    return registration;
  }

  @Authorized(...ACTORS)
  @Mutation(() => TitleRegistrationType)
  async withdrawTitleRegistration(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('onBehalfReason', () => String, { nullable: true }) onBehalfReason?: string,
  ) {
    const registration = isUuid(id) ? await emulationYearRepository.registrationById(id) : null;
    if (!registration || registration.withdrawnAt) throw notFound('TitleRegistration', id);
    const onBehalf = assertActsFor(ctx, registration.unitId, onBehalfReason);
    const year = await loadYear(ctx, registration.emulationYearId);
    if (!REGISTRATION_OPEN.includes(year.state)) throw conflict(`Registrations are closed in ${year.state}`);
    assertBeforeDeadline(year.registrationDeadline, 'withdrawing registrations');
    await emulationYearRepository.withdraw(id);
    await auditUnitAct(
      ctx,
      'title.withdraw',
      registration.unitId,
      onBehalf,
      { type: 'TitleRegistration', id },
      {
        before: registration,
      },
    );
    return registration;
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description:
      'The person, for an individual title: lists name who is registered, not only that someone is.',
  })
  person(@Root() r: { personId: string | null }, @Ctx() ctx: GraphQLContext) {
    return r.personId ? ctx.loaders.person.load(r.personId) : null;
  }
}
