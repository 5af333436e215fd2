import { In } from 'typeorm';
import { Conference, PaperCount, type PaperContestCount } from '../entities';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { returning } from './sql';

export type ConferenceRecord = Pick<
  Conference,
  | 'heldOn'
  | 'endedOn'
  | 'place'
  | 'chairUnitId'
  | 'chairPerson'
  | 'chairPosition'
  | 'secretaryName'
  | 'secretaryPosition'
  | 'secretaryUserId'
  | 'attendance'
  | 'countingCommittee'
  | 'minutes'
>;

const repo = async <T extends object>(entity: new () => T) => (await tenantManager()).getRepository(entity);

export const conferenceRepository = {
  async ofYears(yearIds: readonly string[]): Promise<Conference[]> {
    if (!yearIds.length) return [];
    return (await repo(Conference)).findBy({ emulationYearId: In([...yearIds]) });
  },

  async byIds(ids: readonly string[]): Promise<Conference[]> {
    if (!ids.length) return [];
    return (await repo(Conference)).findBy({ id: In([...ids]) });
  },

  /** Records the year's conference, or corrects the record (one per block year). */
  async save(yearId: string, record: ConferenceRecord, userId: string): Promise<Conference> {
    const [row] = await returning<{ id: string }>(
      await tenantManager(),
      `INSERT INTO conference (province_id, emulation_year_id, held_on, ended_on, place, chair_unit_id, chair_person,
         secretary_name, secretary_user_id, attendance, counting_committee, minutes, recorded_by, chair_position,
         secretary_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (province_id, emulation_year_id) DO UPDATE SET held_on = excluded.held_on,
         ended_on = excluded.ended_on, place = excluded.place, chair_unit_id = excluded.chair_unit_id,
         chair_person = excluded.chair_person, chair_position = excluded.chair_position,
         secretary_name = excluded.secretary_name, secretary_position = excluded.secretary_position,
         secretary_user_id = excluded.secretary_user_id, attendance = excluded.attendance,
         counting_committee = excluded.counting_committee, minutes = excluded.minutes,
         recorded_by = excluded.recorded_by, updated_at = now()
       RETURNING id`,
      [
        currentProvinceId(),
        yearId,
        record.heldOn,
        record.endedOn,
        record.place,
        record.chairUnitId,
        record.chairPerson,
        record.secretaryName,
        record.secretaryUserId,
        JSON.stringify(record.attendance),
        JSON.stringify(record.countingCommittee),
        record.minutes,
        userId,
        record.chairPosition,
        record.secretaryPosition,
      ],
    );
    return (await repo(Conference)).findOneByOrFail({ id: row!.id });
  },

  async paperCounts(periodIds: readonly string[]): Promise<PaperCount[]> {
    if (!periodIds.length) return [];
    return (await repo(PaperCount)).findBy({ votingPeriodId: In([...periodIds]) });
  },

  /** The head unit's entry; a new entry replaces an unconfirmed one. False once confirmed. */
  async enterPaperCount(
    periodId: string,
    contests: PaperContestCount[],
    unitId: string,
    userId: string,
  ): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `INSERT INTO paper_count (province_id, voting_period_id, contests, entered_by, entered_by_unit_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (province_id, voting_period_id) DO UPDATE SET contests = excluded.contests,
         entered_by = excluded.entered_by, entered_by_unit_id = excluded.entered_by_unit_id, entered_at = now()
       WHERE paper_count.confirmed_at IS NULL
       RETURNING voting_period_id`,
      [currentProvinceId(), periodId, JSON.stringify(contests), userId, unitId],
    );
    return rows.length === 1;
  },

  /** Confirms the entry as read (its time, to the millisecond a client sees), once, by someone other than who entered it. */
  async confirmPaperCount(periodId: string, userId: string, enteredAt: Date): Promise<boolean> {
    const rows = await returning(
      await tenantManager(),
      `UPDATE paper_count SET confirmed_by = $2, confirmed_at = now()
       WHERE voting_period_id = $1 AND confirmed_at IS NULL AND entered_by <> $2
         AND date_trunc('milliseconds', entered_at) = $3
       RETURNING voting_period_id`,
      [periodId, userId, enteredAt],
    );
    return rows.length === 1;
  },
};
