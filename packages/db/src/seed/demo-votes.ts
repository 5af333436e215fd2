import { dossierDeadline, tally, type ContestKind, type VoteRules } from '@thidua/domain';
import { awardRepository } from '../repositories/award.repository';
import { conferenceRepository } from '../repositories/conference.repository';
import { emulationYearRepository } from '../repositories/emulation-year.repository';
import { votingRepository } from '../repositories/voting.repository';
import { computeYearAwards, yearAwardExclusions } from '../services/compute-awards';
import { currentManager } from '../tenancy/tenant-context';

export interface ConferenceVote {
  yearId: string;
  year: number;
  /** YYYY-MM-DD, the conference day (Vietnam time). */
  date: string;
  eligible: string[];
  contests: { kind: ContestKind; seats: number; winners: string[] }[];
  flagQuota: number;
  actorId: string;
}

export interface OpenedConference {
  yearId: string;
  year: number;
  /** YYYY-MM-DD, the conference day (Vietnam time). */
  date: string;
  place: string;
  chairUnitId: string | null;
  eligible: string[];
  contests: { kind: ContestKind; seats: number }[];
  closesAt: Date;
  actorId: string;
}

/**
 * A year-end conference recorded with every member present, and its online vote opened now as the gateway opens
 * one (openVotingPeriod): the province's rules for the year (R4 threshold, R5 rounds and run-offs), every member a
 * candidate, but on the flag and merit ballots only those who may be proposed (R1). Runs in the province's tenant
 * context. Returns the period, its contests as the tally takes them, and the vote's rules.
 */
export async function openConferenceVote(v: OpenedConference) {
  const conference = await conferenceRepository.save(
    v.yearId,
    {
      heldOn: v.date,
      endedOn: null,
      place: v.place,
      chairUnitId: v.chairUnitId,
      chairPerson: null,
      chairPosition: null,
      secretaryName: null,
      secretaryPosition: null,
      secretaryUserId: null,
      attendance: v.eligible.map((unitId) => ({
        unitId,
        present: true,
        representatives: [],
        absenceReason: null,
      })),
      countingCommittee: [],
      minutes: null,
    },
    v.actorId,
  );
  const { rules } = await awardRepository.rulesFor(v.year);
  const excluded = await yearAwardExclusions(v.yearId);
  const voteRules: VoteRules = {
    thresholdPercent: rules.voteThresholdPercent,
    thresholdMode: rules.voteThresholdMode,
    allowSelfVote: true,
  };
  const period = await votingRepository.create(
    {
      emulationYearId: v.yearId,
      conferenceId: conference.id,
      method: 'ONLINE',
      runoffCandidates: rules.runoffCandidates,
      kind: 'BLOCK',
      attendancePercent: null,
      round: 1,
      previousPeriodId: null,
      eligibleVoterIds: v.eligible,
      thresholdPercent: String(voteRules.thresholdPercent),
      thresholdMode: voteRules.thresholdMode,
      allowSelfVote: voteRules.allowSelfVote,
      maxRounds: rules.maxRounds,
      reminderMinutes: [],
      opensAt: new Date(),
      closesAt: v.closesAt,
      openedBy: v.actorId,
    },
    v.contests.map((c) => ({
      kind: c.kind,
      seats: c.seats,
      candidateUnitIds:
        c.kind === 'FLAG' || c.kind === 'MERIT' ? v.eligible.filter((u) => !excluded.has(u)) : v.eligible,
    })),
  );
  await emulationYearRepository.transition(v.yearId, 'SCORES_LOCKED', 'VOTING');
  const contests = (await votingRepository.contests([period.id])).map((c) => ({
    id: c.id,
    kind: c.kind,
    seats: c.seats,
    candidates: c.candidateUnitIds,
  }));
  return { period, contests, voteRules };
}

/**
 * A year-end conference as the articles report it: every member's ballot chooses the reported units, the
 * period is closed, counted with the domain's tally and published, on the conference day; the year moves to
 * RESULTS_RECORDED, the awards engine proposes and the head unit submits the dossier two days later
 * (DOSSIER_SUBMITTED): the state the province's year-end closing closes (`closeDemoYears`). Runs in the province's
 * tenant context.
 */
export async function seedConferenceVote(v: ConferenceVote): Promise<void> {
  const { period, contests, voteRules } = await openConferenceVote({
    ...v,
    // The articles report the day, not the hall: the conference is recorded at the head unit's seat.
    place: 'Trụ sở đơn vị Trưởng khối',
    chairUnitId: null,
    closesAt: new Date(Date.now() + 3600_000),
  });
  const ballot = contests.map((c) => ({
    contestId: c.id,
    unitIds: v.contests.find((x) => x.kind === c.kind)!.winners,
  }));
  for (const unitId of v.eligible) await votingRepository.cast(period.id, unitId, v.actorId, ballot);
  await votingRepository.close(period.id, 'ALL_VOTED', v.actorId);
  // Counted from the ballots cast above: the database lets no one read ballots in the transaction that closed
  // their period before its deadline.
  const results = tally(
    contests,
    v.eligible.map(() => ballot),
    v.eligible.length,
    voteRules,
  );
  // The articles report who was elected: a contest left short would be a data mistake, not a result to publish.
  const short = results.find((r) => r.shortfall);
  if (short) throw new Error(`demo vote of ${v.year}: contest ${short.contestId} left seats empty`);
  await votingRepository.saveTally(period.id, results, 'COMPLETE');
  await votingRepository.publish(period.id, v.actorId);
  // On the conference day, not on the day the demo was loaded.
  await (
    await currentManager()
  ).query(
    `UPDATE voting_period SET opens_at = ($2::date + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
       opened_at = ($2::date + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
       closes_at = ($2::date + time '11:00') AT TIME ZONE 'Asia/Ho_Chi_Minh',
       closed_at = ($2::date + time '10:30') AT TIME ZONE 'Asia/Ho_Chi_Minh',
       tallied_at = ($2::date + time '10:35') AT TIME ZONE 'Asia/Ho_Chi_Minh',
       results_published_at = ($2::date + time '10:45') AT TIME ZONE 'Asia/Ho_Chi_Minh'
     WHERE id = $1`,
    [period.id, v.date],
  );
  await (
    await currentManager()
  ).query(
    `UPDATE ballot_receipt SET cast_at = ($2::date + time '10:00') AT TIME ZONE 'Asia/Ho_Chi_Minh' WHERE voting_period_id = $1`,
    [period.id, v.date],
  );
  await emulationYearRepository.transition(v.yearId, 'VOTING', 'RESULTS_RECORDED');
  const inForce = await awardRepository.rulesFor(v.year);
  // The province's rules from that year on (the former provinces' last years), as the article shows them: its flag
  // quota, and no certificates of merit from the block where it reports none (else the engine would propose them
  // by score, R3).
  const noMerits = !v.contests.some((c) => c.kind === 'MERIT');
  if ((v.flagQuota !== 1 || noMerits) && inForce.effectiveYear === null) {
    await awardRepository.setRuleSet(
      v.year,
      {
        ...inForce.rules,
        flagQuota: { kind: 'COUNT', value: v.flagQuota },
        ...(noMerits ? { meritQuota: { kind: 'COUNT' as const, value: 0 } } : {}),
      },
      v.actorId,
    );
  }
  await computeYearAwards(v.yearId);
  await awardRepository.markDossierSubmitted(
    v.yearId,
    v.actorId,
    dossierDeadline(inForce.rules, v.year, v.date),
  );
  await awardRepository.stepAll(v.yearId, 'PROPOSED_BY_BLOCK', 'SUBMITTED');
  await emulationYearRepository.transition(v.yearId, 'RESULTS_RECORDED', 'DOSSIER_SUBMITTED');
  await (
    await currentManager()
  ).query(
    `UPDATE year_award_outcome
     SET dossier_submitted_at = ($2::date + 2 + time '09:00') AT TIME ZONE 'Asia/Ho_Chi_Minh'
     WHERE emulation_year_id = $1`,
    [v.yearId, v.date],
  );
}
