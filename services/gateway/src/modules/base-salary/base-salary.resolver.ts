import { auditRepository, baseSalaryRepository } from '@thidua/db';
import { baseSalaryProblems } from '@thidua/domain';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { platformRoles } from '../../auth/auth-checker';
import { badInput } from '../../common/errors';
import type { GraphQLContext } from '../../context';

@ObjectType('BaseSalary', {
  description:
    'The base salary (mức lương cơ sở) in force from a date until the next row: platform reference data set by ' +
    "Government decree. An award decision pays its form's multiplier × the row in force on the decision date.",
})
export class BaseSalaryType {
  @Field(() => LocalDateResolver, { description: 'The first day the amount applies.' })
  effectiveFrom!: string;
  @Field(() => Int, { description: 'VND a month.' }) amountVnd!: number;
  @Field(() => String, {
    description: 'The legal text that sets it, as read, or a note that it is reported and not verified.',
  })
  legalBasis!: string;
  @Field(() => String, { nullable: true, description: 'Where the text was read.' }) sourceUrl!: string | null;
  @Field(() => ID, { nullable: true, description: 'The platform admin who recorded it; null: a migration.' })
  recordedBy!: string | null;
  @Field(() => DateTimeISOResolver) recordedAt!: Date;
}

@InputType()
export class RecordBaseSalaryInput {
  @Field(() => LocalDateResolver, { description: 'The first day it applies; one row per date.' })
  effectiveFrom!: string;
  @Field(() => Int, { description: 'VND a month, positive.' }) amountVnd!: number;
  @Field(() => String, { description: 'The decree and article that set it (5 to 2000 characters).' })
  legalBasis!: string;
  @Field(() => String, { nullable: true, description: 'An http(s) address of the text.' }) sourceUrl?:
    string | null;
}

@Resolver()
export class BaseSalaryResolver {
  @Authorized()
  @Query(() => [BaseSalaryType], { description: 'The base salary table, oldest first.' })
  baseSalaries() {
    return baseSalaryRepository.list();
  }

  @Authorized(...platformRoles('PLATFORM_ADMIN'))
  @Mutation(() => BaseSalaryType, {
    description:
      'Records the base salary from a date (PLATFORM_ADMIN, audited in the platform audit log). A recorded row ' +
      'is never changed: a new decree is a new row.',
  })
  async recordBaseSalary(
    @Arg('input', () => RecordBaseSalaryInput) input: RecordBaseSalaryInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const row = {
      effectiveFrom: input.effectiveFrom,
      amountVnd: input.amountVnd,
      legalBasis: input.legalBasis.trim(),
      sourceUrl: input.sourceUrl?.trim() || null,
    };
    const existing = (await baseSalaryRepository.list()).map((s) => s.effectiveFrom);
    const [problem] = baseSalaryProblems(row, existing);
    if (problem) throw badInput(problem.field, problem.message);
    const recorded = await baseSalaryRepository.record(row, ctx.principal!.userId);
    if (!recorded)
      throw badInput('effectiveFrom', `a base salary from ${row.effectiveFrom} is already recorded`);
    await auditRepository.appendPlatform({
      actorUserId: ctx.principal!.userId,
      action: 'base_salary.record',
      entityType: 'BaseSalary',
      entityId: row.effectiveFrom,
      after: row,
      requestId: ctx.requestId,
    });
    return recorded;
  }
}
