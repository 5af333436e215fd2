import type { Config } from '@thidua/config';
import type { DataSource } from 'typeorm';
import { AuthService } from './auth/auth.service';
import { TokenService } from './auth/tokens';

export interface GatewayServices {
  config: Config;
  dataSource: DataSource;
  tokens: TokenService;
  auth: AuthService;
}

export function createServices(config: Config, dataSource: DataSource): GatewayServices {
  const tokens = new TokenService(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS);
  return { config, dataSource, tokens, auth: new AuthService(config, dataSource, tokens) };
}
