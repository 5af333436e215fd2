import 'reflect-metadata';
import { IsUUID, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { validateInput } from './validate';

class Choice {
  @IsUUID('all') contestId!: string;
}
class Ballot {
  @IsUUID('all') votingPeriodId!: string;
  @ValidateNested({ each: true }) choices!: Choice[];
}
class Later {
  note!: string;
}

const ID = '3f1c2a4e-7b1d-4c8e-9a2f-1d2e3f4a5b6c';
const ballot = (votingPeriodId: string, contestId: string) =>
  Object.assign(new Ballot(), { votingPeriodId, choices: [Object.assign(new Choice(), { contestId })] });
const failures = (value: unknown) =>
  validateInput(value).then(
    () => [],
    (e: { extensions: { validationErrors: { property: string }[] } }) =>
      e.extensions.validationErrors.map((v) => v.property),
  );

describe('validateInput, with the rules remembered per class', () => {
  it('refuses the same faults on every call, the nested ones too, and passes a good input', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await failures(ballot('not-an-id', ID))).toEqual(['votingPeriodId']);
      expect(await failures(ballot(ID, 'not-an-id'))).toEqual(['choices']);
      expect(await failures(ballot(ID, ID))).toEqual([]);
    }
  });

  it('applies a rule added after the class was first validated', async () => {
    const later = Object.assign(new Later(), { note: 'ab' });
    expect(await failures(later)).toEqual([]);
    // A rule without a constraint of its own (a text is not a nested object).
    ValidateNested()(Later.prototype, 'note');
    expect(await failures(later)).toEqual(['note']);
  });
});
