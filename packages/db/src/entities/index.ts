import { AuditEvent, PlatformAuditEvent } from './audit-event.entity';
import { JobFailure, OutboxMessage } from './outbox.entity';
import { Province, ProvinceLineage } from './province.entity';
import { Unit } from './unit.entity';
import { AuthSession, LoginThrottle, RefreshToken, RoleAssignment, User } from './user.entity';

export * from './audit-event.entity';
export * from './outbox.entity';
export * from './province.entity';
export * from './unit.entity';
export * from './user.entity';

export const entities = [
  Province,
  ProvinceLineage,
  Unit,
  User,
  RoleAssignment,
  AuthSession,
  RefreshToken,
  LoginThrottle,
  AuditEvent,
  PlatformAuditEvent,
  OutboxMessage,
  JobFailure,
];
