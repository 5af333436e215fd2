import { Kind, type GraphQLResolveInfo } from 'graphql';

/**
 * Whether this field is its request's only one, a mutation at the root: nothing else of the request runs in its
 * transaction after it, so its last statement may travel with the COMMIT (`preparedQuery`'s `commit`) when its
 * answer's fields can neither fail nor read.
 */
export function aloneInMutation({ operation, path }: GraphQLResolveInfo): boolean {
  const [only, ...others] = operation.selectionSet.selections;
  return operation.operation === 'mutation' && !path.prev && !others.length && only?.kind === Kind.FIELD;
}
