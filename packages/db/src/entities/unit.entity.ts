import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const UNIT_KINDS = [
  'PARTY_AGENCY',
  'STATE_AGENCY',
  'MASS_ORGANIZATION',
  'PRESS',
  'SCHOOL',
  'LOCALITY',
  'ENTERPRISE',
  'OTHER',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** An agency or locality of one province (tenant table). */
@Entity('unit')
export class Unit {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'name_search', type: 'text' }) nameSearch!: string;
  @Column({ name: 'short_name', type: 'text', nullable: true }) shortName!: string | null;
  @Column({ type: 'text' }) kind!: UnitKind;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom!: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
