import { describe, expect, it } from 'vitest';
import { interpolate, type I18n } from '../../i18n/i18n';
import vi from '../../i18n/vi.json';
import { missingInWords, waitingForYear } from './missing';

const i18n = { locale: 'vi', t: (key, params) => interpolate(vi[key], params) } as I18n;

// The API's words (packages/domain state-machine.ts) for what the block vote still needs, as a secretary reads them.
describe('what the vote still needs, said of the round it has reached', () => {
  it.each([
    ['a vote opened at the conference', 'bỏ phiếu tại hội nghị (chưa mở vòng nào)'],
    [
      'round 2 of the vote to close, and its results published',
      'vòng 2 đang bỏ phiếu (chờ kết thúc và công bố kết quả)',
    ],
    ['the results of round 1 published', 'công bố kết quả vòng 1'],
    ["the head and deputy's decision after round 2", 'Trưởng khối và Phó khối quyết định sau vòng 2'],
    ['round 3 of the vote', 'bỏ phiếu vòng 3'],
    ['2 of 8 members have not signed the covenant', '2/8 thành viên chưa ký giao ước'],
  ])('%s', (api, words) => {
    expect(missingInWords(i18n, api, { year: 2026 })).toBe(words);
  });
});

describe('what the head unit waits on the secretariat for', () => {
  it.each([
    ['a theme', 'chủ đề thi đua (việc của Sở Nội vụ)'],
    ['a criteria set for the year', 'bảng tiêu chí chấm điểm của năm (việc của Sở Nội vụ)'],
    ['the block needs at least 2 members this year', expect.stringMatching(/ \(việc của Sở Nội vụ\)$/)],
  ])('%s: said to the unit that takes the step, not left to guess whom to ask', (api, words) => {
    expect(missingInWords(i18n, api, { forRunner: true, year: 2026 })).toEqual(words);
    // The secretariat, which sets it, reads the item alone.
    expect(missingInWords(i18n, api, { year: 2026 })).not.toContain('Sở Nội vụ');
  });
  it('its own part is said as it is', () => {
    expect(missingInWords(i18n, 'covenant items', { forRunner: true, year: 2026 })).not.toContain(
      'Sở Nội vụ',
    );
  });
});

describe('a year waiting only for its calendar year', () => {
  const dated = { ...i18n, date: (d: string) => d.split('-').reverse().join('/') } as I18n;
  it('is said as a wait with its first day, not as something missing', () => {
    expect(waitingForYear(dated, { year: 2027, nextStepMissing: ['the year to have begun'] })).toBe(
      'Chờ năm 2027 bắt đầu (từ ngày 01/01/2027): năm thi đua được chấm điểm vào cuối năm, không chấm trước khi năm bắt đầu.',
    );
  });
  it('is not when something else is missing too', () => {
    expect(
      waitingForYear(dated, {
        year: 2027,
        nextStepMissing: ['the year to have begun', 'a criteria set for the year'],
      }),
    ).toBeNull();
    // Then listed with the rest, still as a wait with its day.
    expect(missingInWords(dated, 'the year to have begun', { year: 2027 })).toBe(
      'chờ năm 2027 bắt đầu, từ ngày 01/01/2027 (năm thi đua được chấm điểm vào cuối năm)',
    );
  });
});
