import { votingRepository, type BallotRules } from '@thidua/db';

/**
 * The rules a ballot is checked against (eligible units, contests, self-votes) never change once a period is
 * open, so each gateway keeps them after the first ballot. Keyed by province and period; bounded.
 *
 * Single-flight: when a vote opens, a hall of officers casts at once; the ballots that arrive while the first
 * read is under way wait for it rather than each reading the rules again. A read that fails is not shared: each
 * waiting ballot then reads for itself, in its own transaction.
 */
export class BallotRulesCache {
  private readonly entries = new Map<string, BallotRules>();
  private readonly reading = new Map<string, Promise<BallotRules | null>>();

  constructor(private readonly maxEntries = 5_000) {}

  /** Must run in the period's tenant context (the first read goes through RLS). */
  async get(provinceId: string, periodId: string): Promise<BallotRules | null> {
    const key = `${provinceId}:${periodId}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const shared = this.reading.get(key);
    if (shared) {
      const rules = await shared.catch(() => undefined);
      if (rules !== undefined) return rules;
      return votingRepository.ballotRules(periodId);
    }
    const read = votingRepository.ballotRules(periodId).then((rules) => {
      if (rules) this.remember(key, rules);
      return rules;
    });
    this.reading.set(key, read);
    try {
      return await read;
    } finally {
      this.reading.delete(key);
    }
  }

  private remember(key: string, rules: BallotRules): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, rules);
  }
}
