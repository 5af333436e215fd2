import { TURNOUT_CHANNEL, type EventBus, type TurnoutChange } from '@thidua/jobs';

/**
 * Announces turnout changes at most once per `intervalMs` per period: the first change goes out at once, later
 * ones within the interval are folded into one trailing announcement, so the last count always reaches the
 * screens. A burst of ballots then costs a handful of messages instead of one each.
 */
export class TurnoutAnnouncer {
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; dirty: boolean }>();

  constructor(
    private readonly bus: EventBus,
    private readonly intervalMs = 250,
  ) {}

  async changed(provinceId: string, periodId: string): Promise<void> {
    const key = `${provinceId}:${periodId}`;
    const open = this.pending.get(key);
    if (open) {
      open.dirty = true;
      return;
    }
    const window = {
      dirty: false,
      timer: setTimeout(() => this.flush(key, provinceId, periodId), this.intervalMs),
    };
    this.pending.set(key, window);
    await this.publish(provinceId, periodId);
  }

  /** Sends whatever is still folded (on shutdown). */
  async close(): Promise<void> {
    for (const [key, w] of this.pending) {
      clearTimeout(w.timer);
      const [provinceId, periodId] = key.split(':') as [string, string];
      if (w.dirty) await this.publish(provinceId, periodId);
    }
    this.pending.clear();
  }

  private flush(key: string, provinceId: string, periodId: string): void {
    const w = this.pending.get(key);
    this.pending.delete(key);
    if (w?.dirty) void this.changed(provinceId, periodId);
  }

  private publish(provinceId: string, periodId: string): Promise<void> {
    return this.bus.publish(
      TURNOUT_CHANNEL,
      JSON.stringify({ provinceId, periodId } satisfies TurnoutChange),
    );
  }
}
