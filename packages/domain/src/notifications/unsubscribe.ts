import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in every email's unsubscribe link: who, which event, which channel, signed with the platform's
 * secret, so the link works without signing in and cannot be forged for someone else.
 */
export interface Unsubscribe {
  userId: string;
  event: string;
  channel: 'EMAIL';
}

const sign = (payload: string, secret: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');

export function unsubscribeToken(u: Unsubscribe, secret: string): string {
  const payload = Buffer.from(JSON.stringify([u.userId, u.event, u.channel])).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function readUnsubscribeToken(token: string, secret: string): Unsubscribe | null {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [userId, event, channel] = JSON.parse(Buffer.from(payload, 'base64url').toString()) as string[];
    return userId && event && channel === 'EMAIL' ? { userId, event, channel } : null;
  } catch {
    return null;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
