import { describe, expect, it } from 'vitest';
import vi from '../../i18n/vi.json';
import type { I18n } from '../../i18n/i18n';
import { outcomeWords } from './parts';

/** The Vietnamese messages with their {placeholders} filled, as the pages' `t` does. */
const t = ((key: string, params: Record<string, string | number> = {}) =>
  (vi as Record<string, string>)[key]!.replace(/\{(\w+)\}/g, (_, name: string) =>
    String(params[name]),
  )) as I18n['t'];

const result = (kind: string, unfilledSeats: number, withdrawn: string | null = null) => ({
  kind,
  shortfall: unfilledSeats ? 'THRESHOLD' : null,
  unfilledSeats,
  withdrawn,
});

describe('what a round’s outcome means, in one sentence', () => {
  it('names the contests a next round is for, not those filled', () => {
    const results = [result('FLAG', 0), result('NEXT_HEAD', 0), result('NEXT_DEPUTY', 1), result('MERIT', 2)];
    expect(outcomeWords(t, { kind: 'BLOCK', outcome: 'NEXT_ROUND' }, results)).toBe(
      'Bỏ phiếu vòng tiếp theo cho: Phó khối năm sau; ' + `${vi['voting.contest.MERIT']}.`,
    );
  });

  it('falls back to the outcome’s own words when no contest is left open, and says a council counted questions', () => {
    expect(outcomeWords(t, { kind: 'BLOCK', outcome: 'NEXT_ROUND' }, [result('FLAG', 0)])).toBe(
      vi['results.outcome.NEXT_ROUND'],
    );
    expect(outcomeWords(t, { kind: 'BLOCK', outcome: 'COMPLETE' }, [result('FLAG', 0)])).toBe('Đã bầu đủ.');
    expect(
      outcomeWords(t, { kind: 'COUNCIL', outcome: 'COMPLETE' }, [
        result('APPROVAL', 1),
        result('APPROVAL', 0, 'Hoãn xét'),
      ]),
    ).toBe('Hội đồng đã biểu quyết xong tất cả các hồ sơ được trình.');
    expect(outcomeWords(t, { kind: 'BLOCK', outcome: null }, [])).toBeNull();
  });

  it('leaves out a council question taken off the session', () => {
    const results = [result('NEXT_DEPUTY', 1, 'Rút khỏi phiên')];
    expect(outcomeWords(t, { kind: 'BLOCK', outcome: 'NEXT_ROUND' }, results)).toBe(
      vi['results.outcome.NEXT_ROUND'],
    );
  });
});
