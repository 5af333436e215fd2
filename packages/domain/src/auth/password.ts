import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { dictionary } from '@zxcvbn-ts/language-common';
import { foldVietnamese } from '../text/vietnamese';

/** scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which is what makes GPU guessing expensive. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
export const MIN_PASSWORD_LENGTH = 10;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** Format: scrypt$N$r$p$salt$hash (base64), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummyHash: Promise<string> | undefined;
/** A hash of a random password: verifying against it costs the same time as a real one (no user enumeration). */
export function dummyPasswordHash(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(12).toString('hex')));
}

/** The rule, as every refusal states it. */
export const PASSWORD_POLICY = `use at least ${MIN_PASSWORD_LENGTH} characters that are not a common password and contain neither your email nor your name (a phrase of several words is long and easy to remember)`;

/** Common in Vietnam and missing from the international list. */
const VIETNAMESE_COMMON = [
  'matkhau',
  'matkhau123',
  'matkhau1234',
  'matkhau12345',
  'matkhau123456',
  'anhyeuem',
  'emyeuanh',
  'anhyeuem123',
  'emyeuanh123',
  'vietnam',
  'vietnam123',
  'vietnam1234',
  'hanoi123',
  'saigon123',
  'thidua',
  'thidua123',
  'khenthuong',
  'thiduakhenthuong',
  'admin123',
  'admin@123',
  '123456789a',
  '12345678a',
  'a123456789',
];

let common: Set<string> | undefined;
/** zxcvbn-ts's list of common passwords (about 49,000, from real leaks) and a few Vietnamese ones, lower case. */
function commonPasswords(): Set<string> {
  return (common ??= new Set(
    [...(dictionary['passwords-common'] as string[]), ...VIETNAMESE_COMMON].map((p) => p.toLowerCase()),
  ));
}

/** Lower case, NFC; then without diacritics (đ → d), without spaces, and without the digits and symbols around it. */
function variants(password: string): string[] {
  const lower = password.normalize('NFC').toLowerCase();
  const folded = foldVietnamese(lower);
  const joined = folded.replace(/\s+/g, '');
  const core = joined.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return [...new Set([lower, lower.replace(/\s+/g, ''), folded, joined, core])].filter(Boolean);
}

/**
 * A few characters repeated or a run (NIST SP 800-63B's "repetitive or sequential characters"): "aaaaaaaaaa",
 * "abcabcabcabc", "aabbaabbaabb", "abcdefghijk", "9876543210". A phrase is none of these.
 */
function isPattern(password: string): boolean {
  // The whole password, in lower case and without spaces: "1975-2025 Huế" or "7#Qx!92$@5%1" are no pattern, whatever
  // their letters alone would be.
  const whole = [
    ...new Set([password.normalize('NFC').toLowerCase(), foldVietnamese(password.toLowerCase())]),
  ].map((f) => f.replace(/\s+/g, ''));
  return whole.some((s) => {
    const chars = [...s];
    if (new Set(chars).size < 4 || /^(.{1,4})\1+$/su.test(s)) return true;
    const steps = chars.slice(1).map((c, i) => c.codePointAt(0)! - chars[i]!.codePointAt(0)!);
    return steps.every((d) => d === 1) || steps.every((d) => d === -1);
  });
}

/**
 * Why a password may not be set, or null. Beyond the length: refused when it is a common password (compared in
 * lower case, NFC, with and without diacritics and spaces, and with the digits and symbols around it removed, so
 * "Password2025!" is as common as "password"), when it is a repetition or a run of characters, when it contains
 * the email's local part or the whole name, or when it is made of the name's words and the email's parts with
 * fewer than 6 other letters ("NguyenVanAn1990").
 * Every message ends with the policy.
 */
export function passwordProblem(
  password: string,
  person?: { email: string; fullName: string },
): string | null {
  const refuse = (why: string) => `${why}: ${PASSWORD_POLICY}`;
  if (password.length < MIN_PASSWORD_LENGTH)
    return refuse(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 256) return 'must be at most 256 characters';
  const forms = variants(password);
  if (forms.some((f) => commonPasswords().has(f))) return refuse('is a common password');
  if (isPattern(password)) return refuse('is a repetition or a sequence');
  if (!person) return null;

  const joined = foldVietnamese(password.normalize('NFC')).replace(/\s+/g, '');
  const local = foldVietnamese(person.email.split('@')[0] ?? '');
  const localJoined = local.replace(/[^\p{L}\p{N}]+/gu, '');
  const nameWords = foldVietnamese(person.fullName).split(' ').filter(Boolean);
  const nameJoined = nameWords.join('');
  const bare = joined.replace(/[^\p{L}\p{N}]+/gu, '');
  if (localJoined.length >= 3 && bare.includes(localJoined)) return refuse('must not contain your email');
  if (nameJoined.length >= 4 && bare.includes(nameJoined)) return refuse('must not contain your name');
  const parts = [...nameWords, ...local.split(/[^\p{L}\p{N}]+/u)]
    .filter((w) => w.length >= 2)
    .sort((a, b) => b.length - a.length);
  let rest = bare;
  for (const w of parts) rest = rest.split(w).join('');
  if (rest.replace(/[^\p{L}]+/gu, '').length < 6) return refuse('must not be made of your name or email');
  return null;
}
