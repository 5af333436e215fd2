import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@thidua/domain';

/** A person who signs in. Global: one account can hold roles in several provinces. */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  @Column({ name: 'full_name_search', type: 'text' }) fullNameSearch!: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash!: string;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  /** The language the person reads the platform in: their notices and e-mails are written in it. */
  @Column({ type: 'text', default: 'vi' }) locale!: 'vi' | 'en';
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('role_assignment')
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ name: 'province_id', type: 'uuid', nullable: true }) provinceId!: string | null;
  @Column({ name: 'unit_id', type: 'uuid', nullable: true }) unitId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('auth_session')
export class AuthSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_reason', type: 'text', nullable: true }) revokedReason!: string | null;
}

@Entity('refresh_token')
export class RefreshToken {
  @PrimaryColumn({ name: 'token_hash', type: 'bytea' }) tokenHash!: Buffer;
  @Column({ name: 'session_id', type: 'uuid' }) sessionId!: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  /** The token this one was spent for; null while unspent, or when it was spent unused (a lost answer's retry). */
  @Column({ name: 'successor_hash', type: 'bytea', nullable: true }) successorHash!: Buffer | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** ('', client): a client across every email; (email, ''): an email across every client; else the pair. */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn({ type: 'text' }) email!: string;
  @PrimaryColumn({ type: 'text' }) client!: string;
  @Column({ type: 'int', default: 0 }) failures!: number;
  @Column({ name: 'window_started_at', type: 'timestamptz', default: () => 'now()' }) windowStartedAt!: Date;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
}
