import { describe, expect, it } from 'vitest';
import { hashPassword, PASSWORD_POLICY, passwordProblem, verifyPassword } from './password';

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

  it('names what is wrong with a weak password, and states the policy', () => {
    expect(passwordProblem('short')).toBe(`must be at least 10 characters: ${PASSWORD_POLICY}`);
    expect(passwordProblem('long enough password')).toBeNull();
  });

  it.each([
    'password123',
    'Password123',
    'QWERTYUIOP',
    '1234567890',
    'Password2025!', // a common word with digits and symbols around it
    'iloveyou12345',
    'Mật khẩu 123456', // matkhau123456 without diacritics and spaces
    'Anh yêu em 123',
  ])('refuses the common password %s', (p) => {
    expect(passwordProblem(p)).toMatch(/^is a common password: use at least 10 characters/);
  });

  it.each([
    'aaaaaaaaaaaa',
    'abcabcabcabc',
    'aabbaabbaabb',
    '12121212121212',
    'abcdefghijkl',
    'zyxwvutsrqpo',
    'ààààààààààà!',
  ])('refuses the repetition or sequence %s', (p) => {
    expect(passwordProblem(p)).toMatch(/^is a repetition or a sequence: use at least 10 characters/);
  });

  it.each([
    'mùa thu Hà Nội',
    'correct horse battery',
    'Quê hương tôi 1975',
    'ba mươi sáu phố phường',
    // Strong ones whose letters alone are few: the whole password is what counts.
    '7#Qx!92$@5%1',
    '8$hK2!9@4#7&',
    '1975-2025 Huế',
    '31/12/2025 Tết!!',
    '0912 345 678 An',
  ])('accepts the phrase %s', (p) => {
    expect(passwordProblem(p)).toBeNull();
  });

  it('refuses passwords containing or made of the email and name, in any case and with or without marks', () => {
    const person = { email: 'thihoa.tran@laocai.gov.vn', fullName: 'Trần Thị Hoa' };
    expect(passwordProblem('TranThiHoa@2025', person)).toMatch(/^must not contain your name/);
    expect(passwordProblem('xin chào thihoa.tran', person)).toMatch(/^must not contain your email/);
    expect(passwordProblem('Trần Thị Hoa 1990!', person)).toMatch(/^must not contain your name/);
    expect(passwordProblem('hoa tran 19901990', person)).toMatch(/^must not be made of your name or email/);
    expect(passwordProblem('Hoa ban mai trên sông Hồng', person)).toBeNull();
    // The test accounts' password and name.
    expect(
      passwordProblem('Mật khẩu thử nghiệm 2025', {
        email: 'unit_officer-1a2b3c4d@thu.vn',
        fullName: 'Nguyễn Văn Thử',
      }),
    ).toBeNull();
  });
});
