import type { ScoringRules, SheetContent, YearState } from '@thidua/domain';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('criteria_set')
export class CriteriaSet {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'jsonb' }) rules!: ScoringRules;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** One block's emulation year (năm thi đua). */
@Entity('emulation_year')
export class EmulationYear {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'block_id', type: 'uuid' }) blockId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'text', nullable: true }) theme!: string | null;
  @Column({ name: 'head_unit_id', type: 'uuid', nullable: true }) headUnitId!: string | null;
  @Column({ name: 'deputy_unit_id', type: 'uuid', nullable: true }) deputyUnitId!: string | null;
  @Column({ type: 'text', default: 'DRAFT' }) state!: YearState;
  @Column({ name: 'criteria_set_id', type: 'uuid', nullable: true }) criteriaSetId!: string | null;
  @Column({ name: 'registration_deadline', type: 'date', nullable: true }) registrationDeadline!:
    string | null;
  @Column({ name: 'scoring_deadline', type: 'date', nullable: true }) scoringDeadline!: string | null;
  /** R2/R3 for this block and year only, set by the secretariat; null: the province's rule. */
  @Column({ name: 'flag_quota_override', type: 'int', nullable: true }) flagQuotaOverride!: number | null;
  @Column({ name: 'merit_quota_override', type: 'int', nullable: true }) meritQuotaOverride!: number | null;
  /** A year the province did not run on the platform, recorded afterwards from its documents (closed at once). */
  @Column({ name: 'recorded_from_documents', type: 'boolean', default: false })
  recordedFromDocuments!: boolean;
  /** Where a documents year comes from: the minutes' number, a decision, an article. */
  @Column({ name: 'source_reference', type: 'text', nullable: true }) sourceReference!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('covenant_item')
export class CovenantItem {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @PrimaryColumn({ type: 'int' }) position!: number;
  @Column({ type: 'text' }) text!: string;
}

@Entity('covenant_signature')
export class CovenantSignature {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ name: 'signed_by', type: 'uuid' }) signedBy!: string;
  @Column({ name: 'signed_at', type: 'timestamptz', default: () => 'now()' }) signedAt!: Date;
  /** Set when the secretariat signed for the unit: why (the user who did is signedBy). */
  @Column({ name: 'on_behalf_reason', type: 'text', nullable: true }) onBehalfReason!: string | null;
}

@Entity('title_registration')
export class TitleRegistration {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'person_id', type: 'uuid', nullable: true }) personId!: string | null;
  @Column({ name: 'registered_by', type: 'uuid' }) registeredBy!: string;
  @Column({ name: 'registered_at', type: 'timestamptz', default: () => 'now()' }) registeredAt!: Date;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ name: 'on_behalf_reason', type: 'text', nullable: true }) onBehalfReason!: string | null;
}

export interface Evidence {
  code: string;
  text: string;
  links: string[];
}

@Entity('score_sheet')
export class ScoreSheet {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @Column({ type: 'text' }) kind!: 'SELF' | 'CROSS';
  @Column({ name: 'scorer_unit_id', type: 'uuid' }) scorerUnitId!: string;
  @Column({ name: 'target_unit_id', type: 'uuid' }) targetUnitId!: string;
  @Column({ type: 'jsonb' }) content!: SheetContent;
  @Column({ type: 'jsonb', default: () => "'[]'" }) evidence!: Evidence[];
  @Column({ type: 'int', default: 1 }) version!: number;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy!: string;
  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' }) submittedAt!: Date;
  @Column({ name: 'on_behalf_reason', type: 'text', nullable: true }) onBehalfReason!: string | null;
}

/** A sheet's form as one person typed it and has not sent (text: it may not be valid yet). */
export interface SheetDraftContent {
  entries: { code: string; points: string; text: string; link: string }[];
  bonus: string;
  reason: string;
}

/** What a person typed on a score sheet and has not sent; private to them, dropped when sent or locked. */
@Entity('score_sheet_draft')
export class ScoreSheetDraft {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @PrimaryColumn({ name: 'scorer_unit_id', type: 'uuid' }) scorerUnitId!: string;
  @PrimaryColumn({ name: 'target_unit_id', type: 'uuid' }) targetUnitId!: string;
  @Column({ type: 'jsonb' }) content!: SheetDraftContent;
  @Column({ name: 'based_on_version', type: 'int', nullable: true }) basedOnVersion!: number | null;
  @Column({ name: 'saved_at', type: 'timestamptz', default: () => 'now()' }) savedAt!: Date;
}

@Entity('year_result')
export class YearResult {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryColumn({ name: 'emulation_year_id', type: 'uuid' }) emulationYearId!: string;
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ type: 'numeric', precision: 7, scale: 2 }) base!: string;
  @Column({ type: 'numeric', precision: 7, scale: 2 }) bonus!: string;
  @Column({ type: 'numeric', precision: 7, scale: 2 }) deductions!: string;
  @Column({ type: 'numeric', precision: 7, scale: 2 }) final!: string;
  @Column({ type: 'int' }) rank!: number;
  @Column({ type: 'int' }) position!: number;
}
