import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenService } from './tokens';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const claims = {
  userId: '00000000-0000-4000-8000-000000000001',
  sessionId: '00000000-0000-4000-8000-000000000002',
};

afterEach(() => vi.useRealTimers());

describe('TokenService', () => {
  it('verifies its own tokens, again and again, and refuses tampered ones and other keys', async () => {
    const tokens = new TokenService(SECRET, 900);
    const { token } = await tokens.signAccess(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(tokens.verifyAccess(tampered)).rejects.toThrow('Invalid token');
    const other = new TokenService(`${SECRET}-other`, 900);
    await expect(other.verifyAccess(token)).rejects.toThrow('Invalid token');
  });

  it('a token verified before stops working when it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-21T08:00:00+07:00'));
    const tokens = new TokenService(SECRET, 60);
    const { token } = await tokens.signAccess(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    vi.setSystemTime(new Date('2026-11-21T08:01:01+07:00'));
    await expect(tokens.verifyAccess(token)).rejects.toThrow(/expired/);
  });

  it("takes the tokens signed before the key was imported once (the secret's bytes, as jose took them)", async () => {
    const before = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer('thidua')
      .setAudience('thidua-api')
      .setExpirationTime('15m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await new TokenService(SECRET, 900).verifyAccess(before)).toEqual(claims);
  });
});
