import { foldVietnamese, type Role } from '@thidua/domain';
import { In, IsNull } from 'typeorm';
import { RoleAssignment, User } from '../entities';
import { currentManager } from '../tenancy/tenant-context';
import { containsPattern, paginate, VIETNAMESE_COLLATION, type PageRequest } from './pagination';

export interface UserFilter {
  search?: string;
  /** Only users holding a role in this province. */
  provinceId?: string;
  role?: Role;
}

export const userRepository = {
  async findForLogin(email: string): Promise<User | null> {
    return (await currentManager())
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.password_hash', 'u_password_hash')
      .where('u.email = :email', { email })
      .getOne();
  },

  async byIds(ids: readonly string[]): Promise<User[]> {
    if (!ids.length) return [];
    return (await currentManager()).getRepository(User).findBy({ id: In([...ids]) });
  },

  async byEmail(email: string): Promise<User | null> {
    return (await currentManager()).getRepository(User).findOneBy({ email });
  },

  async list(filter: UserFilter, page: PageRequest) {
    const qb = (await currentManager()).getRepository(User).createQueryBuilder('u');
    if (filter.search) {
      qb.andWhere('(u.full_name_search LIKE :s OR u.email LIKE :s)', {
        s: containsPattern(foldVietnamese(filter.search)),
      });
    }
    if (filter.provinceId || filter.role) {
      const conditions = ['r.user_id = u.id'];
      if (filter.provinceId) conditions.push('r.province_id = :provinceId');
      if (filter.role) conditions.push('r.role = :role');
      qb.andWhere(`EXISTS (SELECT 1 FROM role_assignment r WHERE ${conditions.join(' AND ')})`, filter);
    }
    qb.orderBy(`u.full_name COLLATE ${VIETNAMESE_COLLATION}`).addOrderBy('u.id');
    return paginate(qb, page);
  },

  async create(input: { email: string; fullName: string; passwordHash: string }): Promise<User> {
    const repo = (await currentManager()).getRepository(User);
    const { identifiers } = await repo.insert({ ...input, fullNameSearch: foldVietnamese(input.fullName) });
    return repo.findOneByOrFail({ id: identifiers[0]!.id as string });
  },

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await (await currentManager()).getRepository(User).update({ id: userId }, { passwordHash });
  },

  async setLocale(userId: string, locale: User['locale']): Promise<void> {
    await (await currentManager()).getRepository(User).update({ id: userId }, { locale });
  },

  /** Disabling keeps the first time it was disabled; enabling clears it. Null when there is no such user. */
  async setDisabled(userId: string, disabled: boolean): Promise<User | null> {
    const m = await currentManager();
    await m.query(
      `UPDATE app_user SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, now()) END WHERE id = $1`,
      [userId, disabled],
    );
    return m.getRepository(User).findOneBy({ id: userId });
  },

  async rolesOf(userIds: readonly string[]): Promise<RoleAssignment[]> {
    if (!userIds.length) return [];
    return (await currentManager())
      .getRepository(RoleAssignment)
      .find({ where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } });
  },

  /** The officers of the given units in the context's province. */
  async officersOf(provinceId: string, unitIds: readonly string[]): Promise<string[]> {
    return [...new Set((await userRepository.officersByUnit(provinceId, unitIds)).map((o) => o.userId))];
  },

  /** Each unit officer with the unit they serve (an officer of two units is listed twice). */
  async officersByUnit(
    provinceId: string,
    unitIds: readonly string[],
  ): Promise<{ userId: string; unitId: string }[]> {
    if (!unitIds.length) return [];
    const rows: { user_id: string; unit_id: string }[] = await (
      await currentManager()
    ).query(
      `SELECT DISTINCT user_id, unit_id FROM role_assignment WHERE role = 'UNIT_OFFICER' AND province_id = $1 AND unit_id = ANY($2)`,
      [provinceId, unitIds],
    );
    return rows.map((r) => ({ userId: r.user_id, unitId: r.unit_id }));
  },

  async roleById(id: string): Promise<RoleAssignment | null> {
    return (await currentManager()).getRepository(RoleAssignment).findOneBy({ id });
  },

  /** Idempotent: assigning a role the user already holds returns the existing assignment. */
  async assignRole(
    input: Pick<RoleAssignment, 'userId' | 'role' | 'provinceId' | 'unitId'>,
  ): Promise<RoleAssignment> {
    const m = await currentManager();
    await m.query(
      `INSERT INTO role_assignment (user_id, role, province_id, unit_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [input.userId, input.role, input.provinceId, input.unitId],
    );
    return m.getRepository(RoleAssignment).findOneOrFail({
      where: {
        userId: input.userId,
        role: input.role,
        provinceId: input.provinceId ?? IsNull(),
        unitId: input.unitId ?? IsNull(),
      },
    });
  },

  /**
   * How many of the province's secretariat roles other than `exceptId` belong to enabled accounts. Every one of
   * its secretariat roles and their accounts is locked until the transaction ends (in one order, so that two never
   * wait for each other), so two removals or disablings at once wait and the second sees what the first left.
   */
  async otherSecretariatRoles(provinceId: string, exceptId: string): Promise<number> {
    const rows: { id: string; disabled: boolean }[] = await (
      await currentManager()
    ).query(
      `SELECT r.id, u.disabled_at IS NOT NULL AS disabled FROM role_assignment r JOIN app_user u ON u.id = r.user_id
        WHERE r.province_id = $1 AND r.role = 'PROVINCE_ADMIN' ORDER BY r.id FOR UPDATE OF r, u`,
      [provinceId],
    );
    return rows.filter((r) => r.id !== exceptId && !r.disabled).length;
  },

  async revokeRole(id: string): Promise<void> {
    await (await currentManager()).getRepository(RoleAssignment).delete({ id });
  },
};
