/**
 * Fixed one-minute windows per client key, in this process's memory. Several gateway processes each allow the
 * limit, which is fine for its purpose (stopping a runaway client); sign-in throttling is in the database.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly perMinute: number) {}

  /** Returns the seconds to wait when over the limit, or 0 when the request may go on. */
  take(key: string, now = Date.now()): number {
    if (this.windows.size > 50_000) this.prune(now);
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + 60_000 });
      return 0;
    }
    w.count++;
    return w.count > this.perMinute ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
