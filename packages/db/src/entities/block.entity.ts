import type { BlockKind } from '@thidua/domain';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// The domain's, as its words for each kind (blockWords) are.
export type { BlockKind };

/** An emulation block (khối) or cluster (cụm) of one province. */
@Entity('block')
export class Block {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) kind!: BlockKind;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'name_search', type: 'text' }) nameSearch!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** A unit's membership of a block between two dates (inclusive); the members in year Y are those valid in Y. */
@Entity('block_membership')
export class BlockMembership {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'block_id', type: 'uuid' }) blockId!: string;
  @Column({ name: 'block_kind', type: 'text' }) blockKind!: BlockKind;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom!: string;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

export type Gender = 'FEMALE' | 'MALE';

/** Personal data: never leaves its province (tenant table, not in any rollup). */
@Entity('person')
export class Person {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  @Column({ name: 'full_name_search', type: 'text' }) fullNameSearch!: string;
  @Column({ type: 'text' }) gender!: Gender;
  @Column({ type: 'text', nullable: true }) position!: string | null;
  /** The head of its unit (thủ trưởng), for the women tie-break (R6); at most one per unit. */
  @Column({ name: 'heads_unit', type: 'boolean', default: false }) headsUnit!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

export type DeferralReason = 'DISCIPLINE' | 'INSPECTION' | 'COMPLAINT';

/** An open discipline process, inspection or complaint: the unit cannot be nominated while it is open (R8). */
@Entity('deferral')
export class Deferral {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @Column({ type: 'text' }) reason!: DeferralReason;
  @Column({ type: 'text' }) note!: string;
  @Column({ name: 'opened_on', type: 'date' }) openedOn!: string;
  @Column({ name: 'closed_on', type: 'date', nullable: true }) closedOn!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
