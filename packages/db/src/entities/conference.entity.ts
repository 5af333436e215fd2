import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A member unit at the conference: present with its representatives, or absent and why. */
export interface ConferenceAttendance {
  unitId: string;
  present: boolean;
  representatives: string[];
  absenceReason: string | null;
}

/** A member of the counting committee (ban kiểm phiếu); the head unit chairs it. */
export interface CountingCommitteeMember {
  name: string;
  unitId: string | null;
  role: string;
}

/** A block's year-end conference (hội nghị tổng kết), recorded as held; it may be recorded after the day. */
@Entity('conference')
export class Conference {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @Column({ name: 'held_on', type: 'date' }) heldOn!: string;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn!: string | null;
  @Column({ type: 'text' }) place!: string;
  @Column({ name: 'chair_unit_id', type: 'uuid', nullable: true }) chairUnitId!: string | null;
  @Column({ name: 'chair_person', type: 'text', nullable: true }) chairPerson!: string | null;
  @Column({ name: 'chair_position', type: 'text', nullable: true }) chairPosition!: string | null;
  @Column({ name: 'secretary_name', type: 'text', nullable: true }) secretaryName!: string | null;
  @Column({ name: 'secretary_position', type: 'text', nullable: true }) secretaryPosition!: string | null;
  @Column({ name: 'secretary_user_id', type: 'uuid', nullable: true }) secretaryUserId!: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) attendance!: ConferenceAttendance[];
  @Column({ name: 'counting_committee', type: 'jsonb', default: () => "'[]'" })
  countingCommittee!: CountingCommitteeMember[];
  @Column({ type: 'text', nullable: true }) minutes!: string | null;
  @Column({ name: 'recorded_by', type: 'uuid' }) recordedBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** One contest as the counting committee counted it on paper (or by show of hands). */
export interface PaperContestCount {
  contestId: string;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  votes: { unitId: string; votes: number }[];
}

@Entity('paper_count')
export class PaperCount {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'voting_period_id', type: 'uuid' }) votingPeriodId!: string;
  @Column({ type: 'jsonb' }) contests!: PaperContestCount[];
  @Column({ name: 'entered_by', type: 'uuid' }) enteredBy!: string;
  @Column({ name: 'entered_by_unit_id', type: 'uuid' }) enteredByUnitId!: string;
  @Column({ name: 'entered_at', type: 'timestamptz', default: () => 'now()' }) enteredAt!: Date;
  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true }) confirmedBy!: string | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt!: Date | null;
}
