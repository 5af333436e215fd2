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
