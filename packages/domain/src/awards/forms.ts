import { placeWordEn, type ProvinceKind } from '../province/title';

/**
 * What a block year proposes: flags and certificates of merit to units, the provincial Emulation Fighter title to
 * people whose grassroots streak qualifies them (the council then selects, R10).
 */
export type ProposalForm = 'FLAG_PROVINCE' | 'MERIT_PROVINCE' | 'CSTD_PROV';

/** The forms, the higher award first: a decision's annex and a council's list read them in this order. */
export const PROPOSAL_FORMS: readonly ProposalForm[] = ['FLAG_PROVINCE', 'MERIT_PROVINCE', 'CSTD_PROV'];

export const isProposalForm = (form: string): form is ProposalForm =>
  (PROPOSAL_FORMS as readonly string[]).includes(form);

/**
 * The forms' official Vietnamese names. A centrally-governed city's people's committee confers them in its own
 * name: "Cờ thi đua của UBND thành phố", "Chiến sĩ thi đua thành phố" (as Hà Nội's and Huế's decisions read).
 */
const FORM_WORDS: Record<ProvinceKind, Record<ProposalForm, string>> = {
  PROVINCE: {
    FLAG_PROVINCE: 'Cờ thi đua của UBND tỉnh',
    MERIT_PROVINCE: 'Bằng khen của Chủ tịch UBND tỉnh',
    CSTD_PROV: 'Chiến sĩ thi đua cấp tỉnh',
  },
  CITY: {
    FLAG_PROVINCE: 'Cờ thi đua của UBND thành phố',
    MERIT_PROVINCE: 'Bằng khen của Chủ tịch UBND thành phố',
    CSTD_PROV: 'Chiến sĩ thi đua thành phố',
  },
};

/** The forms' names where they are conferred: a province (PROVINCE, the default) or a centrally-governed city. */
export const formWordsIn = (provinceKind?: ProvinceKind | null): Record<ProposalForm, string> =>
  FORM_WORDS[provinceKind ?? 'PROVINCE'];

/** The forms in English (explanations, notices): a centrally-governed city confers them in its own name. */
export const formWordsEn = (kind?: ProvinceKind | null): Record<ProposalForm, string> => {
  const place = placeWordEn(kind);
  return {
    FLAG_PROVINCE: `the ${place} emulation flag`,
    MERIT_PROVINCE: `the ${place} chairman's certificate of merit`,
    CSTD_PROV: `the title of ${place} Emulation Fighter`,
  };
};

/**
 * A form as it is conferred: a title (danh hiệu) says so, "tặng danh hiệu Chiến sĩ thi đua cấp tỉnh", not "tặng
 * Chiến sĩ thi đua cấp tỉnh"; a flag or a certificate is named as it is. Takes the form's Vietnamese name.
 */
export const conferredAs = (formWords: string) =>
  /^(Chiến sĩ|Tập thể lao động)/.test(formWords) ? `danh hiệu ${formWords}` : formWords;

/**
 * The order of a decision's annex, on its page as in its document: collectives, then individuals; within each,
 * the higher award first (PROPOSAL_FORMS' order).
 */
export function annexOrder(
  a: { personId: string | null; form: string },
  b: { personId: string | null; form: string },
): number {
  const rank = (form: string) => (PROPOSAL_FORMS as readonly string[]).indexOf(form);
  return Number(!!a.personId) - Number(!!b.personId) || rank(a.form) - rank(b.form);
}
