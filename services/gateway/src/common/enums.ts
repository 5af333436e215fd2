import { registerEnumType } from 'type-graphql';

/** A GraphQL enum from a list of string values defined in the domain, registered under `name`. */
export function graphqlEnum<T extends string>(
  values: readonly T[],
  name: string,
  description?: string,
): { [K in T]: K } {
  const e = Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
  registerEnumType(e, { name, description });
  return e;
}
