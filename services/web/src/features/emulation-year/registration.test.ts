import { describe, expect, it } from 'vitest';
import { today } from '../block/dates';
import { registrationOpen } from './useYear';

const yesterday = (() => {
  const d = new Date(`${today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
})();

describe('registration of titles is open', () => {
  it('until its last day, in the stages before scores are locked', () => {
    expect(registrationOpen({ state: 'OPEN', registrationDeadline: today() })).toBe(true);
    expect(registrationOpen({ state: 'SCORING', registrationDeadline: null })).toBe(true);
  });

  it('not once its last day has passed, nor once scores are locked', () => {
    expect(registrationOpen({ state: 'COVENANT_SIGNED', registrationDeadline: yesterday })).toBe(false);
    expect(registrationOpen({ state: 'SCORES_LOCKED', registrationDeadline: null })).toBe(false);
  });
});
