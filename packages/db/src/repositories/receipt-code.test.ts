import { describe, expect, it } from 'vitest';
import { receiptCode } from './voting.repository';

describe('a ballot receipt code', () => {
  // 1,000 codes: the pool of random bytes (128 codes) is refilled several times on the way.
  const codes = Array.from({ length: 1000 }, receiptCode);

  it('reads as five symbols, a hyphen and five more (K7M2Q-RT9HX), with no 0, O, 1 or I to misread', () => {
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
  });

  it('is never repeated, and uses every one of its 32 symbols', () => {
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(codes.join('').replaceAll('-', '')).size).toBe(32);
  });
});
