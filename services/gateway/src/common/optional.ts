import { ValidateIf } from 'class-validator';

/**
 * An update's field that may be left out (the value is kept) but not given as null: its checks run unless it
 * is absent, so a null is refused by them, beside the field, instead of reaching the database (IsOptional lets
 * null through).
 */
export const KeptWhenLeftOut = () => ValidateIf((_input: object, value: unknown) => value !== undefined);
