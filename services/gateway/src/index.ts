export { startGateway, type Gateway, type GatewayOptions } from './http/server';
export { getSchema } from './schema';
export { TokenService } from './auth/tokens';
