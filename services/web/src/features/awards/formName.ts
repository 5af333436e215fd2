import { sentenceCase, type I18n, type MessageKey } from '../../i18n/i18n';

/**
 * An award's name standing alone (a table cell, a link, after a dash): English drops the article its sentences
 * need ("the provincial emulation flag" → "Provincial emulation flag"); Vietnamese names read the same anywhere.
 */
export function formName(i18n: Pick<I18n, 'locale' | 't'>, form: string): string {
  const words = i18n.t(`form.${form}` as MessageKey);
  return i18n.locale === 'en' ? sentenceCase(words.replace(/^the /, '')) : words;
}
