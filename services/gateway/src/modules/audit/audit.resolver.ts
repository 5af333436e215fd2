import { platformRoles } from '../../auth/auth-checker';
import { ADMINS } from '../../common/roles';
import { auditRepository } from '@thidua/db';
import { vietnamDate } from '@thidua/domain';
import { dmy } from '../import/kinds/words';
import { IsOptional, Length } from 'class-validator';
import { DateTimeISOResolver, JSONResolver } from 'graphql-scalars';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { LocaleEnum } from '../user/user.types';
import { Connection, PageArgs, toConnection, toPageRequest } from '../../common/connection';

@ObjectType('AuditEvent', {
  description: "One change in the province's append-only log, chained by keyed hashes (HMAC-SHA-256).",
})
export class AuditEventType {
  @Field(() => String) seq!: string;
  @Field(() => ID, { nullable: true }) actorUserId!: string | null;
  @Field(() => String) action!: string;
  @Field(() => String) entityType!: string;
  @Field(() => String, { nullable: true }) entityId!: string | null;
  @Field(() => JSONResolver, { nullable: true }) before!: unknown;
  @Field(() => JSONResolver, { nullable: true }) after!: unknown;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => DateTimeISOResolver) occurredAt!: Date;
  @Field(() => String) hash!: string;
}

export const AuditEventConnection = Connection(AuditEventType, 'AuditEvent');

@ObjectType('AuditChainVerdict')
export class AuditChainVerdictType {
  @Field(() => Boolean) valid!: boolean;
  @Field(() => Int, { description: 'Events checked before the verdict.' }) checked!: number;
  @Field(() => String, { nullable: true }) brokenAtSeq?: string;
  @Field(() => String, { nullable: true }) reason?: string;
}

@InputType()
export class AuditFilterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  entityType?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  entityId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  action?: string;
}

@Resolver()
export class AuditResolver {
  @Authorized(...ADMINS)
  @Query(() => AuditEventConnection, { description: 'Newest first.' })
  async auditEvents(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput,
  ) {
    return toConnection(await auditRepository.list(filter ?? {}, toPageRequest(page)));
  }

  @Authorized(...ADMINS)
  @Query(() => AuditChainVerdictType, {
    description:
      "Recomputes every hash of the province's chain with the audit keys, naming the first event that does not verify (edited, removed, or appended without the key).",
  })
  verifyAuditChain() {
    return auditRepository.verify();
  }

  @Authorized(...platformRoles('PLATFORM_ADMIN'))
  @Query(() => AuditEventConnection, {
    description:
      "The platform's own chain (accounts, sign-ins, platform roles, provinces, the base salary), newest first. " +
      'Platform administrators only.',
  })
  async platformAuditEvents(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput,
  ) {
    return toConnection(await auditRepository.listPlatform(filter ?? {}, toPageRequest(page)));
  }

  @Authorized(...platformRoles('PLATFORM_ADMIN'))
  @Query(() => AuditChainVerdictType, {
    description:
      "Recomputes every hash of the platform's chain (accounts, platform roles, provinces) with the audit keys, naming the first event that does not verify. Platform administrators only.",
  })
  verifyPlatformAuditChain() {
    return auditRepository.verifyPlatform();
  }
}

@ObjectType('BlockYearRef', { description: "A block's year as the web application's pages address it." })
export class BlockYearRefType {
  @Field(() => ID) blockId!: string;
  @Field(() => Int) year!: number;
}

@Resolver(() => AuditEventType)
export class AuditEventActorResolver {
  @FieldResolver(() => BlockYearRefType, {
    nullable: true,
    description: "The block's year an event on a year or its conference is about, for a link to its page.",
  })
  async blockYear(@Root() e: AuditEventType, @Ctx() ctx: GraphQLContext): Promise<BlockYearRefType | null> {
    if (!e.entityId || !isUuid(e.entityId)) return null;
    const yearId =
      e.entityType === 'EmulationYear'
        ? e.entityId
        : e.entityType === 'Conference'
          ? (await ctx.loaders.conference.load(e.entityId))?.emulationYearId
          : null;
    const year = yearId ? await ctx.loaders.emulationYear.load(yearId) : null;
    return year ? { blockId: year.blockId, year: year.year } : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The actor's full name, as the log's reader knows them; null for the platform's own jobs.",
  })
  async actorName(@Root() e: AuditEventType, @Ctx() ctx: GraphQLContext) {
    return e.actorUserId ? ((await ctx.loaders.user.load(e.actorUserId))?.fullName ?? null) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The record's name as it reads now: a unit's, a person's, a block's; a block's year (\"Khối … – 2026\"), " +
      "and its conference's and voting rounds'; a nomination's unit or person and year (\"Sở … – 2026\"); a " +
      'score sheet\'s scorer and the member scored ("Ban A → Ban B"); a decision\'s number ("12/QĐ-UBND"); a ' +
      'council session\'s day ("Hội đồng Thi đua – Khen thưởng – 07/12/2026"), a block\'s round with its number ' +
      '("Khối … – 2026 – vòng 2"); a province\'s name; a file\'s name. Null for other ' +
      'records and for one no longer there. The words around the names ("vòng", the council) in `locale`.',
  })
  async entityName(
    @Root() e: AuditEventType,
    @Ctx() ctx: GraphQLContext,
    @Arg('locale', () => LocaleEnum, { defaultValue: 'vi' }) locale: 'vi' | 'en',
  ): Promise<string | null> {
    if (!e.entityId || !isUuid(e.entityId)) return null;
    switch (e.entityType) {
      case 'Unit':
        return (await ctx.loaders.unit.load(e.entityId))?.name ?? null;
      case 'Person':
        return (await ctx.loaders.person.load(e.entityId))?.fullName ?? null;
      case 'User':
        return (await ctx.loaders.user.load(e.entityId))?.fullName ?? null;
      case 'Block':
        return (await ctx.loaders.block.load(e.entityId))?.name ?? null;
      case 'EmulationYear':
        return yearName(ctx, e.entityId);
      case 'Conference': {
        const conference = await ctx.loaders.conference.load(e.entityId);
        return conference && yearName(ctx, conference.emulationYearId);
      }
      case 'VotingPeriod': {
        const period = await ctx.loaders.votingPeriod.load(e.entityId);
        if (!period) return null;
        // A block's round, by its year and number: a run-off is told from the first round.
        if (period.emulationYearId) {
          const year = await yearName(ctx, period.emulationYearId);
          return year && `${year} – ${locale === 'en' ? 'round' : 'vòng'} ${period.round}`;
        }
        // A council session is named by the day it opened, as its minutes are.
        const council = locale === 'en' ? 'Emulation and Awards Council' : 'Hội đồng Thi đua – Khen thưởng';
        return `${council} – ${dmy(vietnamDate(period.openedAt))}`;
      }
      case 'Province':
        return (await ctx.loaders.province.load(e.entityId))?.name ?? null;
      case 'Attachment':
        // As the event wrote it: a deleted file is still named.
        return fileName(e.after) ?? fileName(e.before);
      case 'WebhookSubscription':
        return ctx.loaders.webhookAddress.load(e.entityId);
      case 'WebhookDelivery':
        return ctx.loaders.deliveryAddress.load(e.entityId);
      case 'AwardDecision':
        return (await ctx.loaders.awardDecision.load(e.entityId))?.numberText ?? null;
      case 'ScoreSheet': {
        // Its scorer, and the member it scored when that is another ("Ban A → Ban B"); a self-assessment, one.
        const sheet = await ctx.loaders.sheet.load(e.entityId);
        if (!sheet) return null;
        const [scorer, target] = await Promise.all(
          [sheet.scorerUnitId, sheet.targetUnitId].map((u) => ctx.loaders.unit.load(u)),
        );
        if (!scorer || !target) return null;
        return scorer.id === target.id ? scorer.name : `${scorer.name} → ${target.name}`;
      }
      case 'Nomination': {
        const nomination = await ctx.loaders.nomination.load(e.entityId);
        if (!nomination) return null;
        // An individual title's nomination is the person's; a unit's, the unit's.
        const [subject, year] = await Promise.all([
          nomination.personId
            ? ctx.loaders.person.load(nomination.personId).then((p) => p?.fullName)
            : ctx.loaders.unit.load(nomination.unitId).then((u) => u?.name),
          ctx.loaders.emulationYear.load(nomination.emulationYearId),
        ]);
        return subject && year ? `${subject} – ${year.year}` : null;
      }
      default:
        return null;
    }
  }
}

const fileName = (side: unknown): string | null =>
  side && typeof side === 'object' && 'name' in side && typeof side.name === 'string' ? side.name : null;

/** A block's year as people name it: "Khối … – 2026". */
async function yearName(ctx: GraphQLContext, emulationYearId: string): Promise<string | null> {
  const year = await ctx.loaders.emulationYear.load(emulationYearId);
  const block = year && (await ctx.loaders.block.load(year.blockId));
  return block ? `${block.name} – ${year.year}` : null;
}
