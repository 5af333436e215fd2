import { ACTORS, MEMBERS } from '../../common/roles';
import { votingRepository, type VotingPeriod } from '@thidua/db';
import { ballotProblems, DEFAULT_VOTE_RULES } from '@thidua/domain';
import {
  closeVotingPeriod,
  effectiveDeadline,
  enqueueJob,
  extendVotingPeriod,
  jobId,
  openVotingPeriod,
  scheduleAwards,
} from '@thidua/jobs';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { assertRunsYear } from '../../common/acting';
import { audit } from '../../common/audit';
import { withConstraints } from '../../common/constraints';
import { appError, badInput, conflict, forbidden, missingRef } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { loadYear, transitionYear, yearMembers } from '../emulation-year/emulation-year.service';
import {
  canSeeResults,
  canWatch,
  loadPeriod,
  periodYear,
  voterFor,
  assertRunsPeriod,
} from './voting.service';
import {
  BallotReceiptType,
  CastBallotInput,
  ContestResultType,
  ContestType,
  HeadDeputyDecisionInput,
  HeadDeputyDecisionType,
  OpenVotingPeriodInput,
  TurnoutType,
  VotingPeriodType,
} from './voting.types';

@Resolver(() => VotingPeriodType)
export class VotingResolver {
  @Authorized(...MEMBERS)
  @Query(() => VotingPeriodType)
  async votingPeriod(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return loadPeriod(ctx, id, 'id');
  }

  @Authorized(...MEMBERS)
  @Query(() => [VotingPeriodType], { description: "A year's voting periods, one per round." })
  async votingPeriods(@Arg('emulationYearId', () => ID) yearId: string, @Ctx() ctx: GraphQLContext) {
    await loadYear(ctx, yearId);
    return ctx.loaders.periodsOfYear.load(yearId);
  }

  @FieldResolver(() => Number) thresholdPercent(@Root() p: VotingPeriod) {
    return Number(p.thresholdPercent);
  }

  @FieldResolver(() => [ContestType])
  contests(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.contests.load(p.id);
  }

  @FieldResolver(() => TurnoutType, {
    nullable: true,
    description: 'For the secretariat and eligible units.',
  })
  async turnout(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    if (!canWatch(ctx, p)) return null;
    return {
      votingPeriodId: p.id,
      status: p.status,
      eligible: p.eligibleVoterIds.length,
      cast: await ctx.loaders.turnout.load(p.id),
    };
  }

  @FieldResolver(() => [ContestResultType], {
    nullable: true,
    description: 'Null until tallied, and for members until published. Never counts while voting is open.',
  })
  async results(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    if (!(await canSeeResults(ctx, p))) return null;
    const contests = await ctx.loaders.contests.load(p.id);
    const results = await ctx.loaders.votingResults.load(p.id);
    return contests.map((c) => ({
      ...results.find((r) => r.contestId === c.id)!.result,
      eligible: p.eligibleVoterIds.length,
    }));
  }

  @FieldResolver(() => [HeadDeputyDecisionType])
  decisions(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.decisions.load(p.id);
  }

  @Authorized(...ACTORS)
  @Mutation(() => VotingPeriodType, {
    description: 'The head unit or the secretariat opens the block vote (round 1).',
  })
  async openVotingPeriod(
    @Arg('input', () => OpenVotingPeriodInput) input: OpenVotingPeriodInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, input.emulationYearId);
    assertRunsYear(ctx, year);
    if (year.state !== 'SCORES_LOCKED')
      throw appError('PRECONDITION_FAILED', `Voting opens once scores are locked; the year is ${year.state}`);
    if (input.closesAt.getTime() <= Date.now() + 60_000)
      throw badInput('closesAt', 'must be at least a minute from now');
    const members = await yearMembers(ctx, year);
    const contests = input.contests.map((c, i) => {
      const candidates = c.candidateUnitIds ?? members;
      const outsider = candidates.find((u) => !members.includes(u));
      if (outsider)
        throw badInput(
          `contests.${i}.candidateUnitIds`,
          `${outsider} is not a member of the block in ${year.year}`,
        );
      if (c.seats > candidates.length)
        throw badInput(`contests.${i}.seats`, `more seats than the ${candidates.length} candidates`);
      return { kind: c.kind, seats: c.seats, candidates };
    });
    const now = new Date();
    const period = await withConstraints({ unique: 'This year already has a first round' }, () =>
      openVotingPeriod(
        ctx.access!.provinceId,
        {
          emulationYearId: year.id,
          kind: 'BLOCK',
          attendancePercent: null,
          round: 1,
          previousPeriodId: null,
          eligibleVoterIds: members,
          thresholdPercent: String(input.thresholdPercent ?? DEFAULT_VOTE_RULES.thresholdPercent),
          thresholdMode: input.thresholdMode,
          allowSelfVote: input.allowSelfVote,
          maxRounds: input.maxRounds,
          reminderMinutes: input.reminderMinutes,
          opensAt: now,
          closesAt: input.closesAt,
          openedBy: ctx.principal!.userId,
        },
        contests,
      ),
    );
    await audit(ctx, 'voting.open', 'VotingPeriod', period.id, {
      after: { round: 1, closesAt: input.closesAt, contests: contests.length },
    });
    ctx.loaders.emulationYear.clear(year.id);
    return period;
  }

  @Authorized(...MEMBERS)
  @Mutation(() => BallotReceiptType, {
    description: "Casts the unit's ballot. Final once cast; a second one is CONFLICT.",
  })
  async castBallot(@Arg('input', () => CastBallotInput) input: CastBallotInput, @Ctx() ctx: GraphQLContext) {
    // The hot path of a conference vote: rules from the gateway's cache, then one statement.
    const provinceId = ctx.access!.provinceId;
    const rules = isUuid(input.votingPeriodId)
      ? await ctx.services.ballotRules.get(provinceId, input.votingPeriodId)
      : null;
    if (!rules) throw missingRef('votingPeriodId', 'VotingPeriod', input.votingPeriodId);
    const unitId = voterFor(ctx, rules, input.unitId);
    const [problem] = ballotProblems(rules.contests, input.choices, unitId, {
      ...DEFAULT_VOTE_RULES,
      allowSelfVote: rules.allowSelfVote,
    });
    if (problem) throw badInput(problem.field, problem.message);
    const choices = input.choices.map((c) => ({ contestId: c.contestId, unitIds: [...c.unitIds] }));
    const receipt = await withConstraints({ unique: 'This unit has already voted in this period' }, () =>
      votingRepository.cast(input.votingPeriodId, unitId, ctx.principal!.userId, choices),
    );
    if (!receipt) {
      const period = await loadPeriod(ctx, input.votingPeriodId);
      throw appError(
        'DEADLINE_PASSED',
        `Voting closed at ${(period.closedAt ?? effectiveDeadline(period)).toISOString()}`,
      );
    }
    ctx.afterCommit.push(() => ctx.services.turnout.changed(provinceId, input.votingPeriodId));
    return receipt;
  }

  @Authorized(...MEMBERS)
  @Query(() => BallotReceiptType, { nullable: true, description: "Your unit's receipt, if it has voted." })
  async myBallotReceipt(
    @Arg('votingPeriodId', () => ID) periodId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('unitId', () => ID, { nullable: true }) unitId?: string,
  ) {
    const period = await loadPeriod(ctx, periodId);
    const [receipt] = await votingRepository.receipts(period.id, [
      voterFor(ctx, period, unitId ?? undefined),
    ]);
    return receipt ?? null;
  }

  @Authorized(...ACTORS)
  @Mutation(() => VotingPeriodType, { description: 'Moves the deadline later; the close job moves with it.' })
  async extendVotingPeriod(
    @Arg('id', () => ID) id: string,
    @Arg('until', () => DateTimeISOResolver) until: Date,
    @Ctx() ctx: GraphQLContext,
  ) {
    const period = await loadPeriod(ctx, id, 'id');
    await assertRunsPeriod(ctx, period);
    if (period.status !== 'OPEN') throw conflict(`The period is ${period.status}`);
    if (until.getTime() <= effectiveDeadline(period).getTime())
      throw badInput(
        'until',
        `must be after the current deadline ${effectiveDeadline(period).toISOString()}`,
      );
    if (!(await extendVotingPeriod(ctx.access!.provinceId, period, until, ctx.principal!.userId)))
      throw conflict('The period closed meanwhile');
    await audit(ctx, 'voting.extend', 'VotingPeriod', id, {
      before: { deadline: effectiveDeadline(period) },
      after: { deadline: until },
    });
    return { ...period, extendedUntil: until };
  }

  @Authorized(...ACTORS)
  @Mutation(() => VotingPeriodType, {
    description: 'The secretariat at any time; the head unit once every member has voted.',
  })
  async closeVotingPeriod(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const period = await loadPeriod(ctx, id, 'id');
    const actor = await assertRunsPeriod(ctx, period);
    if (period.status !== 'OPEN') throw conflict(`The period is already ${period.status}`);
    const cast = await ctx.loaders.turnout.load(period.id);
    if (actor !== 'PROVINCE_ADMIN' && cast < period.eligibleVoterIds.length) {
      throw forbidden(
        `The head unit may close early only when all have voted (${cast} of ${period.eligibleVoterIds.length})`,
      );
    }
    const reason = cast === period.eligibleVoterIds.length ? 'ALL_VOTED' : 'BY_ADMIN';
    if (!(await closeVotingPeriod(ctx.access!.provinceId, period.id, reason, ctx.principal!.userId)))
      throw conflict('The period closed meanwhile');
    await audit(ctx, 'voting.close', 'VotingPeriod', id, { after: { reason } });
    ctx.afterCommit.push(() => ctx.services.turnout.changed(ctx.access!.provinceId, period.id));
    return { ...period, status: 'CLOSED', closeReason: reason, closedAt: new Date() };
  }

  @Authorized(...ACTORS)
  @Mutation(() => VotingPeriodType, {
    description: 'Makes the tallied results visible to the members: its own step.',
  })
  async publishVotingResults(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const period = await loadPeriod(ctx, id, 'id');
    const year = await periodYear(ctx, period);
    const actor = await assertRunsPeriod(ctx, period);
    if (period.status !== 'TALLIED')
      throw appError(
        'PRECONDITION_FAILED',
        `Results are published once tallied; the period is ${period.status}`,
      );
    if (period.outcome === 'AWAITING_DECISION')
      throw appError('PRECONDITION_FAILED', 'The head and deputy must record their decision first');
    if (!(await votingRepository.publish(period.id, ctx.principal!.userId)))
      throw conflict('The results are already published');
    await audit(ctx, 'voting.publish', 'VotingPeriod', id);
    await enqueueJob(
      'notify',
      { provinceId: ctx.access!.provinceId, event: 'voting.published', subjectId: id },
      { jobId: jobId('notify', 'voting.published', id) },
    );
    if ((period.outcome === 'COMPLETE' || period.outcome === 'DECIDED') && year?.state === 'VOTING') {
      await transitionYear(
        ctx,
        year,
        'RESULTS_RECORDED',
        actor === 'PROVINCE_ADMIN' ? 'PROVINCE_ADMIN' : 'HEAD_UNIT',
      );
    }
    return { ...period, resultsPublishedAt: new Date() };
  }

  @Authorized('UNIT_OFFICER', 'PROVINCE_ADMIN', 'PLATFORM_ADMIN')
  @Mutation(() => HeadDeputyDecisionType, {
    description:
      'After the last round: the head or deputy proposes the units for an unfilled contest; the other confirms the same.',
  })
  async recordHeadDeputyDecision(
    @Arg('input', () => HeadDeputyDecisionInput) input: HeadDeputyDecisionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const period = await loadPeriod(ctx, input.votingPeriodId);
    const year = await periodYear(ctx, period);
    if (!year) throw badInput('votingPeriodId', 'the council decides by its vote alone');
    const side = [year.headUnitId, year.deputyUnitId].find((u) => u && ctx.access?.officerOf.has(u));
    if (!side) throw forbidden("Only the head and deputy units' officers record this decision");
    if (period.outcome !== 'AWAITING_DECISION')
      throw appError('PRECONDITION_FAILED', 'No decision is awaited for this period');
    const contest = (await ctx.loaders.contests.load(period.id)).find((c) => c.id === input.contestId);
    const result = (await ctx.loaders.votingResults.load(period.id)).find(
      (r) => r.contestId === input.contestId,
    )?.result;
    if (!contest || !result) throw badInput('contestId', 'not a contest of this period');
    if (result.unfilledSeats === 0) throw badInput('contestId', 'the vote filled this contest');
    const open = contest.candidateUnitIds.filter((u) => !result.elected.includes(u));
    const bad = input.unitIds.find((u) => !open.includes(u));
    if (bad) throw badInput('unitIds', `${bad} is not a remaining candidate`);
    if (input.unitIds.length === 0 || input.unitIds.length > result.unfilledSeats)
      throw badInput('unitIds', `choose 1 to ${result.unfilledSeats}`);

    const existing = (await ctx.loaders.decisions.load(period.id)).find((d) => d.contestId === contest.id);
    const same = existing && [...existing.unitIds].sort().join() === [...input.unitIds].sort().join();
    if (existing && same && existing.proposedByUnitId !== side) {
      await votingRepository.confirm(period.id, contest.id, side, ctx.principal!.userId);
    } else {
      await votingRepository.propose(period.id, contest.id, input.unitIds, side, ctx.principal!.userId);
    }
    const decisions = await votingRepository.decisions([period.id]);
    const results = await ctx.loaders.votingResults.load(period.id);
    const allDecided = results
      .filter((r) => r.result.unfilledSeats > 0)
      .every((r) => decisions.find((d) => d.contestId === r.contestId)?.confirmedAt);
    if (allDecided) {
      await votingRepository.setOutcome(period.id, 'DECIDED');
      await scheduleAwards(ctx.access!.provinceId, year.id, period.id);
    }
    await audit(ctx, 'voting.decision', 'VotingPeriod', period.id, {
      after: { contestId: contest.id, unitIds: input.unitIds, bySide: side },
    });
    return decisions.find((d) => d.contestId === contest.id)!;
  }
}
