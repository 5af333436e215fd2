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
