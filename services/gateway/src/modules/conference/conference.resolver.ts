import { awardRepository, conferenceRepository, type EmulationYear } from '@thidua/db';
import { dossierDeadline, describeDossierDeadline, isAtLeast, paperCountProblems } from '@thidua/domain';
import { closeVotingPeriod } from '@thidua/jobs';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { assertRunsYear, isProvinceAdmin } from '../../common/acting';
import { audit } from '../../common/audit';
import { appError, badInput, conflict, forbidden } from '../../common/errors';
import { ACTORS, MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { loadYear, yearMembers } from '../emulation-year/emulation-year.service';
import { EmulationYearType } from '../emulation-year/emulation-year.types';
import { loadPeriod, periodYear } from '../voting/voting.service';
import { VotingPeriodType } from '../voting/voting.types';
import { countsPaper, yearConference } from './conference.service';
import {
  ConferenceType,
  EnterPaperCountInput,
  PaperCountType,
  RecordConferenceInput,
} from './conference.types';

const LOCKED_STATES = ['DOSSIER_SUBMITTED', 'CLOSED'];
const DATES_ARE_SECRETARIATS =
  'the conference dates are fixed once voting opened (the dossier deadline counts from them, R13): only the secretariat corrects them';
const SECRETARY_IS_SECRETARIATS =
  "only the secretariat links the secretary's account (it confirms the head unit's paper count)";

@Resolver(() => ConferenceType)
export class ConferenceResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The full name on the secretary's account (secretaryUserId), so a page read back names whom it links.",
  })
  async secretaryAccountName(@Root() c: { secretaryUserId: string | null }, @Ctx() ctx: GraphQLContext) {
    if (!c.secretaryUserId) return null;
    return (await ctx.loaders.user.load(c.secretaryUserId))?.fullName ?? null;
  }

  @Authorized(...ACTORS)
  @Mutation(() => ConferenceType, {
    description:
      "The secretariat or the head or deputy unit records the block's year-end conference as held (or corrects the record); once voting opened only the secretariat changes its dates (R13).",
  })
  async recordConference(
    @Arg('input', () => RecordConferenceInput) input: RecordConferenceInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const year = await loadYear(ctx, input.emulationYearId);
    assertRunsYear(ctx, year);
    if (LOCKED_STATES.includes(year.state))
      throw conflict(`The dossier is submitted (the year is ${year.state}): the conference record is final`);
    await checkConference(ctx, year, input);
    const before = await yearConference(ctx, year.id);
    // R13: the dossier's deadline counts from the conference; once voting opened, the head and deputy units can
    // no longer move it by re-dating the conference. The secretariat corrects a wrong date (audited).
    if (
      before &&
      !isProvinceAdmin(ctx) &&
      isAtLeast(year.state, 'VOTING') &&
      (input.heldOn !== before.heldOn || (input.endedOn ?? null) !== (before.endedOn ?? null))
    )
      throw appError('FORBIDDEN', `heldOn: ${DATES_ARE_SECRETARIATS}`, {
        fields: [{ field: 'heldOn', message: DATES_ARE_SECRETARIATS }],
      });
    // The secretary's account confirms the head unit's paper count: who it is, is the secretariat's choice.
    if (!isProvinceAdmin(ctx) && (input.secretaryUserId ?? null) !== (before?.secretaryUserId ?? null))
      throw appError('FORBIDDEN', `secretaryUserId: ${SECRETARY_IS_SECRETARIATS}`, {
        fields: [{ field: 'secretaryUserId', message: SECRETARY_IS_SECRETARIATS }],
      });
    const saved = await conferenceRepository.save(
      year.id,
      {
        heldOn: input.heldOn,
        endedOn: input.endedOn ?? null,
        place: input.place.trim(),
        chairUnitId: input.chairUnitId ?? null,
        chairPerson: input.chairPerson?.trim() ?? null,
        chairPosition: input.chairPosition?.trim() ?? null,
        secretaryName: input.secretaryName?.trim() ?? null,
        secretaryPosition: input.secretaryPosition?.trim() ?? null,
        secretaryUserId: input.secretaryUserId ?? null,
        attendance: input.attendance.map((a) => ({
          unitId: a.unitId,
          present: a.present,
          representatives: a.representatives.map((r) => r.trim()),
          absenceReason: a.present ? null : (a.absenceReason?.trim() ?? null),
        })),
        countingCommittee: input.countingCommittee.map((m) => ({
          name: m.name.trim(),
          unitId: m.unitId ?? null,
          role: m.role.trim(),
        })),
        minutes: input.minutes ?? null,
      },
      ctx.principal!.userId,
    );
    await audit(ctx, before ? 'conference.correct' : 'conference.record', 'Conference', saved.id, {
      before: before ? { heldOn: before.heldOn, endedOn: before.endedOn, place: before.place } : null,
      after: { heldOn: saved.heldOn, endedOn: saved.endedOn, place: saved.place },
    });
    ctx.loaders.conferenceOfYear.clear(year.id);
    return saved;
  }

  @Authorized('UNIT_OFFICER')
  @Mutation(() => PaperCountType, {
    description:
      "The head unit enters the counting committee's figures of a paper vote, contest by contest; entering again replaces an unconfirmed entry.",
  })
  async enterPaperCount(
    @Arg('input', () => EnterPaperCountInput) input: EnterPaperCountInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const period = await loadPeriod(ctx, input.votingPeriodId);
    const year = await periodYear(ctx, period);
    if (!year || !year.headUnitId || !ctx.access?.officerOf.has(year.headUnitId))
      throw forbidden("Only the head unit's officers enter the counting committee's figures");
    if (period.method !== 'PAPER')
      throw appError(
        'PRECONDITION_FAILED',
        'This round is voted online: its ballots are counted by the platform',
      );
    if (period.status !== 'OPEN') throw conflict(`The round is already ${period.status}`);
    const contests = (await ctx.loaders.contests.load(period.id)).map((c) => ({
      id: c.id,
      kind: c.kind,
      seats: c.seats,
      candidates: c.candidateUnitIds,
    }));
    const [problem] = paperCountProblems(contests, input.contests, period.eligibleVoterIds.length);
    if (problem) throw badInput(problem.field, problem.message);
    const counts = input.contests.map((c) => ({
      contestId: c.contestId,
      issued: c.issued,
      returned: c.returned,
      valid: c.valid,
      invalid: c.invalid,
      votes: c.votes.map((v) => ({ unitId: v.unitId, votes: v.votes })),
    }));
    if (
      !(await conferenceRepository.enterPaperCount(period.id, counts, year.headUnitId, ctx.principal!.userId))
    )
      throw conflict('The count is already confirmed');
    await audit(ctx, 'voting.paper_count.enter', 'VotingPeriod', period.id, { after: { contests: counts } });
    ctx.loaders.paperCount.clear(period.id);
    return (await ctx.loaders.paperCount.load(period.id))[0];
  }

  @Authorized('UNIT_OFFICER')
  @Mutation(() => VotingPeriodType, {
    description:
      "The deputy unit (or the conference's secretary) confirms the head unit's entry as it stands: the round closes and is counted by the same rules as online ballots.",
  })
  async confirmPaperCount(@Arg('votingPeriodId', () => ID) periodId: string, @Ctx() ctx: GraphQLContext) {
    const period = await loadPeriod(ctx, periodId);
    const year = await periodYear(ctx, period);
    const conference = year ? await yearConference(ctx, year.id) : null;
    const isSecretary = !!conference?.secretaryUserId && conference.secretaryUserId === ctx.principal!.userId;
    const isDeputy = !!year?.deputyUnitId && !!ctx.access?.officerOf.has(year.deputyUnitId);
    if (!year || !(isDeputy || isSecretary))
      throw forbidden("Only the deputy unit's officers or the conference's secretary confirm the count");
    // The confirmation is another unit's check on the head unit's entry, whoever the secretary is.
    if (!isDeputy && ctx.access?.officerOf.has(year.headUnitId ?? ''))
      throw forbidden(
        "An officer of the head unit cannot confirm the head unit's count, even as the secretary",
      );
    const [entry] = await ctx.loaders.paperCount.load(period.id);
    if (!entry) throw appError('PRECONDITION_FAILED', 'The head unit has not entered the count yet');
    if (entry.confirmedAt) throw conflict('The count is already confirmed');
    if (entry.enteredBy === ctx.principal!.userId)
      throw forbidden('The person who entered the count cannot confirm it');
    if (!(await conferenceRepository.confirmPaperCount(period.id, ctx.principal!.userId, entry.enteredAt)))
      throw conflict('The count changed or was confirmed meanwhile: reload it');
    if (!(await closeVotingPeriod(ctx.access!.provinceId, period.id, 'PAPER_COUNT', ctx.principal!.userId)))
      throw conflict('The round is no longer open');
    await audit(ctx, 'voting.paper_count.confirm', 'VotingPeriod', period.id, {
      after: { by: isDeputy ? 'DEPUTY_UNIT' : 'CONFERENCE_SECRETARY' },
    });
    return { ...period, status: 'CLOSED', closeReason: 'PAPER_COUNT', closedAt: new Date() };
  }
}

@Resolver(() => EmulationYearType)
export class YearConferenceResolver {
  @FieldResolver(() => ConferenceType, { nullable: true, description: "The block's year-end conference." })
  conference(@Root() y: EmulationYear, @Ctx() ctx: GraphQLContext) {
    return yearConference(ctx, y.id);
  }
}

@Resolver(() => VotingPeriodType)
export class PeriodConferenceResolver {
  @FieldResolver(() => ConferenceType, {
    nullable: true,
    description: 'The conference this round belongs to.',
  })
  async conference(@Root() p: { conferenceId: string | null }, @Ctx() ctx: GraphQLContext) {
    return p.conferenceId ? ctx.loaders.conference.load(p.conferenceId) : null;
  }

  @Authorized(...MEMBERS)
  @FieldResolver(() => PaperCountType, {
    nullable: true,
    description:
      'A paper round: the figures entered. Before publication only the head and deputy units and the conference secretary see them.',
  })
  async paperCount(@Root() p: Parameters<typeof countsPaper>[1], @Ctx() ctx: GraphQLContext) {
    if (p.method !== 'PAPER') return null;
    if (!p.resultsPublishedAt && !(await countsPaper(ctx, p))) return null;
    return (await ctx.loaders.paperCount.load(p.id))[0] ?? null;
  }
}

/** Attendance of members only, each once, absences with a reason; chair a member; a day R13 can follow. */
async function checkConference(ctx: GraphQLContext, year: EmulationYear, input: RecordConferenceInput) {
  const from = `${year.year}-07-01`;
  const to = `${year.year + 1}-06-30`;
  if (input.heldOn < from || input.heldOn > to)
    throw badInput('heldOn', `the ${year.year} year-end conference is held between ${from} and ${to}`);
  const end = input.endedOn ?? input.heldOn;
  if (end < input.heldOn) throw badInput('endedOn', 'must be on or after heldOn');
  if (end > to) throw badInput('endedOn', `must be on or before ${to}`);
  const members = await yearMembers(ctx, year);
  const seen = new Set<string>();
  for (const [i, a] of input.attendance.entries()) {
    if (!members.includes(a.unitId))
      throw badInput(`attendance.${i}.unitId`, `not a member of the block in ${year.year}`);
    if (seen.has(a.unitId)) throw badInput(`attendance.${i}.unitId`, 'the unit is listed twice');
    seen.add(a.unitId);
    if (!a.present && !a.absenceReason?.trim())
      throw badInput(`attendance.${i}.absenceReason`, 'say why the unit was absent');
  }
  if (input.chairUnitId && !members.includes(input.chairUnitId))
    throw badInput('chairUnitId', `not a member of the block in ${year.year}`);
  for (const [i, m] of input.countingCommittee.entries())
    if (m.unitId && !members.includes(m.unitId))
      throw badInput(`countingCommittee.${i}.unitId`, `not a member of the block in ${year.year}`);
  if (input.secretaryUserId) {
    const roles = await ctx.loaders.rolesOfUser.load(input.secretaryUserId);
    if (!roles.some((r) => r.provinceId === ctx.access!.provinceId))
      throw badInput('secretaryUserId', 'not a user of this province');
  }
  const { rules } = await awardRepository.rulesFor(year.year);
  const deadline = dossierDeadline(rules, year.year, end);
  if (deadline && deadline < end)
    throw badInput(
      input.endedOn ? 'endedOn' : 'heldOn',
      `the province's dossier deadline (R13: ${describeDossierDeadline(rules, year.year)}) falls before the conference ends on ${end}: hold it by ${deadline}, or ask the secretariat to set the deadline as days after the conference or a day of ${year.year + 1}`,
    );
}
