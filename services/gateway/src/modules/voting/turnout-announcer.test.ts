import { describe, expect, it, vi } from 'vitest';
import type { EventBus } from '@thidua/jobs';
import { TurnoutAnnouncer } from './turnout-announcer';

describe('TurnoutAnnouncer', () => {
  it('announces the first change at once and folds a burst into one trailing announcement', async () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const bus = {
      publish: async (_c: string, m: string) => void sent.push(JSON.parse(m).periodId),
    } as unknown as EventBus;
    const announcer = new TurnoutAnnouncer(bus, 250);
    for (let i = 0; i < 50; i++) await announcer.changed('p', 'period-1');
    await announcer.changed('p', 'period-2');
    expect(sent).toEqual(['period-1', 'period-2']);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent).toEqual(['period-1', 'period-2', 'period-1']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(3);
    vi.useRealTimers();
  });
});
