import { describe, expect, it } from 'vitest';
import { interpolate, type I18n, type MessageKey } from '../../i18n/i18n';
import vi from '../../i18n/vi.json';
import { seatsFilled, seatsWords } from './parts';

const t: I18n['t'] = (key, params) => interpolate(vi[key as MessageKey] ?? key, params);
const NAMES: Record<string, string> = { a: 'Sở Công Thương', b: 'Sở Xây dựng', c: 'Sở Y tế' };
const name = (u: string) => NAMES[u] ?? u;
const decided = (unitIds: string[], confirmedAt: string | null = '2026-12-06T03:00:00Z') => [
  { contestId: 'merit', unitIds, confirmedAt },
];

describe("a contest's seats, as announced", () => {
  it('names the elected, then the units the head and deputy decided, then the seats still empty (R5)', () => {
    // Two seats: the vote elected one; the head and deputy filled the other.
    const contest = { contestId: 'merit', elected: ['a'], unfilledSeats: 1 };
    expect(seatsWords(t, seatsFilled(contest, decided(['b'])), name)).toBe(
      'Sở Công Thương; Trưởng khối và Phó khối quyết định: Sở Xây dựng',
    );
    // Three seats, one elected, one decided: one stays empty and is said.
    const three = { contestId: 'merit', elected: ['a'], unfilledSeats: 2 };
    expect(seatsFilled(three, decided(['b'])).open).toBe(1);
    expect(seatsWords(t, seatsFilled(three, decided(['b'])), name)).toBe(
      'Sở Công Thương; Trưởng khối và Phó khối quyết định: Sở Xây dựng (còn 1 vị trí chưa có đơn vị trúng cử)',
    );
  });

  it('counts a proposal the deputy has not confirmed as nothing decided', () => {
    const contest = { contestId: 'merit', elected: [], unfilledSeats: 1 };
    expect(seatsWords(t, seatsFilled(contest, decided(['c'], null)), name)).toBe('Không có đơn vị trúng cử.');
    expect(seatsWords(t, seatsFilled(contest, decided(['c'])), name)).toBe(
      'Trưởng khối và Phó khối quyết định: Sở Y tế',
    );
  });
});
