import { Client, fetchExchange } from '@urql/core';

/** For the pages used before signing in: no token, no province, nothing cached. */
export const publicClient = new Client({
  url: '/graphql',
  preferGetMethod: false,
  requestPolicy: 'network-only',
  exchanges: [fetchExchange],
});
