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

/**
 * Why an attempt failed, in a word a page can put in the reader's language: the receiver answered with a status
 * outside 2xx (HTTP_STATUS), its name has no address (DNS), nothing listens there (REFUSED), the network or the
 * receiver dropped the connection (UNREACHABLE), it took too long (TIMEOUT), the secure connection failed (TLS:
 * often an https:// address pointing at a server that speaks plain http) or the receiver's certificate was not
 * accepted (CERTIFICATE), the address was refused by the platform's own check at send time (BLOCKED), else OTHER.
 */
export const WEBHOOK_FAILURE_CAUSES = [
  'HTTP_STATUS',
  'DNS',
  'REFUSED',
  'UNREACHABLE',
  'TIMEOUT',
  'TLS',
  'CERTIFICATE',
  'BLOCKED',
  'OTHER',
] as const;
export type WebhookFailureCause = (typeof WEBHOOK_FAILURE_CAUSES)[number];

/** Node's error codes (err.code) by cause; the text of an error is searched for them too. */
const CAUSE_CODES: [WebhookFailureCause, RegExp][] = [
  ['DNS', /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL|ENODATA)$/],
  ['REFUSED', /^ECONNREFUSED$/],
  ['TIMEOUT', /^(ETIMEDOUT|ESOCKETTIMEDOUT|ABORT_ERR|UND_ERR_CONNECT_TIMEOUT)$/],
  [
    'CERTIFICATE',
    /^(CERT_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_\w+|ERR_TLS_CERT_ALTNAME_INVALID|ERR_TLS_CERT_\w+|HOSTNAME_MISMATCH)$/,
  ],
  ['TLS', /^(EPROTO|ERR_SSL_\w+|ERR_TLS_\w+)$/],
  [
    'UNREACHABLE',
    /^(ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE|EADDRNOTAVAIL|ECONNABORTED|EHOSTDOWN|ENETDOWN)$/,
  ],
];

/** The same causes read from an error's text (attempts logged before the cause was kept, and errors without a code). */
const CAUSE_TEXTS: [WebhookFailureCause, RegExp][] = [
  // The sender's own check at send time ("refused: …", checkWebhookTarget's problems).
  ['DNS', /does not resolve|\b(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)\b/],
  ['BLOCKED', /^(Error: )?refused: /],
  ['REFUSED', /\bECONNREFUSED\b/],
  // The request's only abort is its timeout (AbortSignal.timeout): "AbortError: The operation was aborted".
  ['TIMEOUT', /\b(ETIMEDOUT|ESOCKETTIMEDOUT|TimeoutError|AbortError)\b|timed? ?out/i],
  [
    'CERTIFICATE',
    /certificate|self[- ]signed|\b(CERT_\w+|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_TLS_CERT_ALTNAME_INVALID)\b/i,
  ],
  ['TLS', /\bEPROTO\b|SSL routines|\bERR_SSL_\w+|\bERR_TLS_\w+|\bTLS\b|\bSSL\b/],
  ['UNREACHABLE', /\b(ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE|EADDRNOTAVAIL)\b|socket hang up/i],
];

/**
 * The cause of a failed attempt: from the answer's status when there was one, else from the error (its code, its
 * name, then its text; a string is read as an error's text). Null for a 2xx answer without an error.
 */
export function webhookFailureCause(statusCode: number | null, error: unknown): WebhookFailureCause | null {
  if (statusCode !== null && (statusCode < 200 || statusCode >= 300)) return 'HTTP_STATUS';
  if (error === null || error === undefined) return null;
  if (typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') {
      for (const [cause, codes] of CAUSE_CODES) if (codes.test(code)) return cause;
    }
    const name = (error as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return 'TIMEOUT';
  }
  const text = String(error);
  for (const [cause, pattern] of CAUSE_TEXTS) if (pattern.test(text)) return cause;
  return 'OTHER';
}
