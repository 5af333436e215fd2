import type { AwardRules, BlockForm, Explanation } from '@thidua/domain';
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
  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' }) computedAt!: Date;
  @Column({ name: 'dossier_submitted_at', type: 'timestamptz', nullable: true })
  dossierSubmittedAt!: Date | null;
  @Column({ name: 'dossier_submitted_by', type: 'uuid', nullable: true }) dossierSubmittedBy!: string | null;
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
  @Column({ type: 'text' }) form!: BlockForm;
  @Column({ type: 'text', default: 'PROPOSED_BY_BLOCK' }) status!: NominationStatus;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ type: 'jsonb' }) explanation!: Explanation[];
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
