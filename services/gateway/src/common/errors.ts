import { GraphQLError } from 'graphql';

/** Stable error codes clients may branch on; the message is for people. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'DEADLINE_PASSED'
  | 'PRECONDITION_FAILED'
  | 'BAD_REQUEST'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  SERVICE_UNAVAILABLE: 503,
};

export function appError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) },
  });
}

export const unauthenticated = (message = 'Sign in first') => appError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You may not do this here') => appError('FORBIDDEN', message);
export const notFound = (entity: string, id: string) =>
  appError('NOT_FOUND', `${entity} ${id} was not found`);
export const conflict = (message: string) => appError('CONFLICT', message);
/** Bad input always names the field, so a form can show the message beside it. */
export const badInput = (field: string, message: string) =>
  appError('BAD_USER_INPUT', `${field}: ${message}`, { fields: [{ field, message }] });
/** An emulation year argument: the range the database accepts. */
export function assertYear(field: string, year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badInput(field, 'must be between 2000 and 2100');
}
/** A referenced row that this province does not have (absent, or another province's): NOT_FOUND, naming the field. */
export const missingRef = (field: string, entity: string, id: string) =>
  appError('NOT_FOUND', `${field}: ${entity} ${id} was not found in this province`, {
    fields: [{ field, message: `${entity} not found` }],
  });
