import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ProvinceKind } from '../province/title';

/**
 * The token in every email's unsubscribe link: who, which event, which channel and until when, signed with a
 * key of its own (UNSUBSCRIBE_SECRET, not the access-token key), so the link works without signing in, cannot be
 * forged for someone else and stops working after a while (a forwarded or leaked email is not a key for ever).
 * Tokens of the first scheme (no expiry, signed with the access-token key) no longer verify: they fail closed.
 * `place` is the kind of the province whose event the email was about, so the page names it as the email did
 * ("toàn thành phố" for a city's closing), whatever else the person serves; links written before it carry none.
 */
export interface Unsubscribe {
  userId: string;
  event: string;
  channel: 'EMAIL';
  place?: ProvinceKind;
}

export type UnsubscribeReading =
  { ok: true; unsubscribe: Unsubscribe; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

const VERSION = 2;

const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(`unsubscribe.v${VERSION}:${payload}`).digest('base64url');

/** `expiresAt` is when the link stops working (e.g. 60 days after the email was written). */
export function unsubscribeToken(u: Unsubscribe, secret: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  const fields = [VERSION, u.userId, u.event, u.channel, exp, ...(u.place ? [u.place] : [])];
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** Verifies the signature first; only a genuine token can be reported as expired. */
export function readUnsubscribeToken(token: string, secret: string, now = new Date()): UnsubscribeReading {
  const invalid = { ok: false, reason: 'invalid' } as const;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return invalid;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString());
  } catch {
    return invalid;
  }
  if (!Array.isArray(parsed) || parsed.length < 5 || parsed.length > 6) return invalid;
  const [version, userId, event, channel, exp, place] = parsed as unknown[];
  if (
    version !== VERSION ||
    typeof userId !== 'string' ||
    !userId ||
    typeof event !== 'string' ||
    !event ||
    channel !== 'EMAIL' ||
    typeof exp !== 'number' ||
    !Number.isInteger(exp) ||
    (place !== undefined && place !== 'PROVINCE' && place !== 'CITY')
  )
    return invalid;
  const expiresAt = new Date(exp * 1000);
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  return { ok: true, unsubscribe: { userId, event, channel, ...(place && { place }) }, expiresAt };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
