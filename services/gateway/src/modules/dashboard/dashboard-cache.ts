import { ROLLUPS_CHANNEL, type EventBus } from '@thidua/jobs';

/**
 * Dashboard answers built from the shared province rollups, kept by each gateway: every reader asks for the same
 * tables, and they change only when a province's closing rewrites its rollups. The worker announces that
 * (ROLLUPS_CHANNEL) and the cache empties; the lifetime bounds staleness should an announcement be lost (pub/sub
 * is at most once). Concurrent misses share one load. Only for what every reader may see: no tenant detail.
 */
export class DashboardCache {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 1_000,
  ) {}

  /** Starts emptying on the worker's announcements; returns the function that stops it. */
  listen(bus: EventBus): Promise<() => void> {
    return bus.subscribe(ROLLUPS_CHANNEL, () => this.clear());
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value as Promise<T>;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const entry = { until: now + this.ttlMs, value: load() };
    this.entries.set(key, entry);
    entry.value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}
