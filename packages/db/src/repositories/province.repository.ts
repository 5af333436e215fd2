import { foldVietnamese, vietnamToday, type LineageEdge } from '@thidua/domain';
import { In } from 'typeorm';
import { Province, ProvinceLineage, type ProvinceKind } from '../entities';
import { currentManager } from '../tenancy/tenant-context';
import { containsPattern, paginate, VIETNAMESE_COLLATION, type PageRequest } from './pagination';

export interface ProvinceFilter {
  search?: string;
  /** true: only provinces in force today (Vietnam's date, as the gateway's checks read it); false: only former ones. */
  current?: boolean;
  code?: string;
}

export interface NewProvince {
  code: string;
  name: string;
  kind: ProvinceKind;
  validFrom: string | null;
  predecessorIds: string[];
}

export const provinceRepository = {
  async list(filter: ProvinceFilter, page: PageRequest) {
    const qb = (await currentManager()).getRepository(Province).createQueryBuilder('p');
    if (filter.search)
      qb.andWhere('p.name_search LIKE :s', { s: containsPattern(foldVietnamese(filter.search)) });
    if (filter.code) qb.andWhere('p.code = :code', { code: filter.code });
    const today = vietnamToday();
    if (filter.current === true) qb.andWhere('(p.valid_to IS NULL OR p.valid_to >= :today)', { today });
    if (filter.current === false) qb.andWhere('p.valid_to < :today', { today });
    qb.orderBy(`p.name COLLATE ${VIETNAMESE_COLLATION}`)
      .addOrderBy('p.valid_from', 'ASC', 'NULLS FIRST')
      .addOrderBy('p.id');
    return paginate(qb, page);
  },

  async byIds(ids: readonly string[]): Promise<Province[]> {
    if (!ids.length) return [];
    return (await currentManager()).getRepository(Province).findBy({ id: In([...ids]) });
  },

  async lineageEdges(): Promise<LineageEdge[]> {
    return (await currentManager()).getRepository(ProvinceLineage).find();
  },

  /** Lineage rows touching any of `ids`, for the per-request DataLoaders. */
  async lineageOf(ids: readonly string[]): Promise<ProvinceLineage[]> {
    if (!ids.length) return [];
    const repo = (await currentManager()).getRepository(ProvinceLineage);
    return repo.find({ where: [{ predecessorId: In([...ids]) }, { successorId: In([...ids]) }] });
  },

  /** Creates a province; predecessors it absorbs end the day before it starts. */
  async create(input: NewProvince): Promise<Province> {
    const m = await currentManager();
    const province = await m.getRepository(Province).save({
      code: input.code,
      name: input.name,
      nameSearch: foldVietnamese(input.name),
      kind: input.kind,
      validFrom: input.validFrom,
      validTo: null,
    });
    if (input.predecessorIds.length) {
      await m.getRepository(ProvinceLineage).insert(
        input.predecessorIds.map((predecessorId) => ({
          predecessorId,
          successorId: province.id,
          effectiveOn: input.validFrom!,
        })),
      );
      await m.query(
        `UPDATE province SET valid_to = $2::date - 1, updated_at = now()
         WHERE id = ANY($1) AND (valid_to IS NULL OR valid_to >= $2::date)`,
        [input.predecessorIds, input.validFrom],
      );
    }
    return province;
  },

  async update(
    id: string,
    patch: Partial<Pick<Province, 'name' | 'kind' | 'validTo'>>,
  ): Promise<Province | null> {
    const repo = (await currentManager()).getRepository(Province);
    const changes: Partial<Province> = { ...patch, updatedAt: new Date() };
    if (patch.name !== undefined) changes.nameSearch = foldVietnamese(patch.name);
    await repo.update({ id }, changes);
    return repo.findOneBy({ id });
  },
};
