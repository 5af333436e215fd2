import { formWordsIn } from './awards/forms';
import { placeWord, type ProvinceKind } from './province/title';

/** Emulation titles (domain.md §2) a unit can register for itself or for its people. */
export const COLLECTIVE_TITLES = [
  'FLAG_GOVERNMENT',
  'FLAG_PROVINCE',
  'COLL_EXCELLENT',
  'COLL_ADVANCED',
] as const;
export const INDIVIDUAL_TITLES = ['CSTD_NAT', 'CSTD_PROV', 'CSTD_BASE', 'LDTT'] as const;
export const TITLES = [...COLLECTIVE_TITLES, ...INDIVIDUAL_TITLES] as const;
export type Title = (typeof TITLES)[number];

/**
 * Titles that are grades of one (Law 06/2022 art. 27–28: a collective is "lao động xuất sắc" or "lao động tiên
 * tiến" in a year, not both): a unit registers one of them.
 */
export const OTHER_GRADE: Partial<Record<Title, Title>> = {
  COLL_EXCELLENT: 'COLL_ADVANCED',
  COLL_ADVANCED: 'COLL_EXCELLENT',
};

export function isIndividualTitle(title: Title): boolean {
  return (INDIVIDUAL_TITLES as readonly string[]).includes(title);
}

/**
 * Titles as the Law names them, collectives first, in a province (the default) or a centrally-governed city,
 * whose people's committee confers its flag and its Emulation Fighter in its own name.
 */
export function titleNames(provinceKind?: ProvinceKind | null): Record<Title, string> {
  const place = placeWord(provinceKind);
  return {
    FLAG_GOVERNMENT: 'Cờ thi đua của Chính phủ',
    FLAG_PROVINCE: `Cờ thi đua của Ủy ban nhân dân ${place}`,
    COLL_EXCELLENT: 'Tập thể lao động xuất sắc',
    COLL_ADVANCED: 'Tập thể lao động tiên tiến',
    CSTD_NAT: 'Chiến sĩ thi đua toàn quốc',
    CSTD_PROV: formWordsIn(provinceKind).CSTD_PROV,
    CSTD_BASE: 'Chiến sĩ thi đua cơ sở',
    LDTT: 'Lao động tiên tiến',
  };
}

/** The titles in English, as the web application's messages name them. */
export function titleNamesEn(provinceKind?: ProvinceKind | null): Record<Title, string> {
  const place = provinceKind === 'CITY' ? 'City' : 'Provincial';
  return {
    FLAG_GOVERNMENT: 'Government Emulation Flag',
    FLAG_PROVINCE: `${place} Emulation Flag`,
    COLL_EXCELLENT: 'Excellent Labour Collective',
    COLL_ADVANCED: 'Advanced Labour Collective',
    CSTD_NAT: 'National Emulation Fighter',
    CSTD_PROV: `${place} Emulation Fighter`,
    CSTD_BASE: 'Grassroots Emulation Fighter',
    LDTT: 'Advanced Worker',
  };
}
