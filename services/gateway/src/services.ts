import type { Config } from '@thidua/config';
import { TURNOUT_CHANNEL, type EventBus, type TurnoutChange } from '@thidua/jobs';
import type { DataSource } from 'typeorm';
import { AuthService } from './auth/auth.service';
import { TokenService } from './auth/tokens';

export interface GatewayServices {
  config: Config;
  dataSource: DataSource;
  tokens: TokenService;
  auth: AuthService;
  eventBus: EventBus;
  turnout: { changed(provinceId: string, periodId: string): Promise<void> };
}

export function createServices(config: Config, dataSource: DataSource, eventBus: EventBus): GatewayServices {
  const tokens = new TokenService(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS);
  return {
    config,
    dataSource,
    tokens,
    auth: new AuthService(config, dataSource, tokens),
    eventBus,
    turnout: {
      changed: (provinceId, periodId) =>
        eventBus.publish(TURNOUT_CHANNEL, JSON.stringify({ provinceId, periodId } satisfies TurnoutChange)),
    },
  };
}
