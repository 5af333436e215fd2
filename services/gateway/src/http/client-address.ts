import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

/**
 * Who is asking, for rate limits and sign-in throttling: the socket's address, or — behind `trustedHops`
 * proxies (TRUST_PROXY_HOPS: the load balancer, the ingress) — the address the outermost of them saw, read from
 * the right of X-Forwarded-For. Each proxy appends the address it received from, so entries further left were
 * written by the client and are not trusted: a client cannot choose its own key by sending the header.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  // Nearest first: the socket (the last proxy), then what each proxy reported, right to left.
  const chain = [socket, ...forwarded.reverse()];
  const address = chain[Math.min(trustedHops, chain.length - 1)]!;
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : 'invalid';
}
