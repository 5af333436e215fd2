import { ValidateBy, type ValidationOptions } from 'class-validator';
import { badInput } from './errors';

/** How far ahead a deadline may be set: a vote or an extension runs within the emulation year, never beyond. */
export const MAX_DEADLINE_AHEAD_DAYS = 366;
const MESSAGE = `must be within a year from now (${MAX_DEADLINE_AHEAD_DAYS} days)`;

const withinAYear = (value: unknown) =>
  !(value instanceof Date) ||
  Number.isNaN(value.getTime()) ||
  value.getTime() <= Date.now() + MAX_DEADLINE_AHEAD_DAYS * 86_400_000;

/** On a deadline of an input type: refused (naming the field) when further than a year ahead. */
export function WithinAYear(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'withinAYear',
      validator: { validate: withinAYear, defaultMessage: (args) => `${args?.property} ${MESSAGE}` },
    },
    options,
  );
}

/** The same for a deadline passed as an argument. */
export function assertWithinAYear(field: string, value: Date): void {
  if (!withinAYear(value)) throw badInput(field, MESSAGE);
}
