import { badInput, conflict } from './errors';

export interface ConstraintMessages {
  /** Unique violation (23505). */
  unique?: string;
  /** Exclusion violation (23P01): overlapping ranges. */
  exclusion?: string;
  /** Foreign-key violation (23503): a referenced row does not exist. */
  reference?: { field: string; message: string };
  /** The error for a violation of one named constraint, before the messages by kind. */
  named?: Record<string, Error>;
}

/** Turns the database's constraint violations into the API's errors; the database stays the guarantee. */
export async function withConstraints<T>(messages: ConstraintMessages, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const { code, constraint } = e as { code?: string; constraint?: string };
    const named = constraint ? messages.named?.[constraint] : undefined;
    if (named) throw named;
    if (code === '23505' && messages.unique) throw conflict(messages.unique);
    if (code === '23P01' && messages.exclusion) throw conflict(messages.exclusion);
    if (code === '23503' && messages.reference)
      throw badInput(messages.reference.field, messages.reference.message);
    throw e;
  }
}
