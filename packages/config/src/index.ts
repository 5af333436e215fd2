export { loadConfig, loadTestEnvironment, isConfigured, ConfigError, type Config } from './config';
export { createLogger, type Logger } from './logger';
