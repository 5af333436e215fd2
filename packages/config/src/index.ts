export { loadConfig, loadTestEnvironment, isConfigured, ConfigError, type Config } from './config';
export { createLogger, flushLogs, type Logger } from './logger';
