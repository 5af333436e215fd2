import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { TenantContextError } from '@thidua/db';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { appError } from '../common/errors';
import type { GraphQLContext } from '../context';
import { TOO_MANY_TOKENS } from './limits';

/** Codes whose messages are written for the client; anything else is an internal error and is masked. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'DEADLINE_PASSED',
  'PRECONDITION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'SERVICE_UNAVAILABLE',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** PostgreSQL data exceptions: text representation, byte sequence, untranslatable, date/time, numeric range. */
const UNREADABLE_VALUE = new Set(['22P02', '22021', '22P05', '22007', '22008', '22003']);

/** Seconds a client should wait before retrying after the database connection was lost. */
export const RETRY_AFTER_SECONDS = 2;

/** node-postgres's messages for a connection lost under a client, or none to be had from the pool in time. */
const LOST_MESSAGES = [
  'Connection terminated',
  'not queryable',
  'terminating connection due to administrator command',
  'timeout exceeded when trying to connect',
];

/**
 * The database connection was lost or refused (the server shutting down or restarting, the backend terminated,
 * a network failure): the request may succeed when retried, so it is answered 503, not as an internal error.
 * PostgreSQL classes 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now) and 08 (connection
 * exception); node-postgres's own messages when the socket ends under a client, or when the pool had no
 * connection to give within its acquire timeout (DATABASE_ACQUIRE_TIMEOUT_MS).
 */
export function isConnectionLost(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (/^57P0[123]$/.test(code) || /^08...$/.test(code))) return true;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code)) return true;
    if (typeof message === 'string' && LOST_MESSAGES.some((m) => message.includes(m))) return true;
    e =
      (e as { driverError?: unknown; cause?: unknown; originalError?: unknown }).driverError ??
      (e as { cause?: unknown }).cause ??
      (e as { originalError?: unknown }).originalError;
  }
  return false;
}

export const serviceUnavailable = () =>
  appError('SERVICE_UNAVAILABLE', `The database is briefly unavailable: retry in ${RETRY_AFTER_SECONDS} s`, {
    retryAfter: RETRY_AFTER_SECONDS,
  });

/** Marks a resolver's TypeError in a request that chose no province (see errorMappingPlugin). */
const PROVINCE_MISSING = Symbol('province missing');

/**
 * - An operation that lost its database connection is answered 503 with Retry-After, not 200 with an error.
 * - A platform admin may call province operations without `x-province-id` (the auth checker lets platform-wide
 *   roles through for province-independent fields); a resolver that then reads the province fails with a
 *   TypeError. Without a province chosen, that is the client's missing header: BAD_USER_INPUT naming it (the
 *   error is still logged by the server's own plugin).
 */
export const errorMappingPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        if (contextValue.access) return;
        for (const e of errors) {
          if (e.originalError instanceof TypeError)
            (e.originalError as unknown as Record<symbol, boolean>)[PROVINCE_MISSING] = true;
        }
      },
      async willSendResponse({ response, errors }) {
        if (!errors?.some((e) => isConnectionLost(e.originalError ?? e))) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      },
    };
  },
};

/** graphql-js's "Did you mean …?" hints name the schema's fields, types and enum values. */
export function stripSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}

/** formatError for production: the same answers without the hints (variable values are checked outside validation). */
export function withoutSuggestions(
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const out = format(formatted, error);
    return { ...out, message: stripSuggestions(out.message) };
  };
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (isConnectionLost(original)) {
    const { message, extensions } = serviceUnavailable();
    const { http: _http, ...rest } = extensions;
    return { message, path: formatted.path, extensions: rest };
  }
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.test(formatted.message)) {
    return {
      message: `The document has more than ${TOO_MANY_TOKENS.exec(formatted.message)![1]} tokens`,
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    };
  }
  if (original instanceof ArgumentValidationError) {
    const fields = flatten(original.extensions.validationErrors);
    return {
      message: fields.map((f) => `${f.field}: ${f.message}`).join('; ') || 'Invalid input',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', fields },
    };
  }
  if (
    original instanceof TenantContextError ||
    (original instanceof TypeError && (original as unknown as Record<symbol, boolean>)[PROVINCE_MISSING])
  ) {
    return {
      message: 'x-province-id: choose the province to act in with the x-province-id header',
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'x-province-id', message: 'required here' }] },
    };
  }
  // Safety net: a value Postgres could not read (a malformed id, a null character, a date or number out of its
  // range that slipped past validation) is the client's input.
  if (UNREADABLE_VALUE.has((original as { code?: string } | null)?.code ?? '')) {
    return {
      message: 'Invalid input: a value is malformed',
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: 'Internal error: it has been logged',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
