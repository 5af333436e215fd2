import { badInput, conflict } from './errors';

export interface ConstraintMessages {
  /** Unique violation (23505). */
  unique?: string;
  /** Exclusion violation (23P01): overlapping ranges. */
  exclusion?: string;
  /** Foreign-key violation (23503): a referenced row does not exist. */
  reference?: { field: string; message: string };
}

/** Turns the database's constraint violations into the API's errors; the database stays the guarantee. */
export async function withConstraints<T>(messages: ConstraintMessages, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '23505' && messages.unique) throw conflict(messages.unique);
    if (code === '23P01' && messages.exclusion) throw conflict(messages.exclusion);
    if (code === '23503' && messages.reference)
      throw badInput(messages.reference.field, messages.reference.message);
    throw e;
  }
}
