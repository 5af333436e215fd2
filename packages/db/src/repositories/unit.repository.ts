import { foldVietnamese, vietnamToday } from '@thidua/domain';
import { In } from 'typeorm';
import { Unit, type UnitKind } from '../entities';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { containsPattern, paginate, VIETNAMESE_COLLATION, type PageRequest } from './pagination';

export interface UnitFilter {
  search?: string;
  kind?: UnitKind;
  includeFormer?: boolean;
}

export interface NewUnit {
  name: string;
  shortName: string | null;
  kind: UnitKind;
  validFrom: string | null;
}

/** Tenant repository: every call sees only the context's province (RLS backs the filter up). */
export const unitRepository = {
  async list(filter: UnitFilter, page: PageRequest) {
    const qb = (await tenantManager()).getRepository(Unit).createQueryBuilder('u');
    if (filter.search)
      qb.andWhere('u.name_search LIKE :s', { s: containsPattern(foldVietnamese(filter.search)) });
    if (filter.kind) qb.andWhere('u.kind = :kind', { kind: filter.kind });
    // In force today (Vietnam's date); in a former province, on its last day (its units ended with it).
    if (!filter.includeFormer)
      qb.andWhere(
        `(u.valid_to IS NULL OR u.valid_to >= (SELECT least(:today::date, coalesce(p.valid_to, :today::date))
                                               FROM province p WHERE p.id = u.province_id))`,
        { today: vietnamToday() },
      );
    qb.orderBy(`u.name COLLATE ${VIETNAMESE_COLLATION}`).addOrderBy('u.id');
    return paginate(qb, page);
  },

  /** A unit in force whose name folds to the same text as `name` (the unique index's key), other than `exceptId`. */
  async sameName(name: string, exceptId?: string): Promise<Pick<Unit, 'id' | 'name'> | null> {
    const qb = (await tenantManager())
      .getRepository(Unit)
      .createQueryBuilder('u')
      .select(['u.id', 'u.name'])
      .where('u.name_search = :s AND u.valid_to IS NULL', { s: foldVietnamese(name) });
    if (exceptId) qb.andWhere('u.id <> :id', { id: exceptId });
    return qb.getOne();
  },

  async byIds(ids: readonly string[]): Promise<Unit[]> {
    if (!ids.length) return [];
    return (await tenantManager()).getRepository(Unit).findBy({ id: In([...ids]) });
  },

  async create(input: NewUnit): Promise<Unit> {
    const repo = (await tenantManager()).getRepository(Unit);
    const row = repo.create({
      ...input,
      provinceId: currentProvinceId(),
      nameSearch: foldVietnamese(input.name),
      validTo: null,
    });
    return repo.save(row);
  },

  async update(
    id: string,
    patch: Partial<Pick<Unit, 'name' | 'shortName' | 'kind' | 'validTo'>>,
  ): Promise<Unit | null> {
    const repo = (await tenantManager()).getRepository(Unit);
    const changes: Partial<Unit> = { ...patch, updatedAt: new Date() };
    if (patch.name !== undefined) changes.nameSearch = foldVietnamese(patch.name);
    await repo.update({ provinceId: currentProvinceId(), id }, changes);
    return repo.findOneBy({ id });
  },
};
