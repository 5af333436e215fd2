export * from './database';
export * from './harness';
export * from './factories';
export * from './block-vote';
export * from './worker-process';
export * from './redis-server';
