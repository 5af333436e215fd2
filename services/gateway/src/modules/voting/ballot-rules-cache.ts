import { votingRepository, type BallotRules } from '@thidua/db';

/**
 * The rules a ballot is checked against (eligible units, contests, self-votes) never change once a period is
 * open, so each gateway keeps them after the first ballot. Keyed by province and period; bounded.
 */
export class BallotRulesCache {
  private readonly entries = new Map<string, BallotRules>();

  constructor(private readonly maxEntries = 5_000) {}

  /** Must run in the period's tenant context (the first read goes through RLS). */
  async get(provinceId: string, periodId: string): Promise<BallotRules | null> {
    const key = `${provinceId}:${periodId}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const rules = await votingRepository.ballotRules(periodId);
    if (!rules) return null;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, rules);
    return rules;
  }
}
