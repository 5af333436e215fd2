import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { appError } from '../common/errors';

/** Depth of the deepest field path, following fragments (a cycle cannot loop: validation rejects those first). */
export function queryDepth(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) max = Math.max(max, s.name.value.startsWith('__') ? 0 : 1 + depthOf(s.selectionSet, seen));
      else if (s.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(s.selectionSet, seen));
      else if (!seen.has(s.name.value)) {
        max = Math.max(max, depthOf(fragments.get(s.name.value)?.selectionSet, new Set([...seen, s.name.value])));
      }
    }
    return max;
  };
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = ops.find((o) => !operationName || o.name?.value === operationName);
  return op ? depthOf(op.selectionSet, new Set()) : 0;
}

/** Lists multiply their children's cost by the page size asked for, so `first: 100` nested twice is expensive. */
const pagedEstimator = simpleEstimator({ defaultComplexity: 1 });
const connectionEstimator = fieldExtensionsEstimator();

export function limitsPlugin(schema: GraphQLSchema, maxDepth: number, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const depth = queryDepth(document, request.operationName);
          if (depth > maxDepth) throw appError('QUERY_TOO_COMPLEX', `Query depth ${depth} exceeds the limit of ${maxDepth}`);
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [
              connectionEstimator,
              (args) => {
                const first = typeof args.args.first === 'number' ? args.args.first : 1;
                return first > 1 ? first * Math.max(1, args.childComplexity) : (pagedEstimator(args) ?? 1);
              },
            ],
          });
          if (complexity > maxComplexity) {
            throw appError('QUERY_TOO_COMPLEX', `Query complexity ${complexity} exceeds the limit of ${maxComplexity}`);
          }
        },
      };
    },
  };
}
