import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { awardRepository } from '../repositories/award.repository';
import { blockRepository, personRepository } from '../repositories/block.repository';
import { disqualificationRepository } from '../repositories/disqualification.repository';
import { deferralRepository, emulationYearRepository } from '../repositories/emulation-year.repository';
import type { EmulationYear } from '../entities';
import { provinceRepository } from '../repositories/province.repository';
import { unitRepository } from '../repositories/unit.repository';
import { votingRepository } from '../repositories/voting.repository';
import {
  awardExclusions,
  breakVoteTie,
  computeAwards,
  vietnamToday,
  type AwardRules,
  type ContestKind,
  type EngineInput,
  type EngineMember,
  type ExclusionReason,
  type TieBreak,
  type TieBreaker,
} from '@thidua/domain';
import { lineageHistory } from './lineage-history';

/**
 * The final decision of each contest a year voted on: elected in any round, or decided by the head and deputy
 * (kept apart, so the explanation says who decided).
 */
async function finalVotes(yearId: string): Promise<Pick<EngineInput, 'votes' | 'decided' | 'voteTieBreaks'>> {
  const periods = (await votingRepository.ofYears([yearId])).filter((p) => p.status === 'TALLIED');
  const ids = periods.map((p) => p.id);
  const [contests, results, decisions] = await Promise.all([
    votingRepository.contests(ids),
    votingRepository.results(ids),
    votingRepository.decisions(ids),
  ]);
  const votes: Partial<Record<ContestKind, string[]>> = {};
  const decidedBy: NonNullable<EngineInput['decided']> = {};
  const voteTieBreaks: NonNullable<EngineInput['voteTieBreaks']> = [];
  for (const c of contests) {
    const result = results.find((r) => r.contestId === c.id)?.result;
    const elected = result?.elected ?? [];
    const broken = result?.tieBreak;
    if (broken && (c.kind === 'FLAG' || c.kind === 'MERIT'))
      voteTieBreaks.push({ kind: c.kind, ...broken, rule: broken.rule as TieBreak });
    const decided = decisions.find((d) => d.contestId === c.id && d.confirmedAt)?.unitIds ?? [];
    votes[c.kind] = [...new Set([...(votes[c.kind] ?? []), ...elected, ...decided])];
    if (decided.length && c.kind !== 'APPROVAL') {
      const rounds = periods.find((p) => p.id === c.votingPeriodId)?.round ?? 1;
      decidedBy[c.kind] = { unitIds: [...(decidedBy[c.kind]?.unitIds ?? []), ...decided], rounds };
    }
  }
  return { votes, decided: decidedBy, voteTieBreaks };
}

/** The facts R6 and the engine read of each member: final score, bonus, deductions, the women's share. */
async function engineMembers(yearId: string, memberIds: string[]): Promise<EngineMember[]> {
  const [units, results, women] = await Promise.all([
    unitRepository.byIds(memberIds),
    emulationYearRepository.results([yearId]),
    personRepository.womenFacts(memberIds),
  ]);
  return units.map((u) => {
    const r = results.find((x) => x.unitId === u.id);
    return {
      unitId: u.id,
      name: u.name,
      final: r ? Number(r.final) : null,
      bonus: r ? Number(r.bonus) : 0,
      deductions: r ? Number(r.deductions) : 0,
      womenShare: women.get(u.id)?.share ?? null,
      headIsWoman: women.get(u.id)?.headIsWoman ?? false,
    };
  });
}

/**
 * R5, R6 for counting a block year's vote: equal votes for the last seats of the flag or the certificates of
 * merit are told apart by the province's tie-break order, on the year's locked scores; the other contests (next
 * year's head and deputy) go to another round. Tenant context.
 */
export async function voteTieBreaker(yearId: string): Promise<TieBreaker> {
  const { year, memberIds } = await loadYear(yearId);
  const [members, { rules }] = await Promise.all([
    engineMembers(yearId, memberIds),
    awardRepository.rulesFor(year.year),
  ]);
  const byId = new Map(members.map((m) => [m.unitId, m]));
  return (contest, tied, seats) => {
    if (contest.kind !== 'FLAG' && contest.kind !== 'MERIT') return null;
    const facts = tied.map((id) => byId.get(id));
    if (facts.some((m) => !m)) return null;
    return breakVoteTie(facts as EngineMember[], seats, rules.tieBreaks);
  };
}

/**
 * The facts R1, R7, R8 and R9 read of a block year's members on the day: scores, open deferrals, disqualifications,
 * and other blocks' proposals of the year.
 */
async function exclusionFacts(year: EmulationYear, memberIds: string[]) {
  const today = vietnamToday();
  const [members, deferrals, disqualified, { rules }, proposedElsewhere, [province], [block]] =
    await Promise.all([
      engineMembers(year.id, memberIds),
      deferralRepository.openOn(memberIds, today),
      disqualificationRepository.ofUnits(memberIds, year.year),
      awardRepository.rulesFor(year.year),
      awardRepository.proposedElsewhere(memberIds, year.year, year.id),
      provinceRepository.byIds([currentProvinceId()]),
      blockRepository.byIds([year.blockId]),
    ]);
  return {
    rules: withYearQuotas(rules, year),
    provinceKind: province?.kind,
    blockKind: block?.kind,
    members,
    proposedElsewhere,
    openDeferrals: deferrals.map((d) => ({ unitId: d.unitId, reason: d.reason, note: d.note })),
    disqualifications: disqualified.map((d) => ({ unitId: d.unitId, reason: d.reason, detail: d.detail })),
  };
}

async function loadYear(yearId: string) {
  const [year] = await emulationYearRepository.byIds([yearId]);
  if (!year) throw new Error(`No emulation year ${yearId} in this province`);
  const memberIds = (await blockRepository.membersInYear([year.blockId], year.year)).get(year.blockId) ?? [];
  return { year, memberIds };
}

/**
 * R1, R7, R8, R9 today: the members of a block year that may not be proposed for an award, with the reasons. The
 * block vote keeps them off its flag and certificate-of-merit ballots. Tenant context.
 */
export async function yearAwardExclusions(yearId: string): Promise<Map<string, ExclusionReason[]>> {
  const { year, memberIds } = await loadYear(yearId);
  const { rules, ...facts } = await exclusionFacts(year, memberIds);
  return awardExclusions(facts, rules);
}

/**
 * Runs the awards engine on a block year's facts and stores the proposals with their explanations and the next
 * head and deputy. Same facts, same rows; refused (false) once the dossier is submitted. Tenant context.
 */
export async function computeYearAwards(yearId: string): Promise<boolean> {
  const { year, memberIds } = await loadYear(yearId);
  await lockAwardsYear(year.year);
  const [{ rules, ...facts }, votes, registered] = await Promise.all([
    exclusionFacts(year, memberIds),
    finalVotes(yearId),
    emulationYearRepository.registrations([yearId]),
  ]);
  const fighters = registered.filter(
    (r): r is typeof r & { personId: string; title: 'CSTD_PROV' | 'CSTD_NAT' } =>
      r.personId !== null && (r.title === 'CSTD_PROV' || r.title === 'CSTD_NAT'),
  );
  // One after the other: the tenant transaction runs one statement at a time anyway.
  const unitHistory = await lineageHistory('UNIT', memberIds);
  const personHistory = await lineageHistory('PERSON', [...new Set(fighters.map((r) => r.personId))]);
  const people = await personRepository.byIds(fighters.map((r) => r.personId));
  const out = computeAwards(
    {
      year: year.year,
      headUnitId: year.headUnitId,
      deputyUnitId: year.deputyUnitId,
      ...facts,
      ...votes,
      history: {
        facts: [...unitHistory.facts, ...personHistory.facts],
        links: [...unitHistory.links, ...personHistory.links],
      },
      registrations: fighters.map((r) => ({
        personId: r.personId,
        unitId: r.unitId,
        fullName: people.find((p) => p.id === r.personId)?.fullName ?? r.personId,
        title: r.title,
      })),
    },
    rules,
  );
  return awardRepository.replaceOutcome(yearId, out);
}

/**
 * R7 reads the other blocks' proposals of the calendar year: one province's blocks compute a year in turn. Taken
 * before any proposal's row lock, in every transaction that takes both, so two never wait on each other.
 */
export async function lockAwardsYear(year: number): Promise<void> {
  await (
    await tenantManager()
  ).query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`awards:${currentProvinceId()}:${year}`]);
}

/** A block's quotas set for this year by the secretariat take the place of the province's R2/R3. */
function withYearQuotas(rules: AwardRules, year: EmulationYear): AwardRules {
  return {
    ...rules,
    ...(year.flagQuotaOverride != null
      ? { flagQuota: { kind: 'COUNT', value: year.flagQuotaOverride } }
      : {}),
    ...(year.meritQuotaOverride != null
      ? { meritQuota: { kind: 'COUNT', value: year.meritQuotaOverride } }
      : {}),
  };
}
