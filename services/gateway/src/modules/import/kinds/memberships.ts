import { importRepository, type BlockKind, type ExistingMembership } from '@thidua/db';
import { blockWords } from '@thidua/domain';
import { runsYear } from '../../history/province-years';
import { date, inChunks, NameIndex, Problems, SeenKeys, text, type KindSpec, type Row } from '../check-kit';
import { unitIndex } from './persons';
import { BLOCK_OR_CLUSTER, span, spanEn, UNIT } from './words';

interface Line {
  r: Row;
  blockId: string;
  blockKind: BlockKind;
  unitId: string;
  from: string;
  to: string | null;
  existing: ExistingMembership | undefined;
}

const YEAR_WORDS = {
  headYears: { vi: 'trưởng', en: 'head' },
  deputyYears: { vi: 'phó', en: 'deputy' },
} as const;
const overlaps = (a: { from: string; to: string | null }, b: { from: string; to: string | null }) =>
  a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

/** "2024, 2025" (commas, semicolons or spaces) → [2024, 2025]; null with its problem when not years. */
function years(p: Problems, r: Row, key: keyof typeof YEAR_WORDS): number[] | null {
  const raw = r.get(key).trim();
  if (!raw) return [];
  const parts = raw.split(/[,;\s]+/).filter(Boolean);
  if (!parts.every((y) => /^\d{4}$/.test(y) && +y >= 1990 && +y <= 2100))
    return p.add(r, key, {
      vi: `"${raw}" không phải danh sách năm: ghi các năm cách nhau bởi dấu phẩy, ví dụ 2025, 2026.`,
      en: `"${raw}" is not a list of years: write the years separated by commas, for example 2025, 2026.`,
    });
  return [...new Set(parts.map(Number))];
}

/**
 * Memberships by block, unit and first day; a unit is in one block (and one cluster) at a time. The years a member
 * was head or deputy set the block's year: one the block lacks is opened in DRAFT (this year or later); a past
 * year without a record belongs to the history pages, and a year under way keeps its head and deputy.
 */
export const memberships: KindSpec = {
  kind: 'MEMBERSHIPS',
  title: 'Thành viên khối, cụm',
  titleEn: 'Block and cluster members (head and deputy by year)',
  columns: [
    {
      key: 'block',
      header: 'Khối/cụm',
      en: 'Block',
      also: ['Khối', 'Cụm'],
      required: true,
      example: 'Khối các cơ quan Đảng',
      note: 'Tên khối hoặc cụm đã có trong tỉnh.',
    },
    {
      key: 'unit',
      header: 'Đơn vị',
      en: 'Unit',
      required: true,
      example: 'Văn phòng Tỉnh ủy',
      note: 'Tên đơn vị đã có trong tỉnh.',
    },
    {
      key: 'from',
      header: 'Từ ngày',
      en: 'From',
      required: true,
      example: '01/01/2025',
      note: 'Ngày đơn vị vào khối, cụm. Nhận biết trùng theo khối, cụm, đơn vị và ngày này.',
    },
    {
      key: 'to',
      header: 'Đến ngày',
      en: 'To',
      required: false,
      example: '',
      note: 'Ngày cuối cùng là thành viên; để trống nếu vẫn là thành viên.',
    },
    {
      key: 'headYears',
      header: 'Trưởng khối/cụm năm',
      en: 'Head in years',
      also: ['Trưởng khối năm', 'Trưởng cụm năm'],
      required: false,
      example: '2025',
      note: 'Các năm đơn vị là trưởng khối, cụm, cách nhau bởi dấu phẩy.',
    },
    {
      key: 'deputyYears',
      header: 'Phó khối/cụm năm',
      en: 'Deputy in years',
      also: ['Phó khối năm', 'Phó cụm năm'],
      required: false,
      example: '',
      note: 'Các năm đơn vị là phó khối, cụm.',
    },
  ],
  async check(rows, ctx) {
    const p = new Problems(memberships);
    const blockList = await importRepository.existingBlocks();
    const blocksByName = new NameIndex(
      blockList,
      (b) => b.name,
      (b) => b.nameSearch,
    );
    const blockNames = new Map(blockList.map((b) => [b.id, b.name]));
    const unitsByName = await unitIndex();
    const stored = await importRepository.existingMemberships();
    const byKey = new Map(stored.map((m) => [`${m.blockId}:${m.unitId}:${m.validFrom}`, m]));
    const storedYears = new Map(
      (await importRepository.existingYears()).map((y) => [`${y.blockId}:${y.year}`, y]),
    );
    const seen = new SeenKeys();
    const lines: Line[] = [];
    const claims = new Map<
      string,
      { head?: { unitId: string; r: Row }; deputy?: { unitId: string; r: Row } }
    >();
    const changedRows = new Set<number>();

    for (const r of rows) {
      const mark = p.count;
      const blockName = text(p, r, 'block', { required: true });
      const unitName = text(p, r, 'unit', { required: true });
      const from = date(p, r, 'from', true);
      const to = date(p, r, 'to');
      if (from && to && to < from)
        p.add(r, 'to', {
          vi: `Ngày kết thúc trước ngày bắt đầu (${span(from, to)}).`,
          en: `The end date is before the start date (${spanEn(from, to)}).`,
        });
      const heads = years(p, r, 'headYears');
      const deputies = years(p, r, 'deputyYears');
      const block = blockName ? blocksByName.resolve(p, r, 'block', blockName, BLOCK_OR_CLUSTER) : null;
      const unit = unitName ? unitsByName.resolve(p, r, 'unit', unitName, UNIT) : null;
      if (p.count > mark || !block || !unit || !from || !heads || !deputies) continue;
      const key = `${block.id}:${unit.id}:${from}`;
      const { block: word, en } = blockWords(block.kind);
      if (
        seen.repeat(p, r, 'from', key, {
          vi: `${word}, đơn vị và ngày bắt đầu`,
          en: `${en}, unit and start date`,
        })
      )
        continue;
      const existing = byKey.get(key);
      const line: Line = {
        r,
        blockId: block.id,
        blockKind: block.kind,
        unitId: unit.id,
        from,
        to: to ?? existing?.validTo ?? null,
        existing,
      };
      lines.push(line);
      for (const [field, list, role] of [
        ['headYears', heads, 'head'],
        ['deputyYears', deputies, 'deputy'],
      ] as const) {
        for (const y of list) {
          if (!overlaps(line, { from: `${y}-01-01`, to: `${y}-12-31` })) {
            p.add(r, field, {
              vi: `Năm ${y} đơn vị không là thành viên ${word} (${span(line.from, line.to)}).`,
              en: `In ${y} the unit is not a member of the ${en} (its membership runs ${spanEn(line.from, line.to)}).`,
            });
            continue;
          }
          const claim = claims.get(`${block.id}:${y}`) ?? {};
          const other = claim[role];
          if (other && other.unitId !== unit.id)
            p.add(r, field, {
              vi: `Năm ${y} ${word} đã có ${YEAR_WORDS[field].vi} ${word} ở dòng ${other.r.row}.`,
              en: `For ${y}, the ${en}'s ${YEAR_WORDS[field].en} is already named on row ${other.r.row}.`,
            });
          else claim[role] = { unitId: unit.id, r };
          claims.set(`${block.id}:${y}`, claim);
        }
      }
    }

    // A unit is in one block of each kind at a time: the file's rows against each other and against what is stored
    // (a stored membership the file names by its key is replaced by the file's row).
    const named = new Set(lines.map((l) => l.existing?.id).filter(Boolean));
    const intervals = new Map<
      string,
      { from: string; to: string | null; blockId: string; row?: number; id?: string }[]
    >();
    const add = (
      unitKind: string,
      i: { from: string; to: string | null; blockId: string; row?: number; id?: string },
    ) => intervals.set(unitKind, [...(intervals.get(unitKind) ?? []), i]);
    for (const m of stored)
      if (!named.has(m.id)) add(`${m.unitId}:${m.blockKind}`, { ...m, from: m.validFrom, to: m.validTo });
    for (const l of lines)
      add(`${l.unitId}:${l.blockKind}`, { from: l.from, to: l.to, blockId: l.blockId, row: l.r.row });
    for (const l of lines) {
      const clash = intervals
        .get(`${l.unitId}:${l.blockKind}`)!
        .find((o) => o.row !== l.r.row && overlaps(l, o));
      if (!clash) continue;
      const where = clash.row ? `dòng ${clash.row} của tệp` : 'dữ liệu đã có';
      const whereEn = clash.row ? `row ${clash.row} of the file` : 'data already recorded';
      const words = blockWords(l.blockKind);
      p.add(l.r, 'from', {
        vi:
          `Chồng thời gian: đơn vị đã thuộc "${blockNames.get(clash.blockId)}" ${span(clash.from, clash.to)} (${where}); ` +
          `mỗi lúc đơn vị chỉ ở một ${words.block}.`,
        en:
          `Overlapping dates: the unit already belongs to "${blockNames.get(clash.blockId)}" ${spanEn(clash.from, clash.to)} ` +
          `(${whereEn}); a unit is in only one ${words.en} at a time.`,
      });
    }

    // Head and deputy of each block year named in the file.
    const thisYear = Number(ctx.today.slice(0, 4));
    const yearWrites: {
      block_id: string;
      year: number;
      head_unit_id: string | null;
      deputy_unit_id: string | null;
    }[] = [];
    for (const [key, claim] of claims) {
      const [blockId, y] = [key.slice(0, 36), Number(key.slice(37))];
      const at = storedYears.get(key);
      const head = claim.head?.unitId ?? at?.headUnitId ?? null;
      const deputy = claim.deputy?.unitId ?? at?.deputyUnitId ?? null;
      const first = (claim.head ?? claim.deputy)!;
      const { block: word, en } = blockWords(blockList.find((b) => b.id === blockId)?.kind);
      const field = claim.head ? 'headYears' : 'deputyYears';
      if (head && head === deputy) {
        p.add((claim.deputy ?? first).r, 'deputyYears', {
          vi: `Năm ${y} trưởng ${word} và phó ${word} là cùng một đơn vị.`,
          en: `In ${y} the head and the deputy of the ${en} are the same unit.`,
        });
        continue;
      }
      if (at && head === at.headUnitId && deputy === at.deputyUnitId) continue;
      if (at && at.state !== 'DRAFT') {
        p.add(first.r, field, {
          vi: `Năm ${y} của ${word} đã bắt đầu (${at.state}): trưởng, phó ${word} không đổi được nữa.`,
          en: `The ${en}'s year ${y} has already started (${at.state}): its head and deputy can no longer be changed.`,
        });
        continue;
      }
      if (!at && y < thisYear) {
        p.add(first.r, field, {
          vi: `Năm ${y} đã qua và ${word} chưa có năm này: ghi năm cũ ở trang lịch sử (từ biên bản).`,
          en: `${y} is over and the ${en} has no record of that year: enter past years on the history page (from the minutes).`,
        });
        continue;
      }
      if (!runsYear(ctx.province, y)) {
        p.add(first.r, field, {
          vi: `${ctx.province.name} không tổ chức năm thi đua ${y}.`,
          en: `${ctx.province.name} does not hold an emulation year ${y}.`,
        });
        continue;
      }
      yearWrites.push({
        block_id: blockId,
        year: y,
        head_unit_id: claim.head?.unitId ?? null,
        deputy_unit_id: claim.deputy?.unitId ?? null,
      });
      for (const c of [claim.head, claim.deputy]) if (c) changedRows.add(c.r.row);
    }

    const updates = lines
      .filter((l) => l.existing && l.existing.validTo !== l.to)
      .map((l) => ({ id: l.existing!.id, valid_to: l.to }));
    const inserts = lines
      .filter((l) => !l.existing)
      .map((l) => ({
        block_id: l.blockId,
        block_kind: l.blockKind,
        unit_id: l.unitId,
        valid_from: l.from,
        valid_to: l.to,
      }));
    const updated = lines.filter(
      (l) => l.existing && (l.existing.validTo !== l.to || changedRows.has(l.r.row)),
    ).length;
    return {
      problems: p.list,
      counts: { created: inserts.length, updated, unchanged: lines.length - inserts.length - updated },
      async write(progress) {
        await inChunks(
          [...updates.map((u) => ({ u })), ...inserts.map((i) => ({ i }))],
          (c) =>
            importRepository.writeMemberships(
              c.flatMap((x) => ('u' in x ? [x.u] : [])),
              c.flatMap((x) => ('i' in x ? [x.i] : [])),
            ),
          progress,
        );
        await importRepository.writeYearHeads(yearWrites);
      },
    };
  },
};
