import { describe, expect, it } from 'vitest';
import { today } from '../block/dates';
import vi from '../../i18n/vi.json';
import { interpolate, type I18n } from '../../i18n/i18n';
import { registrationOrder } from './Registrations';
import { registrationOpen, type Year } from './useYear';

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

describe('the registered titles on the year page', () => {
  it('read by unit, its own title before its people’s', () => {
    const t = ((key, params) => interpolate(vi[key], params)) as I18n['t'];
    const names = new Map([
      ['u1', 'Sở Y tế'],
      ['u2', 'Báo Lào Cai'],
    ]);
    type Row = Year['titleRegistrations'][number];
    const row = (id: string, unitId: string, title: string, person: string | null) =>
      ({ id, unitId, title, person: person ? { fullName: person } : null }) as unknown as Row;
    const rows = [
      row('a', 'u1', 'CSTD_BASE', 'Nguyễn Thị Mai'),
      row('b', 'u1', 'COLL_EXCELLENT', null),
      row('c', 'u2', 'COLL_ADVANCED', null),
    ];
    expect([...rows].sort(registrationOrder(t, names)).map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});
