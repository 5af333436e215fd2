/**
 * Folds Vietnamese text for search without diacritics: "Lào Cai" and "lao cai" fold alike.
 * đ/Đ is a distinct letter, not a base letter with a mark, so NFD leaves it alone: map it by hand.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
