import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('outbox')
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'province_id', type: 'uuid', nullable: true }) provinceId!: string | null;
  @Column({ type: 'text' }) queue!: string;
  @Column({ name: 'job_name', type: 'text' }) jobName!: string;
  @Column({ name: 'job_id', type: 'text' }) jobId!: string;
  @Column({ type: 'jsonb' }) payload!: object;
  @Column({ name: 'delay_until', type: 'timestamptz', nullable: true }) delayUntil!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  /** The W3C traceparent of the request that wrote it (null when tracing is off). */
  @Column({ name: 'trace_parent', type: 'text', nullable: true }) traceParent!: string | null;
}

/** A job that exhausted its attempts, kept where an admin can see and retry it. */
@Entity('job_failure')
export class JobFailure {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) queue!: string;
  @Column({ name: 'job_id', type: 'text' }) jobId!: string;
  @Column({ name: 'job_name', type: 'text' }) jobName!: string;
  @Column({ name: 'province_id', type: 'uuid', nullable: true }) provinceId!: string | null;
  @Column({ type: 'jsonb' }) payload!: object;
  @Column({ type: 'text' }) error!: string;
  @Column({ type: 'int' }) attempts!: number;
  @Column({ name: 'failed_at', type: 'timestamptz', default: () => 'now()' }) failedAt!: Date;
  @Column({ name: 'retried_at', type: 'timestamptz', nullable: true }) retriedAt!: Date | null;
}
