import { describe, expect, it, vi } from 'vitest';
import type { EventBus, TurnoutChange } from '@thidua/jobs';
import { TurnoutAnnouncer } from './turnout-announcer';

describe('TurnoutAnnouncer', () => {
  it('announces the first change at once and folds a burst, of any periods, into one trailing message', async () => {
    vi.useFakeTimers();
    const sent: string[][] = [];
    const bus = {
      publish: async (_c: string, m: string) =>
        void sent.push((JSON.parse(m) as TurnoutChange[]).map((c) => c.periodId)),
    } as unknown as EventBus;
    const announcer = new TurnoutAnnouncer(bus, 250);
    for (let i = 0; i < 50; i++) await announcer.changed('p', 'period-1');
    await announcer.changed('p', 'period-2');
    await announcer.changed('q', 'period-3');
    expect(sent).toEqual([['period-1']]);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent).toEqual([['period-1'], ['period-1', 'period-2', 'period-3']]);
    // Still within the rate: a change right after the trailing message waits for the next window.
    await announcer.changed('p', 'period-2');
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent.at(-1)).toEqual(['period-2']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(3);
    // A quiet announcer sends at once again.
    await announcer.changed('p', 'period-4');
    expect(sent.at(-1)).toEqual(['period-4']);
    await announcer.close();
    vi.useRealTimers();
  });
});
