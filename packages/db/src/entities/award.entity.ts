import type { AwardRules, ProposalForm, Explanation, ProposalPath, TitleCheck } from '@thidua/domain';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('award_rule_set')
export class AwardRuleSet {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'effective_year', type: 'int' }) effectiveYear!: number;
  @Column({ type: 'jsonb' }) rules!: AwardRules;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
}

/** What the engine decided for a block year, kept with its explanations for the council. */
@Entity('year_award_outcome')
export class YearAwardOutcome {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @Column({ name: 'next_head_unit_id', type: 'uuid', nullable: true }) nextHeadUnitId!: string | null;
  @Column({ name: 'next_deputy_unit_id', type: 'uuid', nullable: true }) nextDeputyUnitId!: string | null;
  @Column({ type: 'jsonb' }) explanations!: Record<string, Explanation[]>;
  @Column({ name: 'unresolved_ties', type: 'jsonb' }) unresolvedTies!: string[][];
  @Column({ name: 'title_checks', type: 'jsonb', default: () => "'[]'" }) titleChecks!: TitleCheck[];
  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' }) computedAt!: Date;
  @Column({ name: 'dossier_submitted_at', type: 'timestamptz', nullable: true })
  dossierSubmittedAt!: Date | null;
  @Column({ name: 'dossier_submitted_by', type: 'uuid', nullable: true }) dossierSubmittedBy!: string | null;
  /** R13: the deadline the dossier was held to when submitted. */
  @Column({ name: 'dossier_deadline', type: 'date', nullable: true }) dossierDeadline!: string | null;
  @Column({ name: 'late_accepted_at', type: 'timestamptz', nullable: true }) lateAcceptedAt!: Date | null;
  @Column({ name: 'late_accepted_by', type: 'uuid', nullable: true }) lateAcceptedBy!: string | null;
  @Column({ name: 'late_reason', type: 'text', nullable: true }) lateReason!: string | null;
}

export const NOMINATION_STATUSES = [
  'PROPOSED_BY_BLOCK',
  'SUBMITTED',
  'IN_APPRAISAL',
  'RETURNED',
  'NOT_ELIGIBLE',
  'DEFERRED',
  'COUNCIL_REVIEW',
  'COUNCIL_APPROVED',
  'COUNCIL_REJECTED',
  'DECIDED',
  'REVOKED',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

@Entity('nomination')
export class Nomination {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  /** The person, for an individual title (CSTD_PROV); null for the unit's own proposal. */
  @Column({ name: 'person_id', type: 'uuid', nullable: true }) personId!: string | null;
  @Column({ type: 'text' }) form!: ProposalForm;
  @Column({ type: 'text', default: 'BLOCK' }) path!: ProposalPath;
  @Column({ type: 'text', default: 'PROPOSED_BY_BLOCK' }) status!: NominationStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ type: 'jsonb' }) explanation!: Explanation[];
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** A Quyết định khen thưởng, keeping the issuer's name as issued ("UBND tỉnh Kon Tum"). */
@Entity('award_decision')
export class AwardDecision {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'issuer_code', type: 'text' }) issuerCode!: string;
  @Column({ name: 'issuer_name', type: 'text' }) issuerName!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) number!: number;
  @Column({ name: 'number_text', type: 'text' }) numberText!: string;
  @Column({ name: 'decision_date', type: 'date' }) decisionDate!: string;
  @Column({ name: 'signer_name', type: 'text' }) signerName!: string;
  @Column({ name: 'signer_title', type: 'text' }) signerTitle!: string;
  /** The Department of Home Affairs' submission the decision answers, as numbered ("15/TTr-SNV"), and its date. */
  @Column({ name: 'submission_number', type: 'text', nullable: true }) submissionNumber!: string | null;
  @Column({ name: 'submission_date', type: 'date', nullable: true }) submissionDate!: string | null;
  /** Recorded afterwards from the province's documents (recordPastDecision), not issued on the platform. */
  @Column({ name: 'recorded_from_documents', type: 'boolean', default: false })
  recordedFromDocuments!: boolean;
  /** The day the base salary its prize money was counted on took effect (base_salary's key); null: none known. */
  @Column({ name: 'base_salary_from', type: 'date', nullable: true }) baseSalaryFrom!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
}

@Entity('award_decision_item')
export class AwardDecisionItem {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'decision_id', type: 'uuid' }) decisionId!: string;
  @PrimaryColumn({ name: 'nomination_id', type: 'uuid' }) nominationId!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ name: 'person_id', type: 'uuid', nullable: true }) personId!: string | null;
  @Column({ type: 'text' }) form!: string;
  @Column({ name: 'prize_vnd', type: 'bigint' }) prizeVnd!: string;
}
