import { describe, expect, it } from 'vitest';
import { isPrivateAddress, verifyWebhookSignature, webhookSignature } from './webhook';

describe('webhooks', () => {
  it('sign timestamp and body; a change to either breaks the signature', () => {
    const sig = webhookSignature('secret', '1795300000', '{"event":"voting.opened"}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature('secret', '1795300000', '{"event":"voting.opened"}', sig)).toBe(true);
    expect(verifyWebhookSignature('secret', '1795300001', '{"event":"voting.opened"}', sig)).toBe(false);
    expect(verifyWebhookSignature('other', '1795300000', '{"event":"voting.opened"}', sig)).toBe(false);
  });

  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.5', true],
    ['192.168.1.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['::1', true],
    ['fd00::1', true],
    ['::ffff:10.0.0.1', true],
    ['203.113.131.1', false],
    ['2001:ee0::1', false],
  ])('%s private: %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});
