import { foldVietnamese } from '@thidua/domain';
import { In, Not } from 'typeorm';
import { Block, BlockMembership, Person, type BlockKind, type Gender } from '../entities';
import { currentProvinceId, tenantManager } from '../tenancy/tenant-context';
import { containsPattern, paginate, VIETNAMESE_COLLATION, type PageRequest } from './pagination';
import { memberDuringYear, returning } from './sql';

export const blockRepository = {
  async list(filter: { search?: string; kind?: BlockKind; year?: number }, page: PageRequest) {
    const qb = (await tenantManager()).getRepository(Block).createQueryBuilder('b');
    if (filter.search)
      qb.andWhere('b.name_search LIKE :s', { s: containsPattern(foldVietnamese(filter.search)) });
    if (filter.kind) qb.andWhere('b.kind = :kind', { kind: filter.kind });
    // A block "of a year": it had a member at some point of that year, or a year record for it.
    if (filter.year)
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM block_membership m WHERE m.province_id = b.province_id AND m.block_id = b.id
            AND ${memberDuringYear(':year')})
          OR EXISTS (SELECT 1 FROM emulation_year y
                      WHERE y.province_id = b.province_id AND y.block_id = b.id AND y.year = :year))`,
        { year: filter.year },
      );
    qb.orderBy(`b.name COLLATE ${VIETNAMESE_COLLATION}`).addOrderBy('b.id');
    return paginate(qb, page);
  },

  /** A block whose name folds to the same text as `name` (the unique index's key), other than `exceptId`. */
  async sameName(name: string, exceptId?: string): Promise<Pick<Block, 'id' | 'name' | 'kind'> | null> {
    const qb = (await tenantManager())
      .getRepository(Block)
      .createQueryBuilder('b')
      .select(['b.id', 'b.name', 'b.kind'])
      .where('b.name_search = :s', { s: foldVietnamese(name) });
    if (exceptId) qb.andWhere('b.id <> :id', { id: exceptId });
    return qb.getOne();
  },

  async byIds(ids: readonly string[]): Promise<Block[]> {
    if (!ids.length) return [];
    return (await tenantManager()).getRepository(Block).findBy({ id: In([...ids]) });
  },

  async create(input: { name: string; kind: BlockKind; description: string | null }): Promise<Block> {
    const repo = (await tenantManager()).getRepository(Block);
    return repo.save(
      repo.create({ ...input, provinceId: currentProvinceId(), nameSearch: foldVietnamese(input.name) }),
    );
  },

  async update(id: string, patch: { name?: string; description?: string | null }): Promise<Block | null> {
    const repo = (await tenantManager()).getRepository(Block);
    const changes: Partial<Block> = { ...patch, updatedAt: new Date() };
    if (patch.name !== undefined) changes.nameSearch = foldVietnamese(patch.name);
    await repo.update({ provinceId: currentProvinceId(), id }, changes);
    return repo.findOneBy({ id });
  },

  async addMember(block: Block, unitId: string, validFrom: string): Promise<BlockMembership> {
    const repo = (await tenantManager()).getRepository(BlockMembership);
    return repo.save(
      repo.create({
        provinceId: currentProvinceId(),
        blockId: block.id,
        blockKind: block.kind,
        unitId,
        validFrom,
        validTo: null,
      }),
    );
  },

  /** Ends the unit's open membership of the block on `validTo`; null when it had none. */
  async endMembership(blockId: string, unitId: string, validTo: string): Promise<BlockMembership | null> {
    const m = await tenantManager();
    const [row] = await returning<{ id: string }>(
      m,
      `UPDATE block_membership SET valid_to = $3
       WHERE block_id = $1 AND unit_id = $2 AND valid_to IS NULL AND valid_from <= $3 RETURNING id`,
      [blockId, unitId, validTo],
    );
    return row ? m.getRepository(BlockMembership).findOneBy({ id: row.id }) : null;
  },

  /** Members of each block in `year`, keyed by block id (a unit that left and rejoined appears once). */
  async membersInYear(blockIds: readonly string[], year: number): Promise<Map<string, string[]>> {
    const rows: { block_id: string; unit_id: string }[] = blockIds.length
      ? await (
          await tenantManager()
        ).query(
          // Valid at some point in the calendar year.
          `SELECT m.block_id, m.unit_id
           FROM block_membership m JOIN unit u ON u.province_id = m.province_id AND u.id = m.unit_id
           WHERE m.block_id = ANY($1)
             AND ${memberDuringYear('$2')}
           GROUP BY m.block_id, m.unit_id, u.name
           ORDER BY u.name COLLATE ${VIETNAMESE_COLLATION}`,
          [blockIds, year],
        )
      : [];
    const members = new Map<string, string[]>(blockIds.map((id) => [id, []]));
    for (const r of rows) members.get(r.block_id)?.push(r.unit_id);
    return members;
  },

  /** The units' memberships, past and present, the earliest first. */
  async membershipsOfUnits(unitIds: readonly string[]): Promise<BlockMembership[]> {
    if (!unitIds.length) return [];
    return (await tenantManager())
      .getRepository(BlockMembership)
      .find({ where: { unitId: In([...unitIds]) }, order: { validFrom: 'ASC' } });
  },

  async memberships(blockIds: readonly string[]): Promise<BlockMembership[]> {
    if (!blockIds.length) return [];
    return (await tenantManager())
      .getRepository(BlockMembership)
      .find({ where: { blockId: In([...blockIds]) }, order: { validFrom: 'ASC' } });
  },
};

/**
 * A unit has one head at a time: naming a new one hands the role over. The present heads of `unitIds` stop being
 * heads, except the people in `keep` (those being named); one being created is not yet there.
 */
async function handOverHeads(unitIds: readonly string[], keep: readonly string[] = []): Promise<void> {
  if (!unitIds.length) return;
  await (
    await tenantManager()
  )
    .getRepository(Person)
    .update(
      { unitId: In([...unitIds]), headsUnit: true, ...(keep.length ? { id: Not(In([...keep])) } : {}) },
      { headsUnit: false },
    );
}

export const personRepository = {
  handOverHeads,

  async list(filter: { unitId?: string; search?: string }, page: PageRequest) {
    const qb = (await tenantManager()).getRepository(Person).createQueryBuilder('p');
    if (filter.unitId) qb.andWhere('p.unit_id = :unitId', filter);
    if (filter.search)
      qb.andWhere('p.full_name_search LIKE :s', { s: containsPattern(foldVietnamese(filter.search)) });
    // As official lists are: by given name (the last word), then the whole name ("Lê Văn An" before "Đỗ Thị Bình").
    qb.orderBy(`substring(p.full_name from '(\\S+)\\s*$') COLLATE ${VIETNAMESE_COLLATION}`)
      .addOrderBy(`p.full_name COLLATE ${VIETNAMESE_COLLATION}`)
      .addOrderBy('p.id');
    return paginate(qb, page);
  },

  async byIds(ids: readonly string[]): Promise<Person[]> {
    if (!ids.length) return [];
    return (await tenantManager()).getRepository(Person).findBy({ id: In([...ids]) });
  },

  /** The person recorded as the unit's head (thủ trưởng), if any: who signs for it. */
  async headOf(unitId: string): Promise<Person | null> {
    return (await tenantManager()).getRepository(Person).findOneBy({ unitId, headsUnit: true });
  },

  /**
   * For the women tie-break (R6): the share of women among each unit's recorded people, and whether the one
   * recorded as its head is a woman. Absent for a unit with nobody recorded.
   */
  async womenFacts(
    unitIds: readonly string[],
  ): Promise<Map<string, { share: number; headIsWoman: boolean }>> {
    if (!unitIds.length) return new Map();
    const rows: { unit_id: string; share: number; head_is_woman: boolean }[] = await (
      await tenantManager()
    ).query(
      `SELECT unit_id, avg((gender = 'FEMALE')::int)::float AS share,
              bool_or(heads_unit AND gender = 'FEMALE') AS head_is_woman
       FROM person WHERE unit_id = ANY($1) GROUP BY unit_id`,
      [unitIds],
    );
    return new Map(rows.map((r) => [r.unit_id, { share: r.share, headIsWoman: r.head_is_woman }]));
  },

  async create(input: {
    unitId: string;
    fullName: string;
    gender: Gender;
    position: string | null;
    headsUnit?: boolean;
  }): Promise<Person> {
    const repo = (await tenantManager()).getRepository(Person);
    if (input.headsUnit) await handOverHeads([input.unitId]);
    return repo.save(
      repo.create({
        ...input,
        provinceId: currentProvinceId(),
        fullNameSearch: foldVietnamese(input.fullName),
      }),
    );
  },

  async update(
    id: string,
    patch: Partial<Pick<Person, 'unitId' | 'fullName' | 'gender' | 'position' | 'headsUnit'>>,
  ): Promise<Person | null> {
    const repo = (await tenantManager()).getRepository(Person);
    const changes: Partial<Person> = { ...patch };
    if (patch.headsUnit) {
      const unitId = patch.unitId ?? (await repo.findOneBy({ id }))?.unitId;
      if (unitId) await handOverHeads([unitId], [id]);
    }
    if (patch.fullName !== undefined) changes.fullNameSearch = foldVietnamese(patch.fullName);
    // TypeORM refuses an UPDATE with nothing to set: an empty edit changes nothing.
    if (Object.keys(changes).length) await repo.update({ provinceId: currentProvinceId(), id }, changes);
    return repo.findOneBy({ id });
  },
};
