import { ADMINS, MEMBERS, READERS } from '../../common/roles';
import {
  blockRepository,
  emulationYearRepository,
  type Block,
  type BlockMembership,
  type Unit,
} from '@thidua/db';
import { blockWords, normalizeName, vietnamToday } from '@thidua/domain';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { BOUNDS, checkFirst, firstArgOptions } from '../../common/bounds';
import { audit } from '../../common/audit';
import { PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { withConstraints } from '../../common/constraints';
import { badInput, missingRef, notFound } from '../../common/errors';
import { nameTaken } from '../../common/names';
import type { GraphQLContext } from '../../context';
import { EmulationYearType } from '../emulation-year/emulation-year.types';
import { UnitType } from '../unit/unit.types';
import {
  BlockConnection,
  BlockFilterInput,
  BlockMemberInput,
  BlockMembershipType,
  BlockType,
  CreateBlockInput,
  UpdateBlockInput,
} from './block.types';

/** The taken name's record, named by its kind: "cụm thi đua" for a cluster. */
const blockNamed = (kind: Block['kind']) => {
  const w = blockWords(kind);
  return { vi: `${w.block} thi đua`, en: w.en };
};

@Resolver(() => BlockType)
export class BlockResolver {
  @Authorized(...READERS)
  @Query(() => BlockConnection)
  async blocks(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => BlockFilterInput, { nullable: true }) filter?: BlockFilterInput,
  ) {
    return toConnection(await blockRepository.list(filter ?? {}, toPageRequest(page)));
  }

  @Authorized(...READERS)
  @Query(() => BlockType)
  async block(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.block.load(id)) ?? Promise.reject(notFound('Block', id));
  }

  @FieldResolver(() => [UnitType], {
    description: 'The member units in a year (default: this year, Vietnam time).',
  })
  async members(
    @Root() block: Block,
    @Ctx() ctx: GraphQLContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    const y = year ?? Number(vietnamToday().slice(0, 4));
    const ids = await ctx.loaders.membersInYear.load(`${block.id}:${y}`);
    return (await ctx.loaders.unit.loadMany(ids)).filter(Boolean);
  }

  @FieldResolver(() => [BlockMembershipType], { description: 'Every membership, past and present.' })
  async memberships(
    @Root() block: Block,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(500, 500)) first?: number,
  ) {
    const n = checkFirst(first, 500);
    return (await ctx.loaders.membershipsOfBlock.load(block.id)).slice(0, n);
  }

  // Years carry scores and signatures: the province's own people only (as the emulationYear query).
  @Authorized(...MEMBERS)
  @FieldResolver(() => [EmulationYearType], {
    description: "The block's years, newest first: its history (head, deputy, state; the year's ranking).",
  })
  async years(
    @Root() block: Block,
    @Arg('first', () => Int, firstArgOptions(BOUNDS.years, 20)) first?: number,
  ) {
    return (await emulationYearRepository.ofBlock(block.id)).slice(0, checkFirst(first, BOUNDS.years));
  }

  @Authorized(...ADMINS)
  @Mutation(() => BlockType)
  async createBlock(
    @Arg('input', () => CreateBlockInput) input: CreateBlockInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { totalCount } = await blockRepository.list({}, { first: 1, offset: 0 });
    if (totalCount >= BOUNDS.blocksPerProvince)
      throw badInput(
        'name',
        `the province already has ${BOUNDS.blocksPerProvince} blocks, the most it may have`,
      );
    const name = normalizeName(input.name);
    const taken = await blockRepository.sameName(name);
    if (taken) throw nameTaken(blockNamed(taken.kind), taken);
    const block = await withConstraints({ unique: `a block named "${name}" already exists` }, () =>
      blockRepository.create({
        name,
        kind: input.kind,
        description: input.description ?? null,
      }),
    );
    await audit(ctx, 'block.create', 'Block', block.id, { after: block });
    return block;
  }

  @Authorized(...ADMINS)
  @Mutation(() => BlockType)
  async updateBlock(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateBlockInput) input: UpdateBlockInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const before = await ctx.loaders.block.load(id);
    if (!before) throw notFound('Block', id);
    const patch = input.name !== undefined ? { ...input, name: normalizeName(input.name) } : input;
    if (patch.name !== undefined) {
      const taken = await blockRepository.sameName(patch.name, id);
      if (taken) throw nameTaken(blockNamed(taken.kind), taken);
    }
    const after = await withConstraints({ unique: `a block named "${patch.name}" already exists` }, () =>
      blockRepository.update(id, patch),
    );
    await audit(ctx, 'block.update', 'Block', id, { before, after });
    return after;
  }

  @Authorized(...ADMINS)
  @Mutation(() => BlockMembershipType, { description: 'The unit joins the block on `date`.' })
  async addBlockMember(
    @Arg('input', () => BlockMemberInput) input: BlockMemberInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const block = await ctx.loaders.block.load(input.blockId);
    if (!block) throw missingRef('blockId', 'Block', input.blockId);
    if (!(await ctx.loaders.unit.load(input.unitId))) throw missingRef('unitId', 'Unit', input.unitId);
    const year = Number(input.date.slice(0, 4));
    const members = await ctx.loaders.membersInYear.load(`${block.id}:${year}`);
    if (!members.includes(input.unitId) && members.length >= BOUNDS.blockMembers) {
      throw badInput(
        'blockId',
        `the block already has ${BOUNDS.blockMembers} members in ${year}, the most a block may have`,
      );
    }
    const membership = await withConstraints(
      { exclusion: `the unit is already in a ${block.kind === 'BLOCK' ? 'block' : 'cluster'} on that date` },
      () => blockRepository.addMember(block, input.unitId, input.date),
    );
    await audit(ctx, 'block.member.add', 'Block', block.id, { after: membership });
    return membership;
  }

  @Authorized(...ADMINS)
  @Mutation(() => BlockMembershipType, {
    description: 'The unit leaves the block; `date` is its last day as a member.',
  })
  async removeBlockMember(
    @Arg('input', () => BlockMemberInput) input: BlockMemberInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (!(await ctx.loaders.block.load(input.blockId))) throw missingRef('blockId', 'Block', input.blockId);
    const ended = await blockRepository.endMembership(input.blockId, input.unitId, input.date);
    if (!ended) throw badInput('unitId', `the unit has no membership of this block open on ${input.date}`);
    await audit(ctx, 'block.member.remove', 'Block', input.blockId, { after: ended });
    return ended;
  }
}

/** Which blocks a unit is (and was) in, each naming its block: the unit page's overview. */
@Resolver(() => UnitType)
export class UnitBlocksResolver {
  @FieldResolver(() => [BlockMembershipType], {
    description: "The unit's block memberships, past and present, the earliest first.",
  })
  async blockMemberships(
    @Root() unit: Unit,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, firstArgOptions(100)) first?: number,
  ) {
    const n = checkFirst(first, 100);
    return (await ctx.loaders.membershipsOfUnit.load(unit.id)).slice(0, n);
  }
}

@Resolver(() => BlockMembershipType)
export class BlockMembershipResolver {
  @FieldResolver(() => BlockType, { description: 'The block the unit is (or was) in.' })
  async block(@Root() membership: BlockMembership, @Ctx() ctx: GraphQLContext) {
    return (
      (await ctx.loaders.block.load(membership.blockId)) ??
      Promise.reject(notFound('Block', membership.blockId))
    );
  }
}
