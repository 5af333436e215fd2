import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationChannel = 'IN_APP' | 'EMAIL' | 'WEBHOOK';

@Entity('notification')
export class Notification {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) event!: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text' }) link!: string;
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
}

@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ type: 'text' }) event!: string;
  @PrimaryColumn({ type: 'text' }) channel!: NotificationChannel;
  @Column({ type: 'boolean' }) enabled!: boolean;
}

export type EmailStatus = 'PENDING' | 'SENDING' | 'SENT' | 'UNCERTAIN';

@Entity('email_delivery')
export class EmailDelivery {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) event!: string;
  @Column({ name: 'to_address', type: 'text' }) toAddress!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ name: 'text_body', type: 'text' }) textBody!: string;
  @Column({ name: 'html_body', type: 'text' }) htmlBody!: string;
  @Column({ type: 'text', default: 'PENDING' }) status!: EmailStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
