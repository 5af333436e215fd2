import { awardRepository, decisionRepository, type AwardDecision, type Nomination } from '@thidua/db';
import { enqueueJob, jobId, notifyEvent, notifyNominationStep, refreshRollupsOf } from '@thidua/jobs';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { annexOrder } from '@thidua/domain';
import { LocalDateResolver } from 'graphql-scalars';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { audit } from '../../common/audit';
import { checkFirst, firstArgOptions } from '../../common/bounds';
import { badInput, conflict, notFound } from '../../common/errors';
import { MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { PersonType } from '../block/block.types';
import { NominationStatus, ProposalForm, NominationType } from './awards.types';
import { BaseSalaryType } from '../base-salary/base-salary.resolver';
import { decidableNominations, decisionItems } from './decision-items';

/** An issuer's code as its decisions' numbers carry it ("QĐ-UBND"). */
const ISSUER_CODE = /^[A-ZĐ]{2,12}$/;
@ObjectType('AwardDecisionItem')
export class AwardDecisionItemType {
  @Field(() => ID) nominationId!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => ID, { nullable: true, description: 'The person, for an individual title.' })
  personId!: string | null;
  @Field(() => ProposalForm) form!: string;
  @Field(() => Float, { description: 'Multiplier × the base salary in force on the decision date, in VND.' })
  prizeVnd!: number;
}

@Resolver(() => AwardDecisionItemType)
export class DecisionItemResolver {
  @FieldResolver(() => NominationStatus, {
    description: 'Where the award stands now: DECIDED, or REVOKED with the reason on the nomination.',
  })
  async status(@Root() i: { nominationId: string }, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.nomination.load(i.nominationId))?.status ?? 'DECIDED';
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person, for an individual title.' })
  person(@Root() i: { personId: string | null }, @Ctx() ctx: GraphQLContext) {
    return i.personId ? ctx.loaders.person.load(i.personId) : null;
  }
}

@ObjectType('AwardDecision', {
  description: 'Quyết định khen thưởng, numbered per issuer and calendar year.',
})
export class AwardDecisionType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'As issued, e.g. "12/QĐ-UBND".' }) numberText!: string;
  @Field(() => Int) number!: number;
  @Field(() => String) issuerCode!: string;
  @Field(() => String, { description: 'The issuer’s name as issued, kept after mergers.' })
  issuerName!: string;
  @Field(() => LocalDateResolver) decisionDate!: string;
  @Field(() => String) signerName!: string;
  @Field(() => String) signerTitle!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The Department of Home Affairs\' submission it answers, as numbered ("15/TTr-SNV"); null: none cited.',
  })
  submissionNumber!: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: "That submission's date." })
  submissionDate!: string | null;
  @Field(() => Boolean, {
    description: "Recorded afterwards from the province's documents (recordPastDecision), not issued here.",
  })
  recordedFromDocuments!: boolean;
}

@Resolver(() => NominationType)
export class NominationDecisionResolver {
  @FieldResolver(() => AwardDecisionType, {
    nullable: true,
    description:
      'The award decision that decided it (still given once revoked, with the reason on the nomination); null before.',
  })
  async decision(@Root() n: Nomination, @Ctx() ctx: GraphQLContext) {
    const [item] = await ctx.loaders.decisionItemsOfNomination.load(n.id);
    return item ? ctx.loaders.awardDecision.load(item.decisionId) : null;
  }
}

@ObjectType('UnitAward', { description: "One award in a unit's history." })
export class UnitAwardType {
  @Field(() => Int, { description: 'The emulation year it rewards.' }) year!: number;
  @Field(() => ID, { nullable: true, description: "One of the unit's people, for an individual title." })
  personId!: string | null;
  @Field(() => ProposalForm) form!: string;
  @Field(() => String) status!: string;
  @Field(() => Float) prizeVnd!: number;
  @Field(() => AwardDecisionType) decision!: AwardDecisionType;
}

@InputType()
export class IssueAwardDecisionInput {
  @Field(() => String, {
    defaultValue: 'UBND',
    description: 'The series: "UBND" gives numbers like 12/QĐ-UBND.',
  })
  @Matches(ISSUER_CODE, { message: 'issuerCode must be 2 to 12 capital letters' })
  issuerCode!: string;

  @Field(() => String, { description: 'As it will stand on the decision, e.g. "UBND tỉnh Lào Cai".' })
  @Length(5, 200)
  issuerName!: string;

  @Field(() => LocalDateResolver)
  decisionDate!: string;

  @Field(() => String)
  @Length(2, 200)
  signerName!: string;

  @Field(() => String, { defaultValue: 'Chủ tịch' })
  @IsOptional()
  @Length(2, 200)
  signerTitle!: string;

  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'nominationIds must be nomination ids' })
  nominationIds!: string[];

  @Field(() => Int, {
    nullable: true,
    description:
      "The number the issuer's register of documents gave (the committee numbers all its decisions, not only awards); omitted: the next in this platform's series for the issuer and year.",
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'number must be from 1 to 99999' })
  @Max(99_999, { message: 'number must be from 1 to 99999' })
  number?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The Department of Home Affairs\' submission (tờ trình) the decision answers, as its register numbered it ("15/TTr-SNV"); with submissionDate, or neither. The decision cites it.',
  })
  @IsOptional()
  @Matches(/^\d{1,5}\/TTr-[A-ZĐ0-9-]{2,20}$/u, {
    message: 'submissionNumber must read like 15/TTr-SNV',
  })
  submissionNumber?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: "The submission's date, on or before the decision's.",
  })
  @IsOptional()
  submissionDate?: string | null;
}

/** The submission a decision cites: both its number and date, or neither; dated on or before the decision. */
function citedSubmission(input: IssueAwardDecisionInput): { number: string; date: string } | null {
  const number = input.submissionNumber?.trim() || null;
  const date = input.submissionDate ?? null;
  if (!number && !date) return null;
  if (!number) throw badInput('submissionNumber', "give the submission's number with its date");
  if (!date) throw badInput('submissionDate', "give the submission's date with its number");
  if (date > input.decisionDate)
    throw badInput('submissionDate', 'the submission comes before the decision it asks for');
  return { number, date };
}

@Resolver(() => AwardDecisionType)
export class DecisionsResolver {
  @FieldResolver(() => BaseSalaryType, {
    nullable: true,
    description:
      'The base salary row its prize money was counted on (the one in force on its date when issued).',
  })
  baseSalary(@Root() d: AwardDecision, @Ctx() ctx: GraphQLContext) {
    return d.baseSalaryFrom ? ctx.loaders.baseSalary.load(d.baseSalaryFrom) : null;
  }

  @FieldResolver(() => [AwardDecisionItemType], {
    description: "In the annex's order: collectives, then individuals, the higher award first.",
  })
  async items(@Root() d: AwardDecision) {
    return (await decisionRepository.items([d.id]))
      .sort(annexOrder)
      .map((i) => ({ ...i, prizeVnd: Number(i.prizeVnd) }));
  }

  @Authorized(...MEMBERS)
  @Query(() => AwardDecisionType, { description: 'One decision with its annexed list.' })
  async awardDecision(@Arg('id', () => ID) id: string) {
    const [decision] = isUuid(id) ? await decisionRepository.byIds([id]) : [];
    if (!decision) throw notFound('AwardDecision', id);
    return decision;
  }

  @Authorized('PROVINCE_ADMIN')
  @Mutation(() => AwardDecisionType, {
    description:
      "Decides council-approved nominations under the register's number, or the next number of the series.",
  })
  async issueAwardDecision(
    @Arg('input', () => IssueAwardDecisionInput) input: IssueAwardDecisionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const submission = citedSubmission(input);
    const { ids, nominations } = await decidableNominations(input.nominationIds, ['COUNCIL_APPROVED']);
    const { items, baseSalaryFrom } = await decisionItems(nominations, input.decisionDate);
    const year = Number(input.decisionDate.slice(0, 4));
    // The table's unique keys are the check: the number's key names the number; another (a nomination decided
    // meanwhile, a series number taken concurrently) is a conflict.
    const decision = await decisionRepository
      .issue({ ...input, submission, createdBy: ctx.principal!.userId, items, baseSalaryFrom })
      .catch((e: { code?: string; constraint?: string }) => {
        if (e.code !== '23505') throw e;
        if (input.number && /number/.test(e.constraint ?? ''))
          throw badInput('number', `${input.number}/QĐ-${input.issuerCode} of ${year} is already recorded`);
        throw conflict('The decision changed meanwhile (a number or a nomination was taken): issue it again');
      });
    for (const n of nominations) {
      if (!(await awardRepository.step(n.id, 'COUNCIL_APPROVED', 'DECIDED', null)))
        throw conflict(`Nomination ${n.id} changed meanwhile`);
    }
    const provinceId = ctx.access!.provinceId;
    await enqueueJob('notify', notifyEvent(provinceId, 'decision.issued', decision.id), {
      jobId: jobId('notify', 'decision', decision.id),
    });
    await refreshRollupsOf(provinceId, ids, `decision.${decision.id}`);
    await audit(ctx, 'decision.issue', 'AwardDecision', decision.id, {
      after: { numberText: decision.numberText, nominations: ids },
    });
    return decision;
  }

  @Authorized('PROVINCE_ADMIN')
  @Query(() => Int, {
    description:
      "The number the issuer's next decision of the year would take now (said before issuing; a decision issued " +
      'meanwhile takes it first).',
  })
  nextDecisionNumber(
    @Arg('issuerCode', () => String) issuerCode: string,
    @Arg('year', () => Int) year: number,
  ) {
    if (!ISSUER_CODE.test(issuerCode)) throw badInput('issuerCode', 'must be 2 to 12 capital letters');
    if (year < 2000 || year > 2100) throw badInput('year', 'must be between 2000 and 2100');
    return decisionRepository.nextNumber(issuerCode, year);
  }

  @Authorized(...MEMBERS)
  @Query(() => [AwardDecisionType], { description: 'Newest first.' })
  awardDecisions(
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('issuerCode', () => String, { nullable: true }) issuerCode?: string,
    @Arg('first', () => Int, firstArgOptions(500)) first?: number,
  ) {
    const n = checkFirst(first, 500);
    return decisionRepository
      .list({ year: year ?? undefined, issuerCode: issuerCode ?? undefined })
      .then((list) => list.slice(0, n));
  }

  @Authorized('PROVINCE_ADMIN')
  @Mutation(() => NominationType, { description: 'Revokes a decided award (with the reason).' })
  async revokeAward(
    @Arg('nominationId', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const nomination = isUuid(id) ? await ctx.loaders.nomination.load(id) : null;
    if (!nomination) throw notFound('Nomination', id);
    if (nomination.status !== 'DECIDED')
      throw badInput('nominationId', `only a decided award can be revoked; it is ${nomination.status}`);
    if (reason.trim().length < 3) throw badInput('reason', 'say why the award is revoked');
    if (!(await awardRepository.step(id, 'DECIDED', 'REVOKED', reason.trim())))
      throw conflict('The nomination changed meanwhile');
    await notifyNominationStep(ctx.access!.provinceId, id, 'REVOKED');
    await refreshRollupsOf(ctx.access!.provinceId, [id], `revoke.${id}`);
    await audit(ctx, 'award.revoke', 'Nomination', id, { after: { reason } });
    return { ...nomination, status: 'REVOKED', statusReason: reason.trim() };
  }

  @Authorized(...MEMBERS)
  @Query(() => [UnitAwardType], {
    description: "A person's individual titles across years, newest first (revoked ones show their status).",
  })
  async personAwardHistory(
    @Arg('personId', () => ID) personId: string,
    @Arg('first', () => Int, firstArgOptions(500)) first?: number,
  ) {
    const n = checkFirst(first, 500);
    if (!isUuid(personId)) throw notFound('Person', personId);
    return (await decisionRepository.itemsOfUnit(personId, 'person')).slice(0, n).map((i) => ({
      ...i,
      prizeVnd: Number(i.prizeVnd),
    }));
  }

  @Authorized(...MEMBERS)
  @Query(() => [UnitAwardType], {
    description:
      "A unit's awards across years, and its people's individual titles, newest first (revoked ones show their status).",
  })
  async unitAwardHistory(
    @Arg('unitId', () => ID) unitId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(500)) first?: number,
  ) {
    const n = checkFirst(first, 500);
    if (!(await ctx.loaders.unit.load(unitId))) throw notFound('Unit', unitId);
    return (await decisionRepository.itemsOfUnit(unitId)).slice(0, n).map((i) => ({
      ...i,
      prizeVnd: Number(i.prizeVnd),
    }));
  }
}
