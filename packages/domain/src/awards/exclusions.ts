import type { ProvinceKind } from '../province/title';
import { formWordsEn, formWordsIn, type ProposalForm } from './forms';
import type { AwardRules, Disqualification } from './rules';

/**
 * R1, R7, R8, R9: the members of a block year that may not be proposed for any award, each with the reasons a
 * secretary reads out. The awards engine leaves them out of its proposals; the block vote leaves them off the
 * flag and certificate-of-merit ballots, so that the block does not elect a unit it cannot propose.
 */

export type DeferralReason = 'DISCIPLINE' | 'INSPECTION' | 'COMPLAINT';

export interface ExclusionFacts {
  members: { unitId: string; final: number | null }[];
  /** Discipline processes, inspections or complaints open on the day (R8). */
  openDeferrals: { unitId: string; reason: DeferralReason; note: string }[];
  /** Recorded facts that may disqualify (R9); the rule set decides which do. */
  disqualifications: { unitId: string; reason: Disqualification; detail: string }[];
  /**
   * R7: members another block already proposed this calendar year (a unit that moved blocks during the year is a
   * member of both); one block proposal form a year.
   */
  proposedElsewhere?: { unitId: string; form: ProposalForm; blockName: string }[];
  /** PROVINCE (the default) or CITY: the forms carry the name of the people's committee conferring them. */
  provinceKind?: ProvinceKind;
}

export interface ExclusionReason {
  rule: 'R7' | 'R8' | 'R9';
  text: string;
  /**
   * The reason without the recorded details (a decision's number, a complaint's date): a unit's deferrals and
   * disqualifications are its own and the secretariat's to read; the rest of the block reads only what kind.
   */
  brief: string;
  /** The same two in English, for a reader of the English interface (the recorded details stay as written). */
  english: string;
  briefEnglish: string;
}

export const DEFERRAL_WORDS: Record<DeferralReason, string> = {
  DISCIPLINE: 'đang xem xét kỷ luật',
  INSPECTION: 'đang bị thanh tra',
  COMPLAINT: 'đang có khiếu nại',
};
/** The kind of a unit's open process in one sentence, without its details (for those who may read only that). */
export const deferralBrief = (reason: DeferralReason) => `Hoãn xét khen thưởng: ${DEFERRAL_WORDS[reason]}.`;
const DEFERRAL_ENGLISH: Record<DeferralReason, string> = {
  DISCIPLINE: 'a discipline process is open',
  INSPECTION: 'an inspection is open',
  COMPLAINT: 'a complaint is open',
};
const DISQUALIFICATION_ENGLISH: Record<Disqualification, string> = {
  UNIT_DISCIPLINED: 'the collective was disciplined during the year',
  HEAD_DISCIPLINED: 'its head was disciplined during the year',
  COVENANT_BREACH: 'it breached the emulation covenant',
  SCORE_BELOW_MINIMUM: 'its score is below the minimum',
  LATE_DOSSIER: 'its dossier was late',
};

const DISQUALIFICATION_WORDS: Record<Disqualification, string> = {
  UNIT_DISCIPLINED: 'tập thể bị kỷ luật trong năm',
  HEAD_DISCIPLINED: 'người đứng đầu bị kỷ luật trong năm',
  COVENANT_BREACH: 'vi phạm giao ước thi đua',
  SCORE_BELOW_MINIMUM: 'điểm thấp hơn mức tối thiểu',
  LATE_DOSSIER: 'nộp hồ sơ chậm',
};
const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const fmtEn = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const byUnitThenReason = <T extends { unitId: string; reason: string }>(a: T, b: T) =>
  a.unitId + a.reason < b.unitId + b.reason ? -1 : 1;

/** The excluded members, each with its reasons in a fixed order (the same facts in any order say the same). */
export function awardExclusions(
  facts: ExclusionFacts,
  rules: Pick<AwardRules, 'disqualifications' | 'minimumScore'>,
): Map<string, ExclusionReason[]> {
  const members = new Set(facts.members.map((m) => m.unitId));
  const out = new Map<string, ExclusionReason[]>();
  const add = (unitId: string, reason: ExclusionReason) => {
    if (members.has(unitId)) out.set(unitId, [...(out.get(unitId) ?? []), reason]);
  };
  for (const p of [...(facts.proposedElsewhere ?? [])].sort((a, b) =>
    a.unitId + a.blockName < b.unitId + b.blockName ? -1 : 1,
  )) {
    const text = `Đã được ${p.blockName} đề nghị ${formWordsIn(facts.provinceKind)[p.form]} trong năm: mỗi đơn vị chỉ nhận một hình thức đề nghị của khối, cụm thi đua trong năm.`;
    const english = `Already proposed by ${p.blockName} for ${formWordsEn(facts.provinceKind)[p.form]} this year: a unit receives one block or cluster proposal a year.`;
    add(p.unitId, { rule: 'R7', text, brief: text, english, briefEnglish: english });
  }
  for (const d of [...facts.openDeferrals].sort(byUnitThenReason)) {
    const brief = deferralBrief(d.reason);
    const briefEnglish = `Award review deferred: ${DEFERRAL_ENGLISH[d.reason]}.`;
    add(d.unitId, {
      rule: 'R8',
      text: `${brief.slice(0, -1)} (${d.note}).`,
      brief,
      english: `${briefEnglish.slice(0, -1)} (${d.note}).`,
      briefEnglish,
    });
  }
  for (const d of [...facts.disqualifications].sort(byUnitThenReason)) {
    if (!rules.disqualifications.includes(d.reason)) continue;
    const brief = `Không đủ điều kiện: ${DISQUALIFICATION_WORDS[d.reason]}`;
    const briefEnglish = `Not eligible: ${DISQUALIFICATION_ENGLISH[d.reason]}`;
    add(d.unitId, {
      rule: 'R9',
      text: `${brief} (${d.detail}).`,
      brief: `${brief}.`,
      english: `${briefEnglish} (${d.detail}).`,
      briefEnglish: `${briefEnglish}.`,
    });
  }
  const minimum = rules.minimumScore;
  if (rules.disqualifications.includes('SCORE_BELOW_MINIMUM') && minimum !== null) {
    for (const m of [...facts.members].sort((a, b) => (a.unitId < b.unitId ? -1 : 1))) {
      if (m.final === null || m.final >= minimum || out.has(m.unitId)) continue;
      // The locked scores are the block's to read: nothing private here.
      const text = `Không đủ điều kiện: điểm ${fmt(m.final)} thấp hơn mức tối thiểu ${fmt(minimum)}.`;
      const english = `Not eligible: its score of ${fmtEn(m.final)} is below the minimum of ${fmtEn(minimum)}.`;
      add(m.unitId, { rule: 'R9', text, brief: text, english, briefEnglish: english });
    }
  }
  return out;
}
