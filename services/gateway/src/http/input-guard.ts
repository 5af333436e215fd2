import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { appError } from '../common/errors';

/** Dates the API accepts: PostgreSQL has no year 0, and nothing here is dated before 1900 or after 2199. */
const DATE_SCALARS = new Set(['LocalDate', 'DateTimeISO']);
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** An argument's value as the client wrote it (a literal, or a variable's JSON), without coercion. */
function raw(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.LIST:
      return node.values.map((v) => raw(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, raw(f.value, variables)]));
    default:
      return undefined;
  }
}

/** The first problem in a value of `type`, as [field path, message]. */
function problem(value: unknown, type: GraphQLInputType, path: string): [string, string] | null {
  if (value === null || value === undefined) return null;
  const t = getNullableType(type);
  if (isListType(t)) {
    const items = Array.isArray(value) ? value : [value];
    for (const [i, item] of items.entries()) {
      const p = problem(item, t.ofType, path ? `${path}.${i}` : String(i));
      if (p) return p;
    }
    return null;
  }
  if (isInputObjectType(t)) {
    if (typeof value !== 'object') return null;
    for (const field of Object.values(t.getFields())) {
      const p = problem(
        (value as Record<string, unknown>)[field.name],
        field.type,
        path ? `${path}.${field.name}` : field.name,
      );
      if (p) return p;
    }
    return null;
  }
  if (typeof value !== 'string') return null;
  if (value.includes('\u0000')) return [path, 'must not contain a null character'];
  if (isScalarType(t) && DATE_SCALARS.has(t.name)) {
    const year = /^(\d{4})-/.exec(value);
    if (year && (Number(year[1]) < MIN_YEAR || Number(year[1]) > MAX_YEAR))
      return [path, `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`];
  }
  return null;
}

/**
 * Input no field may take, found before any resolver runs: a null character in any string (PostgreSQL cannot
 * store one), a date in a year outside 1900–2199 (PostgreSQL has no year 0). BAD_USER_INPUT naming the field:
 * the argument for a scalar argument, the path inside it for an input object (as class-validator names them).
 */
export function checkInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Record<string, unknown> | null,
): GraphQLError | null {
  const vars = variables ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const walk = (
    type: GraphQLNamedType | null | undefined,
    set: SelectionSetNode | undefined,
    seen: ReadonlySet<string>,
  ): GraphQLError | null => {
    for (const s of set?.selections ?? []) {
      let found: GraphQLError | null = null;
      if (s.kind === Kind.FIELD) {
        const field =
          type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[s.name.value] : undefined;
        for (const arg of s.arguments ?? []) {
          const def = field?.args.find((a) => a.name === arg.name.value);
          if (!def) continue;
          const inObject = isInputObjectType(getNamedType(def.type));
          const p = problem(raw(arg.value, vars), def.type, inObject ? '' : def.name);
          if (p) {
            const name = p[0] || def.name;
            // Refused before execution: 400, as Apollo answers other requests refused before they run.
            return appError('BAD_USER_INPUT', `${name}: ${p[1]}`, {
              fields: [{ field: name, message: p[1] }],
              http: { status: 400 },
            });
          }
        }
        found = walk(field ? getNamedType(field.type) : undefined, s.selectionSet, seen);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        found = walk(
          s.typeCondition ? schema.getType(s.typeCondition.name.value) : type,
          s.selectionSet,
          seen,
        );
      } else if (!seen.has(s.name.value)) {
        const fragment = fragments.get(s.name.value);
        found = walk(
          fragment ? schema.getType(fragment.typeCondition.name.value) : undefined,
          fragment?.selectionSet,
          new Set([...seen, s.name.value]),
        );
      }
      if (found) return found;
    }
    return null;
  };

  const op = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!op) return null;
  const root =
    op.operation === 'query'
      ? schema.getQueryType()
      : op.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return walk(root, op.selectionSet, new Set());
}
