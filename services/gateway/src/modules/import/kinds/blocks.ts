import { importRepository, type BlockKind } from '@thidua/db';
import { blockWords, foldVietnamese } from '@thidua/domain';
import { BOUNDS } from '../../../common/bounds';
import { choice, inChunks, NameIndex, Problems, SeenKeys, text, type KindSpec } from '../check-kit';

export const BLOCK_KIND_LABELS: Record<BlockKind, string[]> = {
  BLOCK: ['Khối thi đua', 'Khối'],
  CLUSTER: ['Cụm thi đua', 'Cụm'],
};

/** Blocks and clusters by folded name (the province's unique key). */
export const blocks: KindSpec = {
  kind: 'BLOCKS',
  title: 'Khối, cụm thi đua',
  titleEn: 'Blocks and clusters',
  columns: [
    {
      key: 'name',
      header: 'Tên khối/cụm',
      en: 'Block name',
      also: ['Tên khối', 'Tên cụm'],
      required: true,
      example: 'Khối các cơ quan Đảng',
      note: 'Tên đầy đủ của khối hoặc cụm thi đua.',
    },
    {
      key: 'kind',
      header: 'Loại',
      en: 'Kind',
      required: true,
      example: 'Khối thi đua',
      note: 'Khối thi đua; Cụm thi đua',
      options: BLOCK_KIND_LABELS,
    },
    {
      key: 'description',
      header: 'Mô tả',
      en: 'Description',
      required: false,
      example: 'Các cơ quan tham mưu, giúp việc Tỉnh ủy',
      note: 'Không bắt buộc.',
    },
  ],
  async check(rows, ctx) {
    const p = new Problems(blocks);
    const existing = await importRepository.existingBlocks();
    const index = new NameIndex(
      existing,
      (b) => b.name,
      (b) => b.nameSearch,
    );
    const seen = new SeenKeys();
    const inserts: { name: string; name_search: string; kind: BlockKind; description: string | null }[] = [];
    const updates: { id: string; description: string | null }[] = [];
    let unchanged = 0;
    for (const r of rows) {
      const mark = p.count;
      const name = text(p, r, 'name', { required: true });
      const kind = choice(p, r, 'kind', BLOCK_KIND_LABELS);
      const description = text(p, r, 'description', { max: 1000 });
      if (!name) continue;
      const key = foldVietnamese(name);
      // Named as the row's kind says: a cluster's row speaks of a "cụm" (a cluster), not a "khối".
      const word = blockWords(kind);
      if (seen.repeat(p, r, 'name', key, { vi: `tên ${word.block}`, en: `${word.en} name` })) continue;
      const found = index.match(p, r, 'name', key, name, { vi: word.block, en: word.en });
      if (found && found.name === name && kind && found.kind !== kind)
        p.add(r, 'kind', {
          vi: `"${found.name}" đã có là ${BLOCK_KIND_LABELS[found.kind][0]}: không đổi loại qua nhập tệp.`,
          en: `"${found.name}" already exists as a ${blockWords(found.kind).en} ("${BLOCK_KIND_LABELS[found.kind][0]}"): an import does not change its kind.`,
        });
      if (p.count > mark || !kind) continue;
      if (!found) {
        if (existing.length + inserts.length >= BOUNDS.blocksPerProvince) {
          p.add(r, 'name', {
            vi: `${ctx.province.kind === 'CITY' ? 'Thành phố' : 'Tỉnh'} đã có đủ ${BOUNDS.blocksPerProvince} khối, cụm (số nhiều nhất cho phép).`,
            en: `The ${ctx.province.kind === 'CITY' ? 'city' : 'province'} already has ${BOUNDS.blocksPerProvince} blocks and clusters, the most it may have.`,
          });
          continue;
        }
        inserts.push({ name, name_search: key, kind, description });
      } else if (description !== null && description !== found.description)
        updates.push({ id: found.id, description });
      else unchanged++;
    }
    return {
      problems: p.list,
      counts: { created: inserts.length, updated: updates.length, unchanged },
      async write(progress) {
        const done = await inChunks(inserts, (c) => importRepository.insertBlocks(c), progress);
        await inChunks(updates, (c) => importRepository.updateBlocks(c), progress, done);
      },
    };
  },
};
