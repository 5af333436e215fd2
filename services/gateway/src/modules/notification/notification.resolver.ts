import { notificationRepository, type Notification } from '@thidua/db';
import { NOTIFICATION_EVENT_NAMES } from '@thidua/domain';
import { ArrayMaxSize, IsIn, IsOptional, IsUUID } from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from 'type-graphql';
import { Connection, PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { graphqlEnum } from '../../common/enums';
import { MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { LocaleEnum } from '../user/user.types';

/** GraphQL names (VOTING_OPENED) for the event names the platform uses (voting.opened). */
export const NotificationEvent = Object.fromEntries(
  NOTIFICATION_EVENT_NAMES.map((e) => [e.toUpperCase().replace('.', '_'), e]),
) as Record<string, (typeof NOTIFICATION_EVENT_NAMES)[number]>;
registerEnumType(NotificationEvent, { name: 'NotificationEvent' });
export const NotificationChannel = graphqlEnum(
  ['IN_APP', 'EMAIL', 'WEBHOOK'] as const,
  'NotificationChannel',
);

@ObjectType('Notification', { description: "An in-app notification, in the request's province." })
export class NotificationType {
  @Field(() => ID) id!: string;
  @Field(() => NotificationEvent) event!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { description: 'Where in the application the notification leads.' }) link!: string;
  @Field(() => LocaleEnum, {
    nullable: true,
    description:
      'The language its title and body were written in (its reader’s then); null for notices written before it was kept.',
  })
  locale!: 'vi' | 'en' | null;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) readAt!: Date | null;
}

export const NotificationConnection = Connection(NotificationType, 'Notification');

@ObjectType('NotificationPreference')
export class NotificationPreferenceType {
  @Field(() => NotificationEvent) event!: string;
  @Field(() => NotificationChannel) channel!: string;
  @Field(() => Boolean) enabled!: boolean;
}

@InputType()
export class NotificationPreferenceInput {
  @Field(() => NotificationEvent)
  @IsIn(NOTIFICATION_EVENT_NAMES)
  event!: (typeof NOTIFICATION_EVENT_NAMES)[number];

  @Field(() => NotificationChannel)
  @IsIn(['IN_APP', 'EMAIL', 'WEBHOOK'])
  channel!: 'IN_APP' | 'EMAIL' | 'WEBHOOK';

  @Field(() => Boolean)
  enabled!: boolean;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: 'Leave out (with subjectIds) to mark all as read.' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'ids must be notification ids' })
  ids?: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      "Only those about these records (their subjectId): a vote's notices once the ballot is cast, say.",
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'subjectIds must be record ids' })
  subjectIds?: string[];
}

@Resolver(() => NotificationType)
export class NotificationResolver {
  @Authorized(...MEMBERS)
  @Query(() => NotificationConnection, { description: 'Yours, unread first, then newest.' })
  async notifications(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
  ) {
    return toConnection<Notification>(
      await notificationRepository.list(ctx.principal!.userId, unreadOnly, toPageRequest(page)),
    );
  }

  @Authorized(...MEMBERS)
  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: GraphQLContext) {
    return notificationRepository.unreadCount(ctx.principal!.userId);
  }

  @Authorized(...MEMBERS)
  @Mutation(() => Int, { description: 'How many were marked read.' })
  markNotificationsRead(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', () => MarkNotificationsReadInput, { nullable: true }) input?: MarkNotificationsReadInput,
  ) {
    return notificationRepository.markRead(
      ctx.principal!.userId,
      input?.ids ?? null,
      input?.subjectIds ?? null,
    );
  }

  @Authorized()
  @Query(() => [NotificationPreferenceType], {
    description: 'Your choices; every event and channel not listed is on.',
  })
  notificationPreferences(@Ctx() ctx: GraphQLContext) {
    return notificationRepository.preferences([ctx.principal!.userId]);
  }

  @Authorized()
  @Mutation(() => [NotificationPreferenceType])
  async setNotificationPreferences(
    @Arg('preferences', () => [NotificationPreferenceInput]) preferences: NotificationPreferenceInput[],
    @Ctx() ctx: GraphQLContext,
  ) {
    for (const p of preferences)
      await notificationRepository.setPreference(ctx.principal!.userId, p.event, p.channel, p.enabled);
    return notificationRepository.preferences([ctx.principal!.userId]);
  }
}
