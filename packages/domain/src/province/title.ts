/** A province, or a centrally-governed city (thành phố trực thuộc trung ương). */
export type ProvinceKind = 'PROVINCE' | 'CITY';

/** A province as its documents and letters name it. */
export interface ProvinceName {
  /** "Lào Cai", "Huế". */
  name: string;
  kind: ProvinceKind;
}

/** "tỉnh" or "thành phố": as a province's own bodies are named ("Hội đồng Thi đua – Khen thưởng thành phố"). */
export const placeWord = (kind?: ProvinceKind | null) => (kind === 'CITY' ? 'thành phố' : 'tỉnh');
/** The same as an English adjective: "the provincial council", "the city council". */
export const placeWordEn = (kind?: ProvinceKind | null) => (kind === 'CITY' ? 'city' : 'provincial');

/** "tỉnh Lào Cai", "thành phố Huế". */
export function provinceTitle(p: ProvinceName): string {
  return `${placeWord(p.kind)} ${p.name}`;
}

/**
 * A name typed with its kind ("Tỉnh Lào Cai", "Thành phố Huế", "TP. Huế"): the kind is chosen apart and
 * `provinceTitle` adds it, so the letters would read "tỉnh Tỉnh Lào Cai".
 */
export const NAME_WITH_KIND = /^\s*(tỉnh\s|thành phố\s|tp\.|tp\s)/iu;
