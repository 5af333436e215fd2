import { quotaSeats, vietnamDate, vietnamToday } from '@thidua/domain';
import type { DataSource } from 'typeorm';
import { awardRepository } from '../repositories/award.repository';
import { blockRepository } from '../repositories/block.repository';
import { lineageRepository } from '../repositories/lineage.repository';
import { votingRepository } from '../repositories/voting.repository';
import { runInTenant } from '../tenancy/tenant-context';
import { DEMO_CURRENT_BLOCK as DEMO } from './demo-data';
import { openConferenceVote } from './demo-votes';
import { seedLockedYear } from './demo-years';
import { MERGER_EFFECTIVE_ON } from './provinces';

/**
 * The emulation year whose year-end conferences are being held on `today` (YYYY-MM-DD, Vietnam): a block's
 * conference falls in December or in the first months of the next year.
 */
export function conferenceSeasonYear(today: string): number {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month <= 6 ? year - 1 : year;
}

/** Who records what in today's Lào Cai: its secretariat, and each member unit's officer (by unit id). */
export interface CurrentYearPeople {
  secretariatId: string;
  officers: ReadonlyMap<string, string>;
}

/**
 * The year in progress in today's Lào Cai: the block's units continuing the former province's (lineage from the
 * merger, recorded by the secretariat), its year signed, registered and scored by each unit's officer and locked,
 * its conference held today and its online vote opened by the head unit, most members' ballots already in, each
 * cast by its unit's officer — what a unit officer, the head unit and the secretariat find when they sign in. A
 * block that already exists is left alone (idempotent: `npm start` runs this on every start).
 */
export async function seedCurrentYear(
  ds: DataSource,
  provinceId: string,
  predecessorProvinceId: string,
  unitIds: Map<string, string>,
  { secretariatId, officers }: CurrentYearPeople,
): Promise<void> {
  await runInTenant(ds, provinceId, async () => {
    if (await blockRepository.sameName(DEMO.blockName)) return;
    const id = (name: string) => unitIds.get(`${DEMO.provinceCode}/${name}`)!;
    await lineageRepository.recordLinks(
      DEMO.members.flatMap((unit) =>
        unit.predecessors.map((predecessorName) => ({
          subjectKind: 'UNIT' as const,
          successorId: id(unit.name),
          predecessorProvinceId,
          predecessorId: unitIds.get(`${DEMO.predecessorProvinceCode}/${predecessorName}`)!,
          predecessorName,
          kind: unit.lineage,
          effectiveOn: MERGER_EFFECTIVE_ON,
        })),
      ),
      secretariatId,
    );
    const officerOf = (name: string) => officers.get(id(name)) ?? secretariatId;
    const today = vietnamToday();
    const year = conferenceSeasonYear(today);
    const { yearId } = await seedLockedYear({
      blockName: DEMO.blockName,
      description: null,
      year,
      theme: DEMO.theme,
      ranking: DEMO.ranking.map(id),
      headUnitId: id(DEMO.head),
      deputyUnitId: id(DEMO.deputy),
      actorId: secretariatId,
      officers,
      // Nothing in a province formed by the merger happened before it (a 2025 year starts on 1 July).
      since: MERGER_EFFECTIVE_ON,
    });
    const eligible = DEMO.ranking.map(id);
    // R2 and R3 as the province has them for the year (by default one flag, 30 % of members for merit).
    const { rules } = await awardRepository.rulesFor(year);
    const seats = {
      FLAG: quotaSeats(rules.flagQuota, eligible.length),
      MERIT: quotaSeats(rules.meritQuota, eligible.length),
    };
    const { period, contests } = await openConferenceVote({
      yearId,
      year,
      date: today,
      place: `Trụ sở ${DEMO.head}`,
      chairUnitId: id(DEMO.head),
      eligible,
      contests: [
        { kind: 'FLAG' as const, seats: seats.FLAG },
        { kind: 'MERIT' as const, seats: seats.MERIT },
        { kind: 'NEXT_HEAD' as const, seats: 1 },
        { kind: 'NEXT_DEPUTY' as const, seats: 1 },
      ].filter((c) => c.seats > 0),
      closesAt: officeDayClose(DEMO.voteOpenDays),
      actorId: officerOf(DEMO.head),
    });
    // Ballots as members might mark them: the best-ranked for the flag and certificates, the deputy to lead next
    // year, each voter's choice of deputy a little different (a sealed ballot keeps them from anyone anyway).
    for (const [i, voter] of DEMO.alreadyVoted.entries()) {
      const choices = contests.map((c) => {
        const pick = (names: string[]) => ({ contestId: c.id, unitIds: names.map(id) });
        // The best-ranked candidates the ballot offers (R1 may have taken some off it).
        const best = DEMO.ranking.filter((name) => c.candidates.includes(id(name)));
        if (c.kind === 'FLAG') return pick(best.slice(0, c.seats));
        if (c.kind === 'MERIT') return pick(best.slice(1, 1 + c.seats));
        if (c.kind === 'NEXT_HEAD') return pick([DEMO.deputy]);
        return pick([DEMO.ranking[1 + (i % 2)]!]);
      });
      await votingRepository.cast(period.id, id(voter), officerOf(voter), choices);
    }
  });
}

/**
 * 17:00 Vietnam time on the working day `days` from now (a Saturday or Sunday moves to Monday): a deadline as a head
 * unit sets it, not at the minute the demo was seeded.
 */
function officeDayClose(days: number): Date {
  const day = new Date(`${vietnamDate(new Date(Date.now() + days * 86_400_000))}T17:00:00+07:00`);
  while ([0, 6].includes(new Date(day.getTime() + 7 * 3_600_000).getUTCDay()))
    day.setUTCDate(day.getUTCDate() + 1);
  return day;
}
