export { loadConfig, loadTestEnvironment, ConfigError, type Config } from './config';
