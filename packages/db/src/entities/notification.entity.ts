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
  /** The language it was written in, its reader's then; null for notices written before this was kept. */
  @Column({ type: 'text', nullable: true }) locale!: 'vi' | 'en' | null;
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
  /** Sent as the List-Unsubscribe header; null for emails recorded before it was kept. */
  @Column({ name: 'unsubscribe_url', type: 'text', nullable: true }) unsubscribeUrl!: string | null;
  @Column({ type: 'text', default: 'PENDING' }) status!: EmailStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}

@Entity('webhook_subscription')
export class WebhookSubscription {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', array: true }) events!: string[];
  /** Signs every request (HMAC-SHA256); shown once, when the subscription is created. */
  @Column({ type: 'text', select: false }) secret!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}

export type WebhookStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

@Entity('webhook_delivery')
export class WebhookDelivery {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'subscription_id', type: 'uuid' }) subscriptionId!: string;
  @Column({ type: 'text' }) event!: string;
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey!: string;
  @Column({ type: 'jsonb' }) payload!: object;
  @Column({ type: 'text', default: 'PENDING' }) status!: WebhookStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
}

@Entity('webhook_attempt')
export class WebhookAttempt {
  @PrimaryColumn({ name: 'province_id', type: 'uuid' }) provinceId!: string;
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'delivery_id', type: 'uuid' }) deliveryId!: string;
  @Column({ name: 'attempted_at', type: 'timestamptz', default: () => 'now()' }) attemptedAt!: Date;
  @Column({ name: 'status_code', type: 'int', nullable: true }) statusCode!: number | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** Why it failed (domain WEBHOOK_FAILURE_CAUSES); null when it did not, and for attempts logged before it was kept. */
  @Column({ type: 'text', nullable: true }) cause!: string | null;
  @Column({ name: 'duration_ms', type: 'int' }) durationMs!: number;
}
