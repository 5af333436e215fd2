import type { Config } from '@thidua/config';
import { configureAuditKeys } from '@thidua/db';
import { createFileStorage, type FileStorage } from '@thidua/files';
import type { EventBus } from '@thidua/jobs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AuthService } from './auth/auth.service';
import { PrincipalCache } from './auth/principal-cache';
import { TokenService } from './auth/tokens';
import { DashboardCache } from './modules/dashboard/dashboard-cache';
import type { GatewayMetrics } from './http/metrics';
import { BallotRulesCache } from './modules/voting/ballot-rules-cache';
import { TurnoutAnnouncer } from './modules/voting/turnout-announcer';

export interface GatewayServices {
  config: Config;
  dataSource: DataSource;
  tokens: TokenService;
  auth: AuthService;
  /** Each session's principal for a few seconds, dropped by the database's notifications (started by the gateway). */
  principals: PrincipalCache;
  eventBus: EventBus;
  turnout: TurnoutAnnouncer;
  ballotRules: BallotRulesCache;
  dashboards: DashboardCache;
  /** This gateway's Prometheus registry and metrics (one per gateway). */
  metrics: GatewayMetrics;
  /** Attachments' and stored documents' bytes (the local disk or an S3-compatible store). */
  files: FileStorage;
}

export function createServices(
  config: Config,
  dataSource: DataSource,
  eventBus: EventBus,
  metrics: GatewayMetrics,
  logger: Logger,
): GatewayServices {
  configureAuditKeys(config.AUDIT_HMAC_KEY, config.AUDIT_HMAC_PREVIOUS_KEYS);
  const tokens = new TokenService(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS);
  const principals = new PrincipalCache(config.DATABASE_URL, config.PRINCIPAL_CACHE_MS, logger);
  return {
    config,
    dataSource,
    tokens,
    auth: new AuthService(config, dataSource, tokens, principals),
    principals,
    eventBus,
    turnout: new TurnoutAnnouncer(eventBus),
    ballotRules: new BallotRulesCache(),
    dashboards: new DashboardCache(config.DASHBOARD_CACHE_MS),
    metrics,
    files: createFileStorage(config),
  };
}
