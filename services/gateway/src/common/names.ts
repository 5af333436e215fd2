import { nameProblem } from '@thidua/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { conflict } from './errors';

/** A unit, block or person name: no control or invisible characters, not blank (see nameProblem). */
export function IsName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isName',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || nameProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${nameProblem(String(args?.value)) ?? 'is not a name'}`,
      },
    },
    options,
  );
}

/**
 * The name is taken: an existing record's name folds to the same text (accents, case, spacing, compatibility
 * forms and look-alike letters aside). Says which record, in Vietnamese and English.
 */
export function nameTaken(what: { vi: string; en: string }, existing: { id: string; name: string }) {
  return conflict(
    `Tên trùng với ${what.vi} đã có "${existing.name}" (${existing.id}). ` +
      `The name is the same as the existing ${what.en} "${existing.name}" (${existing.id}): names that differ ` +
      `only in accents, capitals, spacing or look-alike characters are the same name.`,
  );
}
