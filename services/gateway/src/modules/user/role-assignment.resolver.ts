import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../context';
import { ProvinceType } from '../province/province.types';
import { RoleAssignmentType } from './user.types';

@Resolver(() => RoleAssignmentType)
export class RoleAssignmentResolver {
  @FieldResolver(() => ProvinceType, {
    nullable: true,
    description:
      'The province the role is held in (null for a platform-wide role): the platform admin reads every account.',
  })
  province(@Root() r: RoleAssignmentType, @Ctx() ctx: GraphQLContext) {
    return r.provinceId ? ctx.loaders.province.load(r.provinceId) : null;
  }
}
