import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { appError } from '../common/errors';
import { checkInput } from './input-guard';
import { LIST_BOUNDS, type ListBound } from './list-bounds';

export interface QueryCost {
  depth: number;
  /**
   * Values that may be resolved: every field counts 1, and a list multiplies what it holds by the most items it
   * can return (its `first`, or its bound in LIST_BOUNDS); a list of scalars counts each item.
   */
  complexity: number;
  /** Fields given an alias (`a: units`): each is a field resolved again. */
  aliases: number;
}

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  /** Lexical tokens of the document, enforced while parsing (graphql-js `maxTokens`). */
  maxTokens: number;
}

/** A list field with no bound: the cost model cannot size it (limits.test.ts keeps the schema free of them). */
const UNKNOWN_LIST_BOUND = 1000;

/** The multiplier of a list field: its `first` argument when it takes one, else its bound from LIST_BOUNDS. */
function listBound(
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
  bounds: Record<string, ListBound>,
): number {
  const args: Record<string, unknown> = {};
  for (const def of field.args) {
    const given = node.arguments?.find((a) => a.name.value === def.name);
    let value: unknown = def.defaultValue;
    if (given) {
      if (given.value.kind === Kind.VARIABLE) {
        const v = variables[given.value.name.value];
        if (v !== undefined) value = v;
      } else {
        value = valueFromAST(given.value, def.type, variables);
      }
    }
    if (value !== undefined) args[def.name] = value;
  }
  if (field.args.some((a) => a.name === 'first')) {
    const first = Number(args.first);
    return Number.isFinite(first) && first > 0 ? Math.ceil(first) : 1;
  }
  const bound = bounds[`${parent.name}.${field.name}`];
  if (bound === undefined) return UNKNOWN_LIST_BOUND;
  return typeof bound === 'number' ? bound : bound(args);
}

/**
 * Measures an operation statically against the schema, following fragments; a fragment cycle is cut (validation
 * rejects it anyway). A field the schema does not have counts 1 (validation rejects it too).
 */
export function measureQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
  bounds: Record<string, ListBound> = LIST_BOUNDS,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const walk = (
    type: GraphQLNamedType | undefined,
    set: SelectionSetNode | undefined,
    seen: ReadonlySet<string>,
  ): QueryCost => {
    const total: QueryCost = { depth: 0, complexity: 0, aliases: 0 };
    for (const s of set?.selections ?? []) {
      let child: QueryCost;
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        const field =
          type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[s.name.value] : undefined;
        const returns = field ? getNullableType(field.type) : undefined;
        const named = field ? getNamedType(field.type) : undefined;
        const inner = walk(named, s.selectionSet, seen);
        let items = 1;
        if (field && type && returns && isListType(returns))
          items = listBound(type, field, s, variables, bounds);
        else if (field && type && field.args.some((a) => a.name === 'first'))
          items = listBound(type, field, s, variables, bounds); // a connection: its page's children
        const each =
          named && isCompositeType(named) ? inner.complexity : returns && isListType(returns) ? 1 : 0;
        child = {
          depth: 1 + inner.depth,
          complexity: 1 + items * each,
          aliases: (s.alias ? 1 : 0) + items * inner.aliases,
        };
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        const on = s.typeCondition ? schema.getType(s.typeCondition.name.value) : type;
        child = walk(on ?? type, s.selectionSet, seen);
      } else {
        if (seen.has(s.name.value)) continue;
        const fragment = fragments.get(s.name.value);
        const on = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        child = walk(on ?? type, fragment?.selectionSet, new Set([...seen, s.name.value]));
      }
      total.depth = Math.max(total.depth, child.depth);
      total.complexity += child.complexity;
      total.aliases += child.aliases;
    }
    return total;
  };

  const op = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!op) return { depth: 0, complexity: 0, aliases: 0 };
  const root =
    op.operation === 'query'
      ? schema.getQueryType()
      : op.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return walk(root ?? undefined, op.selectionSet, new Set());
}

/** The first limit the operation exceeds, as QUERY_TOO_COMPLEX; null when within every limit. */
export function checkLimits(
  schema: GraphQLSchema,
  limits: QueryLimits,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Record<string, unknown> | null,
): GraphQLError | null {
  const { depth, complexity, aliases } = measureQuery(schema, document, operationName, variables ?? {});
  if (depth > limits.maxDepth)
    return appError('QUERY_TOO_COMPLEX', `Query depth ${depth} exceeds the limit of ${limits.maxDepth}`);
  if (aliases > limits.maxAliases) {
    return appError(
      'QUERY_TOO_COMPLEX',
      `Query uses ${aliases} aliased fields, over the limit of ${limits.maxAliases}`,
    );
  }
  if (complexity > limits.maxComplexity) {
    return appError(
      'QUERY_TOO_COMPLEX',
      `Query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}: ask for fewer items (first) or fields`,
    );
  }
  return null;
}

/** graphql-js's syntax error for a document over `maxLexicalTokens` (its wording has "more that"). */
export const TOO_MANY_TOKENS = /Document contains more th(?:an|at) (\d+) tokens/;

/** Parses with the token limit: a document over it is refused (QUERY_TOO_COMPLEX) before it is built. */
export function parseLimited(source: string, maxTokens: number): DocumentNode {
  try {
    return parse(source, { maxLexicalTokens: maxTokens });
  } catch (e) {
    if (e instanceof Error && TOO_MANY_TOKENS.test(e.message))
      throw appError('QUERY_TOO_COMPLEX', `The document has more than ${maxTokens} tokens`);
    throw e;
  }
}

/**
 * Depth, aliases and complexity once the operation is known. The token limit is Apollo's `parseOptions`
 * (server.ts); formatError answers it as QUERY_TOO_COMPLEX.
 */
export function limitsPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  // An operation without variables always gets the same verdict, and Apollo hands over the same parsed document
  // for the same text (its document cache): the dashboards' repeated reads are measured once, not per request.
  // Only passes are kept; a refusal is measured again (and thrown as a new error) each time.
  const passed = new WeakMap<DocumentNode, Set<string>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation }) {
          const constant = !operation?.variableDefinitions?.length;
          const name = request.operationName ?? '';
          if (constant && passed.get(document)?.has(name)) return;
          const error =
            checkLimits(schema, limits, document, request.operationName, request.variables) ??
            checkInput(schema, document, request.operationName, request.variables);
          if (error) throw error;
          if (constant) {
            const names = passed.get(document) ?? new Set<string>();
            passed.set(document, names.add(name));
          }
        },
      };
    },
  };
}
