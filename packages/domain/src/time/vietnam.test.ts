import { expect, it } from 'vitest';
import { vietnamDate } from './vietnam';

it('turns over at midnight in Hanoi, seven hours ahead of UTC', () => {
  expect(vietnamDate(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
  expect(vietnamDate(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
});
