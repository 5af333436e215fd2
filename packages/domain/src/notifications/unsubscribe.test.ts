import { describe, expect, it } from 'vitest';
import { escapeHtml, readUnsubscribeToken, unsubscribeToken } from './unsubscribe';

describe('unsubscribe tokens', () => {
  const u = {
    userId: '5d0c2a3e-1111-4222-8333-444455556666',
    event: 'voting.opened',
    channel: 'EMAIL' as const,
  };

  it('round-trip with the secret, and only with it', () => {
    const token = unsubscribeToken(u, 'the-secret');
    expect(readUnsubscribeToken(token, 'the-secret')).toEqual(u);
    expect(readUnsubscribeToken(token, 'another-secret')).toBeNull();
  });

  it('refuse a token changed to name someone else', () => {
    const [, signature] = unsubscribeToken(u, 'the-secret').split('.');
    const forged = `${Buffer.from(JSON.stringify(['someone-else', u.event, 'EMAIL'])).toString('base64url')}.${signature}`;
    expect(readUnsubscribeToken(forged, 'the-secret')).toBeNull();
    expect(readUnsubscribeToken('garbage', 'the-secret')).toBeNull();
  });

  it('escapes text for HTML', () => {
    expect(escapeHtml(`<b>"Ban Tổ chức" & 'Báo'</b>`)).toBe(
      '&lt;b&gt;&quot;Ban Tổ chức&quot; &amp; &#39;Báo&#39;&lt;/b&gt;',
    );
  });
});
