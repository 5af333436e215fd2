import { registerEnumType } from 'type-graphql';

/**
 * A GraphQL enum from a list of string values defined in the domain, registered under `name`, with a
 * description for each value where one is given.
 */
export function graphqlEnum<T extends string>(
  values: readonly T[],
  name: string,
  description?: string,
  valueDescriptions?: Partial<Record<T, string>>,
): { [K in T]: K } {
  const e = Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
  const valuesConfig = valueDescriptions
    ? (Object.fromEntries(
        Object.entries(valueDescriptions).map(([v, d]) => [v, { description: d as string }]),
      ) as Partial<Record<T, { description: string }>>)
    : undefined;
  registerEnumType(e, { name, description, valuesConfig });
  return e;
}
