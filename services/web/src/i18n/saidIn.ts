/**
 * A line the server wrote in Vietnamese and English (the awards engine's lines, an import's problems and notes), in
 * the reader's language: its English where the server wrote one (lines stored before it did have none), else as
 * written, in Vietnamese, marked so (`lang`) for a screen reader.
 */
export function saidIn(
  locale: string,
  line: { text: string; english?: string | null },
): { text: string; lang: 'vi' | 'en' } {
  return locale === 'en' && line.english
    ? { text: line.english, lang: 'en' }
    : { text: line.text, lang: 'vi' };
}
