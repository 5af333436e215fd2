import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects others, with a fresh salt each time', async () => {
    const a = await hashPassword('Mật khẩu an toàn 2025');
    const b = await hashPassword('Mật khẩu an toàn 2025');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Mật khẩu an toàn 2025', a)).toBe(true);
    expect(await verifyPassword('mật khẩu an toàn 2025', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('treats composed and decomposed Vietnamese the same', async () => {
    const hash = await hashPassword('Hà Nội mùa thu');
    expect(await verifyPassword('Hà Nội mùa thu'.normalize('NFD'), hash)).toBe(true);
  });

  it('names what is wrong with a weak password', () => {
    expect(passwordProblem('short')).toBe('must be at least 10 characters');
    expect(passwordProblem('long enough password')).toBeNull();
  });
});
