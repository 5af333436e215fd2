import { validate, type ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

/**
 * Validates input objects with class-validator, imported once. type-graphql's built-in path imports
 * class-validator dynamically on every argument, which costs a module-loader round trip per request.
 */
export async function validateInput(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items = Array.isArray(value) ? value : [value];
  const errors: ValidationError[] = [];
  for (const item of items) {
    if (item && typeof item === 'object')
      errors.push(...(await validate(item, { forbidUnknownValues: false })));
  }
  if (errors.length) throw new ArgumentValidationError(errors);
}
