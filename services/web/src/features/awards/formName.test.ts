import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import vi from '../../i18n/vi.json';
import type { I18n } from '../../i18n/i18n';
import { formName } from './formName';

const reader = (locale: 'vi' | 'en', table: Record<string, string>) =>
  ({ locale, t: (key: string) => table[key] ?? key }) as unknown as I18n;

describe("an award's name standing alone", () => {
  it('drops the English sentence article and starts with a capital', () => {
    expect(formName(reader('en', en), 'FLAG_PROVINCE')).toBe('Provincial emulation flag');
    expect(formName(reader('en', en), 'MERIT_PROVINCE')).toBe('Provincial certificate of merit');
    // A title already named as one is left as it is.
    expect(formName(reader('en', en), 'COLL_EXCELLENT')).toBe('Excellent Labour Collective');
  });
  it('reads the same in Vietnamese', () => {
    expect(formName(reader('vi', vi), 'FLAG_PROVINCE')).toBe(vi['form.FLAG_PROVINCE']);
  });
});
