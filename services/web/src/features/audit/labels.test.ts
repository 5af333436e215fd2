import { describe, expect, it } from 'vitest';
import vi from '../../i18n/vi.json';
import { actionChoices, entityChoices, entityHref, eventHref, stepKey } from './labels';

const ID = '0b5f2a3e-9c1d-4e7f-8a6b-1c2d3e4f5a6b';

describe("the audit log's filter choices", () => {
  it('offers each action once, in words sorted as Vietnamese is, with no code and none of the platform’s', () => {
    const choices = actionChoices('vi');
    const words = choices.map((c) => c.words);
    expect(words).toEqual([...words].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(new Set(words).size).toBe(words.length);
    expect(words.filter((w) => /^[a-z_]+(\.[a-z_]+)+$/.test(w))).toEqual([]);
    expect(choices.find((c) => c.code === 'ballot.cast_on_behalf')?.words).toBe('Bỏ phiếu thay đơn vị');
    expect(choices.some((c) => c.code === 'auth.login')).toBe(false);
  });

  it('offers the record kinds in words, in English too', () => {
    expect(entityChoices('vi').find((c) => c.code === 'VotingPeriod')?.words).toBe('Vòng bỏ phiếu');
    expect(entityChoices('en').find((c) => c.code === 'VotingPeriod')?.words).toBe('Voting round');
    expect(entityChoices('vi').some((c) => c.code === 'User')).toBe(false);
  });

  it("offers the platform's log its own codes: sign-ins, accounts, provinces, platform roles; no province work", () => {
    const actions = actionChoices('vi', true).map((c) => c.code);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login', 'user.create', 'province.create', 'role.assign']),
    );
    expect(actions).not.toContain('ballot.cast_on_behalf');
    const entities = entityChoices('vi', true).map((c) => c.code);
    expect(entities).toEqual(expect.arrayContaining(['User', 'Province', 'BaseSalary']));
    expect(entities).not.toContain('VotingPeriod');
  });
});

describe('entityHref', () => {
  it("leads to the record's page where the app has one, by its id", () => {
    expect(entityHref('Unit', ID)).toBe(`/units/${ID}`);
    expect(entityHref('Nomination', ID)).toBe(`/nominations/${ID}`);
    expect(entityHref('VotingPeriod', ID)).toBe(`/voting-periods/${ID}`);
    expect(entityHref('AwardDecision', ID)).toBe(`/award-decisions/${ID}`);
    expect(entityHref('Block', ID)).toBe(`/blocks/${ID}`);
    expect(entityHref('Person', ID)).toBe(`/persons/${ID}`);
  });

  it('leads nowhere for a kind with no page of its own, no id, or several ids', () => {
    expect(entityHref('EmulationYear', ID)).toBeNull();
    expect(entityHref('Unit', null)).toBeNull();
    expect(entityHref('Achievement', `${ID},${ID}`)).toBeNull();
    expect(entityHref('AwardRuleSet', '2025')).toBeNull();
  });
});

describe("an event's page and step", () => {
  it("leads a block's year and its conference to the year's pages, by block and year", () => {
    const blockYear = { blockId: ID, year: 2026 };
    expect(eventHref({ entityType: 'EmulationYear', entityId: 'y', blockYear })).toBe(
      `/blocks/${ID}/years/2026`,
    );
    expect(eventHref({ entityType: 'Conference', entityId: 'c', blockYear })).toBe(
      `/blocks/${ID}/years/2026/conference`,
    );
    expect(eventHref({ entityType: 'Unit', entityId: ID, blockYear: null })).toBe(`/units/${ID}`);
  });

  it('names where a step went, in words the messages have', () => {
    const key = stepKey('nomination.step', { status: 'COUNCIL_REVIEW', reason: null });
    expect(vi[key as keyof typeof vi]).toBe('Trình Hội đồng');
    expect(vi[stepKey('year.transition', { state: 'SCORING' }) as keyof typeof vi]).toBe('Đang chấm điểm');
    expect(stepKey('unit.update', { status: 'X' })).toBeNull();
    expect(stepKey('nomination.step', null)).toBeNull();
  });
});
