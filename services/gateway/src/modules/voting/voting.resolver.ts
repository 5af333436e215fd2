import { ACTORS, MEMBERS } from '../../common/roles';
import {
  awardRepository,
  computeYearAwards,
  votingRepository,
  yearAwardExclusions,
  type VotingPeriod,
} from '@thidua/db';
import { ballotProblems, DEFAULT_VOTE_RULES } from '@thidua/domain';
import {
  afterCouncilBallot,
  applyCouncilResults,
  closeVotingPeriod,
  effectiveDeadline,
  enqueueJob,
  extendVotingPeriod,
  jobId,
  openNextRound,
  openVotingPeriod,
  scheduleAwards,
} from '@thidua/jobs';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import { assertActsFor, assertRunsYear, isProvinceAdmin, isSecretariat } from '../../common/acting';
import { aloneInMutation } from '../../common/alone';
import { assertWithinAYear } from '../../common/deadlines';
import { audit, auditUnitAct } from '../../common/audit';
import { checkFirst, firstArgOptions } from '../../common/bounds';
import { withConstraints } from '../../common/constraints';
import { appError, badInput, conflict, forbidden, missingRef } from '../../common/errors';
import type { GraphQLContext } from '../../context';
import { isUuid } from '../../loaders';
import { yearConference } from '../conference/conference.service';
import { loadYear, transitionYear, yearMembers } from '../emulation-year/emulation-year.service';
import { EmulationYearType } from '../emulation-year/emulation-year.types';
import { quotaProblem, roundDeadline } from './voting-rules';
import {
  canSeeResults,
  canWatch,
  loadPeriod,
  periodYear,
  voterFor,
  assertRunsPeriod,
  headOrDeputySide,
  myVoterIds,
  runsPeriod,
  visibleOutcome,
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
  VoterType,
  VotingOutcome,
  VotingPeriodType,
} from './voting.types';

const RULES_ARE_PROVINCES =
  "the vote's threshold and rounds are the province's rules (R4, R5): only the secretariat sets them for one vote";

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

  @Authorized(...MEMBERS)
  @Query(() => [VotingPeriodType], {
    description:
      "The provincial council's sessions, newest first: all of them for the secretariat, those a council member was called to for the member; none for anyone else.",
  })
  async councilSessions(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(100, 20)) first?: number,
  ) {
    const limit = checkFirst(first, 100);
    // The secretariat runs them; the platform's operators may read them, as every council record.
    if (isProvinceAdmin(ctx)) return votingRepository.councilSessions({ limit });
    if (!ctx.access?.roles.has('COUNCIL_MEMBER')) return [];
    return votingRepository.councilSessions({ voterId: ctx.principal!.userId, limit });
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether the signed-in voter has voted in this period (for a block, every eligible unit they are an officer of); null for those without a ballot in it, and in a paper round (voted in the hall, nobody has a ballot here).',
  })
  async voted(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    if (p.method === 'PAPER') return null;
    const mine = myVoterIds(ctx, p);
    if (!mine.length) return null;
    const voted = await votersIn(ctx, p.id);
    return mine.every((v) => voted.has(v));
  }

  @FieldResolver(() => EmulationYearType, {
    nullable: true,
    description: 'The block year voting (its block, head and deputy units); null for the council.',
  })
  emulationYear(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    return p.emulationYearId ? ctx.loaders.emulationYear.load(p.emulationYearId) : null;
  }

  // As secret as the results until published (visibleOutcome): described on the type.
  @FieldResolver(() => VotingOutcome, { nullable: true })
  outcome(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    return visibleOutcome(ctx, p);
  }

  @FieldResolver(() => Number) thresholdPercent(@Root() p: VotingPeriod) {
    return Number(p.thresholdPercent);
  }

  @FieldResolver(() => Number, {
    nullable: true,
    description:
      "A council session counts only when this share of ALL its members voted (R10); null for a block's vote.",
  })
  attendancePercent(@Root() p: VotingPeriod) {
    return p.attendancePercent === null ? null : Number(p.attendancePercent);
  }

  @FieldResolver(() => [ContestType])
  async contests(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.contests.load(p.id)).map((c) => ({
      ...c,
      thresholdPercent: c.thresholdPercent === null ? null : Number(c.thresholdPercent),
    }));
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

  @FieldResolver(() => [VoterType], {
    nullable: true,
    description:
      'The eligible voters who have not voted yet, by name, so that those who run the vote can remind them; who voted is not secret, what they voted is. Null for anyone else, and for a paper round (its ballots are counted on paper, not received).',
  })
  async notVoted(
    @Root() p: VotingPeriod,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(100)) first?: number,
  ) {
    const n = checkFirst(first, 100);
    if (p.method === 'PAPER' || !(await runsPeriod(ctx, p))) return null;
    const voted = await votersIn(ctx, p.id);
    const waiting = p.eligibleVoterIds.filter((v) => !voted.has(v));
    const named =
      p.kind === 'COUNCIL'
        ? (await ctx.loaders.user.loadMany(waiting)).map(
            (u) => u && !(u instanceof Error) && { id: u.id, name: u.fullName },
          )
        : (await ctx.loaders.unit.loadMany(waiting)).map(
            (u) => u && !(u instanceof Error) && { id: u.id, name: u.name },
          );
    return named
      .filter((v) => !!v)
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
      .slice(0, n);
  }

  @FieldResolver(() => [ContestResultType], {
    nullable: true,
    description: 'Null until tallied, and for members until published. Never counts while voting is open.',
  })
  async results(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    if (!(await canSeeResults(ctx, p))) return null;
    const contests = await ctx.loaders.contests.load(p.id);
    const results = await ctx.loaders.votingResults.load(p.id);
    return contests.map((c) => {
      const result = results.find((r) => r.contestId === c.id)!.result;
      const fromDocuments = 'fromDocuments' in result && result.fromDocuments === true;
      return {
        ...result,
        fromDocuments,
        // A documents year stores 0 for every unit when its minutes gave no votes (historyRepository.recordYear).
        votesRecorded: !fromDocuments || result.candidates.some((x) => x.votes > 0),
        paper: result.paper ?? null,
        tieBrokenBy: result.tieBreak?.rule ?? null,
        withdrawn: result.withdrawn ?? null,
        source: p.method,
        eligible: p.eligibleVoterIds.length,
      };
    });
  }

  @FieldResolver(() => [HeadDeputyDecisionType], {
    description: 'Before publication only the head and deputy units, who make the decision, see it.',
  })
  async decisions(@Root() p: VotingPeriod, @Ctx() ctx: GraphQLContext) {
    if (!p.resultsPublishedAt) {
      const year = await periodYear(ctx, p);
      if (!year || !headOrDeputySide(ctx, year)) return [];
    }
    return ctx.loaders.decisions.load(p.id);
  }

  @Authorized(...ACTORS)
  @Mutation(() => VotingPeriodType, {
    description: 'The head or deputy unit or the secretariat opens the block vote (round 1).',
  })
  async openVotingPeriod(
    @Arg('input', () => OpenVotingPeriodInput) input: OpenVotingPeriodInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, input.emulationYearId);
    const actor = assertRunsYear(ctx, year);
    // R4, R5 are the province's rules: a block vote of its own threshold or rounds is the secretariat's exception.
    const overrides = (['thresholdPercent', 'thresholdMode', 'maxRounds'] as const).filter(
      (f) => input[f] != null,
    );
    if (overrides.length && actor !== 'PROVINCE_ADMIN')
      throw appError('FORBIDDEN', `${overrides[0]}: ${RULES_ARE_PROVINCES}`, {
        fields: overrides.map((field) => ({ field, message: RULES_ARE_PROVINCES })),
      });
    if (year.state !== 'SCORES_LOCKED')
      throw appError('PRECONDITION_FAILED', `Voting opens once scores are locked; the year is ${year.state}`);
    const conference = await yearConference(ctx, year.id);
    if (!conference)
      throw appError(
        'PRECONDITION_FAILED',
        "Record the block's year-end conference first (recordConference): its rounds belong to it",
        { missing: ['conference'] },
      );
    const closesAt = roundDeadline(input);
    const members = await yearMembers(ctx, year);
    const { effectiveYear, rules } = await awardRepository.rulesFor(year.year);
    // R1: a unit that may not be proposed for an award (R7, R8, R9) is not on the flag or merit ballot.
    const excluded = await yearAwardExclusions(year.id);
    const contests = input.contests.map((c, i) => {
      const forAward = c.kind === 'FLAG' || c.kind === 'MERIT';
      const candidates = c.candidateUnitIds ?? (forAward ? members.filter((u) => !excluded.has(u)) : members);
      const outsider = candidates.find((u) => !members.includes(u));
      if (outsider)
        throw badInput(
          `contests.${i}.candidateUnitIds`,
          `${outsider} is not a member of the block in ${year.year}`,
        );
      const barred = forAward ? candidates.find((u) => excluded.has(u)) : undefined;
      if (barred)
        throw badInput(
          `contests.${i}.candidateUnitIds`,
          `${barred} may not be proposed for an award (R1): ${excluded
            .get(barred)!
            .map((r) => r.brief)
            .join(' ')}`,
        );
      if (c.seats > candidates.length)
        throw badInput(`contests.${i}.seats`, `more seats than the ${candidates.length} candidates`);
      const override =
        c.kind === 'FLAG' ? year.flagQuotaOverride : c.kind === 'MERIT' ? year.meritQuotaOverride : null;
      const quota = quotaProblem(c.kind, c.seats, members.length, rules, effectiveYear, override);
      if (quota) throw badInput(`contests.${i}.seats`, quota);
      return { kind: c.kind, seats: c.seats, candidates };
    });
    const now = new Date();
    const period = await withConstraints({ unique: 'This year already has a first round' }, () =>
      openVotingPeriod(
        ctx.access!.provinceId,
        {
          emulationYearId: year.id,
          conferenceId: conference.id,
          method: input.method,
          runoffCandidates: rules.runoffCandidates,
          kind: 'BLOCK',
          attendancePercent: null,
          round: 1,
          previousPeriodId: null,
          eligibleVoterIds: members,
          thresholdPercent: String(input.thresholdPercent ?? rules.voteThresholdPercent),
          thresholdMode: input.thresholdMode ?? rules.voteThresholdMode,
          allowSelfVote: input.allowSelfVote,
          maxRounds: input.maxRounds ?? rules.maxRounds,
          reminderMinutes: input.reminderMinutes,
          opensAt: now,
          closesAt,
          openedBy: ctx.principal!.userId,
        },
        contests,
      ),
    );
    await audit(ctx, 'voting.open', 'VotingPeriod', period.id, {
      after: {
        round: 1,
        method: input.method,
        closesAt,
        contests: contests.length,
        ...Object.fromEntries(overrides.map((f) => [f, input[f]])),
      },
    });
    ctx.loaders.emulationYear.clear(year.id);
    return period;
  }

  @Authorized(...MEMBERS)
  @Mutation(() => BallotReceiptType, {
    description: "Casts the unit's ballot. Final once cast; a second one is CONFLICT.",
  })
  async castBallot(
    @Arg('input', () => CastBallotInput) input: CastBallotInput,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // The hot path of a conference vote: rules from the gateway's cache, then one statement.
    const provinceId = ctx.access!.provinceId;
    const rules = isUuid(input.votingPeriodId)
      ? await ctx.services.ballotRules.get(provinceId, input.votingPeriodId)
      : null;
    if (!rules) throw missingRef('votingPeriodId', 'VotingPeriod', input.votingPeriodId);
    if (rules.method === 'PAPER')
      throw appError(
        'PRECONDITION_FAILED',
        "This round is voted on paper at the conference: the counting committee's count is entered instead",
      );
    const onBehalf = castsOnBehalf(ctx, rules, input);
    const unitId = onBehalf ? input.unitId! : voterFor(ctx, rules, input.unitId);
    const [problem] = ballotProblems(rules.contests, input.choices, unitId, {
      ...DEFAULT_VOTE_RULES,
      allowSelfVote: rules.allowSelfVote,
    });
    if (problem) throw badInput(problem.field, problem.message);
    const choices = input.choices.map((c) => ({ contestId: c.contestId, unitIds: [...c.unitIds] }));
    // Alone in its request and not audited, the cast is the transaction's last statement: it travels with the
    // COMMIT (one round trip less a ballot; the receipt's fields cannot fail).
    const council = rules.kind === 'COUNCIL';
    const commit = !onBehalf && !council && aloneInMutation(info);
    const receipt = await withConstraints({ unique: 'This unit has already voted in this period' }, () =>
      votingRepository.cast(input.votingPeriodId, unitId, ctx.principal!.userId, choices, { commit }),
    );
    // Cast nothing: the period has closed (or its deadline passed) since the rules were read.
    if (!receipt) throw appError('DEADLINE_PASSED', 'This voting period is closed: it takes no more ballots');
    if (council) await afterCouncilBallot(provinceId, input.votingPeriodId, rules.eligibleVoterIds.length);
    // Who voted, never what: the audit of an on-behalf ballot names the unit and the reason only.
    if (onBehalf)
      await auditUnitAct(ctx, 'ballot.cast', unitId, onBehalf, {
        type: 'VotingPeriod',
        id: input.votingPeriodId,
      });
    ctx.afterCommit.push(() => ctx.services.turnout.changed(provinceId, input.votingPeriodId));
    ctx.afterCommit.push(() => ctx.services.metrics.ballotCast());
    // Known here: the receipt's field reads nothing more (a unit's own cast has committed with its statement).
    return { ...receipt, onBehalfReason: onBehalf ?? null };
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
    assertWithinAYear('until', until);
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
    description: 'The secretariat at any time; the head or deputy unit once every member has voted.',
  })
  async closeVotingPeriod(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const period = await loadPeriod(ctx, id, 'id');
    const actor = await assertRunsPeriod(ctx, period);
    if (period.status !== 'OPEN') throw conflict(`The period is already ${period.status}`);
    const cast = await ctx.loaders.turnout.load(period.id);
    if (actor !== 'PROVINCE_ADMIN' && cast < period.eligibleVoterIds.length) {
      throw forbidden(
        `The head and deputy units may close early only when all have voted (${cast} of ${period.eligibleVoterIds.length})`,
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
  async publishVotingResults(
    @Arg('id', () => ID) id: string,
    @Arg('nextRoundClosesAt', () => DateTimeISOResolver, {
      nullable: true,
      description:
        'When an online round follows: when it closes (a run-off in the hall lasts minutes). Unset, it lasts as long as this round did.',
    })
    nextRoundClosesAt: Date | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    const period = await loadPeriod(ctx, id, 'id');
    const year = await periodYear(ctx, period);
    const actor = await assertRunsPeriod(ctx, period);
    // Until announced, only the counting committee the head unit chairs knows the count: the head announces it.
    if (actor === 'DEPUTY_UNIT')
      throw forbidden(
        'The head unit chairs the count and announces it; the deputy unit does not see it before',
      );
    if (period.status !== 'TALLIED')
      throw appError(
        'PRECONDITION_FAILED',
        `Results are published once tallied; the period is ${period.status}`,
      );
    if (period.outcome === 'AWAITING_DECISION')
      throw appError('PRECONDITION_FAILED', 'The head and deputy must record their decision first');
    let nextCloses = nextRoundClosesAt ?? undefined;
    if (nextCloses) {
      assertWithinAYear('nextRoundClosesAt', nextCloses);
      roundDeadline({ method: 'ONLINE', closesAt: nextCloses }, 'nextRoundClosesAt');
      if (period.outcome !== 'NEXT_ROUND' || period.method !== 'ONLINE') {
        // One who publishes without reading the count gives it "if a round follows": refusing would tell them.
        if (await canSeeResults(ctx, period))
          throw badInput('nextRoundClosesAt', 'only when an online round follows this one');
        nextCloses = undefined;
      }
    }
    if (!(await votingRepository.publish(period.id, ctx.principal!.userId)))
      throw conflict('The results are already published');
    await audit(ctx, 'voting.publish', 'VotingPeriod', id);
    await enqueueJob(
      'notify',
      { provinceId: ctx.access!.provinceId, event: 'voting.published', subjectId: id },
      { jobId: jobId('notify', 'voting.published', id) },
    );
    // What the count decided takes effect now that it is announced: the next round, the council's approvals.
    await openNextRound(ctx.access!.provinceId, period, nextCloses);
    // Each proposal the council's published count decides is a step of its own in the log, as one the secretariat
    // takes by hand.
    for (const { nominationId, to } of await applyCouncilResults(ctx.access!.provinceId, period))
      await audit(ctx, 'nomination.step', 'Nomination', nominationId, {
        before: { status: 'COUNCIL_REVIEW' },
        after: { status: to, votingPeriodId: period.id },
      });
    if ((period.outcome === 'COMPLETE' || period.outcome === 'DECIDED') && year?.state === 'VOTING') {
      await transitionYear(ctx, year, 'RESULTS_RECORDED', actor);
      // The engine runs again as the results go public: R7 now weighs the blocks that published before this one.
      await computeYearAwards(year.id);
      ctx.loaders.awardOutcome.clear(year.id);
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
    const side = headOrDeputySide(ctx, year);
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
    if (existing?.confirmedAt) throw conflict('The head and deputy have already decided this contest');
    const same = (a: readonly string[] | null | undefined) =>
      !!a && [...a].sort().join() === [...input.unitIds].sort().join();
    const userId = ctx.principal!.userId;
    if (!existing) {
      await votingRepository.propose(period.id, contest.id, input.unitIds, side, userId);
    } else if (existing.proposedByUnitId !== side) {
      // The other side answers: the same units confirm; other units are a counter-proposal shown beside it.
      if (same(existing.unitIds))
        await votingRepository.confirm(period.id, contest.id, existing, side, userId);
      else await votingRepository.counter(period.id, contest.id, input.unitIds, side, userId);
    } else if (existing.counterByUnitId && same(existing.counterUnitIds)) {
      // The proposer accepts the counter-proposal: it becomes the decision, confirmed by the proposer.
      const accepted = {
        unitIds: existing.counterUnitIds!,
        proposedByUnitId: existing.counterByUnitId,
        proposedBy: existing.counterBy!,
      };
      await votingRepository.confirm(period.id, contest.id, accepted, side, userId);
    } else {
      await votingRepository.propose(period.id, contest.id, input.unitIds, side, userId);
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

/**
 * The secretariat casts a block ballot for a member unit only as an on-behalf action (the unit named, with the
 * reason); returns the reason then, null when the voter casts their own ballot.
 */
function castsOnBehalf(
  ctx: GraphQLContext,
  rules: { kind: string; eligibleVoterIds: string[] },
  input: { unitId?: string; onBehalfReason?: string },
): string | null {
  if (rules.kind !== 'BLOCK' || !input.unitId || ctx.access?.officerOf.has(input.unitId)) return null;
  if (!isSecretariat(ctx)) return null;
  const reason = assertActsFor(ctx, input.unitId, input.onBehalfReason);
  if (!rules.eligibleVoterIds.includes(input.unitId))
    throw badInput('unitId', 'not a member unit voting in this period');
  return reason;
}

/** The voters who have cast a ballot in the period (from its receipts, which say nothing of choices). */
async function votersIn(ctx: GraphQLContext, periodId: string): Promise<Set<string>> {
  return new Set((await ctx.loaders.receipts.load(periodId)).map((r) => r.voterId));
}
