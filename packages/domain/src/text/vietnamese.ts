/**
 * Folds Vietnamese text for search without diacritics, and for telling names apart: "Lào Cai" and "lao cai" fold
 * alike, and so do look-alikes of one name. NFKC first maps compatibility forms to their plain letters
 * (fullwidth "Ｌào", the "ﬁ" ligature, non-breaking spaces); NFD then separates the marks, which are dropped.
 * đ/Đ is a distinct letter, not a base letter with a mark, so NFD leaves it alone: map it, and the letters that
 * look like it (Icelandic Ð/ð, African Ɖ/ɖ), by hand. Invisible format characters are dropped.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\p{Cf}/gu, '')
    .replace(/[đĐðÐɖƉ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Why a name (of a unit, block or person) cannot be stored as typed, or null. Control characters (tab, line
 * break, NUL) and invisible format characters (zero-width space and joiners, soft hyphen, bidirectional marks
 * and overrides, the byte-order mark) are refused rather than removed: a name that hides characters can pass for
 * another one.
 */
export function nameProblem(text: string): string | null {
  if (/\p{Cc}/u.test(text)) return 'must not contain control characters (tab, line break, …)';
  if (/\p{Cf}/u.test(text))
    return 'must not contain invisible characters (zero-width, soft hyphen, direction marks)';
  if (!text.trim()) return 'must not be blank';
  return null;
}

/** A name as stored: NFC (composed Vietnamese), spaces collapsed, trimmed. */
export function normalizeName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
