import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';
import { interpolate, singular, variants, wordsFor, type Scope } from './i18n';

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

describe('a cluster’s words', () => {
  const words = (table: Record<string, string>, locale: string, scope: Scope, key: string) =>
    wordsFor(table, new Intl.PluralRules(locale), scope, key);
  const block = { city: false, cluster: false };
  const cluster = { city: false, cluster: true };
  const cityCluster = { city: true, cluster: true };

  it('names a cluster’s head and deputy "Trưởng cụm", "Phó cụm", a block’s "Trưởng khối", "Phó khối"', () => {
    expect(words(vi, 'vi', block, 'year.head')).toBe('Trưởng khối');
    expect(words(vi, 'vi', cluster, 'year.head')).toBe('Trưởng cụm');
    expect(words(vi, 'vi', cluster, 'year.deputy')).toBe('Phó cụm');
    expect(words(vi, 'vi', cluster, 'year.toBlock')).toBe('Về trang cụm');
    expect(interpolate(words(vi, 'vi', cluster, 'steps.who.head'), { head: 'UBND xã A' })).toBe(
      'Bước này do đơn vị trưởng cụm – UBND xã A – thực hiện.',
    );
    expect(words(en, 'en-GB', cluster, 'year.toBlock')).toBe('To the cluster');
    // English says "head unit" for both: the plain words.
    expect(words(en, 'en-GB', cluster, 'year.head')).toBe('Head unit');
  });

  it('reads the city’s words where a key has no cluster’s, and both together where it has both', () => {
    expect(words(vi, 'vi', cityCluster, 'form.FLAG_PROVINCE')).toBe(vi['form.FLAG_PROVINCE@city']);
    expect(words(vi, 'vi', cityCluster, 'year.head')).toBe('Trưởng cụm');
    expect(words(vi, 'vi', cityCluster, 'steps.readyClose')).toMatch(/^Cụm được khóa sổ .* toàn thành phố;/);
    expect(words(vi, 'vi', { city: true, cluster: false }, 'steps.readyClose')).toMatch(
      /^Khối .* thành phố;/,
    );
    expect(words(vi, 'vi', cluster, 'steps.readyClose')).toMatch(/^Cụm .* toàn tỉnh;/);
    expect(variants('k', cityCluster)).toEqual(['k@city@cluster', 'k@cluster', 'k@city']);
    expect(variants('k', block)).toEqual([]);
  });

  it('keeps a count’s English one-form in a cluster’s words', () => {
    const table = {
      'n.k': '{n} blocks',
      'n.k#one': '{n} block',
      'n.k@cluster': '{n} clusters',
      'n.k@cluster#one': '{n} cluster',
    };
    const say = (n: number) =>
      interpolate(wordsFor(table, new Intl.PluralRules('en-GB'), cluster, 'n.k', { n }), { n });
    expect([say(1), say(2)]).toEqual(['1 cluster', '2 clusters']);
  });

  for (const [name, table] of [
    ['vi', vi],
    ['en', en],
  ] as const)
    it(`has, in ${name}, words for a cluster in a city wherever a key has both a city’s and a cluster’s, and no variant without its key`, () => {
      const keys = new Set(Object.keys(table));
      for (const key of keys) {
        const base = key.replace(/#one$/, '').replace(/(@city|@cluster)+$/, '');
        expect(table, key).toHaveProperty([base]);
        if (keys.has(`${base}@city`) && keys.has(`${base}@cluster`))
          expect(keys, base).toContain(`${base}@city@cluster`);
      }
    });

  for (const [name, table] of [
    ['vi', vi],
    ['en', en],
  ] as const)
    it(`fills, in ${name}, every variant from its key's values only, and gives English variants their one-form`, () => {
      const params = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      const words = table as Record<string, string>;
      for (const [key, text] of Object.entries(words)) {
        const base = key.replace(/#one$/, '').replace(/(@city|@cluster)+$/, '');
        if (base === key.replace(/#one$/, '')) continue;
        // A page passes the key's values: a name only a variant uses would print as "{cluster}".
        for (const p of params(text)) expect(params(words[base] ?? ''), `${key}: {${p}}`).toContain(p);
        if (!key.endsWith('#one') && words[`${base}#one`] !== undefined)
          expect(words, `${key} lacks its one-form`).toHaveProperty([`${key}#one`]);
      }
    });

  it('says “cụm” in every cluster’s Vietnamese, in the file’s spelling (khóa, hóa, ủy)', () => {
    for (const [key, text] of Object.entries(vi).filter(([k]) => k.endsWith('@cluster'))) {
      expect(text, key).toMatch(/cụm/i);
      expect(text, key).not.toMatch(/hoá|uỷ|khoá/);
    }
  });
});
