import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './vietnamese';

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
