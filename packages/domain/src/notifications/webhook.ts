import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** `sha256=<hex>` over `${timestamp}.${body}`: the receiver recomputes it with the subscription's secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** What a name resolves to: the shape of `dns.promises.lookup(name, { all: true })`. */
export type WebhookResolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** A webhook target whose every address was checked: connect to `address`, never to a second resolution. */
export interface CheckedWebhookTarget {
  url: URL;
  /** The host name as written (no brackets): the Host header and the TLS server name. */
  hostname: string;
  /** The checked address the request must go to. */
  address: string;
  family: 4 | 6;
}

/** Global unicast IPv6 (2000::/3); anything outside it is not a public receiver. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Why a webhook may not go to `address`, or null when it is a public unicast address. An allowlist: only what
 * ipaddr.js classifies as plain unicast passes, so loopback, private, link-local, carrier-grade NAT,
 * benchmarking (198.18/15), documentation, multicast, broadcast, reserved (240/4), unspecified, and IPv6's
 * unique-local, NAT64, 6to4, Teredo and discard prefixes are all refused. An IPv4-mapped IPv6 address is judged
 * as the IPv4 address it carries.
 */
export function webhookAddressProblem(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!isIP(bare)) return `${address} is not an IP address`;
  let ip = ipaddr.parse(bare);
  if (ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress()) ip = ip.toIPv4Address();
  const range = ip.range();
  if (range !== 'unicast') return `${bare} is in a ${RANGE_NAMES[range] ?? range} range`;
  if (ip instanceof ipaddr.IPv6 && !ip.match(GLOBAL_UNICAST_V6))
    return `${bare} is not a global unicast IPv6 address`;
  return null;
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (private)',
  private: 'private',
  uniqueLocal: 'unique-local (private)',
  reserved: 'reserved (benchmarking, documentation or future use)',
  benchmarking: 'benchmarking',
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated',
  rfc6052: 'NAT64',
  '6to4': '6to4',
  teredo: 'Teredo',
  discard: 'discard-only',
};

/** Kept for callers that only need a yes or no. */
export function isPrivateAddress(address: string): boolean {
  return webhookAddressProblem(address) !== null;
}

/**
 * Resolves a webhook URL's host once and checks every address it resolves to (one bad answer refuses the
 * whole name: a resolver may hand them out in any order). An IP literal is checked as written. Returns the
 * first address, which the caller connects to; with `allowPrivate` only the resolution is required.
 */
export async function checkWebhookTarget(
  rawUrl: string,
  resolve: WebhookResolver,
  allowPrivate: boolean,
): Promise<{ target: CheckedWebhookTarget } | { problem: string }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { problem: 'is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'must be an http(s) URL' };
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(hostname)) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch {
      return { problem: 'the host name does not resolve' };
    }
    if (!addresses.length) return { problem: 'the host name does not resolve' };
  }
  if (!allowPrivate) {
    for (const a of addresses) {
      const problem = webhookAddressProblem(a.address);
      if (problem) return { problem: `${problem}: webhooks go to public endpoints only` };
    }
  }
  const first = addresses[0]!;
  return { target: { url, hostname, address: first.address, family: first.family === 6 ? 6 : 4 } };
}
