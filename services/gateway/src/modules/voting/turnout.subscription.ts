import { runInTenant, votingRepository } from '@thidua/db';
import { TURNOUT_CHANNEL, type TurnoutChange } from '@thidua/jobs';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { notFound, unauthenticated } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { canWatch } from './voting.service';
import { TurnoutType } from './voting.types';

interface Turnout {
  votingPeriodId: string;
  status: string;
  eligible: number;
  cast: number;
}

/**
 * Pushes a period's turnout to a conference screen: once on subscribing, then on every change announced on the
 * event bus (by any gateway or worker), until the period closes. Each push re-reads the database, so several
 * changes arriving together cost one read and no client ever sees a number the database does not hold.
 */
async function* turnoutStream(ctx: GraphQLContext, periodId: string): AsyncGenerator<Turnout> {
  if (!ctx.principal) throw unauthenticated();
  const provinceId = ctx.access?.provinceId;
  if (!provinceId) throw notFound('VotingPeriod', periodId);
  const read = () =>
    runInTenant(ctx.services.dataSource, provinceId, async () => {
      const [period] = await votingRepository.byIds([periodId]);
      if (!period || !canWatch(ctx, period)) return null;
      const cast = (await votingRepository.turnout([periodId])).get(periodId) ?? 0;
      return {
        votingPeriodId: periodId,
        status: period.status,
        eligible: period.eligibleVoterIds.length,
        cast,
      };
    });

  let wake: (() => void) | undefined;
  let dirty = false;
  const unsubscribe = await ctx.services.eventBus.subscribe(TURNOUT_CHANNEL, (message) => {
    // A list of changes (one object from a gateway of an earlier release, during a rolling update).
    const changes = [JSON.parse(message) as TurnoutChange | TurnoutChange[]].flat();
    if (!changes.some((c) => c.periodId === periodId && c.provinceId === provinceId)) return;
    dirty = true;
    wake?.();
  });
  try {
    let turnout = await read();
    if (!turnout) throw notFound('VotingPeriod', periodId);
    yield turnout;
    while (turnout?.status === 'OPEN') {
      if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
      dirty = false;
      turnout = await read();
      if (turnout) yield turnout;
    }
  } finally {
    unsubscribe();
  }
}

@Resolver()
export class TurnoutSubscriptionResolver {
  @Subscription(() => TurnoutType, {
    description: 'Live turnout while voting is open (graphql-ws on /graphql); ends when the period closes.',
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { votingPeriodId: string }, GraphQLContext>) =>
      turnoutStream(context, String(args.votingPeriodId)),
  })
  votingTurnout(@Root() turnout: Turnout, @Arg('votingPeriodId', () => ID) _votingPeriodId: string): Turnout {
    return turnout;
  }
}
