import { describe, expect, it } from 'vitest';
import { foldVietnamese, nameProblem, normalizeName } from './vietnamese';

describe('foldVietnamese', () => {
  it.each([
    ['Lào Cai', 'lao cai'],
    ['Đắk Lắk', 'dak lak'],
    ['Ủy ban Kiểm tra Tỉnh ủy', 'uy ban kiem tra tinh uy'],
    ['  Bà   Rịa - Vũng Tàu ', 'ba ria - vung tau'],
    ['Thừa Thiên Huế', 'thua thien hue'],
  ])('%s → %s', (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  it('is idempotent and keeps text without marks unchanged', () => {
    expect(foldVietnamese(foldVietnamese('Hồ Chí Minh'))).toBe('ho chi minh');
  });
});

describe('look-alike names fold alike', () => {
  it.each([
    ['Ｓở Ｎội vụ', 'fullwidth letters'],
    ['Sở\u00a0Nội  vụ', 'a non-breaking space and a double space'],
    ['So\u031b\u0309 Nội vụ', 'decomposed marks'],
    ['SỞ NỘI VỤ', 'capitals'],
  ])('%s (%s)', (lookAlike) => {
    expect(foldVietnamese(lookAlike)).toBe(foldVietnamese('Sở Nội vụ'));
  });

  it('folds the letters that look like đ/Đ', () => {
    for (const d of ['Đ', 'đ', 'Ð', 'ð', 'Ɖ', 'ɖ']) expect(foldVietnamese(`${d}ắk Lắk`)).toBe('dak lak');
  });
});

describe('nameProblem', () => {
  it.each([
    ['Sở\u200bNội vụ', /invisible/],
    ['Sở Nội\u00advụ', /invisible/],
    ['\u202eụv iộN ởS', /invisible/],
    ['Sở\u0000Nội vụ', /control/],
    ['Sở\tNội vụ', /control/],
    ['   ', /blank/],
  ])('refuses %j', (name, reason) => {
    expect(nameProblem(name)).toMatch(reason);
  });

  it('accepts Vietnamese names, composed or not', () => {
    expect(nameProblem('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai')).toBeNull();
    expect(nameProblem('Ban Tổ chức Tỉnh ủy (khối Đảng)')).toBeNull();
    expect(normalizeName('  Sở  Nội\u00a0vụ ')).toBe('Sở Nội vụ');
  });
});
