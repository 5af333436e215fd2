import { auditRepository, provinceRepository, userRepository, type Province } from '@thidua/db';
import { foldVietnamese, NAME_WITH_KIND, vietnamToday } from '@thidua/domain';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { platformRoles } from '../../auth/auth-checker';
import { PageArgs, toConnection, toPageRequest } from '../../common/connection';
import { badInput, conflict, notFound } from '../../common/errors';
import { newAccount } from '../user/user.service';
import { invitationActor, inviteFirstAdmin } from '../invitation/invitation.service';
import type { GraphQLContext } from '../../context';
import {
  CreateProvinceInput,
  type FirstAdminInput,
  ProvinceConnection,
  ProvinceFilterInput,
  ProvinceType,
  UpdateProvinceInput,
} from './province.types';

@Resolver(() => ProvinceType)
export class ProvinceResolver {
  @Authorized()
  @Query(() => ProvinceConnection, { description: 'The public list of provinces, current and former.' })
  async provinces(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ProvinceFilterInput, { nullable: true }) filter?: ProvinceFilterInput,
  ) {
    return toConnection(await provinceRepository.list(filter ?? {}, toPageRequest(page)));
  }

  @Authorized()
  @Query(() => ProvinceType)
  async province(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.province.load(id)) ?? Promise.reject(notFound('Province', id));
  }

  @FieldResolver(() => Boolean, { description: 'In force today (Vietnam time).' })
  isCurrent(@Root() p: Province): boolean {
    return !p.validTo || p.validTo >= vietnamToday();
  }

  @FieldResolver(() => [ProvinceType], { description: 'The former provinces merged into this one.' })
  async predecessors(@Root() p: Province, @Ctx() ctx: GraphQLContext) {
    const edges = (await ctx.loaders.lineage.load(p.id)).filter((l) => l.successorId === p.id);
    return (await ctx.loaders.province.loadMany(edges.map((l) => l.predecessorId))).filter(Boolean);
  }

  @FieldResolver(() => [ProvinceType], { description: 'The province(s) this one was merged into.' })
  async successors(@Root() p: Province, @Ctx() ctx: GraphQLContext) {
    const edges = (await ctx.loaders.lineage.load(p.id)).filter((l) => l.predecessorId === p.id);
    return (await ctx.loaders.province.loadMany(edges.map((l) => l.successorId))).filter(Boolean);
  }

  @Authorized(...platformRoles('PLATFORM_ADMIN'))
  @Mutation(() => ProvinceType)
  async createProvince(
    @Arg('input', () => CreateProvinceInput) input: CreateProvinceInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (input.predecessorIds.length && !input.validFrom) {
      throw badInput('validFrom', 'a province that absorbs predecessors needs the date it starts');
    }
    checkName(input.name);
    checkStart(input.validFrom);
    const found = await provinceRepository.byIds(input.predecessorIds);
    const missing = input.predecessorIds.find((id) => !found.some((p) => p.id === id));
    if (missing) throw badInput('predecessorIds', `province ${missing} does not exist`);
    if (input.validFrom) checkPredecessors(found, input.validFrom, await provinceRepository.lineageEdges());
    const sameCode = (await provinceRepository.list({ code: input.code }, { first: 100, offset: 0 })).items;
    const today = vietnamToday();
    const clashing = sameCode.find(
      (p) => (!p.validTo || p.validTo >= today) && !input.predecessorIds.includes(p.id),
    );
    if (clashing) throw conflict(`code ${input.code} is in use by ${clashing.name}`);
    await assertNameFree(input.name, input.predecessorIds);
    // Codes are reused (names too): a province is told apart from a former one of its code by its start.
    const former = sameCode.find((p) => (p.validFrom ?? null) === (input.validFrom ?? null));
    if (former)
      throw badInput(
        'validFrom',
        `code ${input.code} was used by the former ${former.name}: give the date this province starts`,
      );
    const { firstAdmin, ...fields } = input;
    const admin = firstAdmin && (await checkFirstAdmin(firstAdmin));

    const province = await provinceRepository.create({ ...fields, validFrom: input.validFrom ?? null });
    const log = (action: string, entityType: string, entityId: string, after: object) =>
      auditRepository.appendPlatform({
        actorUserId: ctx.principal!.userId,
        action,
        entityType,
        entityId,
        after,
        requestId: ctx.requestId,
      });
    await log('province.create', 'Province', province.id, { ...fields });
    if (admin && !('passwordHash' in admin)) {
      const invitation = await inviteFirstAdmin(invitationActor(ctx), province.id, admin);
      await log('invitation.create', 'Invitation', invitation.id, {
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt.toISOString(),
      });
    } else if (admin) {
      const user = await userRepository.create(admin);
      await log('user.create', 'User', user.id, { email: user.email, fullName: user.fullName });
      const role = await userRepository.assignRole({
        userId: user.id,
        role: 'PROVINCE_ADMIN',
        provinceId: province.id,
        unitId: null,
      });
      await log('role.assign', 'RoleAssignment', role.id, role);
    }
    return province;
  }

  @Authorized(...platformRoles('PLATFORM_ADMIN'))
  @Mutation(() => ProvinceType)
  async updateProvince(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateProvinceInput) input: UpdateProvinceInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const [before] = await provinceRepository.byIds([id]);
    if (!before) throw notFound('Province', id);
    if (input.name) checkName(input.name);
    if (input.validTo && before.validFrom && input.validTo < before.validFrom) {
      throw badInput('validTo', `must not be before validFrom (${before.validFrom})`);
    }
    // Renamed, or brought back into force: still one province in force per name.
    const inForce =
      input.validTo === undefined ? !before.validTo || before.validTo >= vietnamToday() : !input.validTo;
    if (inForce) await assertNameFree(input.name ?? before.name, [id]);
    const after = await provinceRepository.update(id, input);
    await auditRepository.appendPlatform({
      actorUserId: ctx.principal!.userId,
      action: 'province.update',
      entityType: 'Province',
      entityId: id,
      before,
      after,
      requestId: ctx.requestId,
    });
    return after;
  }
}

/**
 * The first account as createUser makes one (with a password), or the person to invite (without); refused
 * before anything is written when its address has an account.
 */
/**
 * One province in force per name: people pick theirs by name, the dashboards compare them by name, and a province
 * is never deleted. "lào cai" or "Lao Cai" is the same province as "Lào Cai". `except`: the province itself, or
 * the ones a merger ends.
 */
async function assertNameFree(name: string, except: readonly string[]): Promise<void> {
  const named = (await provinceRepository.list({ search: name, current: true }, { first: 100, offset: 0 }))
    .items;
  const same = named.find((p) => foldVietnamese(p.name) === foldVietnamese(name) && !except.includes(p.id));
  if (same) throw conflict(`a province named "${same.name}" exists (code ${same.code})`);
}

async function checkFirstAdmin(a: FirstAdminInput) {
  const account = a.password
    ? await newAccount({ ...a, password: a.password }, 'firstAdmin.')
    : { email: a.email.trim().toLowerCase(), fullName: a.fullName.trim() };
  // An official with an account (in another province, a national role) is invited: accepting adds the role, their
  // password stays. Only a new account with a password typed by the operator cannot take a used address. The
  // platform admin sees every account: saying the address is taken tells them nothing new.
  if (a.password && (await userRepository.byEmail(account.email)))
    throw badInput(
      'firstAdmin.email',
      `an account with the email ${account.email} already exists: leave out the password to invite it`,
    );
  return account;
}

/** The platform keeps years from 2000 (BOUNDS.years); a start further than a year ahead is a typing mistake. */
const EARLIEST_START = '2000-01-01';

function checkStart(validFrom: string | null | undefined) {
  if (!validFrom) return;
  // A year from today (from 29 February, 1 March of a common year).
  const [y, m, d] = vietnamToday().split('-').map(Number) as [number, number, number];
  const latest = new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
  if (validFrom < EARLIEST_START || validFrom > latest)
    throw badInput('validFrom', `must be between ${EARLIEST_START} and ${latest}`);
}

/** The name alone: the kind is its own field, and letters add it ("tỉnh Lào Cai", never "tỉnh Tỉnh Lào Cai"). */
function checkName(name: string): void {
  if (NAME_WITH_KIND.test(name.normalize('NFC')))
    throw badInput('name', "is the province's own name, without 'Tỉnh' or 'Thành phố': the kind says it");
}

/**
 * A merger joins provinces in force on its eve: each predecessor ends the day before the successor starts
 * (provinceRepository.create), so one that began on or after that day, or had already ended, cannot be merged;
 * nor one already merged into another (a province has one successor: its data is read under it).
 */

function checkPredecessors(
  predecessors: Province[],
  validFrom: string,
  lineage: { predecessorId: string }[],
) {
  for (const p of predecessors) {
    if (lineage.some((l) => l.predecessorId === p.id))
      throw badInput('predecessorIds', `${p.name} is already merged into another province`);
    if (p.validFrom && p.validFrom >= validFrom)
      throw badInput('predecessorIds', `${p.name} began on ${p.validFrom}, not before ${validFrom}`);
    if (p.validTo && p.validTo < dayBefore(validFrom))
      throw badInput('predecessorIds', `${p.name} already ended on ${p.validTo}`);
  }
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
