import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type ProvinceKind = 'PROVINCE' | 'CITY';

/** The tenant registry. Never keyed by name: names are reused across the 2025 merger. */
@Entity('province')
export class Province {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'name_search', type: 'text' }) nameSearch!: string;
  @Column({ type: 'text' }) kind!: ProvinceKind;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom!: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('province_lineage')
export class ProvinceLineage {
  @PrimaryColumn({ name: 'predecessor_id', type: 'uuid' }) predecessorId!: string;
  @PrimaryColumn({ name: 'successor_id', type: 'uuid' }) successorId!: string;
  @Column({ name: 'effective_on', type: 'date' }) effectiveOn!: string;
}
