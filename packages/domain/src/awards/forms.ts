/**
 * What a block year proposes: flags and certificates of merit to units, the provincial Emulation Fighter title to
 * people whose grassroots streak qualifies them (the council then selects, R10).
 */
export type ProposalForm = 'FLAG_PROVINCE' | 'MERIT_PROVINCE' | 'CSTD_PROV';

/** The forms' official Vietnamese names. */
export const FORM_WORDS: Record<ProposalForm, string> = {
  FLAG_PROVINCE: 'Cờ thi đua của UBND tỉnh',
  MERIT_PROVINCE: 'Bằng khen của Chủ tịch UBND tỉnh',
  CSTD_PROV: 'Chiến sĩ thi đua cấp tỉnh',
};

/**
 * A form as it is conferred: a title (danh hiệu) says so, "tặng danh hiệu Chiến sĩ thi đua cấp tỉnh", not "tặng
 * Chiến sĩ thi đua cấp tỉnh"; a flag or a certificate is named as it is. Takes the form's Vietnamese name.
 */
export const conferredAs = (formWords: string) =>
  /^(Chiến sĩ|Tập thể lao động)/.test(formWords) ? `danh hiệu ${formWords}` : formWords;

/**
 * The order of a decision's annex, on its page as in its document: collectives, then individuals; within each,
 * the higher award first (FORM_WORDS' order).
 */
export function annexOrder(
  a: { personId: string | null; form: string },
  b: { personId: string | null; form: string },
): number {
  const rank = (form: string) => Object.keys(FORM_WORDS).indexOf(form);
  return Number(!!a.personId) - Number(!!b.personId) || rank(a.form) - rank(b.form);
}
