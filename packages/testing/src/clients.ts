import { request } from 'node:http';
import type { GraphQLResponse, TestApp } from './harness';

/**
 * A GraphQL request from another client: it leaves from `address` (127.0.0.0/8 is all this machine's), which is
 * what the gateway throttles by (the socket's address), so a test can be several clients at once.
 */
export function gqlFrom<T = Record<string, unknown>>(
  app: TestApp,
  address: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query, variables });
  const url = new URL(app.gateway.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: address,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, ...(JSON.parse(text) as object) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
