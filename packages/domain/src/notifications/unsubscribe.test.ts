import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml, readUnsubscribeToken, unsubscribeToken } from './unsubscribe';

describe('unsubscribe tokens', () => {
  const u = {
    userId: '5d0c2a3e-1111-4222-8333-444455556666',
    event: 'voting.opened',
    channel: 'EMAIL' as const,
  };

  const in60Days = () => new Date(Date.now() + 60 * 86_400_000);

  it('round-trip with the secret, and only with it', () => {
    const token = unsubscribeToken(u, 'the-secret', in60Days());
    expect(readUnsubscribeToken(token, 'the-secret')).toMatchObject({ ok: true, unsubscribe: u });
    expect(readUnsubscribeToken(token, 'another-secret')).toEqual({ ok: false, reason: 'invalid' });
  });

  it("carry the event's place, and read links written without it", () => {
    const city = { ...u, place: 'CITY' as const };
    const token = unsubscribeToken(city, 'the-secret', in60Days());
    expect(readUnsubscribeToken(token, 'the-secret')).toMatchObject({ ok: true, unsubscribe: city });
    const without = readUnsubscribeToken(unsubscribeToken(u, 'the-secret', in60Days()), 'the-secret');
    expect(without.ok && without.unsubscribe.place).toBeUndefined();
  });

  it('refuse a token changed to name someone else, or to live longer', () => {
    const token = unsubscribeToken(u, 'the-secret', in60Days());
    const [payload, signature] = token.split('.');
    const fields = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as unknown[];
    const forge = (f: unknown[]) => `${Buffer.from(JSON.stringify(f)).toString('base64url')}.${signature}`;
    expect(readUnsubscribeToken(forge([2, 'someone-else', ...fields.slice(2)]), 'the-secret').ok).toBe(false);
    expect(readUnsubscribeToken(forge([...fields.slice(0, 4), 4_000_000_000]), 'the-secret').ok).toBe(false);
    expect(readUnsubscribeToken(forge([...fields, 'CITY']), 'the-secret').ok).toBe(false);
    expect(readUnsubscribeToken('garbage', 'the-secret')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expire: a genuine token past its date is reported as expired', () => {
    const token = unsubscribeToken(u, 'the-secret', new Date('2026-01-01T00:00:00Z'));
    expect(readUnsubscribeToken(token, 'the-secret', new Date('2025-12-31T23:59:59Z')).ok).toBe(true);
    expect(readUnsubscribeToken(token, 'the-secret', new Date('2026-01-01T00:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    // A wrong key is never told apart from a forgery, expired or not.
    expect(readUnsubscribeToken(token, 'other', new Date('2027-01-01'))).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuse tokens of the first scheme (no expiry, signed with the access-token key)', () => {
    const payload = Buffer.from(JSON.stringify([u.userId, u.event, u.channel])).toString('base64url');
    const old = `${payload}.${createHmac('sha256', 'the-secret').update(`unsubscribe:${payload}`).digest('base64url')}`;
    expect(readUnsubscribeToken(old, 'the-secret')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml(`<b>"Ban Tổ chức" & 'Báo'</b>`)).toBe(
      '&lt;b&gt;&quot;Ban Tổ chức&quot; &amp; &#39;Báo&#39;&lt;/b&gt;',
    );
  });
});
