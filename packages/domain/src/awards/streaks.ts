import type { Title } from '../titles';
import type { AwardForm } from './rules';

/**
 * Streak criteria the platform can check from its own records (domain.md §2): a provincial certificate of merit
 * for two consecutive years as an Excellent Labour Collective, a provincial Emulation Fighter for three consecutive
 * grassroots ones, a national one for two consecutive provincial ones. Streaks follow lineage: a unit formed by a
 * merger, split, rename or transfer, or a person whose record moved with their agency, keeps what its
 * predecessors achieved before the change took effect.
 */

export type SubjectKind = 'UNIT' | 'PERSON';
/** What can be on a subject's record: titles, and the award forms a streak leads to. */
export type Achievement = Title | AwardForm;

export interface AchievementFact {
  subjectId: string;
  year: number;
  title: Achievement;
}

export const LINEAGE_KINDS = ['MERGE', 'SPLIT', 'RENAME', 'TRANSFER'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

export interface LineageLink {
  successorId: string;
  predecessorId: string;
  predecessorName: string;
  kind: LineageKind;
  /** YYYY-MM-DD: years before this date's year are the predecessors' record. */
  effectiveOn: string;
}

export const LINEAGE_MODES = ['ALL_PREDECESSORS', 'ANY_PREDECESSOR'] as const;
/** For a year before a merger: did the merged unit hold a title when all, or any, of its predecessors did? */
export type LineageMode = (typeof LINEAGE_MODES)[number];

export interface StreakRule {
  /** What the streak qualifies for. */
  target: 'MERIT_PROVINCE' | 'CSTD_PROV' | 'CSTD_NAT';
  /** The title held in consecutive years. */
  title: Achievement;
  years: number;
}

export const STREAK_RULES: Record<StreakRule['target'], StreakRule> = {
  MERIT_PROVINCE: { target: 'MERIT_PROVINCE', title: 'COLL_EXCELLENT', years: 2 },
  CSTD_PROV: { target: 'CSTD_PROV', title: 'CSTD_BASE', years: 3 },
  CSTD_NAT: { target: 'CSTD_NAT', title: 'CSTD_PROV', years: 2 },
};

export interface History {
  facts: readonly AchievementFact[];
  links: readonly LineageLink[];
}

export interface StreakStanding {
  met: boolean;
  /** The consecutive years counted, oldest first. */
  years: number[];
  /** Names of predecessors whose record was counted. */
  via: string[];
  /**
   * The last year the subject (or its lineage) already received the target. Years up to it are used up, even
   * a title held in that very year: the record does not say which window an earlier award used, so the count
   * never reuses one.
   */
  lastTargetYear: number | null;
}

/** Whether `subjectId` held `title` in `year`, and which predecessors' records made it so. */
function heldIn(
  subjectId: string,
  title: Achievement,
  year: number,
  history: History,
  mode: LineageMode,
  seen: ReadonlySet<string> = new Set(),
): { held: boolean; via: string[] } {
  if (history.facts.some((f) => f.subjectId === subjectId && f.year === year && f.title === title))
    return { held: true, via: [] };
  if (seen.has(subjectId)) return { held: false, via: [] };
  const before = history.links.filter(
    (l) => l.successorId === subjectId && year < Number(l.effectiveOn.slice(0, 4)),
  );
  if (!before.length) return { held: false, via: [] };
  const inner = new Set([...seen, subjectId]);
  const each = before.map((l) => ({
    link: l,
    ...heldIn(l.predecessorId, title, year, history, mode, inner),
  }));
  const holders = each.filter((e) => e.held);
  const held = mode === 'ALL_PREDECESSORS' ? holders.length === each.length : holders.length > 0;
  return {
    held,
    via: held ? holders.flatMap((e) => [e.link.predecessorName, ...e.via]) : [],
  };
}

/**
 * The subject's standing on a streak rule in `year`: the run of consecutive years holding the title that ends in
 * `year` (or the year before, when this year's title is not conferred yet), counted only after the last time the
 * subject received the target (one achievement earns one award).
 */
export function streakStanding(
  rule: StreakRule,
  subjectId: string,
  year: number,
  history: History,
  mode: LineageMode,
): StreakStanding {
  const earliest = Math.min(year, ...history.facts.map((f) => f.year));
  let lastTargetYear: number | null = null;
  for (let y = year; y >= earliest && lastTargetYear === null; y--) {
    if (heldIn(subjectId, rule.target, y, history, mode).held) lastTargetYear = y;
  }
  const years: number[] = [];
  const via = new Set<string>();
  let y = heldIn(subjectId, rule.title, year, history, mode).held ? year : year - 1;
  for (; y >= earliest && (lastTargetYear === null || y > lastTargetYear); y--) {
    const h = heldIn(subjectId, rule.title, y, history, mode);
    if (!h.held) break;
    years.unshift(y);
    h.via.forEach((name) => via.add(name));
  }
  return { met: years.length >= rule.years, years, via: [...via].sort(), lastTargetYear };
}
