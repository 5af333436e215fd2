export * from './database';
export * from './harness';
export * from './factories';
