import { describe, expect, it } from 'vitest';
import { awardExclusions, type ExclusionFacts } from './exclusions';

const facts: ExclusionFacts = {
  members: [
    { unitId: 'a', final: 95 },
    { unitId: 'b', final: 78.5 },
    { unitId: 'c', final: 90 },
  ],
  openDeferrals: [{ unitId: 'c', reason: 'INSPECTION', note: 'Quyết định thanh tra số 15/QĐ-TTr' }],
  disqualifications: [
    { unitId: 'c', reason: 'COVENANT_BREACH', detail: 'Biên bản ngày 10/10/2026' },
    { unitId: 'a', reason: 'LATE_DOSSIER', detail: 'Nộp ngày 30/01/2027' },
    { unitId: 'x', reason: 'UNIT_DISCIPLINED', detail: 'không phải thành viên' },
  ],
};

describe('who may not be proposed for an award (R1, R8, R9)', () => {
  it('names each excluded member with its reasons, deferral first, each also without its recorded details; a reason the province does not list excludes nobody', () => {
    const out = awardExclusions(facts, {
      disqualifications: ['COVENANT_BREACH', 'SCORE_BELOW_MINIMUM'],
      minimumScore: 80,
    });
    expect(Object.fromEntries(out)).toEqual({
      c: [
        {
          rule: 'R8',
          text: 'Hoãn xét khen thưởng: đang bị thanh tra (Quyết định thanh tra số 15/QĐ-TTr).',
          brief: 'Hoãn xét khen thưởng: đang bị thanh tra.',
          english: 'Award review deferred: an inspection is open (Quyết định thanh tra số 15/QĐ-TTr).',
          briefEnglish: 'Award review deferred: an inspection is open.',
        },
        {
          rule: 'R9',
          text: 'Không đủ điều kiện: vi phạm giao ước thi đua (Biên bản ngày 10/10/2026).',
          brief: 'Không đủ điều kiện: vi phạm giao ước thi đua.',
          english: 'Not eligible: it breached the emulation covenant (Biên bản ngày 10/10/2026).',
          briefEnglish: 'Not eligible: it breached the emulation covenant.',
        },
      ],
      b: [
        {
          rule: 'R9',
          text: 'Không đủ điều kiện: điểm 78,5 thấp hơn mức tối thiểu 80.',
          brief: 'Không đủ điều kiện: điểm 78,5 thấp hơn mức tối thiểu 80.',
          english: 'Not eligible: its score of 78.5 is below the minimum of 80.',
          briefEnglish: 'Not eligible: its score of 78.5 is below the minimum of 80.',
        },
      ],
    });
  });

  it('gives the same answer whatever order the facts come in', () => {
    const rules: Parameters<typeof awardExclusions>[1] = {
      disqualifications: ['COVENANT_BREACH', 'LATE_DOSSIER'],
      minimumScore: null,
    };
    const reversed = {
      members: [...facts.members].reverse(),
      openDeferrals: [...facts.openDeferrals].reverse(),
      disqualifications: [...facts.disqualifications].reverse(),
    };
    expect(Object.fromEntries(awardExclusions(reversed, rules))).toEqual(
      Object.fromEntries(awardExclusions(facts, rules)),
    );
    expect([...awardExclusions(facts, rules).keys()].sort()).toEqual(['a', 'c']);
  });

  it('a unit another block proposed this year is not proposed again (R7)', () => {
    const out = awardExclusions(
      {
        ...facts,
        openDeferrals: [],
        disqualifications: [],
        proposedElsewhere: [{ unitId: 'a', form: 'FLAG_PROVINCE', blockName: 'Khối các cơ quan Đảng tỉnh' }],
      },
      { disqualifications: [], minimumScore: null },
    );
    expect(Object.fromEntries(out)).toEqual({
      a: [
        {
          rule: 'R7',
          text: 'Đã được Khối các cơ quan Đảng tỉnh đề nghị Cờ thi đua của UBND tỉnh trong năm: mỗi đơn vị chỉ nhận một hình thức đề nghị của khối, cụm thi đua trong năm.',
          brief:
            'Đã được Khối các cơ quan Đảng tỉnh đề nghị Cờ thi đua của UBND tỉnh trong năm: mỗi đơn vị chỉ nhận một hình thức đề nghị của khối, cụm thi đua trong năm.',
          english:
            'Already proposed by Khối các cơ quan Đảng tỉnh for the provincial emulation flag this year: a unit receives one block or cluster proposal a year.',
          briefEnglish:
            'Already proposed by Khối các cơ quan Đảng tỉnh for the provincial emulation flag this year: a unit receives one block or cluster proposal a year.',
        },
      ],
    });
  });
});
