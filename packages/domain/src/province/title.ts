/** A province as its documents and letters name it. */
export interface ProvinceName {
  /** "Lào Cai", "Huế". */
  name: string;
  /** PROVINCE or CITY (a centrally-governed city). */
  kind: string;
}

/** "tỉnh Lào Cai", "thành phố Huế". */
export function provinceTitle(p: ProvinceName): string {
  return `${p.kind === 'CITY' ? 'thành phố' : 'tỉnh'} ${p.name}`;
}
