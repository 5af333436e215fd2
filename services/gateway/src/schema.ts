import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth/auth-checker';
import { ProvinceResolver } from './modules/province/province.resolver';
import { UnitResolver } from './modules/unit/unit.resolver';
import { UserResolver } from './modules/user/user.resolver';

export const resolvers = [ProvinceResolver, UnitResolver, UserResolver] as const;

let schema: Promise<GraphQLSchema> | undefined;

/** Built once per process: type-graphql's metadata is global, so building twice gains nothing. */
export function getSchema(): Promise<GraphQLSchema> {
  return (schema ??= buildSchema({
    resolvers,
    authChecker,
    validate: { forbidUnknownValues: false },
  }));
}
