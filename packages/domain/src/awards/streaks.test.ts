import { describe, expect, it } from 'vitest';
import {
  STREAK_RULES,
  streakStanding,
  type AchievementFact,
  type History,
  type LineageLink,
} from './streaks';

const held = (subjectId: string, title: AchievementFact['title'], ...years: number[]): AchievementFact[] =>
  years.map((year) => ({ subjectId, year, title }));
const link = (
  successorId: string,
  predecessorId: string,
  effectiveOn: string,
  kind: LineageLink['kind'] = 'MERGE',
): LineageLink => ({
  successorId,
  predecessorId,
  predecessorName: `Đơn vị ${predecessorId}`,
  kind,
  effectiveOn,
});
const merit = (
  id: string,
  year: number,
  history: History,
  mode: 'ALL_PREDECESSORS' | 'ANY_PREDECESSOR' = 'ALL_PREDECESSORS',
) => streakStanding(STREAK_RULES.MERIT_PROVINCE, id, year, history, mode);

describe('streakStanding', () => {
  it('counts the run ending this year, or last year while this year is not conferred yet', () => {
    const facts = held('u', 'COLL_EXCELLENT', 2022, 2023, 2024);
    expect(merit('u', 2024, { facts, links: [] })).toMatchObject({ met: true, years: [2022, 2023, 2024] });
    expect(merit('u', 2025, { facts, links: [] })).toMatchObject({ met: true, years: [2022, 2023, 2024] });
    expect(merit('u', 2026, { facts, links: [] })).toMatchObject({ met: false, years: [] });
  });

  it('a gap breaks the run', () => {
    const facts = held('u', 'COLL_EXCELLENT', 2021, 2023);
    expect(merit('u', 2023, { facts, links: [] })).toMatchObject({ met: false, years: [2023] });
  });

  it('years up to the last time the target was received are used up', () => {
    const facts = [...held('u', 'COLL_EXCELLENT', 2021, 2022, 2023), ...held('u', 'MERIT_PROVINCE', 2022)];
    expect(merit('u', 2023, { facts, links: [] })).toMatchObject({
      met: false,
      years: [2023],
      lastTargetYear: 2022,
    });
    const later = [...facts, ...held('u', 'COLL_EXCELLENT', 2024)];
    expect(merit('u', 2024, { facts: later, links: [] })).toMatchObject({ met: true, years: [2023, 2024] });
  });

  it('Emulation Fighter: three grassroots years for provincial, two provincial for national', () => {
    const facts = [...held('p', 'CSTD_BASE', 2021, 2022, 2023), ...held('p', 'CSTD_PROV', 2020, 2023)];
    expect(
      streakStanding(STREAK_RULES.CSTD_PROV, 'p', 2023, { facts, links: [] }, 'ALL_PREDECESSORS'),
    ).toMatchObject({
      met: false,
      lastTargetYear: 2023,
    });
    expect(
      streakStanding(STREAK_RULES.CSTD_PROV, 'p', 2022, { facts, links: [] }, 'ALL_PREDECESSORS').met,
    ).toBe(false);
    expect(
      streakStanding(STREAK_RULES.CSTD_NAT, 'p', 2023, { facts, links: [] }, 'ALL_PREDECESSORS'),
    ).toMatchObject({
      met: false,
      years: [2023],
    });
    const twice = [...held('p', 'CSTD_PROV', 2022, 2023)];
    expect(
      streakStanding(STREAK_RULES.CSTD_NAT, 'p', 2023, { facts: twice, links: [] }, 'ALL_PREDECESSORS').met,
    ).toBe(true);
  });

  it('a rename or transfer keeps the record; years after the change are the successor’s own', () => {
    const history = {
      facts: [...held('old', 'COLL_EXCELLENT', 2024), ...held('new', 'COLL_EXCELLENT', 2025)],
      links: [link('new', 'old', '2025-07-01', 'TRANSFER')],
    };
    expect(merit('new', 2025, history)).toEqual({
      met: true,
      years: [2024, 2025],
      via: ['Đơn vị old'],
      lastTargetYear: null,
    });
    // The predecessor's own record for the year of the change does not count for the successor.
    const late = { facts: held('old', 'COLL_EXCELLENT', 2024, 2025), links: history.links };
    expect(merit('new', 2025, late)).toMatchObject({ met: false, years: [2024] });
  });

  it('a merger: all predecessors (default) or any, as the province configures; chains of changes are followed', () => {
    const history = {
      facts: [
        ...held('a', 'COLL_EXCELLENT', 2023, 2024),
        ...held('b', 'COLL_EXCELLENT', 2024),
        ...held('c', 'COLL_EXCELLENT', 2022),
      ],
      links: [
        link('m', 'a', '2025-07-01'),
        link('m', 'b', '2025-07-01'),
        link('a', 'c', '2023-01-01', 'RENAME'),
      ],
    };
    expect(merit('m', 2025, history)).toMatchObject({ met: false, years: [2024] });
    expect(merit('m', 2025, history, 'ANY_PREDECESSOR')).toMatchObject({
      met: true,
      years: [2022, 2023, 2024],
      via: ['Đơn vị a', 'Đơn vị b', 'Đơn vị c'],
    });
  });

  it('a split: each successor keeps the whole predecessor’s record; a cycle in bad data ends', () => {
    const history = {
      facts: held('p', 'COLL_EXCELLENT', 2023, 2024),
      links: [
        link('s1', 'p', '2025-01-01', 'SPLIT'),
        link('s2', 'p', '2025-01-01', 'SPLIT'),
        link('p', 's1', '2020-01-01'),
      ],
    };
    expect(merit('s1', 2025, history).met).toBe(true);
    expect(merit('s2', 2025, history).met).toBe(true);
  });
});
