import type { Choice, ContestKind, ContestResult } from '@thidua/domain';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type VotingStatus = 'OPEN' | 'CLOSED' | 'TALLIED';
export type VotingOutcome = 'COMPLETE' | 'NEXT_ROUND' | 'AWAITING_DECISION' | 'DECIDED' | 'NO_QUORUM';
export type VotingKind = 'BLOCK' | 'COUNCIL';
/** ONLINE: ballots on the platform; PAPER: the counting committee's count (paper ballots, show of hands). */
export type VotingMethod = 'ONLINE' | 'PAPER';
/** R5: after a tie at the last seat, the run-off is among the tied units, or all remaining candidates. */
export type RunoffCandidates = 'TIED_ONLY' | 'ALL_REMAINING';
export type CloseReason = 'DEADLINE' | 'ALL_VOTED' | 'BY_ADMIN' | 'PAPER_COUNT';

/** Scheduled times (opensAt, closesAt) are kept apart from what happened (openedAt, closedAt, …). */
@Entity('voting_period')
export class VotingPeriod {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', default: 'BLOCK' }) kind!: VotingKind;
  /** The block year voting (BLOCK); null for the provincial council. */
  @Column({ name: 'emulation_year_id', type: 'uuid', nullable: true }) emulationYearId!: string | null;
  /** The block's conference the period belongs to; null for the council. */
  @Column({ name: 'conference_id', type: 'uuid', nullable: true }) conferenceId!: string | null;
  @Column({ type: 'text', default: 'ONLINE' }) method!: VotingMethod;
  @Column({ name: 'runoff_candidates', type: 'text', default: 'TIED_ONLY' })
  runoffCandidates!: RunoffCandidates;
  @Column({ type: 'int' }) round!: number;
  @Column({ name: 'previous_period_id', type: 'uuid', nullable: true }) previousPeriodId!: string | null;
  @Column({ type: 'text', default: 'OPEN' }) status!: VotingStatus;
  @Column({ type: 'text', nullable: true }) outcome!: VotingOutcome | null;
  /** Member units (BLOCK) or council members' user ids (COUNCIL), fixed when the period opens. */
  @Column({ name: 'eligible_voter_ids', type: 'uuid', array: true }) eligibleVoterIds!: string[];
  /** COUNCIL: the session counts only with this share of members voting (R10). */
  @Column({ name: 'attendance_percent', type: 'numeric', precision: 5, scale: 2, nullable: true })
  attendancePercent!: string | null;
  @Column({ name: 'threshold_percent', type: 'numeric', precision: 5, scale: 2 }) thresholdPercent!: string;
  @Column({ name: 'threshold_mode', type: 'text' }) thresholdMode!: 'MORE_THAN' | 'AT_LEAST';
  @Column({ name: 'allow_self_vote', type: 'boolean' }) allowSelfVote!: boolean;
  @Column({ name: 'max_rounds', type: 'int' }) maxRounds!: number;
  @Column({ name: 'reminder_minutes', type: 'int', array: true }) reminderMinutes!: number[];
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt!: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt!: Date;
  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' }) openedAt!: Date;
  @Column({ name: 'opened_by', type: 'uuid', nullable: true }) openedBy!: string | null;
  @Column({ name: 'extended_until', type: 'timestamptz', nullable: true }) extendedUntil!: Date | null;
  @Column({ name: 'extended_by', type: 'uuid', nullable: true }) extendedBy!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'uuid', nullable: true }) closedBy!: string | null;
  @Column({ name: 'close_reason', type: 'text', nullable: true }) closeReason!: CloseReason | null;
  @Column({ name: 'tallied_at', type: 'timestamptz', nullable: true }) talliedAt!: Date | null;
  @Column({ name: 'results_published_at', type: 'timestamptz', nullable: true })
  resultsPublishedAt!: Date | null;
  @Column({ name: 'published_by', type: 'uuid', nullable: true }) publishedBy!: string | null;
}

@Entity('voting_contest')
export class VotingContest {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'voting_period_id', type: 'uuid' }) votingPeriodId!: string;
  @Column({ type: 'int' }) position!: number;
  @Column({ type: 'text' }) kind!: ContestKind;
  @Column({ type: 'int' }) seats!: number;
  @Column({ name: 'candidate_unit_ids', type: 'uuid', array: true }) candidateUnitIds!: string[];
  /** APPROVAL contests: the nomination the council approves or rejects. */
  @Column({ name: 'nomination_id', type: 'uuid', nullable: true }) nominationId!: string | null;
  /** Overrides the period's threshold for this contest (R10: flags need more). */
  @Column({ name: 'threshold_percent', type: 'numeric', precision: 5, scale: 2, nullable: true })
  thresholdPercent!: string | null;
  @Column({ name: 'threshold_mode', type: 'text', nullable: true }) thresholdMode!:
    'MORE_THAN' | 'AT_LEAST' | null;
  /** R8: the council question taken off its session when its nomination was deferred; the reason in words. */
  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true }) withdrawnReason!: string | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
}

@Entity('ballot_receipt')
export class BallotReceipt {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'voting_period_id', type: 'uuid' }) votingPeriodId!: string;
  /** The voting unit (BLOCK) or council member (COUNCIL). */
  @PrimaryColumn({ name: 'voter_id', type: 'uuid' }) voterId!: string;
  @Column({ name: 'receipt_code', type: 'text' }) receiptCode!: string;
  @Column({ name: 'cast_at', type: 'timestamptz', default: () => 'now()' }) castAt!: Date;
  @Column({ name: 'cast_by', type: 'uuid' }) castBy!: string;
}

@Entity('ballot')
export class Ballot {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'voting_period_id', type: 'uuid' }) votingPeriodId!: string;
  @Column({ type: 'jsonb' }) choices!: Choice[];
}

@Entity('voting_result')
export class VotingResult {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'voting_period_id', type: 'uuid' }) votingPeriodId!: string;
  @PrimaryColumn({ name: 'contest_id', type: 'uuid' }) contestId!: string;
  @Column({ type: 'jsonb' }) result!: ContestResult;
}

@Entity('head_deputy_decision')
export class HeadDeputyDecision {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'voting_period_id', type: 'uuid' }) votingPeriodId!: string;
  @PrimaryColumn({ name: 'contest_id', type: 'uuid' }) contestId!: string;
  @Column({ name: 'unit_ids', type: 'uuid', array: true }) unitIds!: string[];
  @Column({ name: 'proposed_by_unit_id', type: 'uuid' }) proposedByUnitId!: string;
  @Column({ name: 'proposed_by', type: 'uuid' }) proposedBy!: string;
  @Column({ name: 'proposed_at', type: 'timestamptz', default: () => 'now()' }) proposedAt!: Date;
  @Column({ name: 'confirmed_by_unit_id', type: 'uuid', nullable: true }) confirmedByUnitId!: string | null;
  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true }) confirmedBy!: string | null;
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt!: Date | null;
  /** The other side's different answer, shown beside the proposal; neither is confirmed. */
  @Column({ name: 'counter_unit_ids', type: 'uuid', array: true, nullable: true }) counterUnitIds!:
    string[] | null;
  @Column({ name: 'counter_by_unit_id', type: 'uuid', nullable: true }) counterByUnitId!: string | null;
  @Column({ name: 'counter_by', type: 'uuid', nullable: true }) counterBy!: string | null;
  @Column({ name: 'counter_at', type: 'timestamptz', nullable: true }) counterAt!: Date | null;
}
