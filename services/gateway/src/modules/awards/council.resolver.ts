import { awardRepository, userRepository, votingRepository } from '@thidua/db';
import { annexOrder } from '@thidua/domain';
import { openVotingPeriod } from '@thidua/jobs';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsUUID } from 'class-validator';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { audit } from '../../common/audit';
import { WithinAYear } from '../../common/deadlines';
import { appError, badInput, missingRef } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { VotingPeriodType } from '../voting/voting.types';

@InputType()
export class OpenCouncilVoteInput {
  @Field(() => [ID], {
    description: 'Nominations in COUNCIL_REVIEW; each is approved or rejected on its own.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'nominationIds must be nomination ids' })
  @ArrayUnique({ message: 'nominationIds must not name a nomination twice' })
  nominationIds!: string[];

  @Field(() => DateTimeISOResolver)
  @WithinAYear()
  closesAt!: Date;
}

/** A council session needs at least this many members. */
const MIN_COUNCIL = 3;

@Resolver()
export class CouncilResolver {
  @Authorized('PROVINCE_ADMIN')
  @Mutation(() => VotingPeriodType, {
    description:
      "The provincial council's secret vote on nominations in review (R10): thresholds count all council members; the session counts only with the configured attendance.",
  })
  async openCouncilVote(
    @Arg('input', () => OpenCouncilVoteInput) input: OpenCouncilVoteInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (input.closesAt.getTime() <= Date.now() + 60_000)
      throw badInput('closesAt', 'must be at least a minute from now');
    const ids = [...new Set(input.nominationIds)];
    // Held until the session is written: two requests at once cannot both put a nomination before the council.
    await awardRepository.lockNominations(ids);
    const nominations = await awardRepository.nominationsByIds(ids);
    for (const id of ids) {
      const n = nominations.find((x) => x.id === id);
      if (!n) throw missingRef('nominationIds', 'Nomination', id);
      if (n.status !== 'COUNCIL_REVIEW')
        throw badInput('nominationIds', `nomination ${id} is ${n.status}, not COUNCIL_REVIEW`);
    }
    // One question, one session: two sessions on one nomination would let the first to publish decide it.
    const [pending] = await votingRepository.pendingCouncilSessions(ids);
    if (pending)
      throw badInput(
        'nominationIds',
        `nomination ${pending.nominationId} is already before a council session whose results are not published`,
      );
    const provinceId = ctx.access!.provinceId;
    const council = await userRepository.list(
      { provinceId, role: 'COUNCIL_MEMBER' },
      { first: 1000, offset: 0 },
    );
    if (council.totalCount < MIN_COUNCIL) {
      throw appError(
        'PRECONDITION_FAILED',
        `The council needs at least ${MIN_COUNCIL} members with the COUNCIL_MEMBER role (it has ${council.totalCount})`,
      );
    }
    // The rules of the year the nominations are for, not of the calendar year the council sits in: a January
    // session deciding year Y applies Y's thresholds (R10). One session, one year, as its minutes are.
    const years = new Set(
      (await ctx.loaders.emulationYear.loadMany(nominations.map((n) => n.emulationYearId))).map((y) =>
        y instanceof Error || !y ? null : y.year,
      ),
    );
    if (years.size !== 1 || years.has(null))
      throw badInput(
        'nominationIds',
        `A council session decides the nominations of one emulation year; these are of ${[...years].sort().join(', ')}`,
      );
    const { rules } = await awardRepository.rulesFor([...years][0]!);
    const now = new Date();
    const period = await openVotingPeriod(
      provinceId,
      {
        kind: 'COUNCIL',
        emulationYearId: null,
        conferenceId: null,
        method: 'ONLINE',
        runoffCandidates: 'TIED_ONLY',
        attendancePercent: String(rules.councilAttendancePercent),
        round: 1,
        previousPeriodId: null,
        eligibleVoterIds: council.items.map((u) => u.id),
        // Certificates of merit: more than half of all members; flags and the provincial Emulation Fighter title
        // carry their own, higher thresholds (R10).
        thresholdPercent: '50',
        thresholdMode: 'MORE_THAN',
        allowSelfVote: true,
        maxRounds: 1,
        reminderMinutes: [24 * 60, 60],
        opensAt: now,
        closesAt: input.closesAt,
        openedBy: ctx.principal!.userId,
      },
      // Asked in the order of the decision's annex: collectives before individuals, the flag first.
      [...nominations].sort(annexOrder).map((n) => ({
        kind: 'APPROVAL',
        seats: 1,
        candidates: [n.unitId],
        nominationId: n.id,
        ...(n.form === 'FLAG_PROVINCE'
          ? { threshold: { thresholdPercent: rules.councilFlagPercent, thresholdMode: 'AT_LEAST' as const } }
          : n.form === 'CSTD_PROV'
            ? {
                threshold: {
                  thresholdPercent: rules.councilCstdProvPercent,
                  thresholdMode: 'AT_LEAST' as const,
                },
              }
            : {}),
      })),
    );
    await audit(ctx, 'council.open', 'VotingPeriod', period.id, {
      after: { nominations: ids, closesAt: input.closesAt },
    });
    return period;
  }
}
