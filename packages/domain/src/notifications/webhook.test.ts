import { describe, expect, it } from 'vitest';
import {
  checkWebhookTarget,
  isPrivateAddress,
  verifyWebhookSignature,
  webhookAddressProblem,
  webhookFailureCause,
  webhookSignature,
} from './webhook';

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
    ['0.0.0.0', true],
    ['198.18.0.1', true], // benchmarking, 198.18/15
    ['198.19.255.254', true],
    ['192.0.2.10', true], // documentation
    ['203.0.113.7', true],
    ['224.0.0.251', true], // multicast
    ['239.255.255.250', true],
    ['255.255.255.255', true], // broadcast
    ['240.0.0.1', true], // reserved
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['ff02::1', true], // multicast
    ['2001:db8::1', true], // documentation
    ['64:ff9b::a00:1', true], // NAT64 of 10.0.0.1
    ['2002:7f00:1::1', true], // 6to4 of 127.0.0.1
    ['2001::1', true], // Teredo
    ['::ffff:10.0.0.1', true],
    ['::ffff:127.0.0.1', true],
    ['203.113.131.1', false],
    ['8.8.8.8', false],
    ['2001:ee0::1', false],
    ['2606:4700:4700::1111', false],
    ['[2001:ee0::1]', false],
  ])('%s refused: %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });

  it('names the range it refuses', () => {
    expect(webhookAddressProblem('198.18.0.1')).toMatch(/benchmarking/);
    expect(webhookAddressProblem('224.0.0.1')).toMatch(/multicast/);
    expect(webhookAddressProblem('not-an-ip')).toMatch(/not an IP address/);
  });

  it('checks every address a name resolves to, and returns the first to connect to', async () => {
    const answers =
      (...a: string[]) =>
      async () =>
        a.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const mixed = await checkWebhookTarget(
      'https://hooks.example.vn/x',
      answers('203.113.131.1', '127.0.0.1'),
      false,
    );
    expect(mixed).toEqual({ problem: expect.stringMatching(/127\.0\.0\.1 is in a loopback range/) });
    const good = await checkWebhookTarget(
      'https://hooks.example.vn:8443/x',
      answers('203.113.131.1', '2001:ee0::1'),
      false,
    );
    expect('target' in good && good.target).toMatchObject({
      hostname: 'hooks.example.vn',
      address: '203.113.131.1',
      family: 4,
    });
    const literal = await checkWebhookTarget(
      'http://[2001:ee0::1]/x',
      () => Promise.reject(new Error('not used')),
      false,
    );
    expect('target' in literal && literal.target).toMatchObject({
      hostname: '2001:ee0::1',
      address: '2001:ee0::1',
      family: 6,
    });
    const none = await checkWebhookTarget(
      'http://nowhere.invalid/',
      () => Promise.reject(new Error('ENOTFOUND')),
      false,
    );
    expect(none).toEqual({ problem: 'the host name does not resolve' });
    expect(await checkWebhookTarget('http://127.0.0.1:9/x', answers(), true)).toHaveProperty(
      'target.address',
      '127.0.0.1',
    );
  });

  it('a failed attempt has one cause, from the error Node raised or from the text logged before causes were kept', () => {
    const err = (message: string, code?: string, name = 'Error') =>
      Object.assign(new Error(message), { name, ...(code ? { code } : {}) });
    expect(webhookFailureCause(503, null)).toBe('HTTP_STATUS');
    expect(webhookFailureCause(301, null)).toBe('HTTP_STATUS');
    expect(webhookFailureCause(204, null)).toBeNull();
    // Raised by the sender (node:http and node:https), with their code.
    expect(webhookFailureCause(null, err('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'))).toBe(
      'REFUSED',
    );
    expect(webhookFailureCause(null, err('getaddrinfo ENOTFOUND x.invalid', 'ENOTFOUND'))).toBe('DNS');
    expect(webhookFailureCause(null, err('The operation was aborted', 'ABORT_ERR', 'AbortError'))).toBe(
      'TIMEOUT',
    );
    expect(webhookFailureCause(null, err('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe(
      'CERTIFICATE',
    );
    expect(webhookFailureCause(null, err('certificate has expired', 'CERT_HAS_EXPIRED'))).toBe('CERTIFICATE');
    expect(webhookFailureCause(null, err('socket hang up', 'ECONNRESET'))).toBe('UNREACHABLE');
    expect(webhookFailureCause(null, err('connect EHOSTUNREACH 203.113.131.1:443', 'EHOSTUNREACH'))).toBe(
      'UNREACHABLE',
    );
    // The sender's own check at send time.
    expect(webhookFailureCause(null, err('refused: the host name does not resolve'))).toBe('DNS');
    expect(
      webhookFailureCause(
        null,
        err('refused: 127.0.0.1 is in a loopback range: webhooks go to public endpoints only'),
      ),
    ).toBe('BLOCKED');
    expect(webhookFailureCause(null, err('something else entirely'))).toBe('OTHER');
    // Text alone, as attempts were logged before: the same causes.
    const tls =
      'Error: write EPROTO 802C072E957F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n';
    expect(webhookFailureCause(null, tls)).toBe('TLS');
    expect(webhookFailureCause(null, err(tls.slice(7), 'EPROTO'))).toBe('TLS');
    expect(webhookFailureCause(null, 'Error: connect ECONNREFUSED 127.0.0.1:1')).toBe('REFUSED');
    expect(webhookFailureCause(null, 'Error: getaddrinfo EAI_AGAIN hooks.example.vn')).toBe('DNS');
    expect(webhookFailureCause(null, 'AbortError: The operation was aborted')).toBe('TIMEOUT');
    expect(webhookFailureCause(null, 'Error: self-signed certificate')).toBe('CERTIFICATE');
    expect(webhookFailureCause(null, 'Error: refused: 10.0.0.7 is in a private range')).toBe('BLOCKED');
    expect(webhookFailureCause(null, 'Error: socket hang up')).toBe('UNREACHABLE');
  });
});
