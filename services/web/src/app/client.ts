import { cacheExchange, Client, fetchExchange, subscriptionExchange } from '@urql/core';
import type { Client as WsClient } from 'graphql-ws';
import { getToken, refresh, sessionExpired } from './session';

export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'reconnected';
export interface LinkState {
  status: LinkStatus;
  /** When the link came back after a loss. */
  since: number | null;
}

/**
 * One urql client per signed-in person and province. Requests carry the access token and the province; a
 * 401 refreshes the token once and repeats the request (the gateway refused it before running anything), and
 * a second refusal, or a refused refresh, ends the session; a refresh the gateway could not answer does not.
 * Subscriptions load graphql-ws only when a page subscribes (the hall screen), so the ballot does not pay for it.
 */
export function createClient(provinceId: string | null, onLink: (s: LinkState) => void): Client {
  const headers = (token: string | null): Record<string, string> => ({
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(provinceId ? { 'x-province-id': provinceId } : {}),
  });

  const authFetch: typeof fetch = async (input, init) => {
    const send = async (token: string | null) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers(token) } });
    let res = await send(await getToken());
    if (res.status === 401) {
      // null: the gateway could not answer the refresh (down, failing, busy); the session may well be alive.
      const renewed = await refresh().catch(() => null);
      // Said as what it is, a gateway out of reach for now, not as a session that ended.
      if (renewed === null)
        throw new TypeError('The session could not be renewed: the server did not answer');
      if (renewed) res = await send(await getToken());
      if (res.status === 401) sessionExpired();
    }
    return res;
  };

  let ws: Promise<WsClient> | null = null;
  const wsClient = () =>
    (ws ??= import('graphql-ws').then(({ createClient: createWs }) => {
      let lost = false;
      onLink({ status: 'connecting', since: null });
      return createWs({
        url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
        connectionParams: async () => headers(await getToken()),
        lazy: true,
        keepAlive: 10_000,
        retryAttempts: Number.POSITIVE_INFINITY,
        shouldRetry: () => true,
        retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(500 * 2 ** retries, 5_000))),
        on: {
          connected: () => {
            onLink(
              lost ? { status: 'reconnected', since: Date.now() } : { status: 'connected', since: null },
            );
          },
          closed: (event) => {
            // 1000: the client closed an idle connection itself (no subscription left); anything else is a loss.
            if ((event as CloseEvent | undefined)?.code === 1000) return;
            lost = true;
            onLink({ status: 'reconnecting', since: null });
          },
        },
      });
    }));

  return new Client({
    url: '/graphql',
    fetch: authFetch,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              let dispose: (() => void) | null = null;
              let cancelled = false;
              void wsClient().then((c) => {
                if (!cancelled) dispose = c.subscribe(input, sink);
              });
              return {
                unsubscribe() {
                  cancelled = true;
                  dispose?.();
                },
              };
            },
          };
        },
      }),
    ],
  });
}
