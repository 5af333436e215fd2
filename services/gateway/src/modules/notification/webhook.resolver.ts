import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { webhookRepository, type WebhookAttempt, type WebhookDelivery } from '@thidua/db';
import {
  checkWebhookTarget,
  NOTIFICATION_EVENT_NAMES,
  WEBHOOK_FAILURE_CAUSES,
  webhookFailureCause,
} from '@thidua/domain';
import { enqueueJob, jobId } from '@thidua/jobs';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsUrl, MaxLength } from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
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
  Query,
  registerEnumType,
  Resolver,
  Root,
} from 'type-graphql';
import { audit } from '../../common/audit';
import { checkFirst, firstArgOptions } from '../../common/bounds';
import { badInput, conflict, notFound } from '../../common/errors';
import { graphqlEnum } from '../../common/enums';
import { ADMINS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { NotificationEvent } from './notification.resolver';

/** The test event an admin sends to check a receiver: no record in it, never sent by a notice. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
/** What a delivery carried: one of the notices' events, or the test event. */
export const WebhookEvent = { ...NotificationEvent, WEBHOOK_TEST: WEBHOOK_TEST_EVENT };
registerEnumType(WebhookEvent, { name: 'WebhookEvent' });

export const WebhookStatus = graphqlEnum(['PENDING', 'DELIVERED', 'DEAD'] as const, 'WebhookStatus');

export const WebhookFailureCause = graphqlEnum(
  WEBHOOK_FAILURE_CAUSES,
  'WebhookFailureCause',
  "Why an attempt failed, for a page to say in its reader's language.",
  {
    HTTP_STATUS: 'The receiver answered with a status outside 2xx (statusCode).',
    DNS: 'The host name has no address.',
    REFUSED: 'Nothing accepts connections at the address (connection refused).',
    UNREACHABLE: 'The network or the receiver dropped or could not make the connection.',
    TIMEOUT: 'No answer within WEBHOOK_TIMEOUT_MS.',
    TLS: 'The secure connection failed (often an https:// address on a server without https).',
    CERTIFICATE: "The receiver's certificate was not accepted (expired, self-signed, another name).",
    BLOCKED: "The address was refused by the platform's own check at send time (a private network).",
    OTHER: 'Anything else: see error.',
  },
);

@ObjectType('WebhookSubscription')
export class WebhookSubscriptionType {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [NotificationEvent]) events!: string[];
  @Field(() => DateTimeISOResolver) createdAt!: Date;
}

@ObjectType('CreatedWebhookSubscription')
export class CreatedWebhookSubscriptionType {
  @Field(() => WebhookSubscriptionType) subscription!: WebhookSubscriptionType;
  @Field(() => String, { description: 'Signs every request (x-thidua-signature); shown this once only.' })
  secret!: string;
}

@ObjectType('WebhookAttempt')
export class WebhookAttemptType {
  @Field(() => DateTimeISOResolver) attemptedAt!: Date;
  @Field(() => Int, { nullable: true }) statusCode!: number | null;
  @Field(() => String, { nullable: true, description: "The error's text as raised, for IT staff." })
  error!: string | null;
  @Field(() => WebhookFailureCause, { nullable: true, description: 'Null when the attempt was delivered.' })
  cause!: string | null;
  @Field(() => Int) durationMs!: number;
}

/** An attempt as the API shows it: one logged before causes were kept has its cause read from its text. */
const withCause = (a: WebhookAttempt): WebhookAttemptType => ({
  ...a,
  cause: a.cause ?? webhookFailureCause(a.statusCode, a.error),
});

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) subscriptionId!: string;
  @Field(() => WebhookEvent) event!: string;
  @Field(() => String, { description: 'Sent as x-thidua-idempotency-key, for the receiver to drop repeats.' })
  idempotencyKey!: string;
  @Field(() => WebhookStatus) status!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => DateTimeISOResolver) createdAt!: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) deliveredAt!: Date | null;
}

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field(() => String)
  @MaxLength(2000)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  url!: string;

  @Field(() => [NotificationEvent])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsIn(NOTIFICATION_EVENT_NAMES, { each: true })
  events!: (typeof NOTIFICATION_EVENT_NAMES)[number][];
}

@Resolver(() => WebhookDeliveryType)
export class WebhookResolver {
  @Authorized(...ADMINS)
  @Query(() => [WebhookSubscriptionType], { description: "This province's webhook subscriptions." })
  async webhookSubscriptions(@Arg('first', () => Int, firstArgOptions(500)) first?: number) {
    const n = checkFirst(first, 500);
    return (await webhookRepository.subscriptions()).slice(0, n);
  }

  @Authorized(...ADMINS)
  @Mutation(() => CreatedWebhookSubscriptionType)
  async createWebhookSubscription(
    @Arg('input', () => CreateWebhookSubscriptionInput) input: CreateWebhookSubscriptionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const checked = await checkWebhookTarget(
      input.url,
      (hostname) => lookup(hostname, { all: true, verbatim: true }),
      ctx.services.config.WEBHOOK_ALLOW_PRIVATE,
    );
    if ('problem' in checked) throw badInput('url', checked.problem);
    // Events leave the platform encrypted: a new receiver at a plain http:// address only where private targets
    // are allowed too (development, tests, a receiver on the same closed network). Said after the address's own
    // problem, the one to fix first.
    if (checked.target.url.protocol === 'http:' && !ctx.services.config.WEBHOOK_ALLOW_PRIVATE)
      throw badInput('url', 'must be an https:// URL: events are not sent unencrypted');
    const { secret, ...subscription } = await webhookRepository.subscribe(
      input.url,
      [...new Set(input.events)],
      ctx.principal!.userId,
    );
    await audit(ctx, 'webhook.subscribe', 'WebhookSubscription', subscription.id, {
      after: { url: input.url, events: input.events },
    });
    return { subscription, secret };
  }

  @Authorized(...ADMINS)
  @Mutation(() => WebhookDeliveryType, {
    description:
      'Sends a receiver a signed test event now (x-thidua-event: webhook.test; its body names the province and ' +
      'the receiver, no record), to check its address and key. It is a delivery like any other: listed with ' +
      'its attempts, retried on failure. Refused (CONFLICT) while a test to the receiver is still being sent.',
  })
  async sendTestWebhook(@Arg('subscriptionId', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    if (!isUuid(id) || !(await webhookRepository.subscription(id))) throw notFound('WebhookSubscription', id);
    // One test at a time per receiver: pressing again while one is being sent (and retried) would pile them up.
    if (await webhookRepository.hasPending(id, WEBHOOK_TEST_EVENT))
      throw conflict('A test event to this receiver is still being sent: wait for its result');
    const provinceId = ctx.access!.provinceId;
    const [deliveryId] = await webhookRepository.record([
      {
        subscriptionId: id,
        event: WEBHOOK_TEST_EVENT,
        // Each press is its own delivery: the receiver must not drop a second test as a repeat.
        idempotencyKey: `${WEBHOOK_TEST_EVENT}:${id}:${randomUUID()}`,
        payload: { event: WEBHOOK_TEST_EVENT, provinceId, subscriptionId: id },
      },
    ]);
    await enqueueJob(
      'send-webhook',
      { provinceId, deliveryId: deliveryId! },
      { jobId: jobId('send-webhook', provinceId, deliveryId!) },
    );
    await audit(ctx, 'webhook.test', 'WebhookSubscription', id);
    const [delivery] = await webhookRepository.deliveries({ subscriptionId: id, ids: [deliveryId!] });
    return delivery;
  }

  @Authorized(...ADMINS)
  @Mutation(() => Boolean)
  async deleteWebhookSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    if (!isUuid(id) || !(await webhookRepository.unsubscribe(id))) throw notFound('WebhookSubscription', id);
    await audit(ctx, 'webhook.unsubscribe', 'WebhookSubscription', id);
    return true;
  }

  @Authorized(...ADMINS)
  @Query(() => [WebhookDeliveryType], { description: 'Newest first (the latest 200), with every attempt.' })
  webhookDeliveries(
    @Arg('subscriptionId', () => ID, { nullable: true }) subscriptionId?: string,
    @Arg('status', () => WebhookStatus, { nullable: true }) status?: 'PENDING' | 'DELIVERED' | 'DEAD',
  ) {
    return webhookRepository.deliveries({
      subscriptionId: subscriptionId ?? undefined,
      status: status ?? undefined,
    });
  }

  @FieldResolver(() => [WebhookAttemptType], { description: 'Every attempt, oldest first.' })
  async attemptLog(
    @Root() d: WebhookDelivery,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(500)) first?: number,
  ) {
    const n = checkFirst(first, 500);
    return (await ctx.loaders.webhookAttempts.load(d.id)).slice(0, n).map(withCause);
  }

  @FieldResolver(() => WebhookAttemptType, {
    nullable: true,
    description: 'The latest attempt, over every retry; null before the first.',
  })
  async lastAttempt(@Root() d: WebhookDelivery, @Ctx() ctx: GraphQLContext) {
    const last = await ctx.loaders.lastWebhookAttempt.load(d.id);
    return last && withCause(last);
  }

  @Authorized(...ADMINS)
  @Mutation(() => Boolean, {
    description: 'Sends a dead-lettered delivery again, with a fresh attempt budget.',
  })
  async retryWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    if (!isUuid(id)) throw notFound('WebhookDelivery', id);
    if (!(await webhookRepository.revive(id))) throw conflict('Only a dead-lettered delivery can be retried');
    const provinceId = ctx.access!.provinceId;
    await enqueueJob(
      'send-webhook',
      { provinceId, deliveryId: id },
      { jobId: jobId('send-webhook', provinceId, id, String(Date.now())) },
    );
    await audit(ctx, 'webhook.retry', 'WebhookDelivery', id);
    return true;
  }
}
