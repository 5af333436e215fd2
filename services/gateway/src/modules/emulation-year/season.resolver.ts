import { blockRepository, emulationYearRepository, type Block, type EmulationYear } from '@thidua/db';
import { Arg, Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { BOUNDS } from '../../common/bounds';
import { assertYear } from '../../common/errors';
import { MEMBERS } from '../../common/roles';
import type { GraphQLContext } from '../../context';
import { BlockType } from '../block/block.types';
import { EmulationYearType } from './emulation-year.types';

@ObjectType('BlockYear', {
  description: 'A block of the province in a calendar year, with its emulation year once it is opened.',
})
export class BlockYearType {
  @Field(() => BlockType) block!: Block;
  @Field(() => EmulationYearType, { nullable: true }) emulationYear!: EmulationYear | null;
}

/**
 * The province's season at a glance: where every block's year stands. The home page reads it for the
 * secretariat's overview and for each unit's own blocks, in one request instead of one per block.
 */
@Resolver(() => BlockYearType)
export class SeasonResolver {
  @Authorized(...MEMBERS)
  @Query(() => [BlockYearType], {
    description:
      'Every block of the province in `year` (a member during the year, or a year record), in the order of ' +
      'their names, each with its emulation year or null when the block has not opened it.',
  })
  async blockYears(
    @Arg('year', () => Int) year: number,
    @Arg('mine', () => Boolean, {
      defaultValue: false,
      description:
        "Only the blocks one of the caller's units is a member of during the year (an officer's own).",
    })
    mine: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<BlockYearType[]> {
    assertYear('year', year);
    const [blocks, years] = await Promise.all([
      blockRepository.list({ year }, { first: BOUNDS.blocksPerProvince, offset: 0 }),
      emulationYearRepository.inYear(year),
    ]);
    let shown = blocks.items;
    if (mine) {
      const members = await blockRepository.membersInYear(
        shown.map((b) => b.id),
        year,
      );
      const own = ctx.access?.officerOf ?? new Set<string>();
      shown = shown.filter((b) => (members.get(b.id) ?? []).some((unitId) => own.has(unitId)));
    }
    const byBlock = new Map(years.map((y) => [y.blockId, y]));
    return shown.map((block) => ({ block, emulationYear: byBlock.get(block.id) ?? null }));
  }
}
