import { awardRepository, type Nomination } from '@thidua/db';
import { notifyNominationStep } from '@thidua/jobs';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { assertRunsYear, yearActor } from '../../common/acting';
import { audit } from '../../common/audit';
import { appError, conflict, notFound } from '../../common/errors';
import { ACTORS, MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { seesYearOutcome } from '../voting/voting.service';
import { NominationType } from './awards.types';
import { openMatterOf } from './open-matter';

/**
 * A proposal the secretariat returned for more material (RETURNED, with its reason): the block completes it (the
 * nominated unit or whoever runs the year attaches what was asked for, attachment.service) and sends it again,
 * back into the secretariat's queue as SUBMITTED.
 */
@Resolver(() => NominationType)
export class NominationResubmitResolver {
  @Authorized(...MEMBERS)
  @FieldResolver(() => Boolean, {
    description:
      'Whether the reader may send this returned proposal again (resubmitNomination): the head or deputy unit, or the secretariat.',
  })
  async canResubmit(@Root() n: Nomination, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (n.status !== 'RETURNED' || ctx.access?.readOnlyReason) return false;
    const year = await ctx.loaders.emulationYear.load(n.emulationYearId);
    return !!year && yearActor(ctx, year) !== null;
  }

  @Authorized(...ACTORS)
  @Mutation(() => NominationType, {
    description:
      'Sends a proposal returned for more material (RETURNED) to the secretariat again (SUBMITTED), once completed. The head or deputy unit, or the secretariat; the secretariat is told.',
  })
  async resubmitNomination(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const nomination = isUuid(id) ? await ctx.loaders.nomination.load(id) : null;
    const year = nomination && (await ctx.loaders.emulationYear.load(nomination.emulationYearId));
    if (!nomination || !year || !seesYearOutcome(ctx, year)) throw notFound('Nomination', id);
    assertRunsYear(ctx, year);
    if (nomination.status !== 'RETURNED')
      throw appError(
        'PRECONDITION_FAILED',
        `Only a proposal returned for more material is sent again; this one is ${nomination.status}`,
      );
    // R8: a unit with a discipline process, inspection or complaint open is not proposed until it is closed.
    const open = await openMatterOf(nomination);
    if (open)
      throw appError(
        'PRECONDITION_FAILED',
        `The unit has a matter open since ${open.openedOn} (${open.note}): it is sent again once the matter is closed`,
      );
    if (!(await awardRepository.step(nomination.id, 'RETURNED', 'SUBMITTED', null)))
      throw conflict('The nomination changed meanwhile: reload it');
    await notifyNominationStep(ctx.access!.provinceId, nomination.id, 'RESUBMITTED', new Date());
    await audit(ctx, 'nomination.resubmit', 'Nomination', nomination.id, {
      before: { status: 'RETURNED', reason: nomination.statusReason },
      after: { status: 'SUBMITTED' },
    });
    ctx.loaders.nomination.clear(nomination.id);
    return {
      ...nomination,
      status: 'SUBMITTED',
      statusReason: null,
      updatedAt: new Date(),
    } satisfies Nomination;
  }
}
