import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { appError } from '../common/errors';

export interface QueryCost {
  depth: number;
  /** Fields that may be resolved: a list field's children count once per item of the page it asks for. */
  complexity: number;
}

/** Measures an operation statically, following fragments; a fragment cycle is cut (validation rejects it anyway). */
export function measureQuery(
  document: DocumentNode,
  operationName?: string | null,
  variables: Record<string, unknown> = {},
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const pageSize = (field: FieldNode): number => {
    const arg = field.arguments?.find((a) => a.name.value === 'first');
    if (!arg) return 1;
    const value =
      arg.value.kind === Kind.VARIABLE
        ? variables[arg.value.name.value]
        : arg.value.kind === Kind.INT
          ? Number(arg.value.value)
          : 1;
    return typeof value === 'number' && value > 1 ? value : 1;
  };

  const walk = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): QueryCost => {
    const total = { depth: 0, complexity: 0 };
    for (const s of set?.selections ?? []) {
      let child: QueryCost;
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        const inner = walk(s.selectionSet, seen);
        child = { depth: 1 + inner.depth, complexity: 1 + pageSize(s) * inner.complexity };
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        child = walk(s.selectionSet, seen);
      } else {
        if (seen.has(s.name.value)) continue;
        child = walk(fragments.get(s.name.value)?.selectionSet, new Set([...seen, s.name.value]));
      }
      total.depth = Math.max(total.depth, child.depth);
      total.complexity += child.complexity;
    }
    return total;
  };

  const op = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  return op && op.kind === Kind.OPERATION_DEFINITION
    ? walk(op.selectionSet, new Set())
    : { depth: 0, complexity: 0 };
}

export function limitsPlugin(maxDepth: number, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const { depth, complexity } = measureQuery(
            document,
            request.operationName,
            request.variables ?? {},
          );
          if (depth > maxDepth)
            throw appError('QUERY_TOO_COMPLEX', `Query depth ${depth} exceeds the limit of ${maxDepth}`);
          if (complexity > maxComplexity) {
            throw appError(
              'QUERY_TOO_COMPLEX',
              `Query complexity ${complexity} exceeds the limit of ${maxComplexity}`,
            );
          }
        },
      };
    },
  };
}
