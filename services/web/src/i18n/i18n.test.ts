import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';
import { interpolate, singular } from './i18n';

const say = (table: Record<string, string>, locale: string, key: string, n: number | string) =>
  interpolate(singular(table, new Intl.PluralRules(locale), key, { n }) ?? table[key]!, { n });

describe('counts', () => {
  it('reads one seat and two seats in English, and one form in Vietnamese', () => {
    expect(say(en, 'en-GB', 'decide.unfilled', 1)).toBe('1 seat left empty.');
    expect(say(en, 'en-GB', 'decide.unfilled', 2)).toBe('2 seats left empty.');
    expect(say(en, 'en-GB', 'decide.unfilled', 0)).toBe('0 seats left empty.');
    // A count already formatted for the page.
    expect(say(en, 'en-GB', 'home.count', '1')).toBe('1 item');
    expect(say(en, 'en-GB', 'home.count', '1,234')).toBe('1,234 items');
    expect(say(vi, 'vi', 'decide.unfilled', 1)).toBe(vi['decide.unfilled'].replace('{n}', '1'));
  });

  it('has a plural form beside every English one-form', () => {
    for (const key of Object.keys(en).filter((k) => k.endsWith('#one')))
      expect(en).toHaveProperty([key.slice(0, -'#one'.length)]);
  });
});
