import { TURNOUT_CHANNEL, type EventBus, type TurnoutChange } from '@thidua/jobs';

/**
 * Announces turnout changes at most once per `intervalMs`, all periods together: the first change goes out at
 * once; the changes within the interval, of any period, are folded into one trailing message naming each period
 * once, so the last count always reaches the screens. A province's conferences voting at once then cost a few
 * messages a second instead of one a ballot (one Redis PUBLISH a ballot was 2.4 % of a ballot's CPU when many
 * blocks vote together).
 */
export class TurnoutAnnouncer {
  private window: NodeJS.Timeout | null = null;
  private readonly folded = new Map<string, TurnoutChange>();

  constructor(
    private readonly bus: EventBus,
    private readonly intervalMs = 250,
  ) {}

  async changed(provinceId: string, periodId: string): Promise<void> {
    if (this.window) {
      this.folded.set(`${provinceId}:${periodId}`, { provinceId, periodId });
      return;
    }
    this.window = setTimeout(() => this.flush(), this.intervalMs);
    await this.publish([{ provinceId, periodId }]);
  }

  /** Sends whatever is still folded (on shutdown). */
  async close(): Promise<void> {
    if (this.window) clearTimeout(this.window);
    this.window = null;
    await this.publish(this.take());
  }

  private flush(): void {
    this.window = null;
    const changes = this.take();
    if (!changes.length) return;
    this.window = setTimeout(() => this.flush(), this.intervalMs);
    // A lost announcement only delays the screens: the next ballot announces again, and they re-read on reconnect.
    void this.publish(changes).catch(() => undefined);
  }

  private take(): TurnoutChange[] {
    const changes = [...this.folded.values()];
    this.folded.clear();
    return changes;
  }

  private async publish(changes: TurnoutChange[]): Promise<void> {
    if (changes.length) await this.bus.publish(TURNOUT_CHANNEL, JSON.stringify(changes));
  }
}
